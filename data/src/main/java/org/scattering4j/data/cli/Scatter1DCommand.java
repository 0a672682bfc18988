package org.scattering4j.data.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scattering4j.cli.Args;
import org.scattering4j.cli.Command;
import org.scattering4j.cli.UsageException;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.data.io.Npy;
import org.scattering4j.scattering.Scattering1D;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

/**
 * {@code scattering4j scatter1d}: the Kymatio-compatible 1D scattering transform of the rows of an NPY
 * file.
 *
 * <pre>
 * ./scattering4j scatter1d --J 6 --Q 8 --in data/examples/chirp.npy --out S.npy --meta meta.json
 * </pre>
 *
 * <p>The input is {@code (batch, N)} or {@code (N)} (read as one row); the output is always
 * {@code (batch, channels, time)}, float64. The meta file holds the parameters and one description per
 * channel (the {@code channels} array of Kymatio-style meta files). Both files are written only after
 * the whole batch has been transformed, each through a temporary file that is moved into place, so a
 * failure leaves no partial output.
 */
public final class Scatter1DCommand implements Command {
    @Override
    public String name() {
        return "scatter1d";
    }

    @Override
    public String summary() {
        return "1D wavelet scattering (Kymatio-compatible) of the rows of an NPY file";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: scattering4j scatter1d --J J --in X.npy --out S.npy [options]",
                "",
                "  --J J             log2 of the largest wavelet scale (1 <= J <= log2 N)",
                "  --Q Q             first-order wavelets per octave (default 1)",
                "  --Q2 Q2           second-order wavelets per octave (default 1)",
                "  --T T|global      averaging scale in samples, 1 <= T <= N (default 2^J), or 'global'",
                "                    to sum every path over time (one output sample)",
                "  --max-order 1|2   highest scattering order (default 2)",
                "  --stride S        output subsampling, a power of two <= 2^floor(log2 T) (default that)",
                "  --in X.npy        input, shape (batch, N) or (N); float64/float32/integers",
                "  --out S.npy       output, float64, shape (batch, channels, time)",
                "  --meta meta.json  optional: parameters and per-channel description (order, key, n, xi,",
                "                    sigma, j; null where the order is lower)",
                "",
                "example: scattering4j scatter1d --J 6 --Q 8 --in data/examples/chirp.npy --out S.npy --meta meta.json");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String jText = args.required("J");
        int j = parseInt("J", jText);
        int q1 = args.integer("Q", 1);
        int q2 = args.integer("Q2", 1);
        String t = args.string("T", null);
        int maxOrder = args.integer("max-order", 2);
        Integer stride = args.has("stride") ? Integer.valueOf(args.integer("stride", 0)) : null;
        Path in = args.path("in");
        Path outFile = args.path("out");
        Path metaFile = args.path("meta", null);
        args.checkNoUnknown();
        Integer tValue = null;
        boolean global = false;
        if (t != null) {
            if (t.trim().equalsIgnoreCase("global")) {
                global = true;
            } else {
                tValue = parseInt("T", t);
            }
        }

        if (!Files.isRegularFile(in)) {
            throw new IOException("--in " + in + ": no such file");
        }
        NdArray x = Npy.read(in);
        if (x.rank() != 1 && x.rank() != 2) {
            throw new IllegalArgumentException("--in " + in + " has shape " + Arrays.toString(x.shape())
                    + ": expected (batch, N) or (N)");
        }
        int n = x.dim(x.rank() - 1);
        int batch = x.rank() == 1 ? 1 : x.dim(0);
        NdArray rows = new NdArray(new int[] {batch, n}, x.data());

        Scattering1D.Builder b = Scattering1D.builder(j, n).q(q1, q2).maxOrder(maxOrder);
        if (global) {
            b.globalAveraging();
        } else if (tValue != null) {
            b.T(tValue);
        }
        if (stride != null) {
            b.stride(stride);
        }
        Scattering1D s = b.build();
        NdArray result;
        try {
            result = s.transform(rows);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--in " + in + ": " + e.getMessage(), e);
        }

        String metaJson = metaFile == null ? null : Json.write(meta(s, in), true);
        writeAll(outFile, result, metaFile, metaJson);
        out.printf("scatter1d: %d signal(s) of %d samples -> %s shape (%d, %d, %d); %s%n", batch, n, outFile,
                batch, s.outputSize(), s.outputLength(), s);
        return 0;
    }

    private static int parseInt(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option --" + name + " expects an integer" + ("T".equals(name) ? " or 'global'" : "")
                    + ", got '" + v + "'");
        }
    }

    private static Map<String, Object> meta(Scattering1D s, Path in) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("J", s.J());
        params.put("shape", s.shape());
        params.put("Q", new int[] {s.q1(), s.q2()});
        params.put("T", s.isGlobal() ? "global" : s.T());
        params.put("max_order", s.maxOrder());
        params.put("stride", s.isGlobal() ? null : s.stride());
        params.put("N_padded", s.paddedLength());
        params.put("pad_left", s.padLeft());
        params.put("pad_right", s.padRight());
        params.put("output_size_by_order", s.outputSizeByOrder());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transform", "Scattering1D");
        m.put("input", in.toString());
        m.put("output_axes", java.util.List.of("batch", "channel", "time"));
        m.put("parameters", params);
        m.put("fields", "n: filter index per order, j: log2 max subsampling of that filter, xi: centre frequency "
                + "(cycles/sample, Nyquist = 0.5), sigma: frequency width; null where the order is lower");
        m.put("channels", s.metaJson());
        return m;
    }

    /** Writes both outputs to temporary files first and moves them into place only when both are complete. */
    private static void writeAll(Path outFile, NdArray result, Path metaFile, String metaJson) throws IOException {
        Path tmpOut = AtomicFiles.newTemp(outFile);
        Path tmpMeta = metaFile == null ? null : AtomicFiles.newTemp(metaFile);
        boolean ok = false;
        try {
            Npy.write(tmpOut, result);
            if (tmpMeta != null) {
                Files.write(tmpMeta, metaJson.getBytes(StandardCharsets.UTF_8));
            }
            AtomicFiles.commit(tmpOut, outFile);
            if (tmpMeta != null) {
                AtomicFiles.commit(tmpMeta, metaFile);
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmpOut);
                if (tmpMeta != null) {
                    Files.deleteIfExists(tmpMeta);
                }
            }
        }
    }
}
