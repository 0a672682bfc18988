package org.scattering4j.scattering.synthesis;

import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.scattering.fft.Fft2D;

/**
 * A change of variables {@code x = P y} for synthesis, with P the real, even Fourier multiplier
 * {@code p(f) = (max(|f|, fMin) / 0.5)^(-alpha)} (f in cycles per sample, radial in 2D; circular
 * convolution on the signal's own length).
 *
 * <p>Why: the gradient of a first-order moment {@code sum |x * psi_l|} is {@code psi_l} applied to a
 * phase signal, whose energy grows with the wavelet's bandwidth; with constant-Q wavelets (bandwidth
 * proportional to the centre frequency) low-frequency moments get much smaller gradients than
 * high-frequency ones, and L-BFGS on x corrects them slowly. Optimising y instead, with
 * alpha = 1/2, makes the Jacobian rows of all bands about equally long (a diagonal, Jacobi-like
 * preconditioner in the Fourier domain). The moments and the loss are unchanged; only the path of the
 * optimiser is. {@code fMin} (e.g. 2^-J, the lowest scale the wavelets reach) keeps p bounded near 0.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * SpectralPreconditioner p = SpectralPreconditioner.of1D(220500, Math.pow(2, -10), 0.5);
 * double[] x = p.apply(y);            // y = p.applyInverse(x)
 * }</pre>
 */
public final class SpectralPreconditioner {
    private final int rows;
    private final int cols;
    private final double[] p;      // multiplier per frequency, row-major rows x cols (rows = 1 in 1D)
    private final double alpha;
    private final double fMin;

    private SpectralPreconditioner(int rows, int cols, double fMin, double alpha) {
        if (!(fMin > 0) || fMin > 0.5) {
            throw new IllegalArgumentException("fMin = " + fMin + " is out of range: need 0 < fMin <= 0.5");
        }
        if (!(alpha >= 0) || alpha > 4) {
            throw new IllegalArgumentException("alpha = " + alpha + " is out of range: need 0 <= alpha <= 4");
        }
        this.rows = rows;
        this.cols = cols;
        this.alpha = alpha;
        this.fMin = fMin;
        this.p = new double[rows * cols];
        for (int a = 0; a < rows; a++) {
            double fa = (double) Math.min(a, rows - a) / rows;
            for (int b = 0; b < cols; b++) {
                double fb = (double) Math.min(b, cols - b) / cols;
                double f = Math.max(Math.sqrt(fa * fa + fb * fb), fMin);
                p[a * cols + b] = Math.pow(f / 0.5, -alpha);
            }
        }
    }

    /** For signals of length n &ge; 1. */
    public static SpectralPreconditioner of1D(int n, double fMin, double alpha) {
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + " is out of range: need n >= 1");
        }
        return new SpectralPreconditioner(1, n, fMin, alpha);
    }

    /** For row-major images of rows x cols &ge; 1 (radial frequency). */
    public static SpectralPreconditioner of2D(int rows, int cols, double fMin, double alpha) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("image " + rows + " x " + cols + " is out of range: need sides >= 1");
        }
        return new SpectralPreconditioner(rows, cols, fMin, alpha);
    }

    /** Length of the (flattened) signals. */
    public int size() {
        return rows * cols;
    }

    public double alpha() {
        return alpha;
    }

    public double fMin() {
        return fMin;
    }

    /** {@code P y} (a new array; y not modified). P is symmetric, so this is also the gradient map. */
    public double[] apply(double[] y) {
        return multiply(y, false);
    }

    /** {@code P^-1 x} (a new array; x not modified). */
    public double[] applyInverse(double[] x) {
        return multiply(x, true);
    }

    private double[] multiply(double[] v, boolean inverse) {
        if (v == null || v.length != p.length) {
            throw new IllegalArgumentException("array of " + (v == null ? "null" : v.length) + " values does not match "
                    + p.length);
        }
        int n = p.length;
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            z[2 * i] = v[i];
        }
        if (rows == 1) {
            Fft.forward(z, n);
        } else {
            Fft2D.forward(z, rows, cols);
        }
        for (int k = 0; k < n; k++) {
            double m = inverse ? 1.0 / p[k] : p[k];
            z[2 * k] *= m;
            z[2 * k + 1] *= m;
        }
        if (rows == 1) {
            Fft.inverse(z, n);
        } else {
            Fft2D.inverse(z, rows, cols);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = z[2 * i];
        }
        return out;
    }
}
