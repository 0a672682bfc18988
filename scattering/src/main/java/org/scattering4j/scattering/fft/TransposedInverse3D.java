package org.scattering4j.scattering.fft;

import java.util.Arrays;
import org.scattering4j.util.Parallel;

/**
 * Inverse complex 3D FFT ({@code ifftn} scaling, divided by {@code n0 n1 n2}) of several spectra of
 * the same {@code n0 x n1 x n2} grid in one call, whose result is handed out in a <em>transposed</em>
 * layout: axes 1 and 2 are swapped inside every slab, so value {@code (u0, u1, u2)} belongs at flat index
 * {@code u0 n1 n2 + u2 n1 + u1}.
 *
 * <p>Why: the last pass of a separable inverse that works slab by slab transforms axis 2 in rows
 * {@code u2} batched over {@code u1}; {@link Fft3D} transposes them back into natural order and then
 * needs a further pass for axis 0. Here axis 0 goes first, line by line of the sparse spectrum, and the
 * slab passes (axis 1, axis 2) go last, their rows handed to the consumer as they come out. For a spectrum
 * that is zero outside a box of active slabs {@code i0}, rows {@code i1} and columns {@code i2} (a
 * band-limited spectrum zero-padded to a finer grid) this also means: the filler writes straight into the
 * rows of the first pass, the first pass runs on the active {@code (i1, i2)} columns only, and the
 * intermediate array holds {@code n0} times the active rows times the active columns (about half of a full
 * slab-by-slab intermediate at the multi-resolution crops). A caller that only sums functions of the
 * values over the grid, or that feeds them to {@link Fft3D#forwardTransposedReal} (which reads this
 * layout), never needs the natural order.
 *
 * <p>Several spectra per call ({@code count}) share the parallel passes; the filler writes a line of all of
 * them at once, and the consumer sees all of them for one slab in a row on one thread, so that it can
 * accumulate them while the slab is in cache.
 *
 * <p>Instances are immutable and thread-safe (scratch is per thread; the work array is the caller's).
 *
 * <pre>{@code
 * TransposedInverse3D f = new TransposedInverse3D(n0, n1, n2);
 * double[] work = new double[f.workSize(count, null, null)];
 * f.inverse(count, work, filler, 0, consumer, null, null, null);
 * }</pre>
 */
public final class TransposedInverse3D {
    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);
    /** Rows per tile of the in-slab transpose. */
    private static final int TILE = 8;

    private final int n0;
    private final int n1;
    private final int n2;
    private final BatchFft f0;
    private final BatchFft f1;
    private final BatchFft f2;

    /** A transform of shape {@code n0 x n1 x n2} (each &ge; 1, product below 2^30). */
    public TransposedInverse3D(int n0, int n1, int n2) {
        Fft3D.checkShape(n0, n1, n2);
        this.n0 = n0;
        this.n1 = n1;
        this.n2 = n2;
        this.f0 = BatchFft.of(n0);
        this.f1 = BatchFft.of(n1);
        this.f2 = BatchFft.of(n2);
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

    /** Receives the result slab by slab. */
    @FunctionalInterface
    public interface SlabConsumer {
        /**
         * Slab {@code u0} of spectrum {@code s}: value {@code (u0, u1, u2)} is
         * {@code re[u2][u1] + i im[u2][u1]} (row {@code u2} holds column block {@code u2 n1 .. u2 n1 + n1 - 1}
         * of the transposed layout). For each slab the spectra come in order {@code 0, 1, ..} on the same
         * thread; slabs go to the workers concurrently. The rows are valid only during the call.
         */
        void accept(int s, int u0, double[][] re, double[][] im);
    }

    /**
     * Number of doubles the work array needs for {@code count} spectra with the row and column masks
     * {@code active1}, {@code active2} (null: all).
     */
    public int workSize(int count, boolean[] active1, boolean[] active2) {
        return 2 * count * n0 * Fft3D.kept(active1, n1).length * Fft3D.kept(active2, n2).length;
    }

    /**
     * Inverse transforms of {@code count} spectra, produced line by line by {@code filler} and handed to
     * {@code consumer} slab by slab in the transposed layout. {@code work} (at least {@link #workSize}
     * values) holds the intermediate columns; its content afterwards is unspecified. The masks
     * ({@code null}: all active) name the slabs {@code i0}, rows {@code i1} and columns {@code i2} where a
     * spectrum may be non-zero; the filler is called only for active {@code (i0, i1)} and writes the
     * active columns only.
     */
    public void inverse(int count, double[] work, LineFiller filler, int scratchSize, SlabConsumer consumer,
                        boolean[] active0, boolean[] active1, boolean[] active2) {
        if (count < 1) {
            throw new IllegalArgumentException("count = " + count + " must be >= 1");
        }
        Fft3D.checkMask("active0", active0, n0);
        Fft3D.checkMask("active1", active1, n1);
        Fft3D.checkMask("active2", active2, n2);
        if (work == null || work.length < workSize(count, active1, active2)) {
            throw new IllegalArgumentException("work has " + (work == null ? "no" : work.length)
                    + " values, needs " + workSize(count, active1, active2));
        }
        int[] rows1 = Fft3D.kept(active1, n1);
        int[] slot1 = new int[n1];
        Arrays.fill(slot1, -1);
        for (int r = 0; r < rows1.length; r++) {
            slot1[rows1[r]] = r;
        }
        int[] lanes = Fft3D.kept(active2, n2);
        int kept = lanes.length;
        int plane = rows1.length * kept; // one slab u0 of the intermediate (per part)
        int stride = 2 * n0 * plane;     // one spectrum
        double scale = 1.0 / ((double) n0 * n1 * n2);
        int rows = Math.max(n0, Math.max(n1, n2));
        int width = Math.max(n1, n2);
        // phase 1, active row i1 by row: fill the (i0, i2) plane, axis 0 (batch over the kept columns),
        // store rows u0 of the kept columns
        Parallel.forEach(rows1.length, WORK::get, (r, w) -> {
            int i1 = rows1[r];
            w.ensure(count, rows, width);
            double[] sc = w.fill(scratchSize);
            for (int i0 = 0; i0 < n0; i0++) {
                if (active0 != null && !active0[i0]) {
                    for (int s = 0; s < count; s++) {
                        Arrays.fill(w.fr[s][i0], 0, kept, 0);
                        Arrays.fill(w.fi[s][i0], 0, kept, 0);
                    }
                    continue;
                }
                for (int s = 0; s < count; s++) {
                    w.lineR[s] = w.fr[s][i0];
                    w.lineI[s] = w.fi[s][i0];
                }
                filler.fill(i0, i1, w.lineR, w.lineI, sc);
            }
            for (int s = 0; s < count; s++) {
                double[][] resR = w.fr[s];
                double[][] resI = w.fi[s];
                if (f0.transformRows(resR, resI, w.ar, w.ai, kept, true)) {
                    resR = w.ar;
                    resI = w.ai;
                }
                for (int u0 = 0; u0 < n0; u0++) {
                    int p = s * stride + 2 * u0 * plane + r * kept;
                    System.arraycopy(resR[u0], 0, work, p, kept);
                    System.arraycopy(resI[u0], 0, work, p + plane, kept);
                }
            }
        });
        // phase 2, slab by slab: axis 1 (batch over the kept columns), transpose, axis 2, consumer
        Parallel.forEach(n0, WORK::get, (u0, w) -> {
            w.ensure(count, rows, width);
            double[][] xr = w.fr[0];
            double[][] xi = w.fi[0];
            double[][] yr = w.ar;
            double[][] yi = w.ai;
            for (int s = 0; s < count; s++) {
                int base = s * stride + 2 * u0 * plane;
                for (int i1 = 0; i1 < n1; i1++) {
                    if (slot1[i1] < 0) {
                        Arrays.fill(xr[i1], 0, kept, 0);
                        Arrays.fill(xi[i1], 0, kept, 0);
                    } else {
                        int p = base + slot1[i1] * kept;
                        System.arraycopy(work, p, xr[i1], 0, kept);
                        System.arraycopy(work, p + plane, xi[i1], 0, kept);
                    }
                }
                double[][] ar = xr;
                double[][] ai = xi;
                double[][] br = yr;
                double[][] bi = yi;
                if (f1.transformRows(ar, ai, br, bi, kept, true)) {
                    ar = yr;
                    ai = yi;
                    br = xr;
                    bi = xi;
                }
                // rows i2 (lanes u1), scaled; columns without data are zero rows
                if (kept < n2) {
                    for (int i2 = 0; i2 < n2; i2++) {
                        if (!active2[i2]) {
                            Arrays.fill(br[i2], 0, n1, 0);
                            Arrays.fill(bi[i2], 0, n1, 0);
                        }
                    }
                }
                transpose(ar, br, lanes, n1, scale);
                transpose(ai, bi, lanes, n1, scale);
                if (f2.transformRows(br, bi, ar, ai, n1, true)) {
                    consumer.accept(s, u0, ar, ai);
                } else {
                    consumer.accept(s, u0, br, bi);
                }
            }
        });
    }

    /**
     * {@code dst[lanes[k]][u] = src[u][k] * scale} for {@code u < n}, in tiles of {@code TILE} rows
     * {@code u} so that every cache line read is used {@code TILE} times. A method of its own: it is hot
     * from the first call, and a small method is compiled sooner than the loop inside a long lambda.
     */
    private static void transpose(double[][] src, double[][] dst, int[] lanes, int n, double scale) {
        for (int t0 = 0; t0 < n; t0 += TILE) {
            int t1 = Math.min(n, t0 + TILE);
            for (int k = 0; k < lanes.length; k++) {
                double[] d = dst[lanes[k]];
                for (int u = t0; u < t1; u++) {
                    d[u] = src[u][k] * scale;
                }
            }
        }
    }

    /** Per-thread scratch: rows per spectrum (the first also serves phase 2), one Stockham partner. */
    private static final class Work {
        double[][][] fr = new double[0][][];
        double[][][] fi = new double[0][][];
        double[][] ar = new double[0][0];
        double[][] ai = new double[0][0];
        double[][] lineR = new double[0][];
        double[][] lineI = new double[0][];
        double[] fill = new double[0];

        void ensure(int count, int rows, int lanes) {
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
        }

        double[] fill(int n) {
            if (fill.length < n) {
                fill = new double[n];
            }
            return fill;
        }
    }
}
