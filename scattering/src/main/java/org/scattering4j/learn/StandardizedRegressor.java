package org.scattering4j.learn;

import java.util.Map;

/**
 * A {@link Standardizer} followed by a regressor fitted on the standardised training rows; the pair is
 * one model (one map) so a prediction always uses the statistics it was trained with.
 *
 * <pre>{@code
 * Regressor.Fitter f = StandardizedRegressor.fitter((z, y) -> RidgeRegression.fit(z, y, RidgeRegression.Options.defaults()));
 * Regressor model = f.fit(xTrain, yTrain);    // Standardizer fitted on xTrain only
 * }</pre>
 */
public final class StandardizedRegressor implements Regressor {
    static final String TYPE = "StandardizedRegressor";
    private final Standardizer standardizer;
    private final Regressor model;

    /** Pairs a fitted standardiser with a regressor fitted on its output. */
    public StandardizedRegressor(Standardizer standardizer, Regressor model) {
        if (standardizer == null || model == null) {
            throw new IllegalArgumentException("standardizer and model must not be null");
        }
        if (standardizer.columns() != model.columns()) {
            throw new IllegalArgumentException("standardizer has " + standardizer.columns() + " columns but model has "
                    + model.columns());
        }
        this.standardizer = standardizer;
        this.model = model;
    }

    /** Fits the standardiser on {@code x}, then {@code inner} on the standardised rows. */
    public static StandardizedRegressor fit(double[][] x, double[] y, Regressor.Fitter inner) {
        Standardizer s = Standardizer.fit(x);
        return new StandardizedRegressor(s, inner.fit(s.transform(x), y));
    }

    /** A fitter that standardises on each training set it is given. */
    public static Regressor.Fitter fitter(Regressor.Fitter inner) {
        return (x, y) -> fit(x, y, inner);
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    /** The regressor working on standardised features. */
    public Regressor model() {
        return model;
    }

    @Override
    public int columns() {
        return standardizer.columns();
    }

    @Override
    public double predict(double[] row) {
        return model.predict(standardizer.transform(row));
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("standardizer", standardizer.toMap());
        m.put("model", model.toMap());
        return m;
    }

    public static StandardizedRegressor fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        return new StandardizedRegressor(Standardizer.fromMap(MapIo.map(m, "standardizer")),
                Models.regressorFromMap(MapIo.map(m, "model")));
    }
}
