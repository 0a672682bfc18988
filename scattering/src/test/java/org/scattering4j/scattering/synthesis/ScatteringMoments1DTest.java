package org.scattering4j.scattering.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scattering4j.testing.TestArrays.dot;
import static org.scattering4j.testing.TestArrays.randn;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.Scattering1D;

class ScatteringMoments1DTest {

    /** Central difference of {@code <g, m(x + t v)>} at t = 0, Richardson-extrapolated (error O(h^4)). */
    static double richardson(MomentMap m, double[] g, double[] x, double[] v, double h) {
        double d1 = central(m, g, x, v, h);
        double d2 = central(m, g, x, v, h / 2);
        return (4 * d2 - d1) / 3;
    }

    static double central(MomentMap m, double[] g, double[] x, double[] v, double h) {
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < x.length; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        return (dot(g, m.moments(xp)) - dot(g, m.moments(xm))) / (2 * h);
    }

    /** A short synthetic texture: noise amplitude-modulated at two rates. */
    static double[] texture(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double env = 1 + 0.9 * Math.sin(2 * Math.PI * i / 64.0);
            x[i] = env * r.nextGaussian() * (r.nextDouble() < 0.1 ? 3 : 1);
        }
        return x;
    }

    @Test
    void momentsEqualGlobalScattering1D() {
        for (int[] p : new int[][] {{4, 500, 2, 1}, {6, 1024, 8, 2}}) {
            ScatteringMoments1D m = new ScatteringMoments1D(p[0], p[1], p[2], p[3]);
            double[] x = randn(p[1], 3);
            double[] s = m.moments(x);
            double[][] ref = Scattering1D.builder(p[0], p[1]).q(p[2], p[3]).globalAveraging().build().transform(x);
            assertEquals(ref.length, s.length);
            double max = 0;
            for (double[] r : ref) {
                max = Math.max(max, Math.abs(r[0]));
            }
            for (int c = 0; c < s.length; c++) {
                assertEquals(ref[c][0], s[c], 1e-12 * max, "channel " + c);
            }
            assertEquals(s.length, m.size());
            assertEquals(ref.length, m.libraryTransform().outputSize());
        }
    }

    @Test
    void vjpMatchesFiniteDifferences() {
        ScatteringMoments1D m = new ScatteringMoments1D(5, 300, 4, 1);
        double[] x = randn(300, 5);
        double[] g = randn(m.size(), 6);
        double[] grad = m.vjp(x, g);
        // directional derivatives along random directions and along single samples (edge, padded, middle)
        for (int trial = 0; trial < 6; trial++) {
            double[] v = new double[300];
            if (trial < 3) {
                v = randn(300, 10 + trial);
            } else {
                v[new int[] {0, 7, 150}[trial - 3]] = 1;
            }
            double fd = richardson(m, g, x, v, 1e-3);
            double an = dot(grad, v);
            assertTrue(Math.abs(fd - an) <= 1e-6 * Math.abs(an), "trial " + trial + ": fd " + fd + " vs " + an);
        }
    }

    @Test
    void lossGradientMatchesFiniteDifferencesWithNormalisation() {
        ScatteringMoments1D m = new ScatteringMoments1D(4, 256, 2, 1);
        MomentLoss loss = new MomentLoss(m, m.moments(texture(256, 1)), true);
        double[] x = randn(256, 2);
        double[] grad = new double[256];
        loss.valueAndGradient(x, grad);
        double[] v = randn(256, 3);
        double h = 1e-4;
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < 256; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        double[] tmp = new double[256];
        double fd = (loss.valueAndGradient(xp, tmp) - loss.valueAndGradient(xm, tmp)) / (2 * h);
        double an = dot(grad, v);
        assertEquals(an, fd, 1e-6 * Math.abs(an));
    }

    @Test
    void synthesisReducesMomentErrorDeterministically() {
        double[] target = texture(512, 7);
        ScatteringMoments1D m = new ScatteringMoments1D(5, 512, 4, 1);
        TextureSynthesis.Result a = TextureSynthesis.synthesize(m, target, true, 60, 42L, null);
        TextureSynthesis.Result b = TextureSynthesis.synthesize(m, target, true, 60, 42L, null);
        assertArrayEquals(a.x(), b.x(), 0.0);
        double[] e0 = a.initialErrors();
        double[] e = a.errors();
        assertTrue(e[0] < e0[0] / 20 && e[1] < e0[1] / 20, "errors " + e[0] + ", " + e[1] + " from " + e0[0] + ", "
                + e0[1]);
        TextureSynthesis.Result c = TextureSynthesis.synthesize(m, target, true, 5, 43L, null);
        assertTrue(c.x()[0] != a.x()[0]);
    }

    @Test
    void momentsAndVjpSharesOnePassAndAgreesWithSeparateCalls() {
        ScatteringMoments1D m = new ScatteringMoments1D(5, 400, 4, 1);
        double[] x = texture(400, 5);
        double[] g = randn(m.size(), 6);
        double[] seen = new double[1];
        double[] grad = new double[400];
        double[] s = m.momentsAndVjp(x, mom -> {
            seen[0] = mom[3];
            return g;
        }, grad);
        double[] ref = m.moments(x);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], s[i], 1e-12 * Math.abs(ref[i]) + 1e-300, "moment " + i);
        }
        assertEquals(ref[3], seen[0], 1e-12 * Math.abs(ref[3]));
        // the interface's default (moments, then vjp) on the same map
        MomentMap plain = new MomentMap() {
            public int inputSize() {
                return m.inputSize();
            }

            public int[] sizeByOrder() {
                return m.sizeByOrder();
            }

            public int[] parent() {
                return m.parent();
            }

            public double[] moments(double[] y) {
                return m.moments(y);
            }

            public double[] vjp(double[] y, double[] c) {
                return m.vjp(y, c);
            }
        };
        double[] grad2 = new double[400];
        plain.momentsAndVjp(x, mom -> g, grad2);
        assertArrayEquals(grad2, grad, 0.0);
        assertThrows(IllegalArgumentException.class, () -> m.momentsAndVjp(x, mom -> new double[2], new double[400]));
        assertThrows(IllegalArgumentException.class, () -> m.momentsAndVjp(x, mom -> g, new double[399]));
    }

    @Test
    void orderWeightsScaleTheLossTerms() {
        ScatteringMoments1D m = new ScatteringMoments1D(4, 256, 2, 1);
        double[] target = m.moments(texture(256, 1));
        double[] x = randn(256, 2);
        MomentLoss plain = new MomentLoss(m, target, true);
        MomentLoss weighted = new MomentLoss(m, target, true, 3.0, 0.5);
        double[] e = plain.relativeErrors(m.moments(x));
        double[] g1 = new double[256];
        double[] g2 = new double[256];
        assertEquals(e[0] * e[0] + e[1] * e[1], plain.valueAndGradient(x, g1), 1e-12);
        assertEquals(3.0 * e[0] * e[0] + 0.5 * e[1] * e[1], weighted.valueAndGradient(x, g2), 1e-12);
        // gradient of the weighted loss against a directional difference
        double[] v = randn(256, 4);
        double h = 1e-5;
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < 256; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        double[] tmp = new double[256];
        double fd = (weighted.valueAndGradient(xp, tmp) - weighted.valueAndGradient(xm, tmp)) / (2 * h);
        assertEquals(dot(g2, v), fd, 1e-6 * Math.abs(fd));
        assertThrows(IllegalArgumentException.class, () -> new MomentLoss(m, target, true, 0.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new MomentLoss(m, target, true, 1.0, Double.NaN));
    }

    @Test
    void synthesisFromTheGaussianBaselineStartsThere() {
        double[] target = texture(512, 7);
        ScatteringMoments1D m = new ScatteringMoments1D(5, 512, 4, 1);
        double[] start = TextureSynthesis.gaussianBaseline1D(target, 3L);
        double[] startCopy = start.clone();
        TextureSynthesis.Result r = TextureSynthesis.synthesize(m, target, true, 0, 3L, null, start);
        assertArrayEquals(start, r.x(), 0.0);
        MomentLoss loss = new MomentLoss(m, m.moments(target), true);
        assertArrayEquals(loss.relativeErrors(m.moments(start)), r.initialErrors(), 0.0);
        TextureSynthesis.Result s = TextureSynthesis.synthesize(m, target, true, 40, 3L, null, start);
        assertArrayEquals(startCopy, start, 0.0);
        assertTrue(s.errors()[0] < r.errors()[0] / 5 && s.errors()[1] < r.errors()[1] / 5,
                java.util.Arrays.toString(s.errors()) + " from " + java.util.Arrays.toString(r.errors()));
        assertThrows(IllegalArgumentException.class,
                () -> TextureSynthesis.synthesize(m, target, true, 5, 1L, null, new double[511]));
    }

    @Test
    void gaussianBaselineKeepsThePowerSpectrum() {
        double[] x = texture(1000, 3);
        double[] y = TextureSynthesis.gaussianBaseline1D(x, 9L);
        double[] px = PowerSpectra.periodogram1D(x);
        double[] py = PowerSpectra.periodogram1D(y);
        double max = 0;
        for (double v : px) {
            max = Math.max(max, v);
        }
        for (int k = 0; k < px.length; k++) {
            assertEquals(px[k], py[k], 1e-10 * max, "bin " + k);
        }
        // phases really change
        assertTrue(Math.abs(x[10] - y[10]) > 1e-3);
        assertArrayEquals(y, TextureSynthesis.gaussianBaseline1D(x, 9L), 0.0);
    }

    @Test
    void badInputIsRejected() {
        ScatteringMoments1D m = new ScatteringMoments1D(4, 256, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> m.moments(new double[255]));
        double[] nan = new double[256];
        nan[3] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.moments(nan));
        assertTrue(e.getMessage().contains("x[3]"));
        assertThrows(IllegalArgumentException.class, () -> m.vjp(new double[256], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> new ScatteringMoments1D(9, 256, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> new ScatteringMoments1D(4, 256, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> TextureSynthesis.synthesize(m, new double[256], true, 5, 1L, null));   // constant target
        assertThrows(IllegalArgumentException.class,
                () -> TextureSynthesis.synthesize(m, texture(256, 1), true, -1, 1L, null));
        assertThrows(IllegalArgumentException.class, () -> TextureSynthesis.gaussianBaseline1D(nan, 1L));
    }
}
