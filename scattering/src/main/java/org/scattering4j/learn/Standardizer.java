package org.scattering4j.learn;

import java.util.Arrays;
import java.util.Map;

/**
 * Per-column affine standardisation {@code z = (x - mean) / scale}, fitted on training rows only.
 *
 * <p>The mean is the column mean and the scale the population standard deviation (divisor n, as
 * scikit-learn's {@code StandardScaler}) of the rows given to {@link #fit}. <b>Zero-variance rule:</b> a
 * column whose standard deviation is {@code <= 1e-12 * max(1, |mean|)} (constant up to rounding) gets
 * scale 1, so it is only centred; on the training rows it becomes exactly 0, never NaN, and such columns
 * are reported by {@link #constantColumns()}. The object is immutable and thread-safe.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(xTrain);           // statistics from training rows only
 * double[][] zTrain = s.transform(xTrain), zTest = s.transform(xTest);
 * Map<String, Object> m = s.toMap();                   // for a JSON model file
 * Standardizer back = Standardizer.fromMap(m);
 * }</pre>
 */
public final class Standardizer {
    static final String TYPE = "Standardizer";
    private static final double CONSTANT_TOL = 1e-12;

    private final double[] mean;
    private final double[] scale;
    private final int[] constant;

    private Standardizer(double[] mean, double[] scale, int[] constant) {
        this.mean = mean;
        this.scale = scale;
        this.constant = constant;
    }

    /** Fits the column statistics of all rows of {@code x} (n x p, finite, n &ge; 1). */
    public static Standardizer fit(double[][] x) {
        Checks.matrix("x", x);
        return fitRows(x, Mat.range(x.length));
    }

    /** Fits the column statistics of the given rows of {@code x} only. */
    public static Standardizer fit(double[][] x, int[] rows) {
        Checks.matrix("x", x);
        checkRows(rows, x.length);
        return fitRows(x, rows);
    }

    static void checkRows(int[] rows, int n) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("rows must contain at least one index");
        }
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("row index " + r + " is outside [0, " + n + ")");
            }
        }
    }

    private static Standardizer fitRows(double[][] x, int[] rows) {
        int p = x[0].length;
        double[] mean = Mat.columnMeans(x, rows);
        double[] ss = new double[p];
        for (int i : rows) {
            double[] r = x[i];
            for (int j = 0; j < p; j++) {
                double d = r[j] - mean[j];
                ss[j] += d * d;
            }
        }
        double[] scale = new double[p];
        int[] constant = new int[p];
        int c = 0;
        for (int j = 0; j < p; j++) {
            double sd = Math.sqrt(ss[j] / rows.length);
            if (sd <= CONSTANT_TOL * Math.max(1, Math.abs(mean[j]))) {
                scale[j] = 1.0;
                constant[c++] = j;
            } else {
                scale[j] = sd;
            }
        }
        return new Standardizer(mean, scale, Arrays.copyOf(constant, c));
    }

    /** Number of columns. */
    public int columns() {
        return mean.length;
    }

    /** The column means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The column scales (a copy); 1 for constant columns. */
    public double[] scale() {
        return scale.clone();
    }

    /** Indices of the columns found constant on the training rows (scale forced to 1), ascending. */
    public int[] constantColumns() {
        return constant.clone();
    }

    /** Returns a new standardised copy of {@code x}; {@code x} is not modified. */
    public double[][] transform(double[][] x) {
        Checks.matrix("x", x, mean.length);
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            z[i] = transformRow(x[i]);
        }
        return z;
    }

    /** Standardises one row into a new array. */
    public double[] transform(double[] row) {
        Checks.row("row", row, mean.length);
        return transformRow(row);
    }

    double[] transformRow(double[] r) {
        int p = mean.length;
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            z[j] = (r[j] - mean[j]) / scale[j];
        }
        return z;
    }

    /** Maps standardised values back to the original units (new array). */
    public double[] inverseTransform(double[] z) {
        Checks.row("z", z, mean.length);
        double[] r = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            r[j] = z[j] * scale[j] + mean[j];
        }
        return r;
    }

    /** Serialises to a plain map: {@code type, version, mean, scale, constant}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("mean", mean.clone());
        m.put("scale", scale.clone());
        m.put("constant", constant.clone());
        return m;
    }

    /** Reads a map written by {@link #toMap()} (or its JSON round trip). */
    public static Standardizer fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        double[] mean = MapIo.doubles(m, "mean");
        double[] scale = MapIo.doubles(m, "scale", mean.length);
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || !Double.isFinite(scale[j]) || !Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("model map scale[" + j + "] = " + scale[j] + ", mean[" + j + "] = "
                        + mean[j] + "; scale must be finite and > 0, mean finite");
            }
        }
        int[] constant = MapIo.ints(m, "constant");
        for (int j : constant) {
            if (j < 0 || j >= mean.length) {
                throw new IllegalArgumentException("model map constant column " + j + " is outside [0, " + mean.length
                        + ")");
            }
        }
        return new Standardizer(mean, scale, constant);
    }
}
