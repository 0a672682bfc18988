package org.scattering4j.data.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.cli.Main;
import org.scattering4j.data.io.Npy;
import org.scattering4j.scattering.HarmonicScattering3D;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

class Scatter3DCommandTest {
    @TempDir
    Path dir;

    private int run(ByteArrayOutputStream err, String... argv) {
        return Main.run(argv, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    }

    @Test
    void writesKymatioLayoutAndOrder0() throws Exception {
        // the 32^3 reference input and its official Kymatio outputs (float64-filter variant)
        Map<String, Object> c = SharedData.caseById("s3d_32x32x32_J2_L2_sigma1_order2");
        NdArray x = SharedData.readF64((String) c.get("input"), Json.asIntArray(c.get("input_shape")));
        Path in = dir.resolve("x.npy");
        Npy.write(in, x);
        Path out = dir.resolve("s.npy");
        Path out0 = dir.resolve("s0.npy");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "scatter3d", "--J", "2", "--L", "2", "--sigma0", "1.0", "--powers", "0.5,1,2,3",
                "--in", in.toString(), "--out", out.toString(), "--order0", out0.toString());
        assertEquals(0, code, err.toString());
        NdArray s = Npy.read(out);
        assertArrayEquals(new int[] {2, 6, 3, 4}, s.shape());
        NdArray want = SharedData.readF64(Json.asObject(c.get("output_f64filters_variant")));
        for (int i = 0; i < s.size(); i++) {
            double tol = (i % 4 == 0 ? 1e-5 : 1e-6) * Math.max(1, Math.abs(want.data()[i]));
            assertEquals(want.data()[i], s.data()[i], tol, "entry " + i);
        }
        NdArray s0 = Npy.read(out0);
        assertArrayEquals(new int[] {2, 4}, s0.shape());
        NdArray want0 = SharedData.readF64(Json.asObject(c.get("output_order0")));
        for (int i = 0; i < s0.size(); i++) {
            assertEquals(want0.data()[i], s0.data()[i], 1e-6 * Math.abs(want0.data()[i]));
        }
    }

    @Test
    void multiresAndNonCovariantFlagsAreHonoured() throws Exception {
        double[] vol = new double[16 * 12 * 10];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < vol.length; i++) {
            vol[i] = r.nextDouble();
        }
        Path in = dir.resolve("x.npy");
        Npy.write(in, new NdArray(new int[] {1, 16, 12, 10}, vol));
        Path out = dir.resolve("s.npy");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run(err, "scatter3d", "--J", "1", "--L", "1", "--max-order", "1",
                "--no-rotation-covariant", "--in", in.toString(), "--out", out.toString()), err.toString());
        NdArray direct = HarmonicScattering3D.builder(1, 16, 12, 10).L(1).maxOrder(1).rotationCovariant(false)
                .build().transform(new double[][] {vol});
        assertArrayEquals(direct.data(), Npy.read(out).data(), 1e-12);
        assertArrayEquals(new int[] {1, 2, 2, 3}, Npy.read(out).shape());
    }

    @Test
    void badInputLeavesNoOutput() throws Exception {
        Path in = dir.resolve("x.npy");
        Npy.write(in, new NdArray(new int[] {4, 5}, new double[20]));
        Path out = dir.resolve("s.npy");
        Path out0 = dir.resolve("s0.npy");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, run(err, "scatter3d", "--J", "1", "--in", in.toString(), "--out", out.toString(),
                "--order0", out0.toString()));
        assertTrue(err.toString().contains("(batch, M, N, O)"), err.toString());
        Npy.write(in, new NdArray(new int[] {1, 4, 4, 4}, new double[64]));
        err.reset();
        assertEquals(1, run(err, "scatter3d", "--J", "-1", "--in", in.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("J = -1"), err.toString());
        err.reset();
        assertEquals(2, run(err, "scatter3d", "--in", in.toString(), "--out", out.toString()));
        assertTrue(err.toString().contains("--J"), err.toString());
        err.reset();
        assertEquals(2, run(err, "scatter3d", "--J", "1", "--bogus", "1", "--in", in.toString(), "--out",
                out.toString()));
        err.reset();
        assertEquals(1, run(err, "scatter3d", "--J", "1", "--powers", "0.5,-1", "--in", in.toString(), "--out",
                out.toString()));
        assertTrue(err.toString().contains("integralPowers[1] = -1.0"), err.toString());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(out0));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the input remains");
        }
    }
}
