package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scattering4j.testing.TestArrays.dot;
import static org.scattering4j.testing.TestArrays.randn;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Scattering2DGradient#vjp} against central finite differences of {@link Scattering2D#transform}. */
class Scattering2DVjpTest {

    /** Noise plus oriented cosines, so every wavelet sees energy and the moduli stay away from 0. */
    static double[] image(int m, int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                x[i * n + j] = r.nextGaussian() + 2 * Math.cos(1.1 * i + 0.4 * j) + 1.5 * Math.cos(0.3 * i - 0.7 * j + 1)
                        + Math.cos(0.15 * i + 0.1 * j);
            }
        }
        return x;
    }

    static double pairing(Scattering2D s, double[] g, double[] x) {
        return dot(g, s.transform(x).data());
    }

    /** d/dh <g, S(x + h v)> at 0: central differences at h and h/2, Richardson-extrapolated. */
    static double directional(Scattering2D s, double[] g, double[] x, double[] v, double h) {
        return (4 * central(s, g, x, v, h / 2) - central(s, g, x, v, h)) / 3;
    }

    static double central(Scattering2D s, double[] g, double[] x, double[] v, double h) {
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < x.length; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        return (pairing(s, g, xp) - pairing(s, g, xm)) / (2 * h);
    }

    static void checkFullGradient(int J, int m, int n, int L, int order, long seed) {
        Scattering2D s = new Scattering2D(J, m, n, L, order);
        Scattering2DGradient grad = new Scattering2DGradient(s);
        double[] x = image(m, n, seed);
        double[] g = randn(grad.outputLength(), seed + 1);
        double[] xc = x.clone();
        double[] gc = g.clone();
        double[] a = grad.vjp(x, g);
        assertTrue(java.util.Arrays.equals(x, xc) && java.util.Arrays.equals(g, gc), "inputs modified");
        double[] e = new double[m * n];
        double num = 0;
        double den = 0;
        for (int i = 0; i < m * n; i++) {
            e[i] = 1;
            double fd = directional(s, g, x, e, 1e-3);
            e[i] = 0;
            num += (fd - a[i]) * (fd - a[i]);
            den += a[i] * a[i];
        }
        double rel = Math.sqrt(num / den);
        String what = "J=" + J + " " + m + "x" + n + " L=" + L + " order " + order;
        assertTrue(den > 0, what + ": zero gradient");
        assertTrue(rel < 1e-6, what + ": relative error " + rel);
    }

    @Test
    void j1NonSquareL4() {
        checkFullGradient(1, 12, 10, 4, 2, 1);
    }

    @Test
    void j2NonSquareL8() {
        checkFullGradient(2, 12, 16, 8, 2, 2);
    }

    @Test
    void j2OddSizeL4Order1() {
        checkFullGradient(2, 13, 9, 4, 1, 3);
    }

    /**
     * {@code <g, J v> = <J^T g, v>} for a random direction on a larger image (J = 3). The step is small
     * because some second-order moduli come close to 0 at this size, where |z| bends sharply.
     */
    @Test
    void adjointIdentityJ3() {
        Scattering2D s = new Scattering2D(3, 40, 36, 8, 2);
        Scattering2DGradient grad = new Scattering2DGradient(s);
        double[] x = image(40, 36, 5);
        double[] g = randn(grad.outputLength(), 6);
        double[] v = randn(40 * 36, 7);
        double lhs = directional(s, g, x, v, 1e-5);
        double rhs = dot(grad.vjp(x, g), v);
        assertEquals(lhs, rhs, 1e-6 * Math.abs(rhs));
    }

    @Test
    void badInput() {
        Scattering2DGradient grad = new Scattering2DGradient(new Scattering2D(1, 8, 8, 4, 2));
        int len = grad.outputLength();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> grad.vjp(new double[63], new double[len]));
        assertTrue(e.getMessage().contains("63"));
        e = assertThrows(IllegalArgumentException.class, () -> grad.vjp(new double[64], new double[len - 1]));
        assertTrue(e.getMessage().contains(String.valueOf(len - 1)));
        double[] x = new double[64];
        x[5] = Double.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> grad.vjp(x, new double[len]));
        assertThrows(IllegalArgumentException.class, () -> new Scattering2DGradient(null));
    }
}
