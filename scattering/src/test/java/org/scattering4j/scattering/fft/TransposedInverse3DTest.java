package org.scattering4j.scattering.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.scattering4j.testing.TestArrays;
import org.scattering4j.util.Parallel;

/**
 * TransposedInverse3D against the direct triple-sum inverse DFT ({@link Fft3DTest#direct}, the slow
 * obvious twin) and against {@link Fft3D}'s natural-layout inverse; and
 * {@link Fft3D#forwardTransposedReal}, which reads that layout, against {@link Fft3D#forward}.
 */
class TransposedInverse3DTest {
    private static double[] random(int count, long seed) {
        return TestArrays.randn(count, seed);
    }

    /** Mask with {@code pattern(i)}, or null for "all active" when {@code all}. */
    private static boolean[] mask(int n, boolean all, int mod) {
        if (all) {
            return null;
        }
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = i % mod != 1 || n == 1;
        }
        return m;
    }

    private static boolean on(boolean[] m, int i) {
        return m == null || m[i];
    }

    /**
     * Runs the transposed inverse of {@code spectra} (interleaved, natural layout, zero outside the
     * masks) and returns the results in the natural layout, checking that every voxel of every spectrum
     * is delivered exactly once and that the filler is called for active lines only.
     */
    private static double[][] run(int[] n, double[][] spectra, boolean[] a0, boolean[] a1, boolean[] a2) {
        int count = spectra.length;
        int size = n[0] * n[1] * n[2];
        TransposedInverse3D f = new TransposedInverse3D(n[0], n[1], n[2]);
        double[] work = random(f.workSize(count, a1, a2) + 3, 9); // garbage content: must be ignored
        double[][] got = new double[count][2 * size];
        int[][] seen = new int[count][size];
        f.inverse(count, work, (i0, i1, re, im, sc) -> {
            assertTrue(on(a0, i0) && on(a1, i1), "filler called for an inactive line " + i0 + ", " + i1);
            assertTrue(sc.length >= 3, "scratch size");
            for (int s = 0; s < count; s++) {
                int k = 0;
                for (int i2 = 0; i2 < n[2]; i2++) {
                    if (on(a2, i2)) {
                        int p = 2 * ((i0 * n[1] + i1) * n[2] + i2);
                        re[s][k] = spectra[s][p];
                        im[s][k++] = spectra[s][p + 1];
                    }
                }
            }
        }, 3, (s, u0, re, im) -> {
            for (int u2 = 0; u2 < n[2]; u2++) {
                for (int u1 = 0; u1 < n[1]; u1++) {
                    int v = (u0 * n[1] + u1) * n[2] + u2;
                    got[s][2 * v] = re[u2][u1];
                    got[s][2 * v + 1] = im[u2][u1];
                    synchronized (seen) {
                        seen[s][v]++;
                    }
                }
            }
        }, a0, a1, a2);
        for (int s = 0; s < count; s++) {
            for (int v = 0; v < size; v++) {
                assertEquals(1, seen[s][v], "spectrum " + s + " voxel " + v + " delivered once");
            }
        }
        return got;
    }

    private static double[] zeroOutside(double[] x, int[] n, boolean[] a0, boolean[] a1, boolean[] a2) {
        double[] y = x.clone();
        for (int v = 0; v < n[0] * n[1] * n[2]; v++) {
            if (!on(a0, v / (n[1] * n[2])) || !on(a1, v / n[2] % n[1]) || !on(a2, v % n[2])) {
                y[2 * v] = 0;
                y[2 * v + 1] = 0;
            }
        }
        return y;
    }

    private static void assertClose(double[] want, double[] got, double tol, String what) {
        double max = 0;
        for (double v : want) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0, what + ": non-zero reference");
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * max, what + " index " + i);
        }
    }

    @Test
    void matchesTheDirectInverseDftWithAndWithoutMasks() {
        int[][] shapes = {{6, 5, 4}, {1, 7, 3}, {8, 1, 1}, {1, 1, 9}, {12, 10, 9}, {11, 13, 2}, {16, 12, 20}};
        for (int[] n : shapes) {
            for (boolean all : new boolean[] {true, false}) {
                boolean[] a0 = mask(n[0], all, 3);
                boolean[] a1 = mask(n[1], all, 4);
                boolean[] a2 = mask(n[2], all, 3);
                int size = n[0] * n[1] * n[2];
                double[][] x = new double[3][];
                for (int s = 0; s < x.length; s++) {
                    x[s] = zeroOutside(random(2 * size, 31 * size + s), n, a0, a1, a2);
                }
                double[][] got = run(n, x, a0, a1, a2);
                for (int s = 0; s < x.length; s++) {
                    assertClose(Fft3DTest.direct(x[s], n, true), got[s], 1e-12,
                            Arrays.toString(n) + (all ? "" : " masked") + " spectrum " + s);
                }
            }
        }
    }

    /** A larger grid (mixed radices, several workers) against Fft3D's natural-layout inverse. */
    @Test
    void matchesTheNaturalLayoutInverseOnALargeGridForAnyThreadCount() {
        int[] n = {42, 36, 30};
        int size = n[0] * n[1] * n[2];
        boolean[] a0 = mask(n[0], false, 5);
        boolean[] a1 = mask(n[1], false, 6);
        boolean[] a2 = mask(n[2], false, 4);
        double[][] x = new double[4][];
        double[][] want = new double[4][];
        for (int s = 0; s < x.length; s++) {
            x[s] = zeroOutside(random(2 * size, 77 + s), n, a0, a1, a2);
            want[s] = x[s].clone();
            new Fft3D(n[0], n[1], n[2]).inverse(want[s]);
        }
        int threads = Parallel.threads();
        try {
            for (int t : new int[] {1, 3}) {
                Parallel.setThreads(t);
                double[][] got = run(n, x, a0, a1, a2);
                for (int s = 0; s < x.length; s++) {
                    assertClose(want[s], got[s], 1e-12, "threads " + t + " spectrum " + s);
                }
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    @Test
    void forwardFromTheTransposedLayoutMatchesTheNaturalForward() {
        for (int[] n : new int[][] {{12, 10, 9}, {5, 1, 8}, {1, 7, 3}, {40, 36, 30}}) {
            int size = n[0] * n[1] * n[2];
            double[] a = random(size, 5 + size);
            double[] b = random(size, 6 + size);
            // natural-layout complex grid a + i b, and the two real grids in the transposed layout
            double[] natural = new double[2 * size];
            double[] ta = new double[size];
            double[] tb = new double[size];
            for (int u0 = 0; u0 < n[0]; u0++) {
                for (int u1 = 0; u1 < n[1]; u1++) {
                    for (int u2 = 0; u2 < n[2]; u2++) {
                        int v = (u0 * n[1] + u1) * n[2] + u2;
                        int t = u0 * n[1] * n[2] + u2 * n[1] + u1;
                        natural[2 * v] = a[v];
                        natural[2 * v + 1] = b[v];
                        ta[t] = a[v];
                        tb[t] = b[v];
                    }
                }
            }
            Fft3D f = new Fft3D(n[0], n[1], n[2]);
            double[] want = natural.clone();
            f.forward(want);
            double[] got = new double[2 * size];
            f.forwardTransposedReal(ta, tb, got, null, null, null);
            assertClose(want, got, 1e-12, "a + ib " + Arrays.toString(n));
            // b == null: the spectrum of a alone
            double[] realOnly = new double[2 * size];
            for (int v = 0; v < size; v++) {
                realOnly[2 * v] = a[v];
            }
            f.forward(realOnly);
            double[] gotA = new double[2 * size];
            f.forwardTransposedReal(ta, null, gotA, null, null, null);
            assertClose(realOnly, gotA, 1e-12, "a " + Arrays.toString(n));
            // output-pruned: the kept bins only
            boolean[][] keep = {mask(n[0], false, 3), mask(n[1], false, 3), mask(n[2], false, 3)};
            double[] pruned = new double[2 * size];
            f.forwardTransposedReal(ta, tb, pruned, keep[0], keep[1], keep[2]);
            double max = Arrays.stream(want).map(Math::abs).max().orElse(0);
            for (int v = 0; v < size; v++) {
                if (keep[0][v / (n[1] * n[2])] && keep[1][v / n[2] % n[1]] && keep[2][v % n[2]]) {
                    assertEquals(want[2 * v], pruned[2 * v], 1e-12 * max, "pruned re " + v);
                    assertEquals(want[2 * v + 1], pruned[2 * v + 1], 1e-12 * max, "pruned im " + v);
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        TransposedInverse3D f = new TransposedInverse3D(4, 4, 4);
        TransposedInverse3D.LineFiller fill = (i0, i1, re, im, sc) -> { };
        TransposedInverse3D.SlabConsumer sink = (s, u0, re, im) -> { };
        assertThrows(IllegalArgumentException.class, () -> new TransposedInverse3D(0, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> f.inverse(0, new double[128], fill, 0, sink, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> f.inverse(1, new double[127], fill, 0, sink, null, null, null));
        assertThrows(IllegalArgumentException.class,
            () -> f.inverse(1, new double[128], fill, 0, sink, new boolean[3], null, null));
        assertEquals(2 * 2 * 4 * 3 * 4, f.workSize(2, new boolean[] {true, false, true, true}, null));
    }
}
