package org.scattering4j.audioimage.classify;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.scattering4j.audioimage.features.BatchFeatureExtractor;
import org.scattering4j.audioimage.features.FeatureExtractor;
import org.scattering4j.audioimage.features.ScatteringTransform1D;
import org.scattering4j.audioimage.features.ScatteringTransform2D;
import org.scattering4j.scattering.Scattering1D;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.util.NdArray;

/**
 * Adapters from the library's {@link Scattering1D} / {@link Scattering2D} to the feature recipes'
 * {@link ScatteringTransform1D} / {@link ScatteringTransform2D}, and the flat "all coefficients"
 * extractor used for MNIST.
 *
 * <pre>{@code
 * ScatteringTransform1D t = Scatterings.of(new Scattering1D(8, 8192, 12));
 * FsddFeatures fx = FsddFeatures.kymatio(t);
 * }</pre>
 */
public final class Scatterings {
    private Scatterings() {
    }

    /** {@code s} seen as a {@link ScatteringTransform1D} (orders from {@link Scattering1D#meta()}). */
    public static ScatteringTransform1D of(Scattering1D s) {
        List<Scattering1D.Channel> meta = s.meta();
        int[] orders = new int[meta.size()];
        for (int c = 0; c < orders.length; c++) {
            orders[c] = meta.get(c).order();
        }
        return ScatteringTransform1D.of(s.shape(), orders, s::transform);
    }

    /** {@code s} seen as a {@link ScatteringTransform2D}: output {@code [channel][row-major pixels]}. */
    public static ScatteringTransform2D of(Scattering2D s) {
        return ScatteringTransform2D.of(s.rows(), s.cols(), orders(s), image -> {
            NdArray out = s.transform(image);
            int c = out.dim(0);
            int px = out.dim(1) * out.dim(2);
            double[] d = out.data();
            double[][] r = new double[c][px];
            for (int k = 0; k < c; k++) {
                System.arraycopy(d, k * px, r[k], 0, px);
            }
            return r;
        });
    }

    /** Order (0, 1, 2) of each output channel of {@code s}. */
    public static int[] orders(Scattering2D s) {
        List<Map<String, Object>> meta = s.meta();
        int[] orders = new int[meta.size()];
        for (int c = 0; c < orders.length; c++) {
            orders[c] = ((Number) meta.get(c).get("order")).intValue();
        }
        return orders;
    }

    /**
     * Every scattering coefficient of an image, flattened channel-major ({@code C x M' x N'} values): the
     * translation-covariant representation of Bruna and Mallat's MNIST experiments (J=2: 81 x 7 x 7 = 3969
     * features for 28 x 28 digits).
     */
    public static BatchFeatureExtractor<double[][]> flat(Scattering2D s) {
        return flat(s, 1);
    }

    /**
     * Every scattering coefficient of an image, flattened as in {@link #flat(Scattering2D)}, each raised to
     * the power {@code power} ({@code |S|^power}). A power below one compresses the large low-frequency
     * coefficients against the small high-frequency ones before a Euclidean classifier; on MNIST with
     * J = 3, power 0.5 lowered the affine-PCA error on 10,000 held-out training images from 0.67 % to
     * 0.58 % (BENCHMARKS.md, classification). {@code power = 1} is the plain transform (bit for bit).
     *
     * @param power exponent, in (0, 4]
     */
    public static BatchFeatureExtractor<double[][]> flat(Scattering2D s, double power) {
        if (!(power > 0 && power <= 4)) {
            throw new IllegalArgumentException("power = " + power + " is out of range: allowed (0, 4]");
        }
        int dim = s.channels() * s.outputRows() * s.outputCols();
        return new BatchFeatureExtractor<>() {
            private void check(double[][] image, String what) {
                if (image.length != s.rows() || image.length == 0 || image[0].length != s.cols()) {
                    throw new IllegalArgumentException(what + "is " + image.length + " x "
                            + (image.length == 0 ? 0 : image[0].length) + " (rows x cols), the transform expects "
                            + s.rows() + " x " + s.cols());
                }
            }

            @Override
            public double[] extract(double[][] image) {
                check(image, "image ");
                return compress(s.transform(image).data());
            }

            private double[] compress(double[] v) {
                if (power != 1) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Math.pow(Math.abs(v[i]), power);
                    }
                }
                return v;
            }

            @Override
            public double[][] extractAll(List<double[][]> images) {
                double[][][] batch = new double[images.size()][][];
                for (int i = 0; i < batch.length; i++) {
                    check(images.get(i), "image " + i + " of the batch ");
                    batch[i] = images.get(i);
                }
                // Scattering2D's batch path (several images' second orders per FFT call) on all threads
                double[] all = s.transform(batch).data();
                double[][] rows = new double[batch.length][];
                for (int i = 0; i < batch.length; i++) {
                    rows[i] = compress(Arrays.copyOfRange(all, i * dim, (i + 1) * dim));
                }
                return rows;
            }

            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public String describe() {
                return "all Scattering2D(J=" + s.J() + ", L=" + s.L() + ") coefficients of a " + s.rows() + "x"
                        + s.cols() + " image, " + s.channels() + " x " + s.outputRows() + " x " + s.outputCols()
                        + " = " + dim + " features" + (power == 1 ? "" : ", each as |S|^" + power);
            }
        };
    }
}
