package org.scattering4j.audioimage.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.scattering4j.data.io.WavReader;
import org.scattering4j.testing.SharedData;

class FsddFeaturesTest {
    private final AtomicReference<double[]> seen = new AtomicReference<>();

    /** A stand-in transform: order 0 = y, order 1 = y, order 2 = y^2 (every other sample). */
    private ScatteringTransform1D fake(int n) {
        return ScatteringTransform1D.of(n, new int[] {0, 1, 2}, y -> {
            seen.set(y.clone());
            double[] sq = new double[n / 2];
            for (int i = 0; i < sq.length; i++) {
                sq[i] = y[2 * i] * y[2 * i];
            }
            return new double[][] {y.clone(), y.clone(), sq};
        });
    }

    private static double meanLog(double[] v, double eps) {
        double s = 0;
        for (double x : v) {
            s += Math.log(Math.abs(x) + eps);
        }
        return s / v.length;
    }

    @Test
    void shortClipIsNormalisedCentredLoggedAndAveragedWithoutOrderZero() {
        FsddFeatures fx = new FsddFeatures(fake(16), 8000, new LengthRule(16, LengthRule.Crop.START, 1), 1e-6);
        double[] x = {1, -2, 0.5};
        double[] f = fx.extract(x);
        assertArrayEquals(new double[] {1, -2, 0.5}, x, "input unchanged");
        double[] y = new double[16];
        y[6] = 0.5; // start (16 - 3) / 2 = 6, divided by max |x| = 2
        y[7] = -1;
        y[8] = 0.25;
        assertArrayEquals(y, seen.get(), 0);
        double[] sq = new double[8];
        for (int i = 0; i < 8; i++) {
            sq[i] = y[2 * i] * y[2 * i];
        }
        assertEquals(2, fx.dimension());
        assertArrayEquals(new double[] {meanLog(y, 1e-6), meanLog(sq, 1e-6)}, f, 1e-15);
    }

    private static double stdLog(double[] v, double eps) {
        double m = meanLog(v, eps);
        double s = 0;
        for (double x : v) {
            double d = Math.log(Math.abs(x) + eps) - m;
            s += d * d;
        }
        return Math.sqrt(s / v.length);
    }

    /** Order 0 = y, order 1 = |y|, order 2 = y^2 + 0.1, all of full length (as Scattering1D's channels). */
    private static ScatteringTransform1D sameLength(int n) {
        return ScatteringTransform1D.of(n, new int[] {0, 1, 2}, y -> {
            double[] a = new double[n];
            double[] q = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = Math.abs(y[i]);
                q[i] = y[i] * y[i] + 0.1;
            }
            return new double[][] {y.clone(), a, q};
        });
    }

    private static double meanLog(double[] v, int lo, int hi, double eps) {
        return meanLog(java.util.Arrays.copyOfRange(v, lo, hi), eps);
    }

    @Test
    void segmentMeansAverageEachPartOfTheSpokenSpan() {
        double[] eps = {1e-6, 1e-2};
        FsddFeatures fx = new FsddFeatures(sameLength(32), 8000, new LengthRule(32, LengthRule.Crop.START, 1), eps,
                true, 3);
        // 11 samples centred in 32: they start at (32 - 11) / 2 = 10; sample 0 and the last are below 5 % of
        // the peak, so the span is samples 11..19 (b = 20), cut into 3 parts of 3: [11,14) [14,17) [17,20)
        double[] x = {0.01, 1, -2, 0.5, 3, 0.2, -0.3, 2, 0.4, 1, 0.02};
        double[] f = fx.extract(x);
        double[] y = new double[32];
        for (int i = 0; i < x.length; i++) {
            y[10 + i] = x[i] / 3;
        }
        double[] a = new double[32];
        double[] q = new double[32];
        for (int i = 0; i < 32; i++) {
            a[i] = Math.abs(y[i]);
            q[i] = y[i] * y[i] + 0.1;
        }
        int[][] parts = {{11, 14}, {14, 17}, {17, 20}};
        assertEquals(2 * 10, fx.dimension());
        double[] expected = new double[20];
        for (int e = 0; e < 2; e++) {
            int o = 10 * e;
            expected[o] = meanLog(a, eps[e]);
            expected[o + 1] = meanLog(q, eps[e]);
            expected[o + 2] = stdLog(a, eps[e]);
            expected[o + 3] = stdLog(q, eps[e]);
            for (int g = 0; g < 3; g++) {
                expected[o + 4 + 2 * g] = meanLog(a, parts[g][0], parts[g][1], eps[e]);
                expected[o + 5 + 2 * g] = meanLog(q, parts[g][0], parts[g][1], eps[e]);
            }
        }
        assertArrayEquals(expected, f, 1e-12);
        assertArrayEquals(new int[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, fx.columns(1, true, true));
        assertArrayEquals(new int[] {0, 1, 2, 3}, fx.columns(0, true, false));
        assertArrayEquals(new int[] {10, 11}, fx.columns(1, false));
        // moving the word inside the padded clip leaves the features alone (the span follows it)
        double[] later = new double[20];
        System.arraycopy(x, 0, later, 9, x.length);
        FsddFeatures start = new FsddFeatures(sameLength(32), 8000, new LengthRule(32, LengthRule.Crop.START, 1),
                eps, true, 3);
        double[] g1 = start.extract(later);
        double[] g0 = start.extract(withZeros(x, 2, 7));
        assertArrayEquals(g0, g1, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new FsddFeatures(sameLength(32), 8000,
                new LengthRule(32, LengthRule.Crop.START, 1), eps, true, -1));
        assertThrows(IllegalArgumentException.class, () -> new FsddFeatures(sameLength(32), 8000,
                new LengthRule(32, LengthRule.Crop.START, 1), eps, true, 17));
        FsddFeatures plain = new FsddFeatures(sameLength(32), 8000, new LengthRule(32, LengthRule.Crop.START, 1),
                eps, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.columns(0, true, true));
        assertTrue(e.getMessage().contains("segments"), e.getMessage());
        // channels of unequal length cannot share one span
        FsddFeatures bad = new FsddFeatures(fake(16), 8000, new LengthRule(16, LengthRule.Crop.START, 1), eps, false,
                2);
        assertThrows(IllegalStateException.class, () -> bad.extract(new double[] {1, 2, 3}));
    }

    private static double[] withZeros(double[] x, int before, int after) {
        double[] r = new double[before + x.length + after];
        System.arraycopy(x, 0, r, before, x.length);
        return r;
    }

    @Test
    void recipeGridLaysOutMeansThenStdsPerEpsAndSelectsColumns() {
        double[] eps = {1e-6, 1e-2};
        FsddFeatures fx = new FsddFeatures(fake(16), 8000, new LengthRule(16, LengthRule.Crop.START, 1), eps, true);
        double[] x = {1, -2, 0.5, 3, 0.1};
        double[] f = fx.extract(x);
        double[] y = seen.get();
        double[] sq = new double[8];
        for (int i = 0; i < 8; i++) {
            sq[i] = y[2 * i] * y[2 * i];
        }
        assertEquals(8, fx.dimension());
        double[] expected = new double[8];
        for (int e = 0; e < 2; e++) {
            expected[4 * e] = meanLog(y, eps[e]);
            expected[4 * e + 1] = meanLog(sq, eps[e]);
            expected[4 * e + 2] = stdLog(y, eps[e]);
            expected[4 * e + 3] = stdLog(sq, eps[e]);
        }
        assertArrayEquals(expected, f, 1e-12);
        assertArrayEquals(new int[] {4, 5}, fx.columns(1, false));
        assertArrayEquals(new int[] {0, 1, 2, 3}, fx.columns(0, true));
        // the one-recipe constructor gives the first block's means
        FsddFeatures one = new FsddFeatures(fake(16), 8000, new LengthRule(16, LengthRule.Crop.START, 1), 1e-2);
        assertArrayEquals(new double[] {expected[4], expected[5]}, one.extract(x), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> one.columns(0, true));
        assertThrows(IllegalArgumentException.class, () -> fx.columns(2, false));
        assertThrows(IllegalArgumentException.class, () -> new FsddFeatures(fake(16), 8000,
                new LengthRule(16, LengthRule.Crop.START, 1), new double[] {1e-3, 0}, false));
        assertThrows(IllegalArgumentException.class, () -> new FsddFeatures(fake(16), 8000,
                new LengthRule(16, LengthRule.Crop.START, 1), new double[0], false));
    }

    @Test
    void longClipsAreCroppedByTheRule() {
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i + 1;
        }
        new FsddFeatures(fake(16), 8000, new LengthRule(16, LengthRule.Crop.START, 1), 1e-6).extract(x);
        assertEquals(1 / 20.0, seen.get()[0], 0);
        assertEquals(16 / 20.0, seen.get()[15], 0);
        new FsddFeatures(fake(16), 8000, new LengthRule(16, LengthRule.Crop.CENTRE, 1), 1e-6).extract(x);
        assertEquals(3 / 20.0, seen.get()[0], 0);
        FsddFeatures refuse = new FsddFeatures(fake(16), 8000, new LengthRule(16, LengthRule.Crop.REFUSE, 1), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> refuse.extract(x, "long.wav"));
        assertTrue(e.getMessage().contains("long.wav") && e.getMessage().contains("20"), e.getMessage());
    }

    @Test
    void badClipsAndSettingsAreRefusedWithReasons() {
        FsddFeatures fx = new FsddFeatures(fake(16), 8000, new LengthRule(16, LengthRule.Crop.START, 4), 1e-6);
        IllegalArgumentException shortClip = assertThrows(IllegalArgumentException.class,
                () -> fx.extract(new double[] {1, 2}, "tiny.wav"));
        assertTrue(shortClip.getMessage().contains("tiny.wav") && shortClip.getMessage().contains("minimum 4"),
                shortClip.getMessage());
        IllegalArgumentException silent = assertThrows(IllegalArgumentException.class,
                () -> fx.extract(new double[8]));
        assertTrue(silent.getMessage().contains("silent"), silent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fx.extract(new double[] {1, Double.NaN, 1, 1}));
        assertThrows(IllegalArgumentException.class, () -> new LengthRule(16, LengthRule.Crop.START, 17));
        assertThrows(IllegalArgumentException.class,
                () -> new FsddFeatures(fake(16), 8000, new LengthRule(32, LengthRule.Crop.START, 1), 1e-6));
        assertThrows(IllegalArgumentException.class, () -> new FsddFeatures(
                ScatteringTransform1D.of(16, new int[] {0}, y -> new double[][] {y}), 8000,
                new LengthRule(16, LengthRule.Crop.START, 1), 1e-6));
    }

    @Test
    void realRecordingsGoThroughAndOtherRatesAreRefused() throws IOException {
        FsddFeatures fx = FsddFeatures.kymatio(fake(8192));
        Path wav = SharedData.data("fsdd").resolve("recordings/0_george_0.wav");
        double[] f = fx.extract(WavReader.read(wav));
        assertEquals(2, f.length);
        double[] y = seen.get();
        assertEquals((8192 - 2384) / 2, firstNonZero(y), "clip centred");
        double max = 0;
        for (double v : y) {
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(1.0, max, 0);
        Path speech = SharedData.data("audio-samples").resolve("speech/librispeech_198-209-0000.wav");
        WavReader.Audio a = WavReader.read(speech);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fx.extract(a));
        assertTrue(e.getMessage().contains("16000") && e.getMessage().contains("8000"), e.getMessage());
        assertTrue(fx.describe().contains("8192"), fx.describe());
    }

    private static int firstNonZero(double[] y) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
