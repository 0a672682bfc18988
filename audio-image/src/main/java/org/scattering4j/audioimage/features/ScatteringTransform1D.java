package org.scattering4j.audioimage.features;

/**
 * What a 1D feature recipe needs from a scattering transform: the input length it was built for, the
 * order (0, 1, 2) of each output channel, and the transform of one signal as {@code [channel][time]}.
 * {@code org.scattering4j.scattering.Scattering1D} is adapted to this with a few lines (its
 * {@code meta()} gives the orders), so the recipes here do not depend on how it lays out its output.
 *
 * <pre>{@code
 * ScatteringTransform1D t = ScatteringTransform1D.of(8192, orders, x -> scattering.transform(x));
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
public interface ScatteringTransform1D {
    /** Number of samples of an input signal. */
    int inputLength();

    /** Order of each output channel (0, 1 or 2), in output order; the caller may not modify it. */
    int[] orders();

    /** Transform of {@code x} (length {@link #inputLength()}, not modified): {@code [channel][time]}. */
    double[][] transform(double[] x);

    /** Builds one from its parts. */
    static ScatteringTransform1D of(int inputLength, int[] orders, java.util.function.Function<double[], double[][]> f) {
        int[] o = orders.clone();
        return new ScatteringTransform1D() {
            @Override
            public int inputLength() {
                return inputLength;
            }

            @Override
            public int[] orders() {
                return o.clone();
            }

            @Override
            public double[][] transform(double[] x) {
                return f.apply(x);
            }
        };
    }
}
