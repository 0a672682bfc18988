package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.filters.MorletFilterBank2D;
import org.scattering4j.util.NdArray;
import org.scattering4j.util.Parallel;

class Scattering2DTest {

    private static double[][] randomImage(Random rnd, int m, int n) {
        double[][] x = new double[m][n];
        for (double[] row : x) {
            for (int i = 0; i < n; i++) {
                row[i] = rnd.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void sizesFollowKymatiosRulesForNonSquareImages() {
        Scattering2D s = new Scattering2D(3, 48, 40);
        assertEquals(64, s.paddedRows());
        assertEquals(56, s.paddedCols());
        assertArrayEquals(new int[] {217, 6, 5}, s.outputSize());
        NdArray out = s.transform(randomImage(new Random(1), 48, 40));
        assertArrayEquals(new int[] {217, 6, 5}, out.shape());

        Scattering2D t = new Scattering2D(2, 30, 17, 6, 1);
        assertEquals(Scattering2D.paddedSize(30, 2), t.paddedRows());
        assertEquals(36, t.paddedRows()); // (floor(34/4) + 1) * 4
        assertEquals(24, t.paddedCols()); // (floor(21/4) + 1) * 4
        assertEquals(3, t.padTop());
        assertEquals(3, t.padLeft());
        assertArrayEquals(new int[] {1 + 12, 7, 4}, t.outputSize());
        assertEquals(127, new Scattering2D(3, 64, 64, 6, 2).channels());
    }

    /**
     * The slow, obvious twin: reflect padding written independently, direct circular convolution in
     * space with each filter's spatial kernel (naive inverse DFT of the bank's Fourier filter at the
     * level's size), then plain decimation and unpadding. No FFT code of the library is used.
     */
    @Test
    void matchesDirectSpatialConvolutionTwin() {
        // non-square and not multiples of 2^J; image side = 2^J (padding longer than the side, so the
        // reflection wraps); J = 1 (no second order); J = 3
        int[][] configs = {{10, 13, 2, 3}, {4, 6, 2, 2}, {7, 5, 1, 4}, {9, 8, 3, 1}};
        for (int[] cfg : configs) {
            twin(cfg[0], cfg[1], cfg[2], cfg[3]);
        }
    }

    private static void twin(int m, int n, int bigJ, int bigL) {
        Scattering2D s = new Scattering2D(bigJ, m, n, bigL, 2);
        double[][] x = randomImage(new Random(3 + m), m, n);
        double[] got = s.transform(x).data();

        int mp = s.paddedRows();
        int np = s.paddedCols();
        MorletFilterBank2D bank = new MorletFilterBank2D(mp, np, bigJ, bigL);
        double[] xp = new double[mp * np];
        for (int u = 0; u < mp; u++) {
            for (int v = 0; v < np; v++) {
                xp[u * np + v] = x[mirror(u - s.padTop(), m)][mirror(v - s.padLeft(), n)];
            }
        }
        int outR = s.outputRows();
        int outC = s.outputCols();
        double[] want = new double[s.channels() * outR * outC];
        int ch = 0;
        // S0
        double[][] low = convolve(xp, new double[mp * np], mp, np, bank.phi(0), 1 << bigJ);
        ch = put(low[0], mp >> bigJ, np >> bigJ, want, ch, outR, outC);
        double[][] u1s = new double[bigJ * bigL][];
        for (int n1 = 0; n1 < bigJ * bigL; n1++) {
            int j1 = n1 / bigL;
            double[][] y = convolve(xp, new double[mp * np], mp, np, bank.psi(n1, 0), 1 << j1);
            u1s[n1] = abs(y);
            double[][] s1 = convolve(u1s[n1], new double[u1s[n1].length], mp >> j1, np >> j1, bank.phi(j1),
                    1 << (bigJ - j1));
            ch = put(s1[0], mp >> bigJ, np >> bigJ, want, ch, outR, outC);
        }
        for (int n1 = 0; n1 < bigJ * bigL; n1++) {
            int j1 = n1 / bigL;
            for (int n2 = 0; n2 < bigJ * bigL; n2++) {
                int j2 = n2 / bigL;
                if (j2 <= j1) {
                    continue;
                }
                double[][] y = convolve(u1s[n1], new double[u1s[n1].length], mp >> j1, np >> j1, bank.psi(n2, j1),
                        1 << (j2 - j1));
                double[] u2 = abs(y);
                double[][] s2 = convolve(u2, new double[u2.length], mp >> j2, np >> j2, bank.phi(j2), 1 << (bigJ - j2));
                ch = put(s2[0], mp >> bigJ, np >> bigJ, want, ch, outR, outC);
            }
        }
        assertEquals(s.channels(), ch);
        double max = 0;
        for (double v : want) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-10 * max, m + "x" + n + " J=" + bigJ + " L=" + bigL + " value " + i);
        }
    }

    private static int mirror(int i, int size) {
        // NumPy 'reflect': ... 2 1 | 0 1 2 ... size-1 | size-2 ...
        while (i < 0 || i >= size) {
            i = i < 0 ? -i : 2 * (size - 1) - i;
        }
        return i;
    }

    /** Circular convolution of (re, im) on rows x cols with the kernel of Fourier filter f, decimated by k. */
    private static double[][] convolve(double[] re, double[] im, int rows, int cols, double[] f, int k) {
        // spatial kernel: naive inverse DFT of the real Fourier filter
        double[] hr = new double[rows * cols];
        double[] hi = new double[rows * cols];
        for (int u = 0; u < rows; u++) {
            for (int v = 0; v < cols; v++) {
                double ar = 0;
                double ai = 0;
                for (int a = 0; a < rows; a++) {
                    for (int b = 0; b < cols; b++) {
                        double ang = 2 * Math.PI * ((double) (a * u % rows) / rows + (double) (b * v % cols) / cols);
                        ar += f[a * cols + b] * Math.cos(ang);
                        ai += f[a * cols + b] * Math.sin(ang);
                    }
                }
                hr[u * cols + v] = ar / (rows * cols);
                hi[u * cols + v] = ai / (rows * cols);
            }
        }
        int sr = rows / k;
        int sc = cols / k;
        double[] or = new double[sr * sc];
        double[] oi = new double[sr * sc];
        for (int p = 0; p < sr; p++) {
            for (int q = 0; q < sc; q++) {
                int u = p * k;
                int v = q * k;
                double ar = 0;
                double ai = 0;
                for (int a = 0; a < rows; a++) {
                    for (int b = 0; b < cols; b++) {
                        int h = Math.floorMod(u - a, rows) * cols + Math.floorMod(v - b, cols);
                        ar += re[a * cols + b] * hr[h] - im[a * cols + b] * hi[h];
                        ai += re[a * cols + b] * hi[h] + im[a * cols + b] * hr[h];
                    }
                }
                or[p * sc + q] = ar;
                oi[p * sc + q] = ai;
            }
        }
        return new double[][] {or, oi};
    }

    private static double[] abs(double[][] z) {
        double[] a = new double[z[0].length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.sqrt(z[0][i] * z[0][i] + z[1][i] * z[1][i]);
        }
        return a;
    }

    private static int put(double[] map, int rows, int cols, double[] out, int ch, int outR, int outC) {
        for (int y = 0; y < outR; y++) {
            for (int x = 0; x < outC; x++) {
                out[(ch * outR + y) * outC + x] = map[(y + 1) * cols + x + 1];
            }
        }
        return ch + 1;
    }

    @Test
    void batchEqualsPerImageAndInputsAreNotModified() {
        Scattering2D s = new Scattering2D(2, 20, 24, 4, 2);
        Random rnd = new Random(8);
        double[][][] batch = new double[3][][];
        double[][][] copy = new double[3][][];
        for (int b = 0; b < 3; b++) {
            batch[b] = randomImage(rnd, 20, 24);
            copy[b] = new double[20][];
            for (int r = 0; r < 20; r++) {
                copy[b][r] = batch[b][r].clone();
            }
        }
        NdArray all = s.transform(batch);
        assertArrayEquals(new int[] {3, s.channels(), 5, 6}, all.shape());
        for (int b = 0; b < 3; b++) {
            assertArrayEquals(all.row(b), s.transform(batch[b]).data(), 0);
            double[] flat = new double[20 * 24];
            for (int r = 0; r < 20; r++) {
                System.arraycopy(batch[b][r], 0, flat, r * 24, 24);
            }
            assertArrayEquals(all.row(b), s.transform(flat).data(), 0);
            for (int r = 0; r < 20; r++) {
                assertArrayEquals(copy[b][r], batch[b][r], 0, "caller array modified");
            }
        }
        double[][] flats = new double[3][20 * 24];
        for (int b = 0; b < 3; b++) {
            for (int r = 0; r < 20; r++) {
                System.arraycopy(batch[b][r], 0, flats[b], r * 24, 24);
            }
        }
        assertArrayEquals(all.data(), s.transform(flats, 20, 24).data(), 0);
        assertArrayEquals(all.data(), s.transform(new NdArray(new int[] {3, 20, 24}, concat(flats))).data(), 0);
    }

    private static double[] concat(double[][] a) {
        double[] r = new double[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, r, i * a[0].length, a[0].length);
        }
        return r;
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        Scattering2D s = new Scattering2D(3, 33, 40, 5, 2);
        Random rnd = new Random(4);
        double[][][] batch = {randomImage(rnd, 33, 40), randomImage(rnd, 33, 40), randomImage(rnd, 33, 40)};
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            NdArray one = s.transform(batch);
            NdArray single = s.transform(batch[1]);
            Parallel.setThreads(3);
            assertArrayEquals(one.data(), s.transform(batch).data(), 0);
            assertArrayEquals(single.data(), s.transform(batch[1]).data(), 0);
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * The multi-threaded single-image path computes into a reused buffer and hands out a copy: every call
     * must return its own array, equal to what a new transform object gives (no values left over from an
     * earlier image), unaffected by changes to earlier results and unchanged by later calls, also when
     * several threads call one object at once.
     */
    @Test
    void repeatedSingleImageCallsReturnFreshArraysWithoutLeftovers() throws Exception {
        int before = Parallel.threads();
        try {
            // expected: each image on its own new object, one thread (the path without the reused buffer)
            Parallel.setThreads(1);
            Random rnd = new Random(12);
            double[][][] images = new double[6][][];
            double[][] expected = new double[6][];
            for (int i = 0; i < images.length; i++) {
                images[i] = randomImage(rnd, 33, 40);
                expected[i] = new Scattering2D(3, 33, 40, 5, 2).transform(images[i]).data();
            }
            Parallel.setThreads(2);
            Scattering2D s = new Scattering2D(3, 33, 40, 5, 2);
            double[] first = s.transform(images[0]).data();
            double[] second = s.transform(images[1]).data();
            assertNotSame(first, second);
            assertArrayEquals(expected[0], first, 0);
            assertArrayEquals(expected[1], second, 0);
            java.util.Arrays.fill(first, Double.NaN);
            double[] third = s.transform(images[0]).data();
            assertNotSame(first, third);
            assertArrayEquals(expected[0], third, 0, "a changed earlier result leaked into a later call");
            assertArrayEquals(expected[1], second, 0, "a later call changed an earlier result");
            ExecutorService callers = Executors.newFixedThreadPool(3);
            try {
                List<Future<Boolean>> checks = new ArrayList<>();
                for (int c = 0; c < 24; c++) {
                    int i = c % images.length;
                    checks.add(callers.submit(() -> java.util.Arrays.equals(expected[i], s.transform(images[i]).data())));
                }
                for (int c = 0; c < checks.size(); c++) {
                    assertTrue(checks.get(c).get(), "concurrent call " + c + " (image " + c % images.length + ")");
                }
            } finally {
                callers.shutdown();
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * Non-expansiveness: ||Sx - Sy|| &le; C ||x - y|| with C = 1. Kymatio's bank has a Littlewood-Paley
     * sum up to ~1.02, reflect padding and unnormalised subsampling; over random pairs (noise, smooth,
     * sparse) the measured ratio is about 0.12 at most (24 x 28, J=2, L=8), so C = 1 leaves a wide margin
     * while still catching a wrongly scaled filter or FFT (which would multiply the ratio by a grid size).
     */
    @Test
    void isContractiveOnRandomPairs() {
        Scattering2D s = new Scattering2D(2, 24, 28, 8, 2);
        Random rnd = new Random(12);
        double worst = 0;
        for (int trial = 0; trial < 6; trial++) {
            double[][] x = randomImage(rnd, 24, 28);
            double[][] y = new double[24][28];
            for (int r = 0; r < 24; r++) {
                for (int c = 0; c < 28; c++) {
                    double d = switch (trial % 3) {
                        case 0 -> 0.3 * rnd.nextGaussian();
                        case 1 -> Math.sin(0.3 * r + 0.2 * c * trial);
                        default -> rnd.nextDouble() < 0.05 ? 3 : 0;
                    };
                    y[r][c] = x[r][c] + d;
                }
            }
            double dx = 0;
            for (int r = 0; r < 24; r++) {
                for (int c = 0; c < 28; c++) {
                    dx += (x[r][c] - y[r][c]) * (x[r][c] - y[r][c]);
                }
            }
            double[] sx = s.transform(x).data();
            double[] sy = s.transform(y).data();
            double ds = 0;
            for (int i = 0; i < sx.length; i++) {
                ds += (sx[i] - sy[i]) * (sx[i] - sy[i]);
            }
            worst = Math.max(worst, Math.sqrt(ds / dx));
        }
        assertTrue(worst <= 1.0, "||Sx-Sy|| / ||x-y|| = " + worst);
        assertTrue(worst > 1e-3, "suspiciously small ratio " + worst);
    }

    @Test
    void badParametersAndInputsAreRejectedWithTheirRange() {
        assertMessage(() -> new Scattering2D(3, 7, 16), "M = 7");
        assertMessage(() -> new Scattering2D(3, 16, 5), "N = 5");
        assertMessage(() -> new Scattering2D(0, 16, 16), "J = 0");
        assertMessage(() -> new Scattering2D(2, 16, 16, 0, 2), "L = 0");
        assertMessage(() -> new Scattering2D(2, 16, 16, 8, 3), "maxOrder = 3");
        assertMessage(() -> new Scattering2D(2, 16, 16, 8, 0), "must be 1 or 2");
        Scattering2D s = new Scattering2D(2, 8, 8, 2, 2);
        assertMessage(() -> s.transform(new double[7][8]), "7 rows, expected M = 8");
        assertMessage(() -> s.transform(new double[8][9]), "row 0 has 9 columns");
        assertMessage(() -> s.transform(new double[63]), "63 values");
        assertMessage(() -> s.transform(new double[2][64], 8, 9), "8 x 9");
        double[][] bad = new double[8][8];
        bad[5][2] = Double.NaN;
        assertMessage(() -> s.transform(bad), "image 0 row 5 col 2 is NaN");
        double[][][] batch = {new double[8][8], new double[8][8]};
        batch[1][3][7] = Double.NEGATIVE_INFINITY;
        assertMessage(() -> s.transform(batch), "image 1 row 3 col 7 is -Infinity");
        assertMessage(() -> s.transform(new NdArray(new int[] {2, 8, 7}, new double[112])), "[2, 8, 7]");
    }

    private static void assertMessage(Runnable r, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
    }

    @Test
    void metaListsEveryChannelOnceInOutputOrder() {
        Scattering2D s = new Scattering2D(3, 16, 16, 3, 2);
        List<Map<String, Object>> meta = s.meta();
        assertEquals(1 + 9 + 9 * 3, meta.size());
        for (int i = 0; i < meta.size(); i++) {
            assertEquals(i, meta.get(i).get("index"));
        }
        assertEquals(List.of(0, 3), meta.get(10).get("n"));
        assertEquals(List.of(0, 1), meta.get(10).get("j"));
        assertEquals(List.of(0, 0), meta.get(10).get("theta"));
        assertEquals(2, meta.get(10).get("order"));
        Map<String, Object> last = meta.get(meta.size() - 1);
        assertEquals(List.of(5, 8), last.get("n"));
        assertEquals(List.of(1, 2), last.get("j"));
        assertEquals(List.of(2, 2), last.get("theta"));
        assertEquals(List.of(7), meta.get(8).get("n"));
        assertEquals(List.of(2), meta.get(8).get("j"));
        assertEquals(List.of(1), meta.get(8).get("theta"));
    }
}
