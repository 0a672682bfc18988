package org.scattering4j.learn;

/** Argument validation shared by the learn package; every failure names the parameter and the value. */
final class Checks {
    private Checks() {
    }

    /**
     * Checks that {@code x} is a non-empty rectangular matrix of finite numbers and returns its column
     * count.
     */
    static int matrix(String name, double[][] x) {
        if (x == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(name + " has 0 rows; at least 1 row is required");
        }
        if (x[0] == null) {
            throw new IllegalArgumentException(name + "[0] must not be null");
        }
        int p = x[0].length;
        if (p == 0) {
            throw new IllegalArgumentException(name + " has 0 columns; at least 1 column is required");
        }
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            if (r == null) {
                throw new IllegalArgumentException(name + "[" + i + "] must not be null");
            }
            if (r.length != p) {
                throw new IllegalArgumentException(name + "[" + i + "] has " + r.length + " columns but row 0 has "
                        + p + "; all rows must have the same length");
            }
            for (int j = 0; j < p; j++) {
                if (!Double.isFinite(r[j])) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] = " + r[j]
                            + " is not finite; NaN and infinite values are not allowed");
                }
            }
        }
        return p;
    }

    /** Checks a matrix whose column count must equal {@code cols}; returns its row count. */
    static int matrix(String name, double[][] x, int cols) {
        int p = matrix(name, x);
        if (p != cols) {
            throw new IllegalArgumentException(name + " has " + p + " columns but the model was fitted on "
                    + cols + " columns");
        }
        return x.length;
    }

    /** Checks one finite row of the given length. */
    static void row(String name, double[] r, int cols) {
        if (r == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (r.length != cols) {
            throw new IllegalArgumentException(name + " has length " + r.length + " but the model was fitted on "
                    + cols + " columns");
        }
        for (int j = 0; j < cols; j++) {
            if (!Double.isFinite(r[j])) {
                throw new IllegalArgumentException(name + "[" + j + "] = " + r[j] + " is not finite");
            }
        }
    }

    /** Checks a finite target vector with one entry per row of a matrix with {@code n} rows. */
    static void vector(String name, double[] y, int n) {
        if (y == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (y.length != n) {
            throw new IllegalArgumentException(name + " has length " + y.length + " but x has " + n
                    + " rows; they must match");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + y[i] + " is not finite");
            }
        }
    }

    /** Checks an integer label vector with one entry per row. */
    static void labels(String name, int[] y, int n) {
        if (y == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (y.length != n) {
            throw new IllegalArgumentException(name + " has length " + y.length + " but x has " + n
                    + " rows; they must match");
        }
    }

    /**
     * Checks classification labels (one per row) and returns the distinct labels ascending; at least two are
     * required.
     */
    static int[] classes(String name, int[] y, int n) {
        labels(name, y, n);
        int[] classes = java.util.Arrays.stream(y).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException(name + " holds " + classes.length
                    + " distinct label; at least 2 are needed");
        }
        return classes;
    }

    /** Checks a grid of strictly positive finite values (or non-negative when {@code allowZero}). */
    static double[] grid(String name, double[] g, boolean allowZero) {
        if (g == null || g.length == 0) {
            throw new IllegalArgumentException(name + " must contain at least one value");
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i]) || g[i] < 0 || (!allowZero && g[i] == 0)) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + g[i] + " must be finite and "
                        + (allowZero ? ">= 0" : "> 0"));
            }
        }
        return g.clone();
    }

    static int atLeast(String name, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " = " + v + " must be >= " + min);
        }
        return v;
    }

    static double positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " must be finite and > 0");
        }
        return v;
    }

    static double nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " = " + v + " must be finite and >= 0");
        }
        return v;
    }
}
