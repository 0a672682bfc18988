package org.scattering4j.learn;

import java.util.Map;

/**
 * Reads any model of this package back from its map, dispatching on the {@code type} entry.
 *
 * <pre>{@code
 * Map<String, Object> m = Json.asObject(Json.parse(Path.of("model.json")));
 * Regressor r = Models.regressorFromMap(m);
 * }</pre>
 */
public final class Models {
    private Models() {
    }

    /** A regressor from a map written by its {@code toMap()}. */
    public static Regressor regressorFromMap(Map<String, ?> m) {
        if (m == null) {
            throw new IllegalArgumentException("model map must not be null");
        }
        Object t = m.get("type");
        if (RidgeRegression.TYPE.equals(t)) {
            return RidgeRegression.fromMap(m);
        } else if (OrthogonalLeastSquares.TYPE.equals(t)) {
            return OrthogonalLeastSquares.fromMap(m);
        } else if (LassoRegression.TYPE.equals(t)) {
            return LassoRegression.fromMap(m);
        } else if (PolynomialKernelRidge.TYPE.equals(t)) {
            return PolynomialKernelRidge.fromMap(m);
        } else if (StandardizedRegressor.TYPE.equals(t)) {
            return StandardizedRegressor.fromMap(m);
        } else if (LogFeatureRegressor.TYPE.equals(t)) {
            return LogFeatureRegressor.fromMap(m);
        } else if (BlendedRegressor.TYPE.equals(t)) {
            return BlendedRegressor.fromMap(m);
        } else if (GatedRegressor.TYPE.equals(t)) {
            return GatedRegressor.fromMap(m);
        }
        throw new IllegalArgumentException("model map type = " + t + " is not a known regressor (RidgeRegression, "
                + "OrthogonalLeastSquares, LassoRegression, PolynomialKernelRidge, StandardizedRegressor, "
                + "LogFeatureRegressor, BlendedRegressor, GatedRegressor)");
    }

    /** A classifier from a map written by its {@code toMap()}. */
    public static Classifier classifierFromMap(Map<String, ?> m) {
        if (m == null) {
            throw new IllegalArgumentException("model map must not be null");
        }
        Object t = m.get("type");
        if (LogisticRegression.TYPE.equals(t)) {
            return LogisticRegression.fromMap(m);
        } else if (AffinePcaClassifier.TYPE.equals(t)) {
            return AffinePcaClassifier.fromMap(m);
        } else if (ShrinkageLda.TYPE.equals(t)) {
            return ShrinkageLda.fromMap(m);
        }
        throw new IllegalArgumentException("model map type = " + t + " is not a known classifier "
                + "(LogisticRegression, AffinePcaClassifier, ShrinkageLda)");
    }
}
