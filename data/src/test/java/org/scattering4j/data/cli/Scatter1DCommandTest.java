package org.scattering4j.data.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.cli.Main;
import org.scattering4j.data.io.Npy;
import org.scattering4j.scattering.Scattering1D;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

/** {@code scatter1d} end to end through {@link Main#run}: results, meta, and error paths. */
class Scatter1DCommandTest {
    @TempDir
    Path dir;

    private String lastErr;
    private String lastOut;

    private int run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        lastOut = o.toString(StandardCharsets.UTF_8);
        lastErr = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path input(int[] shape, double[] data) throws Exception {
        Path p = dir.resolve("x.npy");
        Npy.write(p, new NdArray(shape, data));
        return p;
    }

    private static double[] noise(int n, long seed) {
        Random r = new Random(seed);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian();
        }
        return d;
    }

    @Test
    void writesTheLibraryResultAndMeta() throws Exception {
        double[] data = noise(3 * 256, 1);
        Path in = input(new int[] {3, 256}, data);
        Path out = dir.resolve("S.npy");
        Path meta = dir.resolve("sub/meta.json");
        assertEquals(0, run("scatter1d", "--J", "3", "--Q", "4", "--in", in.toString(), "--out", out.toString(),
                "--meta", meta.toString()), lastErr);
        NdArray got = Npy.read(out);
        Scattering1D s = new Scattering1D(3, 256, 4);
        double[][] rows = {java.util.Arrays.copyOfRange(data, 0, 256), java.util.Arrays.copyOfRange(data, 256, 512),
            java.util.Arrays.copyOfRange(data, 512, 768)};
        NdArray expected = s.transform(rows);
        assertArrayEquals(expected.shape(), got.shape());
        assertArrayEquals(expected.data(), got.data(), 0.0);
        Map<String, Object> m = Json.asObject(Json.parse(meta));
        List<Object> channels = Json.asList(m.get("channels"));
        assertEquals(s.outputSize(), channels.size());
        Map<String, Object> last = Json.asObject(channels.get(channels.size() - 1));
        assertEquals(2, Json.asInt(last.get("order")));
        assertEquals(256, Json.asInt(Json.asObject(m.get("parameters")).get("shape")));
        assertTrue(lastOut.contains("(3, " + s.outputSize() + ", " + s.outputLength() + ")"), lastOut);
    }

    @Test
    void acceptsOneDimensionalInputAndAllOptions() throws Exception {
        double[] data = noise(300, 2);
        Path in = input(new int[] {300}, data);
        Path out = dir.resolve("S.npy");
        assertEquals(0, run("scatter1d", "--J", "4", "--Q", "3", "--Q2", "2", "--T", "24", "--stride", "4",
                "--max-order", "2", "--in", in.toString(), "--out", out.toString()), lastErr);
        Scattering1D s = Scattering1D.builder(4, 300).q(3, 2).T(24).stride(4).build();
        NdArray got = Npy.read(out);
        assertArrayEquals(new int[] {1, s.outputSize(), s.outputLength()}, got.shape());
        double[][] e = s.transform(data);
        assertEquals(e[7][3], got.get(0, 7, 3), 0.0);

        assertEquals(0, run("scatter1d", "--J", "4", "--T", "global", "--max-order", "1", "--in", in.toString(),
                "--out", out.toString()), lastErr);
        Scattering1D g = Scattering1D.builder(4, 300).globalAveraging().maxOrder(1).build();
        got = Npy.read(out);
        assertArrayEquals(new int[] {1, g.outputSize(), 1}, got.shape());
        assertEquals(g.transform(data)[5][0], got.get(0, 5, 0), 0.0);
    }

    @Test
    void badInputLeavesNoOutput() throws Exception {
        Path out = dir.resolve("S.npy");
        Path meta = dir.resolve("meta.json");
        String o = out.toString();
        String m = meta.toString();

        assertEquals(1, run("scatter1d", "--J", "3", "--in", dir.resolve("missing.npy").toString(), "--out", o,
                "--meta", m));
        assertTrue(lastErr.contains("missing.npy"), lastErr);
        assertNoOutput(out, meta);

        Path cube = input(new int[] {2, 2, 64}, new double[256]);
        assertEquals(1, run("scatter1d", "--J", "3", "--in", cube.toString(), "--out", o, "--meta", m));
        assertTrue(lastErr.contains("[2, 2, 64]") && lastErr.contains("(batch, N)"), lastErr);
        assertNoOutput(out, meta);

        double[] nan = new double[2 * 64];
        nan[64 + 9] = Double.NaN;
        Path bad = input(new int[] {2, 64}, nan);
        assertEquals(1, run("scatter1d", "--J", "3", "--in", bad.toString(), "--out", o, "--meta", m));
        assertTrue(lastErr.contains("row 1") && lastErr.contains("sample 9") && lastErr.contains("NaN"), lastErr);
        assertNoOutput(out, meta);

        Path fine = input(new int[] {2, 64}, new double[128]);
        assertEquals(1, run("scatter1d", "--J", "9", "--in", fine.toString(), "--out", o, "--meta", m));
        assertTrue(lastErr.contains("J = 9"), lastErr);
        assertEquals(2, run("scatter1d", "--J", "abc", "--in", fine.toString(), "--out", o));
        assertTrue(lastErr.contains("--J"), lastErr);
        assertEquals(2, run("scatter1d", "--J", "3", "--T", "often", "--in", fine.toString(), "--out", o));
        assertEquals(2, run("scatter1d", "--J", "3", "--bogus", "1", "--in", fine.toString(), "--out", o));
        assertTrue(lastErr.contains("--bogus"), lastErr);
        assertEquals(2, run("scatter1d", "--J", "3", "--in", fine.toString()));
        assertTrue(lastErr.contains("--out"), lastErr);
        assertEquals(1, run("scatter1d", "--J", "3", "--stride", "3", "--in", fine.toString(), "--out", o));
        assertTrue(lastErr.contains("stride = 3"), lastErr);
        assertNoOutput(out, meta);
    }

    private void assertNoOutput(Path out, Path meta) throws Exception {
        assertFalse(Files.exists(out), "output written despite the error");
        assertFalse(Files.exists(meta), "meta written despite the error");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary file left behind");
        }
    }

    /** The committed example is exactly what {@link ExampleSignals} generates, and it runs. */
    @Test
    void bundledExampleMatchesItsGeneratorAndTransforms() throws Exception {
        Path example = Path.of("examples/chirp.npy");
        NdArray x = Npy.read(example);
        NdArray g = ExampleSignals.chirpExample();
        assertArrayEquals(g.shape(), x.shape());
        assertArrayEquals(g.data(), x.data(), 1e-15);
        Path out = dir.resolve("S.npy");
        assertEquals(0, run("scatter1d", "--J", "6", "--Q", "8", "--in", example.toString(), "--out", out.toString()),
                lastErr);
        assertArrayEquals(new int[] {4, 126, 64}, Npy.read(out).shape());
    }
}
