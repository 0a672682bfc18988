package org.scattering4j.scattering;

import java.util.Arrays;
import org.scattering4j.scattering.fft.Fft2D;
import org.scattering4j.scattering.filters.MorletFilterBank2D;
import org.scattering4j.util.Parallel;

/**
 * The vector-Jacobian product of a {@link Scattering2D}: for an image x and a cotangent g of the
 * transform's output shape (C, M', N'), the gradient with respect to x of {@code <g, S x>}.
 *
 * <p>It mirrors the forward cascade of {@link Scattering2D} (reflect padding to Mp x Np, 2D FFT,
 * multiplication by a real Fourier filter, folding of the k x k aliases = subsampling by k, unscaled
 * inverse FFT, modulus, low-pass by phi subsampled to 2^-J, crop of one row and column on each side),
 * step by step in reverse: the adjoint of the crop of the real part is zero-filling into the real
 * part; of an unscaled inverse 2D DFT the unscaled forward DFT; of folding the replication of the
 * folded spectrum; of the multiplication by a real filter the same multiplication; of the forward DFT
 * of a real map the real part of the unscaled inverse DFT; of the modulus the multiplication by
 * {@code z/|z|} (0 where {@code z = 0}, a subgradient); of reflect padding the accumulation of each
 * padded pixel onto the pixel it copies. It uses the same Morlet filter bank
 * ({@link MorletFilterBank2D} on the padded grid) and the same scalings as the forward code, in the
 * natural (not transposed) layout with interleaved complex arrays; intermediates are recomputed path by
 * path. First-order paths run on {@link Parallel#threads()} threads and are summed in path order, so
 * the result does not depend on the thread count.
 *
 * <p>Kept beside {@link Scattering2D} as a separate class (the forward code is tuned for speed with
 * transposed batches; this one is written for clarity). Immutable and thread-safe; inputs are never
 * modified.
 *
 * <pre>{@code
 * Scattering2D s = new Scattering2D(2, 28, 28);
 * Scattering2DGradient grad = new Scattering2DGradient(s);
 * NdArray S = s.transform(image);                       // image row-major, 28 * 28 values
 * double[] dx = grad.vjp(image, dLossdS);               // dLossdS: C * 7 * 7 values, C order
 * }</pre>
 */
public final class Scattering2DGradient {
    private final int rows;
    private final int cols;
    private final int bigJ;
    private final int bigL;
    private final int maxOrder;
    private final int mp;
    private final int np;
    private final int padTop;
    private final int padLeft;
    private final int lowRows;
    private final int lowCols;
    private final int outRows;
    private final int outCols;
    private final int channels;
    /** psi[n][level], phi[level]: real Fourier filters, natural row-major (Mp >> level) x (Np >> level). */
    private final double[][][] psi;
    private final double[][] phi;

    /** The gradient of {@code s} (same J, L, image size and maximal order). */
    public Scattering2DGradient(Scattering2D s) {
        if (s == null) {
            throw new IllegalArgumentException("s is null");
        }
        this.rows = s.rows();
        this.cols = s.cols();
        this.bigJ = s.J();
        this.bigL = s.L();
        this.maxOrder = s.maxOrder();
        this.mp = s.paddedRows();
        this.np = s.paddedCols();
        this.padTop = s.padTop();
        this.padLeft = s.padLeft();
        this.lowRows = mp >> bigJ;
        this.lowCols = np >> bigJ;
        this.outRows = s.outputRows();
        this.outCols = s.outputCols();
        this.channels = s.channels();
        MorletFilterBank2D bank = new MorletFilterBank2D(mp, np, bigJ, bigL);
        psi = new double[bigJ * bigL][][];
        for (int n = 0; n < bigJ * bigL; n++) {
            int lv = bank.levels(n / bigL);
            psi[n] = new double[lv][];
            for (int r = 0; r < lv; r++) {
                psi[n][r] = bank.psi(n, r);
            }
        }
        phi = new double[bigJ][];
        for (int r = 0; r < bigJ; r++) {
            phi[r] = bank.phi(r);
        }
    }

    /** Number of values of a cotangent: C * M' * N'. */
    public int outputLength() {
        return channels * outRows * outCols;
    }

    /**
     * The gradient of {@code <g, S x>} with respect to x.
     *
     * @param image row-major M x N values, finite; not modified
     * @param g     cotangent of shape (C, M', N') in C order, finite; not modified
     * @return a new row-major array of M x N values
     */
    public double[] vjp(double[] image, double[] g) {
        if (image == null || image.length != rows * cols) {
            throw new IllegalArgumentException("image has " + (image == null ? "no" : image.length)
                    + " values, expected M*N = " + rows + "*" + cols + " = " + rows * cols);
        }
        if (g == null || g.length != outputLength()) {
            throw new IllegalArgumentException("g has " + (g == null ? "no" : g.length) + " values, expected C*M'*N' = "
                    + channels + "*" + outRows + "*" + outCols + " = " + outputLength());
        }
        for (int i = 0; i < image.length; i++) {
            if (!Double.isFinite(image[i])) {
                throw new IllegalArgumentException("image[" + i + "] = " + image[i] + ": pixels must be finite");
            }
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalArgumentException("g[" + i + "] = " + g[i] + ": values must be finite");
            }
        }
        // X = FFT2(pad(x)), interleaved
        double[] X = new double[2 * mp * np];
        int period = 2 * (rows - 1);
        int cperiod = 2 * (cols - 1);
        for (int u = 0; u < mp; u++) {
            int r = reflect(u - padTop, rows, period);
            for (int v = 0; v < np; v++) {
                X[2 * (u * np + v)] = image[r * cols + reflect(v - padLeft, cols, cperiod)];
            }
        }
        Fft2D.forward(X, mp, np);
        int paths = bigJ * bigL;
        double[][] parts = new double[paths][];
        Parallel.forEach(paths, () -> null, (n1, unused) -> parts[n1] = backwardPath(X, n1, g));
        double[] gX = new double[2 * mp * np];
        lowPassAdjoint(g, 0, mp, np, phi[0], 1 << bigJ, gX);
        for (int n1 = 0; n1 < paths; n1++) {
            double[] p = parts[n1];
            for (int i = 0; i < gX.length; i++) {
                gX[i] += p[i];
            }
            parts[n1] = null;
        }
        // adjoint of the FFT of a real image: Re(unscaled inverse DFT)
        inverseUnscaled(gX, mp, np);
        double[] gx = new double[rows * cols];
        for (int u = 0; u < mp; u++) {
            int r = reflect(u - padTop, rows, period);
            for (int v = 0; v < np; v++) {
                gx[r * cols + reflect(v - padLeft, cols, cperiod)] += gX[2 * (u * np + v)];
            }
        }
        return gx;
    }

    /** Path n1 = (j1, t1) and its second-order children: the gradient w.r.t. X (full, interleaved). */
    private double[] backwardPath(double[] X, int n1, double[] g) {
        int j1 = n1 / bigL;
        int k1 = 1 << j1;
        int m1 = mp >> j1;
        int c1 = np >> j1;
        double full = (double) mp * np;
        // forward: z1 = IFFT2u(fold(X psi)) (unscaled; u1 = |z1| / (mp np)), U1 = FFT2(u1)
        double[] z1 = new double[2 * m1 * c1];
        foldMultiply(X, mp, np, psi[n1][0], k1, z1);
        inverseUnscaled(z1, m1, c1);
        double[] u1hat = new double[2 * m1 * c1];
        for (int i = 0; i < m1 * c1; i++) {
            double re = z1[2 * i];
            double im = z1[2 * i + 1];
            u1hat[2 * i] = Math.sqrt(re * re + im * im) / full;
        }
        Fft2D.forward(u1hat, m1, c1);
        // gradient w.r.t. U1^ (complex)
        double[] gU1 = new double[2 * m1 * c1];
        lowPassAdjoint(g, (1 + n1) * outRows * outCols, m1, c1, phi[j1], 1 << (bigJ - j1), gU1);
        if (maxOrder > 1) {
            int channel = 1 + bigJ * bigL;
            // channel index of (n1, first child): count the pairs of the paths before n1
            for (int a = 0; a < n1; a++) {
                channel += (bigJ - 1 - a / bigL) * bigL;
            }
            for (int j2 = j1 + 1; j2 < bigJ; j2++) {
                int k = 1 << (j2 - j1);
                int m2 = m1 / k;
                int c2 = c1 / k;
                double inner = (double) m1 * c1;
                for (int t2 = 0; t2 < bigL; t2++, channel++) {
                    double[] f2 = psi[j2 * bigL + t2][j1];
                    double[] z2 = new double[2 * m2 * c2];
                    foldMultiply(u1hat, m1, c1, f2, k, z2);
                    inverseUnscaled(z2, m2, c2);
                    // gradient w.r.t. U2^, then u2 = |z2| / (m1 c1)
                    double[] gu2 = new double[2 * m2 * c2];
                    lowPassAdjoint(g, channel * outRows * outCols, m2, c2, phi[j2], 1 << (bigJ - j2), gu2);
                    inverseUnscaled(gu2, m2, c2);
                    modulusAdjoint(z2, gu2, m2 * c2, inner);
                    Fft2D.forward(z2, m2, c2);
                    unfoldMultiplyAdd(z2, m2, c2, f2, k, gU1);
                }
            }
        }
        // U1^ = FFT2(u1), u1 real: gradient w.r.t. u1 = Re(IFFT2u(gU1)); then the modulus
        inverseUnscaled(gU1, m1, c1);
        modulusAdjoint(z1, gU1, m1 * c1, full);
        Fft2D.forward(z1, m1, c1);
        double[] gX = new double[2 * mp * np];
        unfoldMultiplyAdd(z1, m1, c1, psi[n1][0], k1, gX);
        return gX;
    }

    /**
     * Adjoint of "S = Re(IFFT2u(fold_k(V phi))) / (m c), cropped to rows/cols 1 .. M', 1 .. N'" for
     * channel {@code g[gOff ..]}: adds the gradient w.r.t. V (m x c, interleaved) to {@code gV}.
     */
    private void lowPassAdjoint(double[] g, int gOff, int m, int c, double[] filter, int k, double[] gV) {
        double[] a = new double[2 * lowRows * lowCols];
        double scale = 1.0 / ((double) m * c);
        for (int y = 0; y < outRows; y++) {
            for (int x = 0; x < outCols; x++) {
                a[2 * ((y + 1) * lowCols + x + 1)] = g[gOff + y * outCols + x] * scale;
            }
        }
        Fft2D.forward(a, lowRows, lowCols);
        unfoldMultiplyAdd(a, lowRows, lowCols, filter, k, gV);
    }

    /** {@code out[r mod m/k][c mod n/k] = sum of Y[r][c] f[r][c]} (interleaved Y of m x n, out of m/k x n/k). */
    static void foldMultiply(double[] y, int m, int n, double[] f, int k, double[] out) {
        int sm = m / k;
        int sn = n / k;
        Arrays.fill(out, 0, 2 * sm * sn, 0.0);
        for (int r = 0; r < m; r++) {
            int orow = (r % sm) * sn;
            for (int c = 0; c < n; c++) {
                double fv = f[r * n + c];
                int i = 2 * (r * n + c);
                int o = 2 * (orow + c % sn);
                out[o] += y[i] * fv;
                out[o + 1] += y[i + 1] * fv;
            }
        }
    }

    /** Adjoint of {@link #foldMultiply}: {@code acc[r][c] += f[r][c] gOut[r mod sm][c mod sn]}. */
    static void unfoldMultiplyAdd(double[] gOut, int sm, int sn, double[] f, int k, double[] acc) {
        int m = sm * k;
        int n = sn * k;
        for (int r = 0; r < m; r++) {
            int orow = (r % sm) * sn;
            for (int c = 0; c < n; c++) {
                double fv = f[r * n + c];
                int i = 2 * (r * n + c);
                int o = 2 * (orow + c % sn);
                acc[i] += gOut[o] * fv;
                acc[i + 1] += gOut[o + 1] * fv;
            }
        }
    }

    /** In-place unscaled inverse 2D DFT (Fft2D's interleaved inverse is scaled by 1/(m n)). */
    private static void inverseUnscaled(double[] z, int m, int n) {
        Fft2D.inverse(z, m, n);
        double s = (double) m * n;
        for (int i = 0; i < 2 * m * n; i++) {
            z[i] *= s;
        }
    }

    /** NumPy 'reflect' index, as {@link Scattering2D} pads. */
    private static int reflect(int i, int size, int period) {
        if (size == 1) {
            return 0;
        }
        int k = Math.floorMod(i, period);
        return k < size ? k : period - k;
    }

    /**
     * Adjoint of {@code u = |z| / scale} (interleaved complex {@code z}, real part of interleaved {@code g}):
     * {@code z <- z g / (|z| scale)} in place, 0 where {@code z = 0} (the subgradient chosen there).
     */
    private static void modulusAdjoint(double[] z, double[] g, int count, double scale) {
        for (int i = 0; i < count; i++) {
            double re = z[2 * i];
            double im = z[2 * i + 1];
            double r = Math.sqrt(re * re + im * im);
            double h = r > 0 ? g[2 * i] / (r * scale) : 0.0;
            z[2 * i] = re * h;
            z[2 * i + 1] = im * h;
        }
    }
}
