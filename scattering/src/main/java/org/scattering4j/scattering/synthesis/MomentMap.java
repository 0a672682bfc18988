package org.scattering4j.scattering.synthesis;

/**
 * A differentiable map from a signal (flattened to a {@code double[]}) to a vector of scattering
 * moments grouped by order, with its vector-Jacobian product. Implementations are immutable and
 * thread-safe; inputs are never modified.
 */
public interface MomentMap {
    /** Length of the (flattened) input. */
    int inputSize();

    /** Number of moments of order 0, 1, 2 (concatenated in that order in {@link #moments}). */
    int[] sizeByOrder();

    /** Total number of moments. */
    default int size() {
        int s = 0;
        for (int c : sizeByOrder()) {
            s += c;
        }
        return s;
    }

    /**
     * For each moment of order 2, the index (into the moment vector) of its order-1 parent; -1 for
     * moments of order 0 and 1.
     */
    int[] parent();

    /** The moments of {@code x} (length {@link #inputSize()}, finite; not modified). */
    double[] moments(double[] x);

    /**
     * Vector-Jacobian product: the gradient with respect to {@code x} of {@code <g, moments(x)>}.
     *
     * @param x input, not modified
     * @param g cotangent, length {@link #size()}, not modified
     * @return a new array of length {@link #inputSize()}
     */
    double[] vjp(double[] x, double[] g);

    /**
     * The moments of {@code x} and, in the same call, the gradient of {@code <g, moments(x)>} for a
     * cotangent {@code g = cotangent.apply(moments)} that may depend on the moments (as a loss's does).
     * The default computes the moments, then {@link #vjp}; implementations may share one forward pass
     * between the two.
     *
     * @param x         input, not modified
     * @param cotangent maps the moments (do not keep or modify the array) to a cotangent of length {@link #size()}
     * @param gradient  receives the gradient, length {@link #inputSize()}
     * @return the moments
     */
    default double[] momentsAndVjp(double[] x, java.util.function.Function<double[], double[]> cotangent,
            double[] gradient) {
        double[] m = moments(x);
        double[] gx = vjp(x, cotangent.apply(m));
        System.arraycopy(gx, 0, gradient, 0, gx.length);
        return m;
    }
}
