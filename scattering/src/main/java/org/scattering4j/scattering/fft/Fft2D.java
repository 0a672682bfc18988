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
        twoPasses(re, im, rows, cols, ws, false);
    }

    /**
     * In-place inverse 2D FFT (unscaled) of a transposed spectrum ({@code cols x rows}, entry
     * {@code [k2][k1]}), giving the natural {@code rows x cols} array.
     */
    public static void inverseFromTransposed(double[] re, double[] im, int rows, int cols, Workspace ws) {
        twoPasses(re, im, cols, rows, ws, true);
    }

    /**
     * Batched pass along the first axis of an {@code n1 x n2} array, transpose, batched pass along the
     * (former) second axis; the result, {@code n2 x n1}, ends in re/im. Buffers are rotated so that the
     * only copy is the one needed when the last pass ends outside re/im.
     */
    private static void twoPasses(double[] re, double[] im, int n1, int n2, Workspace ws, boolean inverse) {
        int size = n1 * n2;
        if (ws.capacity() < size) {
            throw new IllegalArgumentException("workspace holds " + ws.capacity() + " values, need " + size);
        }
        boolean inB = BatchFft.of(n1).transformNoCopy(re, im, 0, n2, ws.bRe, ws.bIm, inverse);
        double[] srcR = inB ? ws.bRe : re;
        double[] srcI = inB ? ws.bIm : im;
        double[] dR = inB ? re : ws.aRe;
        double[] dI = inB ? im : ws.aIm;
        double[] fR = inB ? ws.aRe : ws.bRe;
        double[] fI = inB ? ws.aIm : ws.bIm;
        transpose(srcR, dR, n1, n2);
        transpose(srcI, dI, n1, n2);
        boolean inF = BatchFft.of(n2).transformNoCopy(dR, dI, 0, n1, fR, fI, inverse);
        double[] outR = inF ? fR : dR;
        double[] outI = inF ? fI : dI;
        if (outR != re) {
            System.arraycopy(outR, 0, re, 0, size);
            System.arraycopy(outI, 0, im, 0, size);
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
