package org.scattering4j.audioimage.features;

/**
 * Maps one input (a signal {@code double[]}, an image {@code double[][]}) to a feature vector of fixed
 * length. Implementations are immutable and thread-safe, never modify the input, and reject input they
 * were not configured for (wrong length, size or rate) with an {@link IllegalArgumentException} that
 * names the value and what was expected.
 *
 * <pre>{@code
 * FeatureExtractor<double[][]> fx = new FourierFeatures(160, 160, 8, 8);
 * double[] v = fx.extract(patch);     // v.length == fx.dimension()
 * }</pre>
 *
 * @param <T> the input type
 */
public interface FeatureExtractor<T> {
    /** The features of {@code input} (a fresh array of length {@link #dimension()}). */
    double[] extract(T input);

    /** Length of every feature vector. */
    int dimension();

    /** A short description of the recipe and its parameters, for model files and logs. */
    String describe();
}
