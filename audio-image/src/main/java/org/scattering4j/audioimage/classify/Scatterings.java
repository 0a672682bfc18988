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
        return flat(s, power, new Canvas(s.rows(), s.cols(), 0, 0, 0, 0));
    }

    /**
     * Where a smaller image sits on the transform's zero canvas, and which part of the output grid is kept:
     * the {@code rows x cols} image starts at canvas row {@code top}, column {@code left}; output grid rows
     * before {@code firstRow} and columns before {@code firstCol} are dropped.
     *
     * <p>Used to move the sampling grid of a transform relative to the image: Scattering2D(J) samples its
     * output every 2^J canvas pixels at fixed canvas positions, so the placement decides which image pixels
     * are the sampling centres.
     */
    public record Canvas(int rows, int cols, int top, int left, int firstRow, int firstCol) {
    }

    /**
     * Every scattering coefficient, as in {@link #flat(Scattering2D, double)}, of an image placed on the
     * transform's larger zero canvas ({@code s.rows() x s.cols()}), keeping the output grid from
     * ({@code c.firstRow()}, {@code c.firstCol()}) on: {@code C x (M' - firstRow) x (N' - firstCol)} values,
     * channel-major. A 28 x 28 digit alone at J = 3 is sampled at its pixels 2, 10, 18 in each direction;
     * placed at (4, 4) on a 36 x 36 canvas, at -2, 6, 14, 22, and without the first row and column of that
     * grid at 6, 14, 22: a 3 x 3 grid centred on pixel (14, 14), where MNIST centres each digit's mass.
     *
     * <pre>{@code
     * Scatterings.Canvas c = new Scatterings.Canvas(28, 28, 4, 4, 1, 1);
     * BatchFeatureExtractor<double[][]> fx = Scatterings.flat(new Scattering2D(3, 36, 36, 8, 2), 0.5, c);
     * double[] v = fx.extract(digit);     // 217 x 3 x 3 = 1953 values
     * }</pre>
     *
     * @param power exponent, in (0, 4]
     * @param c the image's size (at least 1 x 1) and place, inside the canvas, and the first output row and
     *     column kept, inside the output grid
     */
    public static BatchFeatureExtractor<double[][]> flat(Scattering2D s, double power, Canvas c) {
        if (!(power > 0 && power <= 4)) {
            throw new IllegalArgumentException("power = " + power + " is out of range: allowed (0, 4]");
        }
        if (c.rows() < 1 || c.cols() < 1 || c.top() < 0 || c.left() < 0 || c.top() + c.rows() > s.rows()
                || c.left() + c.cols() > s.cols()) {
            throw new IllegalArgumentException("image of " + c.rows() + " x " + c.cols() + " at (" + c.top() + ", "
                    + c.left() + ") is out of range: it must be at least 1 x 1 and lie inside the transform's "
                    + s.rows() + " x " + s.cols() + " canvas");
        }
        if (c.firstRow() < 0 || c.firstRow() >= s.outputRows() || c.firstCol() < 0
                || c.firstCol() >= s.outputCols()) {
            throw new IllegalArgumentException("first output row " + c.firstRow() + " and column " + c.firstCol()
                    + " are out of range: allowed 0.." + (s.outputRows() - 1) + " and 0.." + (s.outputCols() - 1));
        }
        int rows = c.rows();
        int cols = c.cols();
        boolean padded = rows != s.rows() || cols != s.cols();
        int outR = s.outputRows();
        int outC = s.outputCols();
        int keepR = outR - c.firstRow();
        int keepC = outC - c.firstCol();
        boolean cropped = keepR != outR || keepC != outC;
        int full = s.channels() * outR * outC;
        int dim = s.channels() * keepR * keepC;
        return new BatchFeatureExtractor<>() {
            private void check(double[][] image, String what) {
                if (image.length != rows || image[0].length != cols) {
                    throw new IllegalArgumentException(what + "is " + image.length + " x "
                            + (image.length == 0 ? 0 : image[0].length) + " (rows x cols), the transform expects "
                            + rows + " x " + cols);
                }
            }

            /** The image itself, or a copy on the zero canvas (the caller's array is never modified). */
            private double[][] canvas(double[][] image) {
                if (!padded) {
                    return image;
                }
                double[][] z = new double[s.rows()][s.cols()];
                for (int y = 0; y < rows; y++) {
                    if (image[y].length != cols) {
                        throw new IllegalArgumentException("row " + y + " of the image has " + image[y].length
                                + " values, expected " + cols);
                    }
                    System.arraycopy(image[y], 0, z[c.top() + y], c.left(), cols);
                }
                return z;
            }

            /** The kept part of one image's output ({@code all} from {@code offset}), compressed. */
            private double[] row(double[] all, int offset) {
                double[] v;
                if (!cropped) {
                    v = Arrays.copyOfRange(all, offset, offset + full);
                } else {
                    v = new double[dim];
                    int k = 0;
                    for (int ch = 0; ch < s.channels(); ch++) {
                        for (int y = c.firstRow(); y < outR; y++) {
                            int from = offset + (ch * outR + y) * outC + c.firstCol();
                            System.arraycopy(all, from, v, k, keepC);
                            k += keepC;
                        }
                    }
                }
                return compress(v);
            }

            @Override
            public double[] extract(double[][] image) {
                check(image, "image ");
                return row(s.transform(canvas(image)).data(), 0);
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
                    batch[i] = canvas(images.get(i));
                }
                // Scattering2D's batch path (several images' second orders per FFT call) on all threads
                double[] all = s.transform(batch).data();
                double[][] out = new double[batch.length][];
                for (int i = 0; i < batch.length; i++) {
                    out[i] = row(all, i * full);
                }
                return out;
            }

            @Override
            public int dimension() {
                return dim;
            }

            @Override
            public String describe() {
                return "all Scattering2D(J=" + s.J() + ", L=" + s.L() + ") coefficients of a " + rows + "x"
                        + cols + " image" + (padded ? " at (" + c.top() + ", " + c.left() + ") on a " + s.rows() + "x"
                        + s.cols() + " zero canvas" : "") + (cropped ? ", output grid from row " + c.firstRow()
                        + ", column " + c.firstCol() : "") + ", " + s.channels() + " x " + keepR + " x " + keepC
                        + " = " + dim + " features" + (power == 1 ? "" : ", each as |S|^" + power);
            }
        };
    }
}
