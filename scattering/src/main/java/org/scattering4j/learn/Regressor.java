package org.scattering4j.learn;

import java.util.Map;

/**
 * A fitted regression model: predicts one real value per feature row. Implementations are immutable,
 * thread-safe and serialise to a plain map ({@link #toMap()}) that {@link Models#regressorFromMap} reads.
 */
public interface Regressor {
    /** Number of feature columns the model expects. */
    int columns();

    /** Prediction for one row (length {@link #columns()}, finite). */
    double predict(double[] row);

    /** Predictions for every row of {@code x}. */
    default double[] predict(double[][] x) {
        Checks.matrix("x", x, columns());
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = predict(x[i]);
        }
        return r;
    }

    /** A plain map (numbers, strings, arrays, nested maps) holding everything needed to predict. */
    Map<String, Object> toMap();

    /** Something that fits a regressor on training rows (used by {@link CrossValidation}). */
    @FunctionalInterface
    interface Fitter {
        Regressor fit(double[][] x, double[] y);
    }
}
