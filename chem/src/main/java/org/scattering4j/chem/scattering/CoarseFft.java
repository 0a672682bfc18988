package org.scattering4j.chem.scattering;

import org.scattering4j.scattering.fft.BatchFft;

/**
 * Unscaled complex 3D FFTs of an {@code m0 x m1 x m2} lattice held as split real/imaginary rows, built on
 * {@link BatchFft#transformRows} (every 1D pass vectorised over a batch of lines): the second-order transforms of
 * {@link AnalyticSecondOrder}.
 *
 * <p>Two layouts of the rows, each row at least {@code max(m1, m2)} long:
 * <ul>
 * <li>R (real space): row {@code i0 m1 + i1} holds the {@code m2} values along axis 2;</li>
 * <li>S (spectrum): row {@code k0 m2 + k2} holds the {@code m1} values along axis 1.</li>
 * </ul>
 * {@link #forward} takes R to S, {@link #inverse} S to R. A batched FFT runs along the row index only, so the
 * axis held inside the rows needs one transpose per 3D transform; leaving the spectrum in S (its consumers are
 * pointwise) saves the transpose back. Rows are never copied otherwise: a pass whose result lands in the scratch
 * rows swaps the row references instead, so the row arrays in a table change identity (but never leave the
 * {@link Work} that owns them).
 *
 * <p>Immutable and thread-safe; the mutable state is in {@link Work}, one per thread.
 */
final class CoarseFft {
    final int m0;
    final int m1;
    final int m2;
    /** Row length of every row: {@code max(m1, m2)}. */
    final int rowLength;
    /** Rows of a table: {@code max(m0 m1, m0 m2)}. */
    final int tableRows;
    private final BatchFft f0;
    private final BatchFft f1;
    private final BatchFft f2;

    /** Lattices side by side in every row (see {@link #CoarseFft(int[], int)}). */
    final int grids;

    CoarseFft(int[] m) {
        this(m, 1);
    }

    /**
     * Transforms of {@code grids} lattices at once, held side by side in every row (lattice g at values
     * {@code g m2 ..} of an R row, {@code g m1 ..} of an S row): every batched pass then runs over {@code grids}
     * times more lanes, which amortises the per-butterfly loop overhead of the short rows (each lattice's values
     * are those of its own transform).
     */
    CoarseFft(int[] m, int grids) {
        if (grids < 1) {
            throw new IllegalArgumentException("grids = " + grids + " must be >= 1");
        }
        this.grids = grids;
        for (int ax = 0; ax < 3; ax++) {
            if (m[ax] < 1) {
                throw new IllegalArgumentException("m[" + ax + "] = " + m[ax] + " must be >= 1");
            }
        }
        m0 = m[0];
        m1 = m[1];
        m2 = m[2];
        rowLength = grids * Math.max(m1, m2);
        tableRows = Math.max(m0 * m1, m0 * m2);
        f0 = BatchFft.of(m0);
        f1 = BatchFft.of(m1);
        f2 = BatchFft.of(m2);
    }

    /** Number of lattice points. */
    int size() {
        return m0 * m1 * m2;
    }

    /** A table of {@link #tableRows} rows of {@link #rowLength} values. */
    double[][] newTable() {
        return new double[tableRows][rowLength];
    }

    /**
     * Per-thread scratch for tables of up to {@code rows} rows of {@code len} values: the transpose target, the
     * Stockham partner rows (grown on demand) and the row-reference views.
     */
    static final class Work {
        final double[][] tRe;
        final double[][] tIm;
        final int len;
        double[][] sRe = new double[0][];
        double[][] sIm = new double[0][];
        double[][] vRe = new double[0][];
        double[][] vIm = new double[0][];

        Work(int rows, int len) {
            this.len = len;
            tRe = new double[rows][len];
            tIm = new double[rows][len];
        }

        void ensureLines(int n) {
            if (sRe.length < n) {
                sRe = new double[n][len];
                sIm = new double[n][len];
                vRe = new double[n][];
                vIm = new double[n][];
            }
        }
    }

    /** R to S in place (the row arrays of {@code re, im} may be exchanged with those of {@code w}). */
    void forward(double[][] re, double[][] im, Work w) {
        for (int i0 = 0; i0 < m0; i0++) {
            pass(f1, re, im, i0 * m1, 1, grids * m2, false, w);
        }
        for (int i1 = 0; i1 < m1; i1++) {
            pass(f0, re, im, i1, m1, grids * m2, false, w);
        }
        transpose(re, im, m1, m2, w);
        for (int i0 = 0; i0 < m0; i0++) {
            pass(f2, re, im, i0 * m2, 1, grids * m1, false, w);
        }
    }

    /** S to R in place, unscaled (the row arrays of {@code re, im} may be exchanged with those of {@code w}). */
    void inverse(double[][] re, double[][] im, Work w) {
        for (int k0 = 0; k0 < m0; k0++) {
            pass(f2, re, im, k0 * m2, 1, grids * m1, true, w);
        }
        for (int k2 = 0; k2 < m2; k2++) {
            pass(f0, re, im, k2, m2, grids * m1, true, w);
        }
        transpose(re, im, m2, m1, w);
        for (int i0 = 0; i0 < m0; i0++) {
            pass(f1, re, im, i0 * m1, 1, grids * m2, true, w);
        }
    }

    /** One batched 1D pass over the rows {@code start + i stride}, {@code vLen} sequences per row. */
    private static void pass(BatchFft f, double[][] re, double[][] im, int start, int stride, int vLen,
            boolean inverse, Work w) {
        int n = f.length();
        if (n == 1) {
            return;
        }
        w.ensureLines(n);
        double[][] vr = w.vRe;
        double[][] vi = w.vIm;
        for (int i = 0; i < n; i++) {
            vr[i] = re[start + i * stride];
            vi[i] = im[start + i * stride];
        }
        if (f.transformRows(vr, vi, w.sRe, w.sIm, vLen, inverse)) {
            // the result is in the scratch rows: they become the data rows, the old data rows the scratch
            for (int i = 0; i < n; i++) {
                re[start + i * stride] = w.sRe[i];
                im[start + i * stride] = w.sIm[i];
                w.sRe[i] = vr[i];
                w.sIm[i] = vi[i];
            }
        }
    }

    /**
     * For every i0, the block of rows {@code i0 a + x} (b values each) becomes the rows {@code i0 b + y} (a values
     * each) with element (x, y) moved to (y, x); the tables are then exchanged row by row with the workspace's.
     */
    private void transpose(double[][] re, double[][] im, int a, int b, Work w) {
        double[][] tr = w.tRe;
        double[][] ti = w.tIm;
        // four source rows at a time: each target row receives four consecutive values per visit instead of one
        // (a quarter of the scattered writes), and the four source rows are read sequentially; lattice g's block
        // (values g b .. of the source rows) goes to values g a .. of the target rows
        for (int i0 = 0; i0 < m0; i0++) {
            int src = i0 * a;
            int dst = i0 * b;
            for (int g = 0; g < grids; g++) {
                int so = g * b;
                int to = g * a;
                int x = 0;
                for (; x + 3 < a; x += 4) {
                    double[] r0 = re[src + x];
                    double[] r1 = re[src + x + 1];
                    double[] r2 = re[src + x + 2];
                    double[] r3 = re[src + x + 3];
                    double[] j0 = im[src + x];
                    double[] j1 = im[src + x + 1];
                    double[] j2 = im[src + x + 2];
                    double[] j3 = im[src + x + 3];
                    int c = to + x;
                    for (int y = 0; y < b; y++) {
                        double[] t = tr[dst + y];
                        t[c] = r0[so + y];
                        t[c + 1] = r1[so + y];
                        t[c + 2] = r2[so + y];
                        t[c + 3] = r3[so + y];
                        double[] u = ti[dst + y];
                        u[c] = j0[so + y];
                        u[c + 1] = j1[so + y];
                        u[c + 2] = j2[so + y];
                        u[c + 3] = j3[so + y];
                    }
                }
                for (; x < a; x++) {
                    double[] sr = re[src + x];
                    double[] si = im[src + x];
                    for (int y = 0; y < b; y++) {
                        tr[dst + y][to + x] = sr[so + y];
                        ti[dst + y][to + x] = si[so + y];
                    }
                }
            }
        }
        for (int r = 0; r < tableRows; r++) {
            double[] t = re[r];
            re[r] = tr[r];
            tr[r] = t;
            t = im[r];
            im[r] = ti[r];
            ti[r] = t;
        }
    }
}
