package org.scattering4j.scattering.fft;

/**
 * Complex 2D FFTs of row-major {@code rows x cols} arrays held as split real and imaginary parts,
 * unscaled in both directions (multiply by {@code 1/(rows*cols)} after an inverse for NumPy's
 * {@code ifft2}). Any sizes: the 1D passes use {@link BatchFft}.
 *
 * <p>The fast entry points leave the spectrum transposed ({@link #forwardToTransposed}) and take it
 * back ({@link #inverseFromTransposed}), so each 2D transform needs one transpose; they also take
 * several arrays side by side ({@code count}), which lengthens every vectorised inner loop. Data are
 * copied into the workspace's row buffers (one {@code double[]} per sequence element, see
 * {@link BatchFft#transformRows}), transformed, transposed and copied back. {@link #forward} and
 * {@link #inverse} give the natural layout at the cost of an extra transpose and a temporary array
 * (used only when filters are built). Thread-safe; the caller owns the {@link Workspace}.
 *
 * <pre>{@code
 * Fft2D.Workspace ws = new Fft2D.Workspace(40 * 40);
 * Fft2D.forward(re, im, 40, 40, ws);   // in place
 * }</pre>
 */
public final class Fft2D {
    private Fft2D() {
    }

    /**
     * Scratch space: three sets of row buffers (see {@link BatchFft#transformRows}), grown on demand and
     * then reused, so steady-state transforms allocate nothing. Not thread-safe.
     */
    public static final class Workspace {
        final BatchFft.Rows x = new BatchFft.Rows();
        final BatchFft.Rows y = new BatchFft.Rows();
        final BatchFft.Rows z = new BatchFft.Rows();
        /** Plans by length, looked up once per workspace instead of once per pass. */
        private final java.util.HashMap<Integer, BatchFft> plans = new java.util.HashMap<>();
        private BatchFft lastPlan;

        BatchFft plan(int n) {
            BatchFft p = lastPlan;
            if (p != null && p.length() == n) {
                return p;
            }
            p = plans.computeIfAbsent(n, BatchFft::of);
            lastPlan = p;
            return p;
        }

        /** @param capacity a hint: complex values per transform (unused beyond validation) */
        public Workspace(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("capacity = " + capacity + " must be >= 0");
            }
        }

        void ensure(int rows, int len) {
            x.ensure(rows, len);
            y.ensure(rows, len);
            z.ensure(rows, len);
        }

        /**
         * Grows the three row buffers to at least {@code rows} rows of {@code len} values (contents are lost
         * if they grow); the row-level transforms need this done beforehand, since their input already
         * lives in a buffer.
         */
        public void reserve(int rows, int len) {
            if (rows < 0 || len < 0) {
                throw new IllegalArgumentException("rows = " + rows + ", len = " + len + " must be >= 0");
            }
            ensure(rows, len);
        }

        /** A row buffer other than {@code busy} (which may be null), for the caller to fill. */
        public BatchFft.Rows free(BatchFft.Rows busy) {
            return busy == x ? y : x;
        }
    }

    /**
     * Row-level {@link #forwardToTransposed(double[], double[], int, int, int, Workspace)}: the input is
     * one of the workspace's buffers (see {@link Workspace#free}), row u holding {@code [a][v]} (count x
     * cols values); returns the buffer holding the transposed spectra, row k2 holding {@code [a][k1]}.
     * The other two buffers are overwritten. Saves the copies in and out of the flat-array entry points.
     */
    public static BatchFft.Rows forwardRows(BatchFft.Rows in, int rows, int cols, int count, Workspace ws) {
        return rowPasses(in, rows, count, cols, ws, false);
    }

    /**
     * Row-level {@link #inverseFromTransposed(double[], double[], int, int, int, Workspace)}: input rows
     * k2 holding {@code [a][k1]}, output rows u holding {@code [a][v]}, unscaled; as {@link #forwardRows}.
     */
    public static BatchFft.Rows inverseRows(BatchFft.Rows in, int rows, int cols, int count, Workspace ws) {
        return rowPasses(in, cols, count, rows, ws, true);
    }

    /**
     * One 1D pass: the {@code lanes} sequences of length n held in the rows of {@code in} (one of the
     * workspace's buffers, row i holding element i of every sequence) are transformed (unscaled); returns
     * the buffer holding the result ({@code in} or another one; the third buffer is untouched). With
     * {@link #transposeRows} this splits a 2D FFT into its passes, so that callers can shrink the data
     * between them (e.g. fold one axis of a separable filter before transforming the other).
     */
    public static BatchFft.Rows pass(BatchFft.Rows in, int n, int lanes, boolean inverse, Workspace ws) {
        checkBuffer(in, ws, n, lanes);
        BatchFft.Rows o = ws.free(in);
        return ws.plan(n).transformRows(in.re, in.im, o.re, o.im, lanes, inverse) ? o : in;
    }

    /**
     * Rows of {@code [a][j]} (n1 rows, count x n2 values) to rows of {@code [a][i]} (n2 rows, count x n1
     * values) in a buffer other than {@code in}, which is returned.
     */
    public static BatchFft.Rows transposeRows(BatchFft.Rows in, int n1, int count, int n2, Workspace ws) {
        checkBuffer(in, ws, Math.max(n1, n2), count * Math.max(n1, n2));
        BatchFft.Rows o = ws.free(in);
        rowTranspose(in.re, o.re, n1, count, n2);
        rowTranspose(in.im, o.im, n1, count, n2);
        return o;
    }

    private static void checkBuffer(BatchFft.Rows in, Workspace ws, int rows, int len) {
        if (in != ws.x && in != ws.y && in != ws.z) {
            throw new IllegalArgumentException("input rows must be one of the workspace's buffers");
        }
        if (!ws.x.holds(rows, len) || !ws.y.holds(rows, len) || !ws.z.holds(rows, len)) {
            throw new IllegalStateException("workspace holds fewer than " + rows + " rows of " + len
                    + " values; call reserve first");
        }
    }

    private static BatchFft.Rows rowPasses(BatchFft.Rows in, int n1, int count, int n2, Workspace ws,
            boolean inverse) {
        int v1 = count * n2;
        int v2 = count * n1;
        int need = Math.max(n1, n2);
        int len = Math.max(v1, v2);
        if (in != ws.x && in != ws.y && in != ws.z) {
            throw new IllegalArgumentException("input rows must be one of the workspace's buffers");
        }
        if (!ws.x.holds(need, len) || !ws.y.holds(need, len) || !ws.z.holds(need, len)) {
            throw new IllegalStateException("workspace holds fewer than " + need + " rows of " + len
                    + " values; call reserve first");
        }
        BatchFft.Rows o1 = in == ws.x ? ws.y : ws.x;
        BatchFft.Rows o2 = in == ws.z ? ws.y : ws.z;
        boolean inO1 = ws.plan(n1).transformRows(in.re, in.im, o1.re, o1.im, v1, inverse);
        BatchFft.Rows a = inO1 ? o1 : in;
        BatchFft.Rows b = o2;
        BatchFft.Rows c = inO1 ? in : o1;
        rowTranspose(a.re, b.re, n1, count, n2);
        rowTranspose(a.im, b.im, n1, count, n2);
        return ws.plan(n2).transformRows(b.re, b.im, c.re, c.im, v2, inverse) ? c : b;
    }

    /** In-place forward 2D FFT. */
    public static void forward(double[] re, double[] im, int rows, int cols, Workspace ws) {
        run(re, im, rows, cols, ws, false);
    }

    /** In-place inverse 2D FFT, unscaled. */
    public static void inverse(double[] re, double[] im, int rows, int cols, Workspace ws) {
        run(re, im, rows, cols, ws, true);
    }

    private static void run(double[] re, double[] im, int rows, int cols, Workspace ws, boolean inverse) {
        // transposed-spectrum passes, then one more transpose to the natural layout
        int size = rows * cols;
        double[] tr = new double[size];
        double[] ti = new double[size];
        if (!inverse) {
            twoPasses(re, im, 0, rows, 1, cols, ws, false);
            System.arraycopy(re, 0, tr, 0, size);
            System.arraycopy(im, 0, ti, 0, size);
            transpose(tr, re, cols, rows);
            transpose(ti, im, cols, rows);
        } else {
            transpose(re, tr, rows, cols);
            transpose(im, ti, rows, cols);
            System.arraycopy(tr, 0, re, 0, size);
            System.arraycopy(ti, 0, im, 0, size);
            twoPasses(re, im, 0, cols, 1, rows, ws, true);
        }
    }

    /**
     * In-place forward 2D FFT that leaves the spectrum <em>transposed</em>: on return {@code re/im} hold
     * a row-major {@code cols x rows} array whose entry {@code [k2][k1]} is frequency (k1, k2). Saves
     * one transpose; pair with {@link #inverseFromTransposed}.
     */
    public static void forwardToTransposed(double[] re, double[] im, int rows, int cols, Workspace ws) {
        twoPasses(re, im, 0, rows, 1, cols, ws, false);
    }

    /**
     * {@link #forwardToTransposed} of {@code count} arrays at once, stored side by side: input
     * {@code [u][a][v]} (rows x count x cols), output {@code [k2][a][k1]} (cols x count x rows). Batching
     * the arrays lengthens every contiguous inner loop by {@code count}, which matters for small images.
     */
    public static void forwardToTransposed(double[] re, double[] im, int rows, int cols, int count, Workspace ws) {
        twoPasses(re, im, 0, rows, count, cols, ws, false);
    }

    /** As {@link #forwardToTransposed(double[], double[], int, int, int, Workspace)} on the block at {@code off}. */
    public static void forwardToTransposed(double[] re, double[] im, int off, int rows, int cols, int count,
            Workspace ws) {
        twoPasses(re, im, off, rows, count, cols, ws, false);
    }

    /** As {@link #inverseFromTransposed(double[], double[], int, int, int, Workspace)} on the block at {@code off}. */
    public static void inverseFromTransposed(double[] re, double[] im, int off, int rows, int cols, int count,
            Workspace ws) {
        twoPasses(re, im, off, cols, count, rows, ws, true);
    }

    /** {@link #inverseFromTransposed} of {@code count} arrays side by side: {@code [k2][a][k1]} to {@code [u][a][v]}. */
    public static void inverseFromTransposed(double[] re, double[] im, int rows, int cols, int count,
            Workspace ws) {
        twoPasses(re, im, 0, cols, count, rows, ws, true);
    }

    /**
     * In-place inverse 2D FFT (unscaled) of a transposed spectrum ({@code cols x rows}, entry
     * {@code [k2][k1]}), giving the natural {@code rows x cols} array.
     */
    public static void inverseFromTransposed(double[] re, double[] im, int rows, int cols, Workspace ws) {
        twoPasses(re, im, 0, cols, 1, rows, ws, true);
    }

    /**
     * Batched pass along the first axis of an {@code n1 x count x n2} array, block transpose to
     * {@code n2 x count x n1}, batched pass along the (former) last axis; the result ends in re/im. Buffers
     * are rotated so that the only copy is the one needed when the last pass ends outside re/im.
     */
    private static void twoPasses(double[] re, double[] im, int off, int n1, int count, int n2, Workspace ws,
            boolean inverse) {
        int v1 = count * n2;
        int v2 = count * n1;
        ws.ensure(Math.max(n1, n2), Math.max(v1, v2));
        BatchFft.Rows x = ws.x;
        for (int i = 0; i < n1; i++) {
            System.arraycopy(re, off + i * v1, x.re[i], 0, v1);
            System.arraycopy(im, off + i * v1, x.im[i], 0, v1);
        }
        boolean inY = BatchFft.of(n1).transformRows(x.re, x.im, ws.y.re, ws.y.im, v1, inverse);
        BatchFft.Rows r1 = inY ? ws.y : x;
        BatchFft.Rows free = inY ? x : ws.y;
        BatchFft.Rows z = ws.z;
        rowTranspose(r1.re, z.re, n1, count, n2);
        rowTranspose(r1.im, z.im, n1, count, n2);
        boolean inF = BatchFft.of(n2).transformRows(z.re, z.im, free.re, free.im, v2, inverse);
        BatchFft.Rows out = inF ? free : z;
        for (int j = 0; j < n2; j++) {
            System.arraycopy(out.re[j], 0, re, off + j * v2, v2);
            System.arraycopy(out.im[j], 0, im, off + j * v2, v2);
        }
    }

    /**
     * {@code dst[j][a*n1 + i] = src[i][a*n2 + j]}: rows of n1 x count x n2 to rows of n2 x count x n1.
     * Eight source rows at a time, so each destination row reference is loaded once per eight values and
     * the eight stores fill (about) one cache line; no tiling over j (measured: 1.1-1.5x faster than
     * 16 x 16 tiles of four rows, for 18..272-point rows).
     */
    private static void rowTranspose(double[][] src, double[][] dst, int n1, int count, int n2) {
        for (int a = 0; a < count; a++) {
            int so = a * n2;
            int dO = a * n1;
            int i = 0;
            for (; i + 8 <= n1; i += 8) {
                double[] s0 = src[i];
                double[] s1 = src[i + 1];
                double[] s2 = src[i + 2];
                double[] s3 = src[i + 3];
                double[] s4 = src[i + 4];
                double[] s5 = src[i + 5];
                double[] s6 = src[i + 6];
                double[] s7 = src[i + 7];
                int d = dO + i;
                for (int j = 0; j < n2; j++) {
                    double[] row = dst[j];
                    int sj = so + j;
                    row[d] = s0[sj];
                    row[d + 1] = s1[sj];
                    row[d + 2] = s2[sj];
                    row[d + 3] = s3[sj];
                    row[d + 4] = s4[sj];
                    row[d + 5] = s5[sj];
                    row[d + 6] = s6[sj];
                    row[d + 7] = s7[sj];
                }
            }
            for (; i + 4 <= n1; i += 4) {
                double[] s0 = src[i];
                double[] s1 = src[i + 1];
                double[] s2 = src[i + 2];
                double[] s3 = src[i + 3];
                int d = dO + i;
                for (int j = 0; j < n2; j++) {
                    double[] row = dst[j];
                    int sj = so + j;
                    row[d] = s0[sj];
                    row[d + 1] = s1[sj];
                    row[d + 2] = s2[sj];
                    row[d + 3] = s3[sj];
                }
            }
            for (; i < n1; i++) {
                double[] s0 = src[i];
                for (int j = 0; j < n2; j++) {
                    dst[j][dO + i] = s0[so + j];
                }
            }
        }
    }

    /** {@code dst (cols x rows) = src (rows x cols)} transposed, in cache-friendly tiles. */
    public static void transpose(double[] src, double[] dst, int rows, int cols) {
        final int b = 16;
        for (int r0 = 0; r0 < rows; r0 += b) {
            int r1 = Math.min(rows, r0 + b);
            for (int c0 = 0; c0 < cols; c0 += b) {
                int c1 = Math.min(cols, c0 + b);
                for (int r = r0; r < r1; r++) {
                    int s = r * cols;
                    for (int c = c0; c < c1; c++) {
                        dst[c * rows + r] = src[s + c];
                    }
                }
            }
        }
    }

    /**
     * In-place forward transform of an interleaved {@code [re, im]} row-major array (NumPy {@code fft2}
     * conventions), built on {@link Fft}'s per-thread 1D plans. Convenient for one-off spectra; the
     * scattering hot paths use the split-array methods above.
     */
    public static void forward(double[] z, int rows, int cols) {
        transform(z, rows, cols, false);
    }

    /** In-place inverse of an interleaved array, scaled by 1/(rows cols) as NumPy's {@code ifft2}. */
    public static void inverse(double[] z, int rows, int cols) {
        transform(z, rows, cols, true);
    }

    private static void transform(double[] z, int rows, int cols, boolean inverse) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows = " + rows + ", cols = " + cols + " must be >= 1");
        }
        if (z.length < 2L * rows * cols) {
            throw new IllegalArgumentException("z.length = " + z.length + " < 2 rows cols = " + 2L * rows * cols);
        }
        for (int r = 0; r < rows; r++) {
            if (inverse) {
                Fft.inverse(z, 2 * r * cols, cols);
            } else {
                Fft.forward(z, 2 * r * cols, cols);
            }
        }
        double[] col = new double[2 * rows];
        for (int c = 0; c < cols; c++) {
            for (int r = 0; r < rows; r++) {
                int p = 2 * (r * cols + c);
                col[2 * r] = z[p];
                col[2 * r + 1] = z[p + 1];
            }
            if (inverse) {
                Fft.inverse(col, rows);
            } else {
                Fft.forward(col, rows);
            }
            for (int r = 0; r < rows; r++) {
                int p = 2 * (r * cols + c);
                z[p] = col[2 * r];
                z[p + 1] = col[2 * r + 1];
            }
        }
    }

    /**
     * The slow, obvious O((rows cols)^2) 2D DFT (forward, unscaled): the independent twin tests compare
     * the fast path with.
     */
    public static double[] naiveDft(double[] z, int rows, int cols) {
        double[] out = new double[2 * rows * cols];
        for (int u = 0; u < rows; u++) {
            for (int v = 0; v < cols; v++) {
                double re = 0;
                double im = 0;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        double a = -2 * Math.PI * ((double) ((long) u * r % rows) / rows
                                + (double) ((long) v * c % cols) / cols);
                        double cs = Math.cos(a);
                        double sn = Math.sin(a);
                        int p = 2 * (r * cols + c);
                        re += z[p] * cs - z[p + 1] * sn;
                        im += z[p] * sn + z[p + 1] * cs;
                    }
                }
                out[2 * (u * cols + v)] = re;
                out[2 * (u * cols + v) + 1] = im;
            }
        }
        return out;
    }
}
