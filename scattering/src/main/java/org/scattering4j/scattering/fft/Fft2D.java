package org.scattering4j.scattering.fft;

/**
 * Complex 2D FFTs on interleaved, row-major {@code [re, im]} arrays of {@code rows x cols} values,
 * with NumPy's {@code fft2} conventions (forward unscaled, inverse scaled by 1/(rows cols)). Built on
 * {@link Fft}'s per-thread 1D plans: rows in place, then columns through a small gather buffer.
 *
 * <pre>{@code
 * double[] z = new double[2 * rows * cols];   // z[2 * (r * cols + c)] = image[r][c]
 * Fft2D.forward(z, rows, cols);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class Fft2D {
    private Fft2D() {
    }

    /** In-place forward transform. */
    public static void forward(double[] z, int rows, int cols) {
        transform(z, rows, cols, false);
    }

    /** In-place inverse transform, scaled by 1/(rows cols) as NumPy's {@code ifft2}. */
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
