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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.cli.Main;
import org.scattering4j.data.io.Npy;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

class Scatter2DCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... argv) {
        outBytes.reset();
        errBytes.reset();
        return Main.run(argv, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scattersKymatiosReferenceImagesEndToEnd() throws Exception {
        Map<String, Object> c = SharedData.caseById("s2d_32x32_J2_L8_order2");
        NdArray x = SharedData.readF64((String) c.get("input"), Json.asIntArray(c.get("input_shape")));
        Path in = dir.resolve("x.npy");
        Npy.write(in, x);
        Path out = dir.resolve("sub/S.npy");
        Path meta = dir.resolve("meta.json");
        assertEquals(0, run("scatter2d", "--J", "2", "--L", "8", "--in", in.toString(), "--out", out.toString(),
                "--meta", meta.toString()), err());
        NdArray s = Npy.read(out);
        NdArray want = SharedData.readF64(Json.asObject(c.get("output_f64filters_variant")));
        assertArrayEquals(new int[] {4, 81, 8, 8}, s.shape());
        double max = 0;
        for (double v : want.data()) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < s.size(); i++) {
            assertEquals(want.data()[i], s.data()[i], 1e-10 * max);
        }
        Map<String, Object> m = Json.asObject(Json.parse(meta));
        List<Object> channels = Json.asList(m.get("channels"));
        assertEquals(81, channels.size());
        assertEquals(List.of(0.0, 8.0), Json.asObject(channels.get(17)).get("n"));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("(4, 81, 8, 8)"));
    }

    @Test
    void oneImageOfShapeMxNIsABatchOfOne() throws Exception {
        Random rnd = new Random(2);
        double[] img = new double[20 * 12];
        for (int i = 0; i < img.length; i++) {
            img[i] = rnd.nextGaussian();
        }
        Path in = dir.resolve("one.npy");
        Npy.write(in, new NdArray(new int[] {20, 12}, img), Npy.DType.FLOAT32);
        Path out = dir.resolve("one_S.npy");
        assertEquals(0, run("scatter2d", "--J", "1", "--L", "4", "--max-order", "1", "--in", in.toString(), "--out",
                out.toString()), err());
        NdArray s = Npy.read(out);
        assertArrayEquals(new int[] {1, 5, 10, 6}, s.shape());
        double[] asRead = Npy.read(in).data();
        assertArrayEquals(new Scattering2D(1, 20, 12, 4, 1).transform(asRead).data(), s.data(), 0);
    }

    @Test
    void badInputFailsWithAMessageAndLeavesNoFile() throws Exception {
        Path out = dir.resolve("never.npy");
        Path meta = dir.resolve("never.json");
        Path in = dir.resolve("x.npy");
        double[] v = new double[2 * 8 * 8];
        Npy.write(in, new NdArray(new int[] {2, 8, 8}, v));

        // 2^J larger than the image
        assertEquals(1, run("scatter2d", "--J", "4", "--in", in.toString(), "--out", out.toString(), "--meta",
                meta.toString()));
        assertTrue(err().contains("M = 8") && err().contains("2^J = 16"), err());
        // a NaN pixel is named by image, row and column
        v[64 + 3 * 8 + 5] = Double.NaN;
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, new NdArray(new int[] {2, 8, 8}, v));
        assertEquals(1, run("scatter2d", "--J", "2", "--in", nan.toString(), "--out", out.toString()));
        assertTrue(err().contains("image 1 row 3 col 5 is NaN"), err());
        // wrong rank
        Path flat = dir.resolve("flat.npy");
        Npy.write(flat, new NdArray(new int[] {64}, new double[64]));
        assertEquals(1, run("scatter2d", "--J", "2", "--in", flat.toString(), "--out", out.toString()));
        assertTrue(err().contains("expected (batch, M, N) or (M, N)"), err());
        // bad max order and L
        assertEquals(1, run("scatter2d", "--J", "2", "--max-order", "3", "--in", in.toString(), "--out", out.toString()));
        assertTrue(err().contains("maxOrder = 3"), err());
        assertEquals(1, run("scatter2d", "--J", "2", "--L", "0", "--in", in.toString(), "--out", out.toString()));
        assertTrue(err().contains("L = 0"), err());
        // missing input file
        assertEquals(1, run("scatter2d", "--J", "2", "--in", dir.resolve("nope.npy").toString(), "--out", out.toString()));
        assertTrue(err().contains("no such file"), err());
        // usage errors: exit 2
        assertEquals(2, run("scatter2d", "--in", in.toString(), "--out", out.toString()));
        assertTrue(err().contains("--J"), err());
        assertEquals(2, run("scatter2d", "--J", "two", "--in", in.toString(), "--out", out.toString()));
        assertEquals(2, run("scatter2d", "--J", "2", "--bogus", "1", "--in", in.toString(), "--out", out.toString()));
        assertTrue(err().contains("unknown option --bogus"), err());

        assertFalse(Files.exists(out), "no output after failures");
        assertFalse(Files.exists(meta), "no meta after failures");
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files left");
        }
    }
}
