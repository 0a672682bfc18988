package org.scattering4j.scattering.synthesis;

import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.scattering.fft.Fft2D;

/**
 * Power spectra for comparing textures: the periodogram {@code |DFT(x)[k]|^2 / n} (1D and 2D), a
 * segment-averaged 1D estimate for plotting long sounds, and the radially averaged 2D periodogram.
 *
 * <pre>{@code
 * double[] p = PowerSpectra.periodogram1D(x);            // n/2 + 1 bins
 * double[] r = PowerSpectra.radial2D(img, 256, 256);     // 129 rings
 * }</pre>
 */
public final class PowerSpectra {
    private PowerSpectra() {
    }

    /** {@code |X[k]|^2 / n} for k = 0 .. n/2 (the rest mirrors it for a real signal). */
    public static double[] periodogram1D(double[] x) {
        TextureSynthesis.checkFinite(x, "x");
        int n = x.length;
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            z[2 * i] = x[i];
        }
        Fft.forward(z, n);
        double[] p = new double[n / 2 + 1];
        for (int k = 0; k < p.length; k++) {
            p[k] = (z[2 * k] * z[2 * k] + z[2 * k + 1] * z[2 * k + 1]) / n;
        }
        return p;
    }

    /**
     * Welch-style average of periodograms of consecutive non-overlapping segments of length
     * {@code seg} (no window), {@code seg/2 + 1} bins; a smooth estimate for plotting long sounds.
     */
    public static double[] averaged1D(double[] x, int seg) {
        if (seg < 2 || seg > x.length) {
            throw new IllegalArgumentException("segment length " + seg + " must be in [2, " + x.length + "]");
        }
        double[] acc = new double[seg / 2 + 1];
        int count = x.length / seg;
        for (int s = 0; s < count; s++) {
            double[] p = periodogram1D(java.util.Arrays.copyOfRange(x, s * seg, (s + 1) * seg));
            for (int k = 0; k < acc.length; k++) {
                acc[k] += p[k] / count;
            }
        }
        return acc;
    }

    /**
     * Radially averaged 2D periodogram of a row-major image: bin r holds the mean of
     * {@code |X[k1,k2]|^2 / (rows cols)} over frequencies with {@code round(sqrt(f1^2 + f2^2)) = r},
     * f in cycles per image along each axis (signed), r = 0 .. min(rows, cols)/2.
     */
    public static double[] radial2D(double[] x, int rows, int cols) {
        TextureSynthesis.checkFinite(x, "x");
        int n = rows * cols;
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            z[2 * i] = x[i];
        }
        Fft2D.forward(z, rows, cols);
        int bins = Math.min(rows, cols) / 2 + 1;
        double[] acc = new double[bins];
        int[] cnt = new int[bins];
        for (int a = 0; a < rows; a++) {
            int fa = a <= rows / 2 ? a : a - rows;
            for (int b = 0; b < cols; b++) {
                int fb = b <= cols / 2 ? b : b - cols;
                int r = (int) Math.round(Math.sqrt((double) fa * fa + (double) fb * fb));
                if (r < bins) {
                    int i = a * cols + b;
                    acc[r] += (z[2 * i] * z[2 * i] + z[2 * i + 1] * z[2 * i + 1]) / n;
                    cnt[r]++;
                }
            }
        }
        for (int r = 0; r < bins; r++) {
            acc[r] = cnt[r] > 0 ? acc[r] / cnt[r] : 0;
        }
        return acc;
    }

    /** {@code |X[k1,k2]|^2 / (rows cols)} for every frequency, row-major. */
    public static double[] periodogram2D(double[] x, int rows, int cols) {
        TextureSynthesis.checkFinite(x, "x");
        int n = rows * cols;
        if (x.length != n) {
            throw new IllegalArgumentException("image has " + x.length + " values, expected " + rows + " x " + cols);
        }
        double[] z = new double[2 * n];
        for (int i = 0; i < n; i++) {
            z[2 * i] = x[i];
        }
        Fft2D.forward(z, rows, cols);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (z[2 * i] * z[2 * i] + z[2 * i + 1] * z[2 * i + 1]) / n;
        }
        return p;
    }
}
