package org.scattering4j.scattering.fft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BatchFftTest {
    private static final int[] SIZES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 18, 19, 20, 23, 34, 36, 40, 49, 68, 120, 77, 136, 143, 221, 272, 391};

    @Test
    void batchedTransformsMatchNaiveDftForManyLengths() {
        Random rnd = new Random(11);
        for (int n : SIZES) {
            for (int v : new int[] {1, 3, 9}) {
                int[] all = new int[v];
                for (int b = 0; b < v; b++) {
                    all[b] = b;
                }
                for (boolean inv : new boolean[] {false, true}) {
                    transformRandomAndCheck(rnd, n, v, inv, true, all, "n=" + n + " v=" + v);
                }
            }
        }
    }

    @Test
    void twiddledStagesMatchNaiveDftOverSeveralCacheBlocks() {
        // twiddled butterflies (j > 0) of every dedicated radix: 4 and 3 (144 = 4 4 3 3), 7 (77 = 7 11),
        // 13 (221 = 13 17), 17 (578 = 2 17 17, 289 = 17 17), 2 (136 = 4 2 17), 5 (40 = 4 2 5), 11 (143 = 11 13),
        // with enough sequences for two or more cache blocks (the butterflies then run on value ranges lo > 0)
        Random rnd = new Random(14);
        for (int n : new int[] {144, 77, 221, 578, 289, 136, 40, 143}) {
            int block = Math.max(64, (int) (512 * 1024 / (32L * n)) & ~7);
            int v = 2 * block + 5;
            for (boolean inv : new boolean[] {false, true}) {
                // sequences in each block, against the definition
                transformRandomAndCheck(rnd, n, v, inv, false, new int[] {block - 1, 2 * block, v - 1},
                        "n=" + n + " inv=" + inv);
            }
        }
    }

    /**
     * Transforms v random sequences of length n in place ({@code scratch}: with caller scratch arrays, else
     * with the plan's own) and checks the sequences {@code seqs} against the naive DFT.
     */
    private static void transformRandomAndCheck(Random rnd, int n, int v, boolean inv, boolean scratch, int[] seqs,
            String label) {
        double[] re = new double[n * v];
        double[] im = new double[n * v];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian();
            im[i] = rnd.nextGaussian();
        }
        double[] r0 = re.clone();
        double[] i0 = im.clone();
        BatchFft.of(n).transform(re, im, 0, v, scratch ? new double[n * v] : null, scratch ? new double[n * v] : null,
                inv);
        for (int b : seqs) {
            assertSequenceMatchesNaiveDft(r0, i0, re, im, n, v, b, inv, label + " b=" + b);
        }
    }

    /**
     * Sequence {@code b} of a batch of {@code v} interleaved sequences (element i at {@code i * v + b}): the
     * output {@code re, im} against the direct DFT of the input {@code r0, i0} (BatchFft is unscaled both ways).
     */
    private static void assertSequenceMatchesNaiveDft(double[] r0, double[] i0, double[] re, double[] im, int n, int v,
            int b, boolean inv, String what) {
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            z[2 * i] = r0[i * v + b];
            z[2 * i + 1] = i0[i * v + b];
        }
        double[] ref = Fft.naiveDft(z, n, inv);
        double scale = inv ? n : 1;
        for (int i = 0; i < n; i++) {
            assertEquals(ref[2 * i] * scale, re[i * v + b], 1e-11 * n, "re " + what);
            assertEquals(ref[2 * i + 1] * scale, im[i * v + b], 1e-11 * n, "im " + what);
        }
    }

    @Test
    void cacheBlockedBatchesEqualSingleSequencesBitForBit() {
        // v above the cache block (64 sequences for n = 272, 448 for n = 36), with a ragged last block
        Random rnd = new Random(12);
        for (int[] nv : new int[][] {{272, 200}, {136, 333}, {36, 1000}, {17, 2100}}) {
            int n = nv[0];
            int v = nv[1];
            double[] re = new double[n * v];
            double[] im = new double[n * v];
            for (int i = 0; i < re.length; i++) {
                re[i] = rnd.nextGaussian();
                im[i] = rnd.nextGaussian();
            }
            double[] r0 = re.clone();
            double[] i0 = im.clone();
            BatchFft.of(n).transform(re, im, 0, v, null, null, false);
            for (int b = 0; b < v; b += 7) {
                double[] sr = new double[n];
                double[] si = new double[n];
                for (int i = 0; i < n; i++) {
                    sr[i] = r0[i * v + b];
                    si[i] = i0[i * v + b];
                }
                BatchFft.of(n).transform(sr, si, 0, 1, null, null, false);
                for (int i = 0; i < n; i++) {
                    assertEquals(sr[i], re[i * v + b], 0, "re n=" + n + " v=" + v + " b=" + b);
                    assertEquals(si[i], im[i * v + b], 0, "im n=" + n + " v=" + v + " b=" + b);
                }
            }
            assertSequenceMatchesNaiveDft(r0, i0, re, im, n, v, v - 1, false, "naive n=" + n);
        }
    }

    @Test
    void rowLevelTwoDimensionalTransformsMatchFlatOnes() {
        Random rnd = new Random(13);
        int rows = 36;
        int cols = 18;
        int count = 3;
        double[] re = new double[rows * count * cols];
        double[] im = new double[rows * count * cols];
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian();
            im[i] = rnd.nextGaussian();
        }
        Fft2D.Workspace ws = new Fft2D.Workspace(0);
        ws.reserve(rows, count * rows);
        BatchFft.Rows in = ws.free(null);
        for (int u = 0; u < rows; u++) {
            System.arraycopy(re, u * count * cols, in.re()[u], 0, count * cols);
            System.arraycopy(im, u * count * cols, in.im()[u], 0, count * cols);
        }
        BatchFft.Rows f = Fft2D.forwardRows(in, rows, cols, count, ws);
        double[] fr = re.clone();
        double[] fi = im.clone();
        Fft2D.forwardToTransposed(fr, fi, rows, cols, count, new Fft2D.Workspace(0));
        for (int k2 = 0; k2 < cols; k2++) {
            for (int j = 0; j < count * rows; j++) {
                assertEquals(fr[k2 * count * rows + j], f.re()[k2][j], 0);
                assertEquals(fi[k2 * count * rows + j], f.im()[k2][j], 0);
            }
        }
        BatchFft.Rows back = Fft2D.inverseRows(f, rows, cols, count, ws);
        for (int u = 0; u < rows; u++) {
            for (int j = 0; j < count * cols; j++) {
                assertEquals(re[u * count * cols + j], back.re()[u][j] / (rows * cols), 1e-12);
                assertEquals(im[u * count * cols + j], back.im()[u][j] / (rows * cols), 1e-12);
            }
        }
    }

    @Test
    void twoDimensionalRoundTripAndDcTerm() {
        Random rnd = new Random(5);
        int rows = 36;
        int cols = 34;
        double[] re = new double[rows * cols];
        double[] im = new double[rows * cols];
        double sum = 0;
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextGaussian();
            sum += re[i];
        }
        double[] orig = re.clone();
        Fft2D.Workspace ws = new Fft2D.Workspace(rows * cols);
        Fft2D.forward(re, im, rows, cols, ws);
        assertEquals(sum, re[0], 1e-10);
        assertEquals(0, im[0], 1e-10);
        // bin (1, 2) against the definition
        double er = 0;
        double ei = 0;
        for (int u = 0; u < rows; u++) {
            for (int v = 0; v < cols; v++) {
                double a = -2 * Math.PI * (1.0 * u / rows + 2.0 * v / cols);
                er += orig[u * cols + v] * Math.cos(a);
                ei += orig[u * cols + v] * Math.sin(a);
            }
        }
        assertEquals(er, re[cols + 2], 1e-10);
        assertEquals(ei, im[cols + 2], 1e-10);
        Fft2D.inverse(re, im, rows, cols, ws);
        for (int i = 0; i < re.length; i++) {
            assertEquals(orig[i], re[i] / (rows * cols), 1e-12);
            assertEquals(0, im[i] / (rows * cols), 1e-12);
        }
    }

    @Test
    void transposedSpectrumVariantsAgreeWithThePlainTwoDimensionalFft() {
        Random rnd = new Random(9);
        for (int[] sz : new int[][] {{36, 34}, {17, 8}, {9, 40}, {272, 16}}) {
            int rows = sz[0];
            int cols = sz[1];
            double[] re = new double[rows * cols];
            double[] im = new double[rows * cols];
            for (int i = 0; i < re.length; i++) {
                re[i] = rnd.nextGaussian();
                im[i] = rnd.nextGaussian();
            }
            Fft2D.Workspace ws = new Fft2D.Workspace(rows * cols);
            double[] pr = re.clone();
            double[] pi = im.clone();
            Fft2D.forward(pr, pi, rows, cols, ws);
            double[] tr = re.clone();
            double[] ti = im.clone();
            Fft2D.forwardToTransposed(tr, ti, rows, cols, ws);
            for (int k1 = 0; k1 < rows; k1++) {
                for (int k2 = 0; k2 < cols; k2++) {
                    assertEquals(pr[k1 * cols + k2], tr[k2 * rows + k1], 1e-10);
                    assertEquals(pi[k1 * cols + k2], ti[k2 * rows + k1], 1e-10);
                }
            }
            Fft2D.inverseFromTransposed(tr, ti, rows, cols, ws);
            for (int i = 0; i < re.length; i++) {
                assertEquals(re[i], tr[i] / (rows * cols), 1e-12);
                assertEquals(im[i], ti[i] / (rows * cols), 1e-12);
            }
        }
    }

    @Test
    void sequenceRangesEqualTheWholeBatchAndLeaveTheRestAlone() {
        // ranges (as the threads of Scattering2D's single-image path use them) give the whole batch's values
        // bit for bit, end in the same buffer, touch nothing outside; odd widths and a range of one
        Random rnd = new Random(21);
        for (int[] nv : new int[][] {{272, 301}, {36, 77}, {16, 9}, {17, 5}}) {
            int n = nv[0];
            int v = nv[1];
            double[][] xr = new double[n][v];
            double[][] xi = new double[n][v];
            for (int i = 0; i < n; i++) {
                for (int b = 0; b < v; b++) {
                    xr[i][b] = rnd.nextGaussian();
                    xi[i][b] = rnd.nextGaussian();
                }
            }
            double[][] ar = deepCopy(xr);
            double[][] ai = deepCopy(xi);
            double[][] yr = new double[n][v];
            double[][] yi = new double[n][v];
            boolean whole = BatchFft.of(n).transformRows(ar, ai, yr, yi, v, true);
            double[][] br = deepCopy(xr);
            double[][] bi = deepCopy(xi);
            double[][] zr = new double[n][v];
            double[][] zi = new double[n][v];
            int[] cuts = {0, 1, v / 3, v - 1, v};
            for (int c = 0; c + 1 < cuts.length; c++) {
                boolean part = BatchFft.of(n).transformRows(br, bi, zr, zi, cuts[c], cuts[c + 1], true);
                assertEquals(whole, part, "result buffer, n=" + n + " range " + cuts[c] + ".." + cuts[c + 1]);
                if (c == 0) {
                    // only sequence 0 transformed so far: sequence 1 is untouched
                    for (int i = 0; i < n; i++) {
                        assertEquals(xr[i][1], br[i][1], 0);
                        assertEquals(0, zr[i][1], 0);
                    }
                }
            }
            double[][] wr = whole ? yr : ar;
            double[][] wi = whole ? yi : ai;
            double[][] pr = whole ? zr : br;
            double[][] pi = whole ? zi : bi;
            for (int i = 0; i < n; i++) {
                assertArrayEquals(wr[i], pr[i], 0, "re n=" + n + " row " + i);
                assertArrayEquals(wi[i], pi[i], 0, "im n=" + n + " row " + i);
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> BatchFft.of(8).transformRows(new double[8][4], new double[8][4], new double[8][4],
                        new double[8][4], 3, 2, false));
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
