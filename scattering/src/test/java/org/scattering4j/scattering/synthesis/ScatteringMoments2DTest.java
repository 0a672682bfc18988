package org.scattering4j.scattering.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.testing.TestArrays;
import org.scattering4j.util.NdArray;

class ScatteringMoments2DTest {

    /** A stationary, skewed random field: exp of smoothed periodic noise. */
    static double[] field(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] y = new double[x.length];
        for (int a = 0; a < rows; a++) {
            for (int b = 0; b < cols; b++) {
                double s = 0;
                for (int da = -2; da <= 2; da++) {
                    for (int db = -2; db <= 2; db++) {
                        s += x[Math.floorMod(a + da, rows) * cols + Math.floorMod(b + db, cols)];
                    }
                }
                y[a * cols + b] = Math.exp(s / 5);
            }
        }
        return y;
    }

    @Test
    void vjpMatchesFiniteDifferences() {
        ScatteringMoments2D m = new ScatteringMoments2D(3, 4, 16, 24);
        double[] x = field(16, 24, 1);
        double[] g = TestArrays.randn(m.size(), 2);
        double[] grad = m.vjp(x, g);
        for (int trial = 0; trial < 4; trial++) {
            double[] v = new double[x.length];
            if (trial < 2) {
                v = TestArrays.randn(x.length, 5 + trial);
            } else {
                v[trial == 2 ? 0 : 200] = 1;
            }
            double fd = ScatteringMoments1DTest.richardson(m, g, x, v, 1e-3);
            double an = TestArrays.dot(grad, v);
            assertTrue(Math.abs(fd - an) <= 1e-6 * Math.abs(an), "trial " + trial + ": fd " + fd + " vs " + an);
        }
    }

    @Test
    void layoutMatchesScattering2DAndOrderOneMeansAgreeApproximately() {
        int n = 64;
        ScatteringMoments2D m = new ScatteringMoments2D(2, 4, n, n);
        double[] x = field(n, n, 3);
        double[] s = m.moments(x);
        Scattering2D lib = new Scattering2D(2, n, n, 4, 2);
        NdArray out = lib.transform(x);
        int[] sh = out.shape();
        assertEquals(sh[0], s.length);
        int per = sh[1] * sh[2];
        double[] d = out.data();
        // order 0: the low-passed image's mean vs the image mean
        double mean0 = 0;
        for (int i = 0; i < per; i++) {
            mean0 += d[i] / per;
        }
        assertEquals(s[0], mean0, 0.05 * s[0]);
        // order 1: same modulus maps, averaged differently (padding, subsampling): a few per cent apart
        for (int c = 1; c <= 8; c++) {
            double mean = 0;
            for (int i = 0; i < per; i++) {
                mean += d[c * per + i] / per;
            }
            assertEquals(s[c], mean, 0.1 * s[c], "channel " + c);
        }
    }

    @Test
    void synthesisReducesMomentErrorAndBaselineKeepsSpectrum() {
        int n = 24;
        double[] target = field(n, n, 4);
        ScatteringMoments2D m = new ScatteringMoments2D(3, 4, n, n);
        TextureSynthesis.Result a = TextureSynthesis.synthesize(m, target, true, 25, 5L, null);
        TextureSynthesis.Result b = TextureSynthesis.synthesize(m, target, true, 25, 5L, null);
        assertArrayEquals(a.x(), b.x(), 0.0);
        assertTrue(a.errors()[0] < a.initialErrors()[0] / 10 && a.errors()[1] < a.initialErrors()[1] / 10,
                "errors " + a.errors()[0] + ", " + a.errors()[1]);

        double[] g = TextureSynthesis.gaussianBaseline2D(target, n, n, 2L);
        double[] px = PowerSpectra.periodogram2D(target, n, n);
        double[] pg = PowerSpectra.periodogram2D(g, n, n);
        double max = 0;
        for (double v : px) {
            max = Math.max(max, v);
        }
        for (int k = 0; k < px.length; k++) {
            assertEquals(px[k], pg[k], 1e-10 * max, "bin " + k);
        }
        for (double v : g) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ScatteringMoments2D(3, 4, 20, 16));
        assertThrows(IllegalArgumentException.class, () -> new ScatteringMoments2D(0, 4, 16, 16));
        assertThrows(IllegalArgumentException.class, () -> new ScatteringMoments2D(2, 0, 16, 16));
        ScatteringMoments2D m = new ScatteringMoments2D(2, 2, 8, 8);
        assertThrows(IllegalArgumentException.class, () -> m.moments(new double[63]));
        double[] x = new double[64];
        x[9] = Double.POSITIVE_INFINITY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.moments(x));
        assertTrue(e.getMessage().contains("row 1, col 1"));
        assertThrows(IllegalArgumentException.class, () -> TextureSynthesis.gaussianBaseline2D(new double[10], 3, 3, 1L));
    }
}
