package org.scattering4j.learn;

import java.util.Map;

/**
 * Two regressors for two disjoint groups of rows, chosen by a fixed ratio gate on two feature columns: a row
 * goes to the {@code high} model when {@code row[numerator] > threshold * row[denominator]}, otherwise to the
 * {@code low} model. Each model is fitted only on the training rows of its own group.
 *
 * <p><b>Why.</b> When a small group of rows is far from the rest in feature space (on QM7: the 4 % of molecules
 * with a sulphur atom, whose 10 core electrons dominate the core-density invariants), one kernel model fitted
 * on all rows extrapolates badly on that group and the group's outlying rows also distort the fit of the
 * others. Separate models, each with its own scaler and hyper-parameters, avoid both (see BENCHMARKS.md, QM7
 * regression).
 * The gate is a fixed rule (no fitted parameter), so a fitted model always routes a row the same way.
 *
 * <p><b>Small groups.</b> A group with fewer than {@code minRows} training rows (including none) is served by
 * a model fitted with that group's fitter on <em>all</em> training rows, so the model is defined for every
 * row; {@link #groupRows()} reports the training rows each group had.
 *
 * <pre>{@code
 * // rows with x[11] > 1.7e-4 * x[5] get their own model
 * Regressor.Fitter f = GatedRegressor.fitter(11, 5, 1.7e-4, 20, lowFitter, highFitter);
 * Regressor model = f.fit(xTrain, yTrain);
 * double[] yHat = model.predict(xTest);            // each row by the model of its group
 * }</pre>
 */
public final class GatedRegressor implements Regressor {
    static final String TYPE = "GatedRegressor";

    private final int numerator;
    private final int denominator;
    private final double threshold;
    private final Regressor low;
    private final Regressor high;
    private final int[] groupRows;

    /**
     * A gated model from fitted members. Columns must be in {@code [0, p)} with p the members' column count,
     * the threshold finite; {@code groupRows} (training rows of the low and high group, &ge; 0) is copied.
     */
    public GatedRegressor(int numerator, int denominator, double threshold, Regressor low, Regressor high,
            int[] groupRows) {
        if (low == null || high == null) {
            throw new IllegalArgumentException((low == null ? "low" : "high") + " model must not be null");
        }
        if (low.columns() != high.columns()) {
            throw new IllegalArgumentException("low model has " + low.columns() + " columns but high model has "
                    + high.columns());
        }
        checkGate(numerator, denominator, threshold, low.columns());
        if (groupRows == null || groupRows.length != 2 || groupRows[0] < 0 || groupRows[1] < 0) {
            throw new IllegalArgumentException("groupRows must hold two counts >= 0, got "
                    + (groupRows == null ? "null" : java.util.Arrays.toString(groupRows)));
        }
        this.numerator = numerator;
        this.denominator = denominator;
        this.threshold = threshold;
        this.low = low;
        this.high = high;
        this.groupRows = groupRows.clone();
    }

    private static void checkGate(int numerator, int denominator, double threshold, int p) {
        if (numerator < 0 || numerator >= p) {
            throw new IllegalArgumentException("numerator column = " + numerator + " is outside [0, " + p + ")");
        }
        if (denominator < 0 || denominator >= p) {
            throw new IllegalArgumentException("denominator column = " + denominator + " is outside [0, " + p + ")");
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + "; must be finite");
        }
    }

    /**
     * A fitter that splits the training rows by the gate and fits {@code lowFitter} on the low group and
     * {@code highFitter} on the high group (a group with fewer than {@code minRows} rows: on all rows).
     *
     * @param numerator   column compared ({@code >= 0})
     * @param denominator column the threshold multiplies ({@code >= 0})
     * @param threshold   finite ratio threshold
     * @param minRows     smallest group fitted on its own rows ({@code >= 1})
     */
    public static Regressor.Fitter fitter(int numerator, int denominator, double threshold, int minRows,
            Regressor.Fitter lowFitter, Regressor.Fitter highFitter) {
        if (numerator < 0 || denominator < 0) {
            throw new IllegalArgumentException("gate columns must be >= 0, got numerator = " + numerator
                    + ", denominator = " + denominator);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold = " + threshold + "; must be finite");
        }
        Checks.atLeast("minRows", minRows, 1);
        if (lowFitter == null || highFitter == null) {
            throw new IllegalArgumentException((lowFitter == null ? "lowFitter" : "highFitter") + " must not be null");
        }
        return (x, y) -> {
            int p = Checks.matrix("x", x);
            Checks.vector("y", y, x.length);
            checkGate(numerator, denominator, threshold, p);
            int nHigh = 0;
            boolean[] isHigh = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                isHigh[i] = x[i][numerator] > threshold * x[i][denominator];
                if (isHigh[i]) {
                    nHigh++;
                }
            }
            int nLow = x.length - nHigh;
            Regressor lowModel = nLow >= minRows ? lowFitter.fit(subset(x, isHigh, false, nLow),
                    subset(y, isHigh, false, nLow)) : lowFitter.fit(x, y);
            Regressor highModel = nHigh >= minRows ? highFitter.fit(subset(x, isHigh, true, nHigh),
                    subset(y, isHigh, true, nHigh)) : highFitter.fit(x, y);
            return new GatedRegressor(numerator, denominator, threshold, lowModel, highModel, new int[] {nLow, nHigh});
        };
    }

    private static double[][] subset(double[][] x, boolean[] isHigh, boolean side, int count) {
        double[][] r = new double[count][];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (isHigh[i] == side) {
                r[k++] = x[i]; // rows are shared read-only: the fitters never modify their input
            }
        }
        return r;
    }

    private static double[] subset(double[] y, boolean[] isHigh, boolean side, int count) {
        double[] r = new double[count];
        int k = 0;
        for (int i = 0; i < y.length; i++) {
            if (isHigh[i] == side) {
                r[k++] = y[i];
            }
        }
        return r;
    }

    /** Whether {@code row} goes to the high model. */
    public boolean isHigh(double[] row) {
        Checks.row("row", row, columns());
        return row[numerator] > threshold * row[denominator];
    }

    /** The model of the low group. */
    public Regressor low() {
        return low;
    }

    /** The model of the high group. */
    public Regressor high() {
        return high;
    }

    /** Training rows of the low and of the high group (a copy). */
    public int[] groupRows() {
        return groupRows.clone();
    }

    @Override
    public int columns() {
        return low.columns();
    }

    @Override
    public double predict(double[] row) {
        return isHigh(row) ? high.predict(row) : low.predict(row);
    }

    @Override
    public double[] predict(double[][] x) {
        Checks.matrix("x", x, columns());
        boolean[] isHigh = new boolean[x.length];
        int nHigh = 0;
        for (int i = 0; i < x.length; i++) {
            isHigh[i] = x[i][numerator] > threshold * x[i][denominator];
            if (isHigh[i]) {
                nHigh++;
            }
        }
        double[] r = new double[x.length];
        // each group through its model's batch path
        for (int s = 0; s < 2; s++) {
            boolean side = s == 1;
            int count = side ? nHigh : x.length - nHigh;
            if (count == 0) {
                continue;
            }
            double[] part = (side ? high : low).predict(subset(x, isHigh, side, count));
            int k = 0;
            for (int i = 0; i < x.length; i++) {
                if (isHigh[i] == side) {
                    r[i] = part[k++];
                }
            }
        }
        return r;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("numerator", numerator);
        m.put("denominator", denominator);
        m.put("threshold", threshold);
        m.put("groupRows", groupRows.clone());
        m.put("low", low.toMap());
        m.put("high", high.toMap());
        return m;
    }

    public static GatedRegressor fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        return new GatedRegressor(MapIo.integer(m, "numerator"), MapIo.integer(m, "denominator"),
                MapIo.number(m, "threshold"), Models.regressorFromMap(MapIo.map(m, "low")),
                Models.regressorFromMap(MapIo.map(m, "high")), MapIo.ints(m, "groupRows"));
    }
}
