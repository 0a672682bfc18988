package org.scattering4j.audioimage.features;

import java.util.Locale;
import org.scattering4j.scattering.Scattering2D;

/**
 * Texture features that keep how the scattering channels vary <em>together</em> over the image, not only
 * their spatial means: the {@link TextureFeatures} log-means of one transform ({@code means}, e.g. J = 4),
 * followed by statistics of the coefficient maps of a finer one ({@code maps}, e.g. J = 3, whose maps keep
 * (M / 2^J) x (N / 2^J) positions). A mean says how much energy a texture has at a scale and angle; the
 * statistics say where that energy sits relative to the other channels and to the local brightness
 * (edges that are dark on one side, blobs whose bright centre carries the fine detail), which the means
 * of a stationary model discard.
 *
 * <p><b>Layout</b> (K = J L order-1 maps of {@code maps}, n1 = j1 L + theta1; G = L J (J - 1) / 2 order-2
 * groups, one per (n1, j2), each the sum over theta2 of |S2|; every map centred over its positions; sd the
 * population standard deviation over the positions; log maps are log(|S| + 1e-6)):
 * <ol>
 *   <li>the {@code means.channels()} log-means of {@link TextureFeatures} (order 0 linear);</li>
 *   <li>K (K - 1) / 2 correlations {@code cov(a, b) / (sd_a sd_b + 1e-12)} of the log order-1 maps, pairs a &lt; b
 *       row by row;</li>
 *   <li>K values log(sd_a + 1e-9) of the log order-1 maps;</li>
 *   <li>K correlations of the order-0 map (the low-passed image, centred) with each log order-1 map;</li>
 *   <li>4 K shifted correlations, the order-0 map at (y + dy, x + dx) against each log order-1 map at
 *       (y, x), mean of the products over the overlap over the global sds, for (dx, dy) = (1, 0), (-1, 0),
 *       (0, 1), (0, -1);</li>
 *   <li>skewness and kurtosis (third and fourth standardised moments) of the order-0 map;</li>
 *   <li>G correlations of the order-0 map with the log order-2 group maps, then G values log(sd_g + 1e-9).</li>
 * </ol>
 * For 160 x 160 patches with {@code means} J = 4 and {@code maps} J = 3, L = 8: 417 + 276 + 24 + 24 + 96 + 2
 * + 24 + 24 = 887 features. The image is z-scored first (as {@link TextureFeatures} with standardisation on),
 * so every feature is unchanged by a positive affine change of the grey levels.
 *
 * <pre>{@code
 * TextureStatistics fx = new TextureStatistics(Scatterings.of(new Scattering2D(4, 160, 160, 8, 2)),
 *         new Scattering2D(3, 160, 160, 8, 2));
 * double[] v = fx.extract(patch);   // 887 values
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TextureStatistics implements FeatureExtractor<double[][]> {
    /** Fewest positions per side of the coefficient maps (statistics of smaller maps are mostly noise). */
    public static final int MIN_MAP_SIDE = 4;
    private static final double LOG_EPS = 1e-6;
    private static final double SD_EPS = 1e-9;
    private static final double CORR_EPS = 1e-12;
    private static final int[][] SHIFTS = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};

    private final TextureFeatures means;
    private final int meanCount;
    private final Scattering2D maps;
    private final int k1;
    private final int groups;
    private final int dimension;

    /**
     * @param means the transform whose spatial means start the vector
     * @param maps the transform whose maps give the statistics: same image size, maximal order 2, J &ge; 2,
     *             maps of at least {@link #MIN_MAP_SIDE} positions per side
     */
    public TextureStatistics(ScatteringTransform2D means, Scattering2D maps) {
        if (means.rows() != maps.rows() || means.cols() != maps.cols()) {
            throw new IllegalArgumentException("means transform is for " + means.rows() + " x " + means.cols()
                    + " images, maps transform for " + maps.rows() + " x " + maps.cols() + "; they must match");
        }
        if (maps.maxOrder() != 2 || maps.J() < 2) {
            throw new IllegalArgumentException("maps transform has J = " + maps.J() + ", max order " + maps.maxOrder()
                    + "; it needs J >= 2 and max order 2 (order-2 groups)");
        }
        if (maps.outputRows() < MIN_MAP_SIDE || maps.outputCols() < MIN_MAP_SIDE) {
            throw new IllegalArgumentException("maps transform (J = " + maps.J() + ") gives " + maps.outputRows()
                    + " x " + maps.outputCols() + " maps; at least " + MIN_MAP_SIDE + " x " + MIN_MAP_SIDE
                    + " positions are needed (use a smaller J for the maps)");
        }
        this.means = new TextureFeatures(means, false, LOG_EPS);
        this.meanCount = this.means.dimension();
        this.maps = maps;
        int J = maps.J();
        int L = maps.L();
        this.k1 = J * L;
        this.groups = L * J * (J - 1) / 2;
        if (maps.channels() != 1 + k1 + groups * L) {
            throw new IllegalStateException("maps transform has " + maps.channels() + " channels, expected "
                    + (1 + k1 + groups * L));
        }
        this.dimension = meanCount + k1 * (k1 - 1) / 2 + k1 + k1 + 4 * k1 + 2 + 2 * groups;
    }

    @Override
    public double[] extract(double[][] image) {
        double[][] x = TextureFeatures.prepared(image, maps.rows(), maps.cols(), true);
        double[] out = new double[dimension];
        System.arraycopy(means.extract(x), 0, out, 0, meanCount);
        double[] s = maps.transform(x).data();
        int R = maps.outputRows();
        int Q = maps.outputCols();
        int n = R * Q;
        int L = maps.L();
        int J = maps.J();
        // centred order-0 map, log order-1 maps, log order-2 group maps
        double[] m0 = new double[n];
        System.arraycopy(s, 0, m0, 0, n);
        double sd0 = center(m0);
        double[][] m1 = new double[k1][n];
        double[] sd1 = new double[k1];
        for (int a = 0; a < k1; a++) {
            int o = (1 + a) * n;
            for (int i = 0; i < n; i++) {
                m1[a][i] = Math.log(Math.abs(s[o + i]) + LOG_EPS);
            }
            sd1[a] = center(m1[a]);
        }
        double[][] m2 = new double[groups][n];
        double[] sd2 = new double[groups];
        int ch = 1 + k1; // order 2: for each n1, for each j2 > j1, L consecutive channels (theta2)
        int g = 0;
        for (int n1 = 0; n1 < k1; n1++) {
            for (int j2 = n1 / L + 1; j2 < J; j2++, g++) {
                double[] gm = m2[g];
                for (int t = 0; t < L; t++, ch++) {
                    int o = ch * n;
                    for (int i = 0; i < n; i++) {
                        gm[i] += Math.abs(s[o + i]);
                    }
                }
                for (int i = 0; i < n; i++) {
                    gm[i] = Math.log(gm[i] + LOG_EPS);
                }
                sd2[g] = center(gm);
            }
        }
        int f = meanCount;
        for (int a = 0; a < k1; a++) {
            for (int b = a + 1; b < k1; b++) {
                out[f++] = dot(m1[a], m1[b]) / n / (sd1[a] * sd1[b] + CORR_EPS);
            }
        }
        for (int a = 0; a < k1; a++) {
            out[f++] = Math.log(sd1[a] + SD_EPS);
        }
        for (int a = 0; a < k1; a++) {
            out[f++] = dot(m0, m1[a]) / n / (sd0 * sd1[a] + CORR_EPS);
        }
        for (int[] d : SHIFTS) {
            int dx = d[0];
            int dy = d[1];
            for (int a = 0; a < k1; a++) {
                double acc = 0;
                int count = 0;
                for (int y = Math.max(0, -dy); y < R - Math.max(0, dy); y++) {
                    for (int c = Math.max(0, -dx); c < Q - Math.max(0, dx); c++) {
                        acc += m0[(y + dy) * Q + c + dx] * m1[a][y * Q + c];
                        count++;
                    }
                }
                out[f++] = acc / count / (sd0 * sd1[a] + CORR_EPS);
            }
        }
        double m3 = 0;
        double m4 = 0;
        for (double v : m0) {
            double z = v / (sd0 + CORR_EPS);
            m3 += z * z * z;
            m4 += z * z * z * z;
        }
        out[f++] = m3 / n;
        out[f++] = m4 / n;
        for (int q = 0; q < groups; q++) {
            out[f++] = dot(m0, m2[q]) / n / (sd0 * sd2[q] + CORR_EPS);
        }
        for (int q = 0; q < groups; q++) {
            out[f++] = Math.log(sd2[q] + SD_EPS);
        }
        if (f != dimension) {
            throw new IllegalStateException("wrote " + f + " features, expected " + dimension);
        }
        return out;
    }

    /** Subtracts the mean in place and returns the population standard deviation. */
    private static double center(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double ss = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] -= m;
            ss += v[i] * v[i];
        }
        return Math.sqrt(ss / v.length);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "texture statistics: z-score; [%s]; correlations, spreads and order-0 "
                + "cross-statistics of the Scattering2D(J=%d, L=%d) maps (%d x %d positions); %d features",
                means.describe(), maps.J(), maps.L(), maps.outputRows(), maps.outputCols(), dimension);
    }
}
