package org.scattering4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

/**
 * Locates the project's sibling {@code shared/} folder (reference outputs and data sets) and reads
 * Kymatio's raw {@code .f64} reference files. Tests use this one helper for every reference file.
 *
 * <p>The folder is found by walking up from the working directory to the first ancestor that has a
 * {@code shared/} sibling or child holding {@code reference/kymatio/manifest.json}; the system property
 * {@code scattering4j.shared} overrides the search.
 */
public final class SharedData {
    private static Path shared;
    private static Map<String, Object> manifest;

    private SharedData() {
    }

    /** The {@code shared/} folder. */
    public static synchronized Path shared() {
        if (shared == null) {
            String prop = System.getProperty("scattering4j.shared");
            if (prop != null) {
                shared = Path.of(prop).toAbsolutePath();
            } else {
                Path p = Path.of("").toAbsolutePath();
                while (p != null) {
                    for (Path c : new Path[] {p.resolve("shared"), p.resolveSibling("shared")}) {
                        if (c != null && Files.exists(c.resolve("reference/kymatio/manifest.json"))) {
                            shared = c;
                            return shared;
                        }
                    }
                    p = p.getParent();
                }
                throw new IllegalStateException("cannot find the shared/ folder (reference/kymatio/manifest.json) "
                        + "above " + Path.of("").toAbsolutePath() + "; set -Dscattering4j.shared=PATH");
            }
        }
        return shared;
    }

    /** {@code shared/reference/kymatio}. */
    public static Path kymatio() {
        return shared().resolve("reference/kymatio");
    }

    /** {@code shared/data/<name>}. */
    public static Path data(String name) {
        return shared().resolve("data").resolve(name);
    }

    /** The parsed {@code manifest.json}. */
    public static synchronized Map<String, Object> manifest() {
        if (manifest == null) {
            manifest = Json.asObject(Json.parse(kymatio().resolve("manifest.json")));
        }
        return manifest;
    }

    /** All cases of the manifest whose {@code transform} equals the given name. */
    public static List<Map<String, Object>> cases(String transform) {
        return Json.asList(manifest().get("cases")).stream().map(Json::asObject)
                .filter(c -> transform.equals(c.get("transform"))).toList();
    }

    /** The manifest case with the given id. */
    public static Map<String, Object> caseById(String id) {
        return Json.asList(manifest().get("cases")).stream().map(Json::asObject)
                .filter(c -> id.equals(c.get("id"))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + id + " in the manifest"));
    }

    /**
     * Reads a raw little-endian float64 file (path relative to {@code reference/kymatio}) and checks
     * that its size matches {@code shape}.
     */
    public static NdArray readF64(String relative, int[] shape) {
        Path f = kymatio().resolve(relative);
        try {
            byte[] b = Files.readAllBytes(f);
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            if (b.length != n * 8) {
                throw new IllegalStateException(f + " has " + b.length + " bytes, expected " + n * 8);
            }
            double[] d = new double[(int) n];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d);
            return new NdArray(shape, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the {@code file}/{@code shape} pair of a manifest entry such as a case's {@code output}. */
    public static NdArray readF64(Map<String, Object> entry) {
        return readF64((String) entry.get("file"), Json.asIntArray(entry.get("shape")));
    }
}
