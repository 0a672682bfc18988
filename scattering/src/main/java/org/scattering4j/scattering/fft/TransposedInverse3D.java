package org.scattering4j.scattering.fft;

import java.util.Arrays;
import org.scattering4j.util.Parallel;

/**
 * Inverse complex 3D FFT ({@code ifftn} scaling, divided by {@code n0 n1 n2}) of several spectra of
 * the same {@code n0 x n1 x n2} grid in one call, whose result is handed out in a <em>transposed</em>
 * layout: axes 1 and 2 are swapped inside every slab, so value {@code (u0, u1, u2)} is column
 * {@code c = u2 n1 + u1} of slab {@code u0} (flat index {@code u0 n1 n2 + u2 n1 + u1}).
 *
 * <p>Why: {@link Fft3D#inverse(double[], Fft3D.RowFiller, int, Fft3D.BlockConsumer, boolean[], boolean[])}
 * ends its in-slab phase with rows {@code u2} (the axis-2 pass is batched over {@code u1}) and transposes
 * them back into natural order, then gathers interleaved columns for the axis-0 pass. Here the rows are
 * stored as they come out (contiguous copies into split real and imaginary slabs), the input lines are
 * written by the filler straight into the split rows of the first pass, and the kept columns of axis 2
 * are compacted, which removes two passes over the grid and the interleaving. A caller that only sums
 * functions of the values over the grid, or that feeds them to {@link Fft3D#forwardTransposedReal} (which
 * reads this layout), never needs the natural order.
 *
 * <p>Several spectra per call ({@code count}) share the parallel passes, and the consumer sees all of them
 * for one column block in a row on one thread, so that it can accumulate them while the block is in cache.
 * The spectra may be zero on whole slabs {@code i0}, rows {@code i1} and columns {@code i2} (a
 * band-limited spectrum zero-padded to a finer grid): those are neither filled nor transformed.
 *
 * <p>Instances are immutable and thread-safe (scratch is per thread; the work array is the caller's).
 *
 * <pre>{@code
 * TransposedInverse3D f = new TransposedInverse3D(n0, n1, n2);
 * double[] work = new double[f.workSize(count, null)];
 * f.inverse(count, work, filler, 0, consumer, null, null, null);
 * }</pre>
 */
public final class TransposedInverse3D {
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);
    /** Target size of the two Stockham buffers of one column block of the axis-0 pass. */
    private static final int BLOCK_BYTES = 256 * 1024;
    /** Rows per tile of the in-slab transpose. */
    private static final int TILE = 8;

    private final int n0;
    private final int n1;
    private final int n2;
    private final BatchFft f0;
    private final BatchFft f1;
    private final BatchFft f2;
    private final int block;

    /** A transform of shape {@code n0 x n1 x n2} (each &ge; 1, product below 2^30). */
    public TransposedInverse3D(int n0, int n1, int n2) {
        if (n0 < 1 || n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("FFT shape (" + n0 + ", " + n1 + ", " + n2 + ") must be positive");
        }
        if ((long) n0 * n1 * n2 >= (1L << 30)) {
            throw new IllegalArgumentException("FFT shape (" + n0 + ", " + n1 + ", " + n2
                    + ") has more than 2^30 points");
        }
        this.n0 = n0;
        this.n1 = n1;
        this.n2 = n2;
        this.f0 = BatchFft.of(n0);
        this.f1 = BatchFft.of(n1);
        this.f2 = BatchFft.of(n2);
        int b = Math.max(64, (BLOCK_BYTES / (32 * n0)) & ~7);
        this.block = Math.min(b, n1 * n2);
    }

    /**
     * Writes line {@code (i0, i1)} of every spectrum: for spectrum {@code s} and lane {@code k},
     * {@code re[s][k] + i im[s][k]} is the value at {@code i2 = lanes[k]}, where {@code lanes} are the
     * active columns in ascending order (all of {@code 0..n2-1} when no mask is given).
     */
    @FunctionalInterface
    public interface LineFiller {
        /** {@code scratch}: the calling worker's own array of the size asked for. */
        void fill(int i0, int i1, double[][] re, double[][] im, double[] scratch);
    }

    /** Receives the result column block by column block. */
    @FunctionalInterface
    public interface BlockConsumer {
        /**
         * Columns {@code c0 .. c0 + count - 1} (transposed layout, {@code c = u2 n1 + u1}) of spectrum
         * {@code s}: value {@code (u0, c)} is {@code re[u0][c - c0] + i im[u0][c - c0]}. For each block
         * the spectra come in order {@code 0, 1, ..} on the same thread; blocks go to the workers
         * concurrently (disjoint columns). The rows are valid only during the call.
         */
        void accept(int s, int c0, int count, double[][] re, double[][] im);
    }

    /**
     * Width of the column blocks handed to the consumer: every block starts at a multiple of it and all
     * but the last have this many columns.
     */
    public int columnBlock() {
        return block;
    }

    /** Number of doubles the work array needs for {@code count} spectra with the slab mask {@code active0}. */
    public int workSize(int count, boolean[] active0) {
        return 2 * count * activeCount(active0, n0) * n1 * n2;
    }

    /**
     * Inverse transforms of {@code count} spectra, produced line by line by {@code filler} and handed to
     * {@code consumer} in the transposed layout. {@code work} (at least {@link #workSize} values) holds the
     * intermediate slabs; its content afterwards is unspecified. The masks ({@code null}: all active) name
     * the slabs {@code i0}, rows {@code i1} and columns {@code i2} where a spectrum may be non-zero; the
     * filler is called only for active {@code (i0, i1)} and writes the active columns only.
     */
    public void inverse(int count, double[] work, LineFiller filler, int scratchSize, BlockConsumer consumer,
                        boolean[] active0, boolean[] active1, boolean[] active2) {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + " must be >= 1");
        }
        checkMask("active0", active0, n0);
        checkMask("active1", active1, n1);
        checkMask("active2", active2, n2);
        if (work == null || work.length < workSize(count, active0)) {
            throw new IllegalArgumentException("work has " + (work == null ? "no" : work.length)
                    + " values, needs " + workSize(count, active0));
        }
        int slab = n1 * n2;
        int[] slot = new int[n0];
        int slabs = 0;
        for (int i0 = 0; i0 < n0; i0++) {
            slot[i0] = active0 == null || active0[i0] ? slabs++ : -1;
        }
        int[] lanes = indices(active2, n2);
        int kept = lanes.length;
        int stride = 2 * slabs * slab; // one spectrum's slabs
        double scale = 1.0 / ((double) n0 * n1 * n2);
        int rows = Math.max(n1, n2);
        // phase 1, slab by slab: fill, axis 1 (batch over the kept columns), transpose, axis 2, store
        Parallel.forEach(n0, WORK::get, (i0, w) -> {
            if (slot[i0] < 0) {
                return;
            }
            w.ensure(count, rows, Math.max(rows, block), n0);
            double[] sc = w.fill(scratchSize);
            for (int i1 = 0; i1 < n1; i1++) {
                if (active1 != null && !active1[i1]) {
                    for (int s = 0; s < count; s++) {
                        Arrays.fill(w.fr[s][i1], 0, kept, 0);
                        Arrays.fill(w.fi[s][i1], 0, kept, 0);
                    }
                    continue;
                }
                for (int s = 0; s < count; s++) {
                    w.lineR[s] = w.fr[s][i1];
                    w.lineI[s] = w.fi[s][i1];
                }
                filler.fill(i0, i1, w.lineR, w.lineI, sc);
            }
            for (int s = 0; s < count; s++) {
                double[][] xr = w.fr[s];
                double[][] xi = w.fi[s];
                double[][] yr = w.ar;
                double[][] yi = w.ai;
                if (f1.transformRows(xr, xi, yr, yi, kept, true)) {
                    double[][] t = xr;
                    xr = yr;
                    yr = t;
                    t = xi;
                    xi = yi;
                    yi = t;
                }
                // rows i2 (lanes i1) into y; columns without data are zero rows
                if (kept < n2) {
                    for (int i2 = 0; i2 < n2; i2++) {
                        if (!active2[i2]) {
                            Arrays.fill(yr[i2], 0, n1, 0);
                            Arrays.fill(yi[i2], 0, n1, 0);
                        }
                    }
                }
                for (int t0 = 0; t0 < n1; t0 += TILE) {
                    int t1 = Math.min(n1, t0 + TILE);
                    for (int k = 0; k < kept; k++) {
                        double[] dr = yr[lanes[k]];
                        double[] di = yi[lanes[k]];
                        for (int i1 = t0; i1 < t1; i1++) {
                            dr[i1] = xr[i1][k];
                            di[i1] = xi[i1][k];
                        }
                    }
                }
                double[][] resR = yr;
                double[][] resI = yi;
                if (f2.transformRows(yr, yi, xr, xi, n1, true)) {
                    resR = xr;
                    resI = xi;
                }
                int base = s * stride + 2 * slot[i0] * slab;
                for (int u2 = 0; u2 < n2; u2++) {
                    double[] rr = resR[u2];
                    double[] ri = resI[u2];
                    int p = base + u2 * n1;
                    int q = p + slab;
                    for (int u1 = 0; u1 < n1; u1++) {
                        work[p + u1] = rr[u1] * scale;
                        work[q + u1] = ri[u1] * scale;
                    }
                }
            }
        });
        // phase 2: axis 0, block of (transposed) columns by block, every spectrum in turn
        int blocks = (slab + block - 1) / block;
        Parallel.forEach(blocks, WORK::get, (b, w) -> {
            w.ensure(count, rows, Math.max(rows, block), n0);
            int c0 = b * block;
            int cnt = Math.min(block, slab - c0);
            for (int s = 0; s < count; s++) {
                double[][] xr = w.pr;
                double[][] xi = w.pi;
                for (int i0 = 0; i0 < n0; i0++) {
                    if (slot[i0] < 0) {
                        Arrays.fill(xr[i0], 0, cnt, 0);
                        Arrays.fill(xi[i0], 0, cnt, 0);
                        continue;
                    }
                    int p = s * stride + 2 * slot[i0] * slab + c0;
                    System.arraycopy(work, p, xr[i0], 0, cnt);
                    System.arraycopy(work, p + slab, xi[i0], 0, cnt);
                }
                if (f0.transformRows(xr, xi, w.qr, w.qi, cnt, true)) {
                    consumer.accept(s, c0, cnt, w.qr, w.qi);
                } else {
                    consumer.accept(s, c0, cnt, xr, xi);
                }
            }
        });
    }

    private static void checkMask(String name, boolean[] mask, int n) {
        if (mask != null && mask.length != n) {
            throw new IllegalArgumentException(name + " has " + mask.length + " entries, the axis has " + n);
        }
    }

    private static int activeCount(boolean[] mask, int n) {
        return indices(mask, n).length;
    }

    /** Indices i with mask[i] (all of 0..n-1 for null), ascending. */
    private static int[] indices(boolean[] mask, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += mask == null || mask[i] ? 1 : 0;
        }
        int[] k = new int[c];
        for (int i = 0, j = 0; i < n; i++) {
            if (mask == null || mask[i]) {
                k[j++] = i;
            }
        }
        return k;
    }

    /** Per-thread scratch: fill rows per spectrum, one Stockham partner, the axis-0 block rows. */
    private static final class Work {
        double[][][] fr = new double[0][][];
        double[][][] fi = new double[0][][];
        double[][] ar = new double[0][0];
        double[][] ai = new double[0][0];
        double[][] pr = new double[0][0];
        double[][] pi = new double[0][0];
        double[][] qr = new double[0][0];
        double[][] qi = new double[0][0];
        double[][] lineR = new double[0][];
        double[][] lineI = new double[0][];
        double[] fill = new double[0];

        void ensure(int count, int rows, int lanes, int n0) {
            if (fr.length < count || ar.length < rows || ar[0].length < lanes) {
                int c = Math.max(count, fr.length);
                int r = Math.max(rows, ar.length);
                int l = Math.max(lanes, ar.length == 0 ? 0 : ar[0].length);
                fr = new double[c][r][l];
                fi = new double[c][r][l];
                ar = new double[r][l];
                ai = new double[r][l];
                lineR = new double[c][];
                lineI = new double[c][];
            }
            if (pr.length < n0 || pr[0].length < lanes) {
                int r = Math.max(n0, pr.length);
                int l = Math.max(lanes, pr.length == 0 ? 0 : pr[0].length);
                pr = new double[r][l];
                pi = new double[r][l];
                qr = new double[r][l];
                qi = new double[r][l];
            }
        }

        double[] fill(int n) {
            if (fill.length < n) {
                fill = new double[n];
            }
            return fill;
        }
    }
}
