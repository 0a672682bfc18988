package org.scattering4j.learn;

import java.util.Map;

/**
 * A per-column logarithm {@code z_j = ln(x_j + shift_j)} of non-negative features followed by a regressor
 * fitted on the transformed training rows; the pair is one model (one map), so a prediction always uses
 * the shifts it was trained with.
 *
 * <p><b>Why.</b> Scattering invariants {@code ||rho * psi||_q^q} are positive and span orders of magnitude
 * across molecules of different sizes, and the energy depends on them more nearly through products and
 * ratios than through sums. In log space a quadratic model holds products of powers of the invariants.
 * On QM7 (split P, 300 orders 0-2 invariants) a degree-2 polynomial kernel ridge on standardised log
 * invariants is clearly more accurate than the same model on the raw invariants (see BENCHMARKS).
 *
 * <p><b>Shift.</b> {@code shift_j = 1e-6 * mean_j}, the mean of column j over the training rows, so a
 * training column with zeros stays finite and the transform is essentially {@code ln x} elsewhere; a column
 * that is zero on every training row gets {@code shift_j = 1} ({@code ln(1 + x)}, 0 on the training rows).
 * The shifts depend on the training rows only. Training features must be finite and {@code >= 0};
 * a row to predict must be finite with {@code x_j + shift_j > 0} (otherwise IllegalArgumentException).
 *
 * <pre>{@code
 * Regressor.Fitter f = LogFeatureRegressor.fitter(StandardizedRegressor.fitter(
 *         (z, y) -> PolynomialKernelRidge.fit(z, y, PolynomialKernelRidge.Options.defaults())));
 * Regressor model = f.fit(xTrain, yTrain);      // shifts and scaler from xTrain only
 * double[] yHat = model.predict(xTest);
 * }</pre>
 */
public final class LogFeatureRegressor implements Regressor {
    static final String TYPE = "LogFeatureRegressor";
    /** Shift of a column relative to its training mean. */
    public static final double RELATIVE_SHIFT = 1e-6;

    private final double[] shift;
    private final Regressor model;

    private LogFeatureRegressor(double[] shift, Regressor model) {
        if (model.columns() != shift.length) {
            throw new IllegalArgumentException("log transform has " + shift.length + " columns but model has "
                    + model.columns());
        }
        this.shift = shift;
        this.model = model;
    }

    /** The shifts for training rows {@code x} (n x p, finite, non-negative). */
    static double[] shifts(double[][] x) {
        int p = Checks.matrix("x", x);
        double[] mean = new double[p];
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            for (int j = 0; j < p; j++) {
                if (!(r[j] >= 0)) {
                    throw new IllegalArgumentException("x[" + i + "][" + j + "] = " + r[j]
                            + "; features for a log transform must be >= 0");
                }
                mean[j] += r[j];
            }
        }
        double[] s = new double[p];
        for (int j = 0; j < p; j++) {
            double m = mean[j] / x.length;
            s[j] = m > 0 ? RELATIVE_SHIFT * m : 1.0;
        }
        return s;
    }

    /** Computes the shifts on {@code x}, then fits {@code inner} on the log features; nothing is modified. */
    public static LogFeatureRegressor fit(double[][] x, double[] y, Regressor.Fitter inner) {
        if (inner == null) {
            throw new IllegalArgumentException("inner fitter must not be null");
        }
        double[] s = shifts(x);
        Checks.vector("y", y, x.length);
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = transform(s, x[i], "x[" + i + "]");
        }
        return new LogFeatureRegressor(s, inner.fit(z, y));
    }

    /** A fitter that computes the shifts on each training set it is given. */
    public static Regressor.Fitter fitter(Regressor.Fitter inner) {
        if (inner == null) {
            throw new IllegalArgumentException("inner fitter must not be null");
        }
        return (x, y) -> fit(x, y, inner);
    }

    private static double[] transform(double[] shift, double[] row, String what) {
        double[] z = new double[shift.length];
        for (int j = 0; j < z.length; j++) {
            double v = row[j] + shift[j];
            if (!(v > 0) || !Double.isFinite(row[j])) {
                throw new IllegalArgumentException(what + "[" + j + "] = " + row[j] + "; must be finite and > -"
                        + shift[j] + " (the column's shift) for the log transform");
            }
            z[j] = Math.log(v);
        }
        return z;
    }

    /** The log features of one row (new array): {@code ln(row_j + shift_j)}. */
    public double[] transform(double[] row) {
        Checks.row("row", row, shift.length);
        return transform(shift, row, "row");
    }

    /** The per-column shifts (a copy). */
    public double[] shifts() {
        return shift.clone();
    }

    /** The regressor working on log features. */
    public Regressor model() {
        return model;
    }

    @Override
    public int columns() {
        return shift.length;
    }

    @Override
    public double predict(double[] row) {
        return model.predict(transform(row));
    }

    @Override
    public double[] predict(double[][] x) {
        Checks.matrix("x", x, shift.length);
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = transform(shift, x[i], "x[" + i + "]");
        }
        return model.predict(z); // batch path of the inner model (one matrix product for kernel models)
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("shift", shift.clone());
        m.put("model", model.toMap());
        return m;
    }

    public static LogFeatureRegressor fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        double[] s = MapIo.doubles(m, "shift");
        for (int j = 0; j < s.length; j++) {
            if (!(s[j] > 0) || !Double.isFinite(s[j])) {
                throw new IllegalArgumentException("model map shift[" + j + "] = " + s[j] + "; must be finite and > 0");
            }
        }
        return new LogFeatureRegressor(s, Models.regressorFromMap(MapIo.map(m, "model")));
    }
}
