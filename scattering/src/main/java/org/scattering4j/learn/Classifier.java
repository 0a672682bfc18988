package org.scattering4j.learn;

import java.util.Map;

/**
 * A fitted classifier: predicts an integer class label per feature row. Implementations are
 * immutable, thread-safe and serialise to a plain map that {@link Models#classifierFromMap} reads.
 */
public interface Classifier {
    /** Number of feature columns the model expects. */
    int columns();

    /** The class labels the model knows, ascending (a copy). */
    int[] classes();

    /** Predicted label for one row. */
    int predict(double[] row);

    /** Predicted labels for every row of {@code x}. */
    default int[] predict(double[][] x) {
        Checks.matrix("x", x, columns());
        int[] r = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = predict(x[i]);
        }
        return r;
    }

    /** A plain map holding everything needed to predict. */
    Map<String, Object> toMap();

    /** Something that fits a classifier on training rows. */
    @FunctionalInterface
    interface Fitter {
        Classifier fit(double[][] x, int[] y);
    }
}
