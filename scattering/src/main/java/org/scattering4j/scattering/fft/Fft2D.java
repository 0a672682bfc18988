package org.scattering4j.scattering.fft;

/**
 * Complex 2D FFTs of row-major {@code rows x cols} arrays held as split real and imaginary parts,
 * unscaled in both directions (multiply by {@code 1/(rows*cols)} after an inverse for NumPy's
 * {@code ifft2}). Any sizes: the 1D passes use {@link BatchFft}.
 *
 * <p>The column pass works directly on the row-major layout (batch = columns, contiguous); the row
 * pass transposes, runs the same batched kernel and transposes back, so both passes run with
 * contiguous, vectorisable inner loops. Stateless and thread-safe; the caller owns the
 * {@link Workspace}.
 *
 * <pre>{@code
 * Fft2D.Workspace ws = new Fft2D.Workspace(40 * 40);
 * Fft2D.forward(re, im, 40, 40, ws);   // in place
 * }</pre>
 */
public final class Fft2D {
    private Fft2D() {
    }

    /** Scratch space for transforms of up to {@code capacity} complex values. Not thread-safe. */
    public static final class Workspace {
        final double[] aRe;
        final double[] aIm;
        final double[] bRe;
        final double[] bIm;

        public Workspace(int capacity) {
            aRe = new double[capacity];
            aIm = new double[capacity];
            bRe = new double[capacity];
            bIm = new double[capacity];
        }

        public int capacity() {
            return aRe.length;
        }
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
        int size = rows * cols;
        if (ws.capacity() < size) {
            throw new IllegalArgumentException("workspace holds " + ws.capacity() + " values, need " + size);
        }
        // column pass: sequences along the row index, one per column
        BatchFft.of(rows).transform(re, im, 0, cols, ws.bRe, ws.bIm, inverse);
        // row pass on the transpose
        transpose(re, ws.aRe, rows, cols);
        transpose(im, ws.aIm, rows, cols);
        BatchFft.of(cols).transform(ws.aRe, ws.aIm, 0, rows, ws.bRe, ws.bIm, inverse);
        transpose(ws.aRe, re, cols, rows);
        transpose(ws.aIm, im, cols, rows);
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
        int size = n1 * n2 * count;
        if (ws.capacity() < size) {
            throw new IllegalArgumentException("workspace holds " + ws.capacity() + " values, need " + size);
        }
        boolean inB = BatchFft.of(n1).transformNoCopy(re, im, off, n2 * count, ws.bRe, ws.bIm, inverse);
        double[] srcR = inB ? ws.bRe : re;
        double[] srcI = inB ? ws.bIm : im;
        int srcOff = inB ? 0 : off;
        double[] dR = inB ? re : ws.aRe;
        double[] dI = inB ? im : ws.aIm;
        int dOff = inB ? off : 0;
        double[] fR = inB ? ws.aRe : ws.bRe;
        double[] fI = inB ? ws.aIm : ws.bIm;
        blockTranspose(srcR, srcOff, dR, dOff, n1, count, n2);
        blockTranspose(srcI, srcOff, dI, dOff, n1, count, n2);
        boolean inF = BatchFft.of(n2).transformNoCopy(dR, dI, dOff, n1 * count, fR, fI, inverse);
        double[] outR = inF ? fR : dR;
        double[] outI = inF ? fI : dI;
        int outOff = inF ? 0 : dOff;
        if (outR != re || outOff != off) {
            System.arraycopy(outR, outOff, re, off, size);
            System.arraycopy(outI, outOff, im, off, size);
        }
    }

    /** {@code dst[j][a][i] = src[i][a][j]} for src of {@code n1 x count x n2}. */
    public static void blockTranspose(double[] src, double[] dst, int n1, int count, int n2) {
        blockTranspose(src, 0, dst, 0, n1, count, n2);
    }

    /** {@link #blockTranspose(double[], double[], int, int, int)} with offsets into src and dst. */
    public static void blockTranspose(double[] src, int srcOff, double[] dst, int dstOff, int n1, int count,
            int n2) {
        final int b = 16;
        int srcRow = count * n2;
        int dstRow = count * n1;
        for (int a = 0; a < count; a++) {
            int so = srcOff + a * n2;
            int dO = dstOff + a * n1;
            for (int i0 = 0; i0 < n1; i0 += b) {
                int i1 = Math.min(n1, i0 + b);
                for (int j0 = 0; j0 < n2; j0 += b) {
                    int j1 = Math.min(n2, j0 + b);
                    for (int i = i0; i < i1; i++) {
                        int s = i * srcRow + so;
                        for (int j = j0; j < j1; j++) {
                            dst[j * dstRow + dO + i] = src[s + j];
                        }
                    }
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
}
