package org.scattering4j.audioimage.features;

/**
 * What a 2D feature recipe needs from a scattering transform: the image size it was built for, the
 * order (0, 1, 2) of each output channel, and the transform of one image as {@code [channel][pixels]}
 * (any spatial layout: the recipes only average over space). {@code Scattering2D} is adapted to this
 * with a few lines.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ScatteringTransform2D {
    /** Image rows. */
    int rows();

    /** Image columns. */
    int cols();

    /** Order of each output channel (0, 1 or 2), in output order. */
    int[] orders();

    /** Transform of {@code image} ({@code rows x cols}, not modified): {@code [channel][space]}. */
    double[][] transform(double[][] image);

    /** Builds one from its parts. */
    static ScatteringTransform2D of(int rows, int cols, int[] orders,
            java.util.function.Function<double[][], double[][]> f) {
        int[] o = orders.clone();
        return new ScatteringTransform2D() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public int cols() {
                return cols;
            }

            @Override
            public int[] orders() {
                return o.clone();
            }

            @Override
            public double[][] transform(double[][] image) {
                return f.apply(image);
            }
        };
    }
}
