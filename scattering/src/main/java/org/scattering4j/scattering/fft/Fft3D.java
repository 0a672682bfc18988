package org.scattering4j.scattering.fft;

import org.jtransforms.fft.DoubleFFT_1D;
import org.scattering4j.util.Parallel;

/**
 * In-place complex 3D FFT of an {@code n0 x n1 x n2} grid stored as interleaved {@code [re, im]} pairs in
 * C order (axis 2 fastest), with NumPy's {@code fftn}/{@code ifftn} scaling (forward unscaled, inverse
 * divided by {@code n0 n1 n2}).
 *
 * <p>How: every 1D pass is a batch of lines transformed together by {@link BatchFft} (split real and
 * imaginary rows, the batch index fastest, so the butterflies vectorise), in two phases whose data stay
 * in cache:
 * <ol>
 * <li>per slab {@code i0} (n1 x n2 values, a few hundred kB): the slab is split into rows
 *     {@code [i1][i2]}, transformed along axis 1 (the n2 columns are the batch), transposed and
 *     transformed along axis 2 (the n1 columns are the batch), and written back;</li>
 * <li>per block of columns {@code c = i1 n2 + i2} (a few dozen columns): the block is gathered as rows
 *     {@code [i0][c]} (each row a contiguous piece of the array) and transformed along axis 0.</li>
 * </ol>
 * Why not JTransforms' {@code DoubleFFT_3D}: for mixed-radix sizes such as 192 x 128 x 96 it allocates
 * tens of megabytes per call, and its 1D kernels run one line at a time (2 to 4 times slower here than a
 * batch). Scratch rows are per thread, so a call allocates nothing after the first one on a thread. The
 * slabs and column blocks are split over {@link Parallel#threads()} workers.
 *
 * <p>Instances are immutable and thread-safe (scratch is per thread).
 *
 * <pre>{@code
 * Fft3D f = new Fft3D(192, 128, 96);
 * double[] z = new double[2 * 192 * 128 * 96];   // interleaved complex
 * f.forward(z);
 * f.inverse(z);                                  // back to the input
 * }</pre>
 */
public final class Fft3D {
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);
    private static final ThreadLocal<double[][]> PLANE_SCRATCH = ThreadLocal.withInitial(() -> new double[1][0]);
    /** Target size of one column block of phase 2 (both Stockham buffers), about half an L2 cache. */
    private static final int BLOCK_BYTES = 256 * 1024;
    /** Rows per tile of the in-slab transposes. */
    private static final int TILE = 8;

    private final int n0;
    private final int n1;
    private final int n2;
    private final BatchFft f0;
    private final BatchFft f1;
    private final BatchFft f2;
    /** Columns per block of phase 2. */
    private final int block;

    /** A transform of shape {@code n0 x n1 x n2} (each &ge; 1, product below 2^30). */
    public Fft3D(int n0, int n1, int n2) {
        checkShape(n0, n1, n2);
        this.n0 = n0;
        this.n1 = n1;
        this.n2 = n2;
        this.f0 = BatchFft.of(n0);
        this.f1 = BatchFft.of(n1);
        this.f2 = BatchFft.of(n2);
        int b = Math.max(16, (BLOCK_BYTES / (32 * n0)) & ~7);
        this.block = Math.min(b, n1 * n2);
    }

    /** Rejects a shape with a size below 1 or 2^30 points or more (shared with {@link TransposedInverse3D}). */
    static void checkShape(int n0, int n1, int n2) {
        if (n0 < 1 || n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("FFT shape (" + n0 + ", " + n1 + ", " + n2 + ") must be positive");
        }
        if ((long) n0 * n1 * n2 >= (1L << 30)) {
            throw new IllegalArgumentException("FFT shape (" + n0 + ", " + n1 + ", " + n2
                    + ") has more than 2^30 points");
        }
    }

    /** Number of grid points {@code n0 n1 n2}. */
    public int size() {
        return n0 * n1 * n2;
    }

    /** In-place forward transform of {@code z} (at least {@code 2 n0 n1 n2} values, interleaved). */
    public void forward(double[] z) {
        check(z);
        run(z, null, 0, null, false, null, null);
    }

    /** In-place inverse transform, scaled by {@code 1/(n0 n1 n2)}. */
    public void inverse(double[] z) {
        check(z);
        run(z, null, 0, null, true, null, null);
    }

    /**
     * Forward transform of which only the bins {@code (k0, k1, k2)} with {@code keep0[k0] && keep1[k1] &&
     * keep2[k2]} are wanted (an output-pruned transform, e.g. when only a low-frequency box of the
     * spectrum is used): those are written into {@code z}; every other value of {@code z} is unspecified
     * afterwards. The passes run in the order axis 2, axis 1, axis 0, so that axis 1 transforms only the
     * kept {@code k2} columns and axis 0 only the kept {@code (k1, k2)} columns: with half of each axis
     * kept this is about 0.56 of the work of {@link #forward(double[])}, and fewer values are written.
     * {@code null} keeps the whole axis.
     */
    public void forward(double[] z, boolean[] keep0, boolean[] keep1, boolean[] keep2) {
        check(z);
        forwardPruned(z, null, null, keep0, keep1, keep2);
    }

    /**
     * As {@link #forward(double[], boolean[], boolean[], boolean[])} for the complex grid {@code a + i b}
     * of two real grids given in the transposed layout of {@link TransposedInverse3D} (value
     * {@code (u0, u1, u2)} at {@code u0 n1 n2 + u2 n1 + u1}; {@code b == null}: zero), the spectrum going
     * to {@code z} in the natural layout. The first pass needs its rows {@code u2} with the lanes
     * {@code u1}, which is how the transposed layout stores them: contiguous copies instead of a
     * transposing gather, and no interleaving pass. {@code a} and {@code b} are not modified.
     */
    public void forwardTransposedReal(double[] a, double[] b, double[] z, boolean[] keep0, boolean[] keep1,
                                      boolean[] keep2) {
        check(z);
        if (a == null || a.length < size() || (b != null && b.length < size())) {
            throw new IllegalArgumentException("the real grids must hold " + size() + " values each");
        }
        forwardPruned(z, a, b, keep0, keep1, keep2);
    }

    private void forwardPruned(double[] z, double[] ta, double[] tb, boolean[] keep0, boolean[] keep1,
                               boolean[] keep2) {
        checkMask("keep0", keep0, n0);
        checkMask("keep1", keep1, n1);
        checkMask("keep2", keep2, n2);
        int[] k1 = kept(keep1, n1);
        int[] k2 = kept(keep2, n2);
        int slab = n1 * n2;
        int c2 = k2.length;
        // phase 1, slab by slab: axis 2 on every row, axis 1 on the kept k2 columns only
        Parallel.forEach(n0, WORK::get, (i0, w) -> {
            w.ensure(Math.max(n1, n2), Math.max(Math.max(n1, n2), block));
            int base = 2 * i0 * slab;
            double[][] xr = w.ar;
            double[][] xi = w.ai;
            double[][] yr = w.br;
            double[][] yi = w.bi;
            if (ta != null) {
                // transposed real input: row i2 of the slab is contiguous
                for (int i2 = 0; i2 < n2; i2++) {
                    int p = i0 * slab + i2 * n1;
                    System.arraycopy(ta, p, xr[i2], 0, n1);
                    if (tb == null) {
                        java.util.Arrays.fill(xi[i2], 0, n1, 0);
                    } else {
                        System.arraycopy(tb, p, xi[i2], 0, n1);
                    }
                }
            }
            // rows i2, lanes i1 (tiles of TILE rows i1: every cache line read is used TILE times)
            for (int t0 = 0; ta == null && t0 < n1; t0 += TILE) {
                int t1 = Math.min(n1, t0 + TILE);
                for (int i2 = 0; i2 < n2; i2++) {
                    double[] dr = xr[i2];
                    double[] di = xi[i2];
                    for (int i1 = t0; i1 < t1; i1++) {
                        int p = base + 2 * (i1 * n2 + i2);
                        dr[i1] = z[p];
                        di[i1] = z[p + 1];
                    }
                }
            }
            if (f2.transformRows(xr, xi, yr, yi, n1, false)) {
                double[][] t = xr;
                xr = yr;
                yr = t;
                t = xi;
                xi = yi;
                yi = t;
            }
            // kept rows k2 -> rows i1 with the kept columns as lanes (compacted: lane k is k2[k])
            for (int t0 = 0; t0 < n1; t0 += TILE) {
                int t1 = Math.min(n1, t0 + TILE);
                for (int k = 0; k < c2; k++) {
                    double[] sr = xr[k2[k]];
                    double[] si = xi[k2[k]];
                    for (int i1 = t0; i1 < t1; i1++) {
                        yr[i1][k] = sr[i1];
                        yi[i1][k] = si[i1];
                    }
                }
            }
            double[][] resR = yr;
            double[][] resI = yi;
            if (f1.transformRows(yr, yi, xr, xi, c2, false)) {
                resR = xr;
                resI = xi;
            }
            for (int r1 : k1) {
                double[] sr = resR[r1];
                double[] si = resI[r1];
                int p = base + 2 * r1 * n2;
                for (int k = 0; k < c2; k++) {
                    int q = p + 2 * k2[k];
                    z[q] = sr[k];
                    z[q + 1] = si[k];
                }
            }
        });
        // phase 2: axis 0 on the kept columns (k1, k2), in blocks of the compacted column list
        int[] cols = new int[k1.length * c2];
        for (int a = 0, c = 0; a < k1.length; a++) {
            for (int b = 0; b < c2; b++) {
                cols[c++] = k1[a] * n2 + k2[b];
            }
        }
        int ncol = cols.length;
        int blocks = (ncol + block - 1) / block;
        Parallel.forEach(blocks, WORK::get, (bk, w) -> {
            w.ensure(n0, block);
            int lo = bk * block;
            int cnt = Math.min(block, ncol - lo);
            double[][] xr = w.ar;
            double[][] xi = w.ai;
            for (int i0 = 0; i0 < n0; i0++) {
                double[] rr = xr[i0];
                double[] ri = xi[i0];
                int base = 2 * i0 * slab;
                for (int c = 0; c < cnt; c++) {
                    int p = base + 2 * cols[lo + c];
                    rr[c] = z[p];
                    ri[c] = z[p + 1];
                }
            }
            double[][] resR = xr;
            double[][] resI = xi;
            if (f0.transformRows(xr, xi, w.br, w.bi, cnt, false)) {
                resR = w.br;
                resI = w.bi;
            }
            for (int r0 = 0; r0 < n0; r0++) {
                if (keep0 != null && !keep0[r0]) {
                    continue;
                }
                double[] rr = resR[r0];
                double[] ri = resI[r0];
                int base = 2 * r0 * slab;
                for (int c = 0; c < cnt; c++) {
                    int p = base + 2 * cols[lo + c];
                    z[p] = rr[c];
                    z[p + 1] = ri[c];
                }
            }
        });
    }

    static void checkMask(String name, boolean[] keep, int n) {
        if (keep != null && keep.length != n) {
            throw new IllegalArgumentException(name + " has " + keep.length + " entries, the axis has " + n);
        }
    }

    /** Indices i with keep[i] (all of 0..n-1 for null), ascending. */
    static int[] kept(boolean[] keep, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += keep == null || keep[i] ? 1 : 0;
        }
        int[] k = new int[c];
        for (int i = 0, j = 0; i < n; i++) {
            if (keep == null || keep[i]) {
                k[j++] = i;
            }
        }
        return k;
    }

    /** Produces one contiguous axis-2 line of the spectrum to be transformed (fused with the first pass). */
    @FunctionalInterface
    public interface RowFiller {
        /**
         * Writes the {@code n2} interleaved values of line {@code (i0, i1)} into {@code z} at {@code offset}.
         * {@code scratch} is the calling worker's own array of the size asked for.
         */
        void fill(int i0, int i1, double[] z, int offset, double[] scratch);
    }

    /** Receives the result block by block instead of having it written back (fused with the last pass). */
    @FunctionalInterface
    public interface BlockConsumer {
        /**
         * Columns {@code c0 .. c0 + count - 1} of the result, column {@code c = i1 n2 + i2}: value
         * {@code (i0, c)} is {@code re[i0][c - c0] + i im[i0][c - c0]} (already scaled). Valid only during
         * the call; the consumer may overwrite the rows.
         */
        void accept(int c0, int count, double[][] re, double[][] im);
    }

    /**
     * Inverse transform whose input lines come from {@code filler} (the previous content of {@code z} is
     * ignored) and whose output column blocks go to {@code consumer}; {@code z} is used as the work array
     * and its final content is unspecified. Saves two passes over memory compared with fill, transform,
     * read. The blocks are handed to the consumer concurrently (disjoint columns).
     */
    public void inverse(double[] z, RowFiller filler, int scratchSize, BlockConsumer consumer) {
        inverse(z, filler, scratchSize, consumer, null, null);
    }

    /**
     * As {@link #inverse(double[], RowFiller, int, BlockConsumer)} for a spectrum that is zero on every
     * slab {@code i0} with {@code !active0[i0]} and on every column {@code i2} with
     * {@code !active2[i2]} (a pruned transform, e.g. a band-limited spectrum zero-padded to a finer
     * grid): those slabs are neither filled nor transformed nor read, and the axis-1 pass skips those
     * columns. The filler must still write zeros there in the slabs it fills. {@code null}: all active.
     */
    public void inverse(double[] z, RowFiller filler, int scratchSize, BlockConsumer consumer, boolean[] active0,
                        boolean[] active2) {
        check(z);
        if (active0 != null && active0.length != n0) {
            throw new IllegalArgumentException("active0 has " + active0.length + " slabs, shape needs " + n0);
        }
        if (active2 != null && active2.length != n2) {
            throw new IllegalArgumentException("active2 has " + active2.length + " columns, shape needs " + n2);
        }
        run(z, filler, scratchSize, consumer, true, active0, active2);
    }

    private void check(double[] z) {
        if (z == null || z.length < 2L * size()) {
            throw new IllegalArgumentException("array has " + (z == null ? "no" : z.length)
                    + " values, shape needs " + 2L * size());
        }
    }

    /** Per-thread scratch: two Stockham buffers of rows (re, im) and the filler's scratch. */
    private static final class Work {
        double[][] ar = new double[0][0];
        double[][] ai = new double[0][0];
        double[][] br = new double[0][0];
        double[][] bi = new double[0][0];
        double[] fill = new double[0];

        void ensure(int rows, int lanes) {
            if (ar.length < rows || ar[0].length < lanes) {
                int r = Math.max(rows, ar.length);
                int l = Math.max(lanes, ar.length == 0 ? 0 : ar[0].length);
                ar = new double[r][l];
                ai = new double[r][l];
                br = new double[r][l];
                bi = new double[r][l];
            }
        }

        double[] fill(int n) {
            if (fill.length < n) {
                fill = new double[n];
            }
            return fill;
        }
    }

    private void run(double[] z, RowFiller filler, int scratchSize, BlockConsumer consumer, boolean inverse,
                     boolean[] active, boolean[] activeLanes) {
        double scale = inverse ? 1.0 / size() : 1.0;
        int slab = n1 * n2;
        // phase 1: axes 1 and 2, slab by slab
        int[] lanes = null;
        int count = n2;
        if (activeLanes != null) {
            count = 0;
            for (boolean b : activeLanes) {
                count += b ? 1 : 0;
            }
            if (count < n2) {
                lanes = new int[count];
                for (int i2 = 0, k = 0; i2 < n2; i2++) {
                    if (activeLanes[i2]) {
                        lanes[k++] = i2;
                    }
                }
            }
        }
        final int kept = count;
        final int[] lanesF = lanes;
        if (filler != null || n1 > 1 || n2 > 1) {
            Parallel.forEach(n0, WORK::get, (i0, w) -> {
                if (active != null && !active[i0]) {
                    return;
                }
                w.ensure(Math.max(n1, n2), Math.max(Math.max(n1, n2), block));
                int base = 2 * i0 * slab;
                if (filler != null) {
                    double[] sc = w.fill(scratchSize);
                    for (int i1 = 0; i1 < n1; i1++) {
                        filler.fill(i0, i1, z, base + 2 * i1 * n2, sc);
                    }
                }
                double[][] xr = w.ar;
                double[][] xi = w.ai;
                double[][] yr = w.br;
                double[][] yi = w.bi;
                // rows i1 hold the kept columns i2 only (compacted lanes k -> i2 = lanes[k])
                for (int i1 = 0; i1 < n1; i1++) {
                    double[] rr = xr[i1];
                    double[] ri = xi[i1];
                    int p = base + 2 * i1 * n2;
                    if (lanesF == null) {
                        for (int i2 = 0; i2 < n2; i2++, p += 2) {
                            rr[i2] = z[p];
                            ri[i2] = z[p + 1];
                        }
                    } else {
                        for (int k = 0; k < kept; k++) {
                            int q = p + 2 * lanesF[k];
                            rr[k] = z[q];
                            ri[k] = z[q + 1];
                        }
                    }
                }
                // axis 1: rows i1, the kept columns are the batch
                if (f1.transformRows(xr, xi, yr, yi, kept, inverse)) {
                    double[][] t = xr;
                    xr = yr;
                    yr = t;
                    t = xi;
                    xi = yi;
                    yi = t;
                }
                // transpose into rows i2 (batch over i1), in tiles of TILE rows i1 so that every cache
                // line read is used TILE times; dropped columns are zero rows
                if (lanesF != null) {
                    for (int i2 = 0; i2 < n2; i2++) {
                        if (!activeLanes[i2]) {
                            java.util.Arrays.fill(yr[i2], 0, n1, 0);
                            java.util.Arrays.fill(yi[i2], 0, n1, 0);
                        }
                    }
                }
                for (int t0 = 0; t0 < n1; t0 += TILE) {
                    int t1 = Math.min(n1, t0 + TILE);
                    for (int k = 0; k < kept; k++) {
                        int i2 = lanesF == null ? k : lanesF[k];
                        double[] dr = yr[i2];
                        double[] di = yi[i2];
                        for (int i1 = t0; i1 < t1; i1++) {
                            dr[i1] = xr[i1][k];
                            di[i1] = xi[i1][k];
                        }
                    }
                }
                double[][] resR = yr;
                double[][] resI = yi;
                if (f2.transformRows(yr, yi, xr, xi, n1, inverse)) {
                    resR = xr;
                    resI = xi;
                }
                for (int t0 = 0; t0 < n1; t0 += TILE) {
                    int t1 = Math.min(n1, t0 + TILE);
                    for (int i2 = 0; i2 < n2; i2++) {
                        double[] sr = resR[i2];
                        double[] si = resI[i2];
                        for (int i1 = t0; i1 < t1; i1++) {
                            int p = base + 2 * (i1 * n2 + i2);
                            z[p] = sr[i1] * scale;
                            z[p + 1] = si[i1] * scale;
                        }
                    }
                }
            });
        } else if (scale != 1) {
            for (int i = 0; i < 2 * size(); i++) {
                z[i] *= scale;
            }
        }
        // phase 2: axis 0, block of columns by block of columns
        int blocks = (slab + block - 1) / block;
        Parallel.forEach(blocks, WORK::get, (b, w) -> {
            w.ensure(n0, block);
            int c0 = b * block;
            int cnt = Math.min(block, slab - c0);
            double[][] xr = w.ar;
            double[][] xi = w.ai;
            for (int i0 = 0; i0 < n0; i0++) {
                double[] rr = xr[i0];
                double[] ri = xi[i0];
                if (active != null && !active[i0]) {
                    java.util.Arrays.fill(rr, 0, cnt, 0);
                    java.util.Arrays.fill(ri, 0, cnt, 0);
                    continue;
                }
                int p = 2 * (i0 * slab + c0);
                for (int c = 0; c < cnt; c++, p += 2) {
                    rr[c] = z[p];
                    ri[c] = z[p + 1];
                }
            }
            double[][] resR = xr;
            double[][] resI = xi;
            if (f0.transformRows(xr, xi, w.br, w.bi, cnt, inverse)) {
                resR = w.br;
                resI = w.bi;
            }
            if (consumer != null) {
                consumer.accept(c0, cnt, resR, resI);
                return;
            }
            for (int i0 = 0; i0 < n0; i0++) {
                double[] rr = resR[i0];
                double[] ri = resI[i0];
                int p = 2 * (i0 * slab + c0);
                for (int c = 0; c < cnt; c++, p += 2) {
                    z[p] = rr[c];
                    z[p + 1] = ri[c];
                }
            }
        });
    }

    private static double[] ensure(double[][] holder, int which, int n) {
        if (holder[which].length < n) {
            holder[which] = new double[n];
        }
        return holder[which];
    }

    /**
     * In-place inverse complex 2D FFT (scaled by {@code 1/(a b)}) of an {@code a x b} interleaved block,
     * single-threaded; used for small planes.
     */
    public static void inverse2D(double[] z, int a, int b) {
        double[] s = ensure(PLANE_SCRATCH.get(), 0, 2 * a);
        DoubleFFT_1D pb = Fft.plan(b);
        for (int i = 0; i < a; i++) {
            pb.complexInverse(z, 2 * i * b, true);
        }
        DoubleFFT_1D pa = Fft.plan(a);
        for (int k = 0; k < b; k++) {
            for (int i = 0; i < a; i++) {
                s[2 * i] = z[2 * (i * b + k)];
                s[2 * i + 1] = z[2 * (i * b + k) + 1];
            }
            pa.complexInverse(s, 0, true);
            for (int i = 0; i < a; i++) {
                z[2 * (i * b + k)] = s[2 * i];
                z[2 * (i * b + k) + 1] = s[2 * i + 1];
            }
        }
    }
}
