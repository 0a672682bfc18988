package org.scattering4j.audioimage.features;

import java.util.Locale;

/**
 * The texture recipe of the Brodatz-112 baseline (shared/data/textures-brodatz112/README.md, after
 * Bruna and Mallat 2013): optionally standardise the image to zero mean and unit variance, scatter it
 * ({@code Scattering2D(J=4, L=8, max_order=2)}: 417 channels for a 160 x 160 patch), average every
 * channel over space, and take log(|m| + 1e-6) of the order-1 and order-2 means; the order-0 mean is
 * kept linear (after standardisation it is the mean of a low-passed zero-mean image, near zero, whose
 * logarithm would only amplify noise).
 *
 * <pre>{@code
 * TextureFeatures fx = new TextureFeatures(transform, true, 1e-6);
 * double[] v = fx.extract(brodatz.read(patch));   // refuses an image of another size
 * }</pre>
 *
 * <p>Immutable and thread-safe if the transform is.
 */
public final class TextureFeatures implements FeatureExtractor<double[][]> {
    private final ScatteringTransform2D transform;
    private final boolean standardise;
    private final double logEps;
    private final int[] orders;

    /**
     * @param transform the transform (fixes the image size)
     * @param standardise whether to z-score each image first (recommended: plates differ in contrast)
     * @param logEps the constant inside the logarithm (&gt; 0)
     */
    public TextureFeatures(ScatteringTransform2D transform, boolean standardise, double logEps) {
        if (!(logEps > 0)) {
            throw new IllegalArgumentException("logEps = " + logEps + " must be > 0");
        }
        this.transform = transform;
        this.standardise = standardise;
        this.logEps = logEps;
        this.orders = transform.orders();
    }

    @Override
    public double[] extract(double[][] image) {
        double[][] x = prepared(image, transform.rows(), transform.cols(), standardise);
        double[][] s = transform.transform(x);
        if (s.length != orders.length) {
            throw new IllegalStateException("transform returned " + s.length + " channels, its orders list "
                    + orders.length);
        }
        double[] f = new double[s.length];
        for (int c = 0; c < s.length; c++) {
            double m = 0;
            for (double v : s[c]) {
                m += v;
            }
            m /= s[c].length;
            f[c] = orders[c] == 0 ? m : Math.log(Math.abs(m) + logEps);
        }
        return f;
    }

    /**
     * A copy of {@code image} checked to be {@code h x w} and, if {@code standardise}, z-scored (mean 0,
     * population standard deviation 1); a constant image cannot be standardised and is refused.
     */
    static double[][] prepared(double[][] image, int h, int w, boolean standardise) {
        if (image.length != h || image[0].length != w) {
            throw new IllegalArgumentException("image is " + image.length + " x " + image[0].length
                    + " (rows x cols), the transform expects " + h + " x " + w);
        }
        double[][] x = new double[h][];
        double sum = 0;
        for (int r = 0; r < h; r++) {
            if (image[r].length != w) {
                throw new IllegalArgumentException("image row " + r + " has " + image[r].length + " values, expected "
                        + w);
            }
            x[r] = image[r].clone();
            for (double v : x[r]) {
                sum += v;
            }
        }
        if (standardise) {
            double mean = sum / (h * (double) w);
            double ss = 0;
            for (double[] row : x) {
                for (double v : row) {
                    ss += (v - mean) * (v - mean);
                }
            }
            double sd = Math.sqrt(ss / (h * (double) w));
            if (!(sd > 0)) {
                throw new IllegalArgumentException("image is constant (standard deviation " + sd
                        + ") and cannot be standardised");
            }
            for (double[] row : x) {
                for (int c = 0; c < w; c++) {
                    row[c] = (row[c] - mean) / sd;
                }
            }
        }
        return x;
    }

    @Override
    public int dimension() {
        return orders.length;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "texture: %s%dx%d scattering, spatial mean, log(|m|+%g) on orders 1-2, "
                + "order 0 linear, %d features", standardise ? "z-score, " : "", transform.rows(), transform.cols(),
                logEps, orders.length);
    }
}
