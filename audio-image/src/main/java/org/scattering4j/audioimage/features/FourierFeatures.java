package org.scattering4j.audioimage.features;

import java.util.Locale;
import org.scattering4j.scattering.fft.Fft2D;

/**
 * The Fourier baseline for textures: the image's power spectrum averaged in radial x angular bins,
 * then logged. A classic texture descriptor (e.g. Randen and Husoy 1999 review such spectral
 * features) and the natural baseline for scattering, which replaces these fixed bins with
 * wavelet-localised, deformation-stable averages.
 *
 * <p>For an image x of {@code rows x cols}: subtract its mean, P(u, v) = |X(u, v)|<sup>2</sup> / (rows
 * cols) with X = fft2(x) (Parseval: P sums to the image's sum of squares). Each frequency (f<sub>y</sub>,
 * f<sub>x</sub>) in cycles per pixel (signed, NumPy's {@code fftfreq}) has radius
 * r = sqrt(f<sub>y</sub><sup>2</sup> + f<sub>x</sub><sup>2</sup>) and angle atan2(f<sub>y</sub>,
 * f<sub>x</sub>) folded into [0, &pi;) (a real image's spectrum is symmetric). Radial bins split (0, 1/2]
 * evenly; angular bins split [0, &pi;) evenly; the zero frequency and the corners beyond r = 1/2 are
 * left out. Feature {@code [ir * angularBins + ia]} = log(mean P in the bin + logEps).
 *
 * <p>Circularly shifting the image leaves the features unchanged exactly; rotating it by 90 degrees
 * moves energy between angular bins.
 *
 * <pre>{@code
 * FourierFeatures fx = new FourierFeatures(160, 160, 16, 8, 1e-10);   // 128 features
 * double[] v = fx.extract(patch);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FourierFeatures implements FeatureExtractor<double[][]> {
    private final int rows;
    private final int cols;
    private final int radialBins;
    private final int angularBins;
    private final double logEps;
    /** bin of each frequency, row-major; -1 = left out */
    private final int[] bin;
    private final int[] count;

    /**
     * @param rows image rows (&ge; 2)
     * @param cols image columns (&ge; 2)
     * @param radialBins number of radial bins (&ge; 1)
     * @param angularBins number of angular bins (&ge; 1)
     * @param logEps constant inside the logarithm (&gt; 0)
     * @throws IllegalArgumentException also if some bin would hold no frequency (too many bins for the size)
     */
    public FourierFeatures(int rows, int cols, int radialBins, int angularBins, double logEps) {
        if (rows < 2 || cols < 2) {
            throw new IllegalArgumentException("image size " + rows + " x " + cols + " must be at least 2 x 2");
        }
        if (radialBins < 1 || angularBins < 1) {
            throw new IllegalArgumentException("radialBins = " + radialBins + ", angularBins = " + angularBins
                    + " must be >= 1");
        }
        if (!(logEps > 0)) {
            throw new IllegalArgumentException("logEps = " + logEps + " must be > 0");
        }
        this.rows = rows;
        this.cols = cols;
        this.radialBins = radialBins;
        this.angularBins = angularBins;
        this.logEps = logEps;
        this.bin = new int[rows * cols];
        this.count = new int[radialBins * angularBins];
        for (int u = 0; u < rows; u++) {
            double fy = freq(u, rows);
            for (int v = 0; v < cols; v++) {
                double fx = freq(v, cols);
                double r = Math.sqrt(fy * fy + fx * fx);
                int b = -1;
                if (r > 0 && r <= 0.5) {
                    int ir = Math.min(radialBins - 1, (int) (r * 2 * radialBins));
                    double a = Math.atan2(fy, fx);
                    if (a < 0) {
                        a += Math.PI;
                    }
                    if (a >= Math.PI) {
                        a -= Math.PI;
                    }
                    int ia = Math.min(angularBins - 1, (int) (a / Math.PI * angularBins));
                    b = ir * angularBins + ia;
                    count[b]++;
                }
                bin[u * cols + v] = b;
            }
        }
        for (int b = 0; b < count.length; b++) {
            if (count[b] == 0) {
                throw new IllegalArgumentException("radial bin " + b / angularBins + ", angular bin " + b % angularBins
                        + " holds no frequency of a " + rows + " x " + cols + " image: use fewer than "
                        + radialBins + " x " + angularBins + " bins");
            }
        }
    }

    /** NumPy's fftfreq: index k of n as signed cycles per sample. */
    static double freq(int k, int n) {
        return (k <= (n - 1) / 2 ? k : k - n) / (double) n;
    }

    @Override
    public double[] extract(double[][] image) {
        if (image.length != rows || image[0].length != cols) {
            throw new IllegalArgumentException("image is " + image.length + " x " + image[0].length
                    + " (rows x cols), expected " + rows + " x " + cols);
        }
        double[] z = new double[2 * rows * cols];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            double[] row = image[r];
            if (row.length != cols) {
                throw new IllegalArgumentException("image row " + r + " has " + row.length + " values, expected "
                        + cols);
            }
            for (int c = 0; c < cols; c++) {
                z[2 * (r * cols + c)] = row[c];
                sum += row[c];
            }
        }
        double mean = sum / (rows * (double) cols);
        for (int i = 0; i < rows * cols; i++) {
            z[2 * i] -= mean;
        }
        Fft2D.forward(z, rows, cols);
        return binned(z);
    }

    /** Bins the power of a spectrum given as interleaved complex values (used by tests with a naive DFT). */
    double[] binned(double[] spectrum) {
        double[] acc = new double[count.length];
        double norm = 1.0 / (rows * (double) cols);
        for (int i = 0; i < bin.length; i++) {
            int b = bin[i];
            if (b >= 0) {
                double re = spectrum[2 * i];
                double im = spectrum[2 * i + 1];
                acc[b] += (re * re + im * im) * norm;
            }
        }
        for (int b = 0; b < acc.length; b++) {
            acc[b] = Math.log(acc[b] / count[b] + logEps);
        }
        return acc;
    }

    @Override
    public int dimension() {
        return count.length;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "fourier: %dx%d image, log(mean power + %g) in %d radial x %d angular bins",
                rows, cols, logEps, radialBins, angularBins);
    }
}
