package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scattering4j.testing.TestArrays.dot;
import static org.scattering4j.testing.TestArrays.randn;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.synthesis.ScatteringMoments1D;

/** {@link Scattering1D#vjp} against central finite differences of the forward transform. */
class Scattering1DVjpTest {

    /** Noise plus a few tones, so every band has energy and |x * psi| stays away from 0. */
    static double[] signal(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() + 2 * Math.cos(0.9 * i) + 1.5 * Math.cos(0.21 * i + 1) + Math.cos(0.05 * i);
        }
        return x;
    }

    static double pairing(Scattering1D s, double[] g, double[] x) {
        double[][] out = s.transform(x);
        int len = s.outputLength();
        double acc = 0;
        for (int c = 0; c < out.length; c++) {
            for (int t = 0; t < len; t++) {
                acc += g[c * len + t] * out[c][t];
            }
        }
        return acc;
    }

    /** d/dh <g, S(x + h v)> at 0: central differences at h and h/2, Richardson-extrapolated (O(h^4)). */
    static double directional(Scattering1D s, double[] g, double[] x, double[] v, double h) {
        return (4 * central(s, g, x, v, h / 2) - central(s, g, x, v, h)) / 3;
    }

    static double central(Scattering1D s, double[] g, double[] x, double[] v, double h) {
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < x.length; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        return (pairing(s, g, xp) - pairing(s, g, xm)) / (2 * h);
    }

    /** Every component of the VJP against its finite difference; relative error of the whole gradient. */
    static void checkFullGradient(Scattering1D s, long seed) {
        int n = s.shape();
        double[] x = signal(n, seed);
        double[] g = randn(s.outputSize() * s.outputLength(), seed + 1);
        double[] xCopy = x.clone();
        double[] gCopy = g.clone();
        double[] grad = s.vjp(x, g);
        assertEquals(n, grad.length);
        assertTrue(java.util.Arrays.equals(x, xCopy) && java.util.Arrays.equals(g, gCopy), "inputs modified");
        double[] fd = new double[n];
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = 1;
            fd[i] = directional(s, g, x, e, 1e-3);
            e[i] = 0;
        }
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (fd[i] - grad[i]) * (fd[i] - grad[i]);
            den += grad[i] * grad[i];
        }
        double rel = Math.sqrt(num / den);
        assertTrue(den > 0, s + ": zero gradient");
        assertTrue(rel < 1e-6, s + ": relative error " + rel);
    }

    @Test
    void globalAveragingOrder2NonPowerOfTwo() {
        checkFullGradient(Scattering1D.builder(4, 200).q(8, 1).globalAveraging().build(), 1);
    }

    @Test
    void localAveragingDefaultStrideQ8() {
        checkFullGradient(Scattering1D.builder(4, 160).q(8, 1).build(), 2);
    }

    @Test
    void finiteTStrideAndOrder1() {
        // T not a power of two, stride below 2^floor(log2 T), first order only
        checkFullGradient(Scattering1D.builder(3, 150).q(2, 1).T(12).stride(2).maxOrder(1).build(), 3);
    }

    @Test
    void strideOneQ2AboveQ1() {
        // stride 1 (no output subsampling) and Q2 > Q1 (second-order filters at levels Kymatio does not store)
        checkFullGradient(Scattering1D.builder(3, 96).q(1, 2).T(8).stride(1).build(), 4);
    }

    /**
     * The linear-algebra identity {@code <g, J v> = <J^T g, v>} for a random direction v on a larger
     * configuration (one directional difference instead of N).
     */
    @Test
    void adjointIdentityOnLargerSignal() {
        Scattering1D s = Scattering1D.builder(6, 1000).q(8, 1).T(64).build();
        double[] x = signal(1000, 7);
        double[] g = randn(s.outputSize() * s.outputLength(), 8);
        double[] v = randn(1000, 9);
        double lhs = directional(s, g, x, v, 1e-5);
        double rhs = dot(s.vjp(x, g), v);
        assertEquals(lhs, rhs, 1e-6 * Math.abs(rhs));
    }

    /** With global averaging the transform is the moment map: both VJPs must agree to rounding. */
    @Test
    void globalVjpEqualsMomentMapVjp() {
        int n = 700;
        Scattering1D s = Scattering1D.builder(5, n).q(8, 1).globalAveraging().build();
        ScatteringMoments1D m = new ScatteringMoments1D(5, n, 8, 1);
        double[] x = randn(n, 11);
        double[] g = randn(s.outputSize(), 12);
        double[] a = s.vjp(x, g);
        double[] b = m.vjp(x, g);
        double max = 0;
        for (double v : b) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < n; i++) {
            assertEquals(b[i], a[i], 1e-10 * max, "sample " + i);
        }
    }

    @Test
    void twoDimensionalCotangentEqualsFlat() {
        Scattering1D s = Scattering1D.builder(3, 64).q(2, 1).build();
        double[] x = randn(64, 13);
        double[] g = randn(s.outputSize() * s.outputLength(), 14);
        double[][] g2 = new double[s.outputSize()][s.outputLength()];
        for (int c = 0; c < g2.length; c++) {
            System.arraycopy(g, c * s.outputLength(), g2[c], 0, s.outputLength());
        }
        double[] a = s.vjp(x, g);
        double[] b = s.vjp(x, g2);
        for (int i = 0; i < 64; i++) {
            assertEquals(a[i], b[i], 0.0);
        }
    }

    @Test
    void badInput() {
        Scattering1D s = new Scattering1D(3, 64);
        int len = s.outputSize() * s.outputLength();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.vjp(new double[63], new double[len]));
        assertTrue(e.getMessage().contains("63"));
        e = assertThrows(IllegalArgumentException.class, () -> s.vjp(new double[64], new double[len + 1]));
        assertTrue(e.getMessage().contains(String.valueOf(len + 1)));
        double[] g = new double[len];
        g[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> s.vjp(new double[64], g));
        assertThrows(IllegalArgumentException.class, () -> s.vjp(new double[64], new double[s.outputSize() + 1][]));
    }
}
