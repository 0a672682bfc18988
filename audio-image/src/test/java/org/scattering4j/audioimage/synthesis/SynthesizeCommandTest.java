package org.scattering4j.audioimage.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.cli.Main;
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.data.io.Npy;
import org.scattering4j.data.io.WavReader;
import org.scattering4j.data.io.WavWriter;
import org.scattering4j.util.NdArray;

class SynthesizeCommandTest {
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

    private Path tinyWav() throws IOException {
        Random r = new Random(1);
        double[] x = new double[4000];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.2 * (1 + Math.sin(2 * Math.PI * i / 400.0)) * r.nextGaussian();
        }
        Path p = dir.resolve("tiny.wav");
        WavWriter.write(p, x, 8000, WavWriter.Format.PCM_16);
        return p;
    }

    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void synthesisesATinySoundWithBaselineAndFigures() throws IOException {
        Path in = tinyWav();
        Path out = dir.resolve("s.wav");
        int code = run("synthesize", "--in", in.toString(), "--out", out.toString(), "--J", "5", "--Q", "2",
                "--seconds", "0.25", "--iterations", "8", "--seed", "3", "--figure", dir.resolve("f.png").toString(),
                "--spectrum", dir.resolve("p.png").toString());
        assertEquals(0, code, errBytes.toString(StandardCharsets.UTF_8));
        String err = errBytes.toString(StandardCharsets.UTF_8);
        assertTrue(err.contains("iteration    1  loss"), err);
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("Gaussian baseline"));
        WavReader.Audio a = WavReader.read(out);
        assertEquals(2000, a.samples().length);
        assertEquals(8000, a.info().sampleRate());
        assertTrue(Files.size(dir.resolve("s-gaussian.wav")) > 0);
        assertTrue(Files.size(dir.resolve("f.png")) > 0 && Files.size(dir.resolve("p.png")) > 0);
        // same seed, same output
        Path out2 = dir.resolve("t.wav");
        assertEquals(0, run("synthesize", "--in", in.toString(), "--out", out2.toString(), "--J", "5", "--Q", "2",
                "--seconds", "0.25", "--iterations", "8", "--seed", "3", "--no-gaussian", "--quiet"));
        assertArrayEquals(a.samples(), WavReader.read(out2).samples(), 0.0);
        assertTrue(!Files.exists(dir.resolve("t-gaussian.wav")));
    }

    @Test
    void startsFromTheGaussianBaselineAndStopsAtTheTarget() throws IOException {
        Path in = tinyWav();
        Path out = dir.resolve("g.wav");
        assertEquals(0, run("synthesize", "--in", in.toString(), "--out", out.toString(), "--J", "5", "--Q", "2",
                "--seconds", "0.25", "--iterations", "500", "--seed", "3", "--start", "gaussian", "--target", "0.5",
                "--precondition", "0.5", "--no-gaussian"), errBytes.toString(StandardCharsets.UTF_8));
        String o = outBytes.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("start gaussian, preconditioner alpha 0.5"), o);
        // a loose target is met long before 500 iterations
        assertTrue(o.contains("stopped by listener"), o);
        assertEquals(1, run("synthesize", "--in", in.toString(), "--out", out.toString(), "--start", "pink"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--start pink"));
        assertEquals(1, run("synthesize", "--in", in.toString(), "--out", out.toString(), "--target", "-1"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--target"));
        assertEquals(1, run("synthesize", "--in", in.toString(), "--out", out.toString(), "--precondition", "-0.5"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--precondition"));
    }

    @Test
    void synthesisesATinyImage() throws IOException {
        Random r = new Random(2);
        double[] v = new double[32 * 32];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(r.nextGaussian());
        }
        Path in = dir.resolve("img.npy");
        Npy.write(in, new NdArray(new int[] {32, 32}, v));
        Path out = dir.resolve("x.png");
        int code = run("synthesize", "--in", in.toString(), "--out", out.toString(), "--J", "2", "--L", "4",
                "--iterations", "5", "--histogram", dir.resolve("h.png").toString());
        assertEquals(0, code, errBytes.toString(StandardCharsets.UTF_8));
        assertEquals(32, ImageReader.read(out).length);
        assertArrayEquals(new int[] {32, 32}, Npy.read(dir.resolve("x.npy")).shape());
        assertTrue(Files.exists(dir.resolve("x-gaussian.png")) && Files.exists(dir.resolve("x-gaussian.npy")));
        assertTrue(outBytes.toString(StandardCharsets.UTF_8).contains("skewness"));
        // a PNG input, cropped
        Path png = dir.resolve("in.png");
        assertEquals(0, run("synthesize", "--in", out.toString(), "--out", png.toString(), "--J", "2", "--L", "2",
                "--crop", "16", "--iterations", "2", "--no-gaussian", "--quiet"));
        assertEquals(16, ImageReader.read(png).length);
    }

    @Test
    void badInputFailsWithoutOutput() throws IOException {
        Path wav = tinyWav();
        long before = files();
        assertEquals(1, run("synthesize", "--in", wav.toString(), "--out", dir.resolve("a.wav").toString(),
                "--seconds", "0"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("--seconds"));
        assertEquals(1, run("synthesize", "--in", wav.toString(), "--out", dir.resolve("a.wav").toString(),
                "--seconds", "-1"));
        // J too large for 0.05 s (400 samples)
        assertEquals(1, run("synthesize", "--in", wav.toString(), "--out", dir.resolve("a.wav").toString(),
                "--seconds", "0.05", "--J", "10"));
        assertEquals(1, run("synthesize", "--in", wav.toString(), "--out", dir.resolve("a.png").toString()));
        double[] v = new double[24 * 24];
        v[5] = Double.NaN;
        Path nan = dir.resolve("nan.npy");
        Npy.write(nan, new NdArray(new int[] {24, 24}, v));
        before = files();
        assertEquals(1, run("synthesize", "--in", nan.toString(), "--out", dir.resolve("b.png").toString(), "--J",
                "2"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("finite"));
        v[5] = 1;
        Npy.write(nan, new NdArray(new int[] {24, 24}, v));
        // 24 is not a multiple of 2^4
        assertEquals(1, run("synthesize", "--in", nan.toString(), "--out", dir.resolve("b.png").toString(), "--J",
                "4"));
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).contains("2^J"));
        assertEquals(2, run("synthesize", "--in", nan.toString(), "--out", dir.resolve("b.png").toString(), "--bogus",
                "1"));
        assertEquals(1, run("synthesize", "--in", dir.resolve("missing.wav").toString(), "--out",
                dir.resolve("b.wav").toString()));
        assertEquals(before, files());
    }
}
