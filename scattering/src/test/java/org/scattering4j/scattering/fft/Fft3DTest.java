package org.scattering4j.scattering.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.util.Parallel;

/** Fft3D (batched separable passes) against a direct triple-sum 3D DFT, the slow obvious twin. */
class Fft3DTest {
    private static final int[][] SHAPES = {
        {6, 5, 4}, {1, 7, 3}, {8, 1, 1}, {1, 1, 9}, {12, 10, 9}, {11, 13, 2}, {16, 12, 20}, {40, 3, 5}};

    /** {@code sum_k z[k] exp(sign 2 pi i k.u / n)}, scaled by 1/N for the inverse: O(N^2). */
    static double[] direct(double[] z, int[] n, boolean inverse) {
        int size = n[0] * n[1] * n[2];
        double[] out = new double[2 * size];
        double sign = inverse ? 1 : -1;
        for (int u0 = 0; u0 < n[0]; u0++) {
            for (int u1 = 0; u1 < n[1]; u1++) {
                for (int u2 = 0; u2 < n[2]; u2++) {
                    double sr = 0;
                    double si = 0;
                    for (int k0 = 0; k0 < n[0]; k0++) {
                        for (int k1 = 0; k1 < n[1]; k1++) {
                            for (int k2 = 0; k2 < n[2]; k2++) {
                                double ph = 2 * Math.PI * ((double) ((long) k0 * u0 % n[0]) / n[0]
                                        + (double) ((long) k1 * u1 % n[1]) / n[1]
                                        + (double) ((long) k2 * u2 % n[2]) / n[2]);
                                double c = Math.cos(ph);
                                double s = sign * Math.sin(ph);
                                int p = 2 * ((k0 * n[1] + k1) * n[2] + k2);
                                sr += z[p] * c - z[p + 1] * s;
                                si += z[p] * s + z[p + 1] * c;
                            }
                        }
                    }
                    int p = 2 * ((u0 * n[1] + u1) * n[2] + u2);
                    out[p] = inverse ? sr / size : sr;
                    out[p + 1] = inverse ? si / size : si;
                }
            }
        }
        return out;
    }

    private static double[] random(int count, long seed) {
        Random r = new Random(seed);
        double[] z = new double[count];
        for (int i = 0; i < count; i++) {
            z[i] = r.nextGaussian();
        }
        return z;
    }

    private static void assertClose(double[] want, double[] got, int count, String what) {
        double max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, Math.abs(want[i]));
        }
        for (int i = 0; i < count; i++) {
            assertEquals(want[i], got[i], 1e-12 * max, what + " index " + i);
        }
    }

    @Test
    void forwardAndInverseMatchTheDirectDft() {
        for (int[] n : SHAPES) {
            int size = n[0] * n[1] * n[2];
            double[] x = random(2 * size, size);
            Fft3D f = new Fft3D(n[0], n[1], n[2]);
            double[] z = x.clone();
            f.forward(z);
            assertClose(direct(x, n, false), z, 2 * size, "forward " + java.util.Arrays.toString(n));
            double[] y = x.clone();
            f.inverse(y);
            assertClose(direct(x, n, true), y, 2 * size, "inverse " + java.util.Arrays.toString(n));
            f.inverse(z);
            assertClose(x, z, 2 * size, "round trip " + java.util.Arrays.toString(n));
        }
    }

    @Test
    void fusedInverseMatchesTheDirectDft() {
        for (int[] n : SHAPES) {
            int size = n[0] * n[1] * n[2];
            double[] x = random(2 * size, 7 + size);
            Fft3D f = new Fft3D(n[0], n[1], n[2]);
            double[] got = new double[2 * size];
            int[] seen = new int[size];
            double[] work = random(2 * size + 6, 3); // garbage content: must be ignored
            f.inverse(work, (i0, i1, z, off, sc) -> {
                assertEquals(5, sc.length >= 5 ? 5 : sc.length, "scratch size");
                System.arraycopy(x, 2 * ((i0 * n[1] + i1) * n[2]), z, off, 2 * n[2]);
            }, 5, (c0, cnt, re, im) -> {
                for (int i0 = 0; i0 < n[0]; i0++) {
                    for (int c = 0; c < cnt; c++) {
                        int v = i0 * n[1] * n[2] + c0 + c;
                        got[2 * v] = re[i0][c];
                        got[2 * v + 1] = im[i0][c];
                        synchronized (seen) {
                            seen[v]++;
                        }
                    }
                }
            });
            for (int v = 0; v < size; v++) {
                assertEquals(1, seen[v], "voxel " + v + " delivered once");
            }
            assertClose(direct(x, n, true), got, 2 * size, "fused " + java.util.Arrays.toString(n));
        }
    }

    @Test
    void prunedFusedInverseMatchesTheDirectDftOfTheZeroPaddedSpectrum() {
        for (int[] n : new int[][] {{12, 10, 9}, {16, 12, 20}, {5, 1, 8}}) {
            int size = n[0] * n[1] * n[2];
            boolean[] a0 = new boolean[n[0]];
            boolean[] a2 = new boolean[n[2]];
            for (int i = 0; i < n[0]; i++) {
                a0[i] = i % 3 != 1;
            }
            for (int i = 0; i < n[2]; i++) {
                a2[i] = i < 2 || i == n[2] - 1;
            }
            double[] x = random(2 * size, 5 + size);
            for (int v = 0; v < size; v++) {
                if (!a0[v / (n[1] * n[2])] || !a2[v % n[2]]) {
                    x[2 * v] = 0;
                    x[2 * v + 1] = 0;
                }
            }
            double[] got = new double[2 * size];
            new Fft3D(n[0], n[1], n[2]).inverse(random(2 * size, 1), (i0, i1, z, off, sc) -> {
                assertEquals(true, a0[i0], "inactive slab " + i0 + " filled");
                System.arraycopy(x, 2 * ((i0 * n[1] + i1) * n[2]), z, off, 2 * n[2]);
            }, 0, (c0, cnt, re, im) -> {
                for (int i0 = 0; i0 < n[0]; i0++) {
                    for (int c = 0; c < cnt; c++) {
                        int v = i0 * n[1] * n[2] + c0 + c;
                        got[2 * v] = re[i0][c];
                        got[2 * v + 1] = im[i0][c];
                    }
                }
            }, a0, a2);
            assertClose(direct(x, n, true), got, 2 * size, "pruned " + java.util.Arrays.toString(n));
        }
    }

    @Test
    void outputPrunedForwardMatchesTheDirectDftOnTheKeptBins() {
        // a large shape too, so that axis 0 runs in several column blocks and the lanes are split
        for (int[] n : new int[][] {{12, 10, 9}, {16, 12, 20}, {5, 1, 8}, {1, 7, 3}, {40, 36, 30}}) {
            int size = n[0] * n[1] * n[2];
            boolean[][] keep = new boolean[3][];
            for (int a = 0; a < 3; a++) {
                keep[a] = new boolean[n[a]];
                for (int i = 0; i < n[a]; i++) {
                    keep[a][i] = i % 3 != 1 || n[a] == 1;
                }
            }
            double[] x = random(2 * size, 17 + size);
            double[] want = size > 5000 ? null : direct(x, n, false);
            if (want == null) {
                want = x.clone();
                new Fft3D(n[0], n[1], n[2]).forward(want);
            }
            double[] z = x.clone();
            new Fft3D(n[0], n[1], n[2]).forward(z, keep[0], keep[1], keep[2]);
            double max = 0;
            for (double v : want) {
                max = Math.max(max, Math.abs(v));
            }
            int checked = 0;
            for (int v = 0; v < size; v++) {
                int i0 = v / (n[1] * n[2]);
                int i1 = v / n[2] % n[1];
                int i2 = v % n[2];
                if (keep[0][i0] && keep[1][i1] && keep[2][i2]) {
                    assertEquals(want[2 * v], z[2 * v], 1e-12 * max, "re " + v + " " + java.util.Arrays.toString(n));
                    assertEquals(want[2 * v + 1], z[2 * v + 1], 1e-12 * max, "im " + v);
                    checked++;
                }
            }
            assertEquals(true, checked > size / 4, "kept bins checked: " + checked);
            // null masks: the whole spectrum
            double[] all = x.clone();
            new Fft3D(n[0], n[1], n[2]).forward(all, null, null, null);
            assertClose(want, all, 2 * size, "unpruned " + java.util.Arrays.toString(n));
        }
        assertThrows(IllegalArgumentException.class,
            () -> new Fft3D(4, 4, 4).forward(new double[128], new boolean[3], null, null));
    }

    @Test
    void largeMixedRadixGridRoundTripsAndDoesNotDependOnThreads() {
        int[] n = {48, 40, 36};
        int size = n[0] * n[1] * n[2];
        double[] x = random(2 * size, 11);
        Fft3D f = new Fft3D(n[0], n[1], n[2]);
        int old = Parallel.threads();
        try {
            Parallel.setThreads(1);
            double[] a = x.clone();
            f.forward(a);
            Parallel.setThreads(3);
            double[] b = x.clone();
            f.forward(b);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 0.0, "thread count changed index " + i);
            }
            // one bin checked directly
            double sr = 0;
            double si = 0;
            int k0 = 5;
            int k1 = 17;
            int k2 = 30;
            for (int u = 0; u < size; u++) {
                int u0 = u / (n[1] * n[2]);
                int u1 = u / n[2] % n[1];
                int u2 = u % n[2];
                double ph = -2 * Math.PI * ((double) (k0 * u0 % n[0]) / n[0] + (double) (k1 * u1 % n[1]) / n[1]
                        + (double) (k2 * u2 % n[2]) / n[2]);
                sr += x[2 * u] * Math.cos(ph) - x[2 * u + 1] * Math.sin(ph);
                si += x[2 * u] * Math.sin(ph) + x[2 * u + 1] * Math.cos(ph);
            }
            int p = 2 * ((k0 * n[1] + k1) * n[2] + k2);
            assertEquals(sr, a[p], 1e-10 * Math.sqrt(size));
            assertEquals(si, a[p + 1], 1e-10 * Math.sqrt(size));
            f.inverse(a);
            assertClose(x, a, 2 * size, "round trip");
        } finally {
            Parallel.setThreads(old);
        }
    }

    @Test
    void badShapesAndArraysAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Fft3D(0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new Fft3D(2, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Fft3D(1024, 1024, 1024));
        Fft3D f = new Fft3D(2, 3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.forward(new double[47]));
        assertEquals(true, e.getMessage().contains("47"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f.inverse(null));
        assertThrows(IllegalArgumentException.class, () -> f.inverse(new double[48], (i0, i1, z, o, sc) -> { },
                0, (c0, cnt, re, im) -> { }, new boolean[3], null));
    }
}
