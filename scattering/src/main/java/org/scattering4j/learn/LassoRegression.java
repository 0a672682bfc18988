package org.scattering4j.learn;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * LASSO regression by cyclic coordinate descent, with the penalty chosen by inner K-fold CV.
 *
 * <p><b>Objective.</b> {@code min_{w,b} (1/(2n)) ||y - X w - b||^2 + alpha ||w||_1} (scikit-learn's
 * scaling), intercept unpenalised (solved on centred data). Standardise features first.
 *
 * <p><b>Algorithm.</b> Coordinate descent with soft thresholding on the centred Gram matrix
 * ("covariance updates"): a coordinate update costs O(p) when the coefficient changes. Sweeps alternate
 * between all coordinates and the active set until the largest coefficient change, in units of its
 * column norm, is below {@link Options#tolerance} times {@code ||y - mean(y)||} (or
 * {@link Options#maxSweeps} is hit). Solutions along the alpha grid are warm-started.
 *
 * <p><b>Choosing alpha.</b> The grid runs from {@code alpha_max = max_j |x_j . y| / n} (the smallest alpha
 * giving {@code w = 0}, computed on all training rows) down to {@code alpha_max * alphaMinRatio}, log-spaced
 * ({@link Options#alphaCount} values) unless given explicitly. Each inner fold's training rows get the
 * whole path; the alpha with the smallest total validation squared error is kept (ties: the larger, i.e.
 * sparser, alpha) and the model is refitted on all training rows.
 *
 * <pre>{@code
 * LassoRegression m = LassoRegression.fit(zTrain, yTrain, LassoRegression.Options.defaults().seed(3));
 * int[] used = m.support();
 * }</pre>
 */
public final class LassoRegression implements Regressor {
    static final String TYPE = "LassoRegression";

    /** Fitting options (immutable; each setter returns a modified copy). */
    public static final class Options {
        private final double[] alphas;
        private final int alphaCount;
        private final double alphaMinRatio;
        private final int innerFolds;
        private final long seed;
        private final double tolerance;
        private final int maxSweeps;

        private Options(double[] alphas, int alphaCount, double alphaMinRatio, int innerFolds, long seed,
                double tolerance, int maxSweeps) {
            this.alphas = alphas;
            this.alphaCount = alphaCount;
            this.alphaMinRatio = alphaMinRatio;
            this.innerFolds = innerFolds;
            this.seed = seed;
            this.tolerance = tolerance;
            this.maxSweeps = maxSweeps;
        }

        /** 40 alphas from alpha_max down to 1e-4 alpha_max, 5 inner folds, seed 0, tolerance 1e-9, 10000 sweeps. */
        public static Options defaults() {
            return new Options(null, 40, 1e-4, 5, 0L, 1e-9, 10000);
        }

        /** An explicit alpha grid (each &gt; 0); one value means no CV. */
        public Options alphas(double... a) {
            return new Options(Checks.grid("alphas", a, false), alphaCount, alphaMinRatio, innerFolds, seed, tolerance,
                    maxSweeps);
        }

        /** Size of the automatic grid (&ge; 1). */
        public Options alphaCount(int c) {
            return new Options(null, Checks.atLeast("alphaCount", c, 1), alphaMinRatio, innerFolds, seed, tolerance,
                    maxSweeps);
        }

        /** Smallest alpha of the automatic grid relative to alpha_max, in (0, 1). */
        public Options alphaMinRatio(double r) {
            if (!(r > 0 && r < 1)) {
                throw new IllegalArgumentException("alphaMinRatio = " + r + " must be in (0, 1)");
            }
            return new Options(null, alphaCount, r, innerFolds, seed, tolerance, maxSweeps);
        }

        public Options innerFolds(int k) {
            return new Options(alphas, alphaCount, alphaMinRatio, Checks.atLeast("innerFolds", k, 2), seed, tolerance,
                    maxSweeps);
        }

        public Options seed(long s) {
            return new Options(alphas, alphaCount, alphaMinRatio, innerFolds, s, tolerance, maxSweeps);
        }

        /** Convergence tolerance (&gt; 0). */
        public Options tolerance(double t) {
            return new Options(alphas, alphaCount, alphaMinRatio, innerFolds, seed, Checks.positive("tolerance", t),
                    maxSweeps);
        }

        public Options maxSweeps(int s) {
            return new Options(alphas, alphaCount, alphaMinRatio, innerFolds, seed, tolerance,
                    Checks.atLeast("maxSweeps", s, 1));
        }
    }

    private final double[] coef;
    private final double intercept;
    private final double alpha;
    private final double[] alphas;
    private final double[] cvMse;

    private LassoRegression(double[] coef, double intercept, double alpha, double[] alphas, double[] cvMse) {
        this.coef = coef;
        this.intercept = intercept;
        this.alpha = alpha;
        this.alphas = alphas;
        this.cvMse = cvMse;
    }

    /** Fits on {@code x} (n x p, finite, n &ge; 2) and {@code y}; neither is modified. */
    public static LassoRegression fit(double[][] x, double[] y, Options options) {
        int p = Checks.matrix("x", x);
        int n = x.length;
        Checks.vector("y", y, n);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (n < 2) {
            throw new IllegalArgumentException("x has " + n + " rows; LASSO needs at least 2");
        }
        double[] shift = Mat.columnMeans(x, Mat.range(n));
        DMatrixRMaj xs = Mat.rows(x, Mat.range(n), shift);
        boolean cvNeeded = options.alphas == null ? options.alphaCount > 1 : options.alphas.length > 1;
        KFold inner = null;
        Moments[] parts;
        Moments total;
        if (cvNeeded) {
            if (n < options.innerFolds) {
                throw new IllegalArgumentException("x has " + n + " rows; " + options.innerFolds
                        + "-fold CV of alpha needs at least that many");
            }
            inner = KFold.random(n, options.innerFolds, options.seed);
            parts = new Moments[inner.folds()];
            for (int f = 0; f < parts.length; f++) {
                parts[f] = Moments.of(xs, y, inner.test(f));
            }
            total = Moments.sum(parts);
        } else {
            parts = null;
            total = Moments.of(xs, y, Mat.range(n));
        }
        double[] grid = options.alphas;
        if (grid == null) {
            double[] b = total.centredXy();
            double amax = 0;
            for (double v : b) {
                amax = Math.max(amax, Math.abs(v) / n);
            }
            if (amax == 0) {
                amax = 1; // y uncorrelated with every column: any alpha gives w = 0
            }
            grid = new double[options.alphaCount];
            for (int a = 0; a < grid.length; a++) {
                double t = grid.length == 1 ? 0 : (double) a / (grid.length - 1);
                grid[a] = amax * Math.pow(options.alphaMinRatio, t);
            }
        } else {
            grid = sortedDescending(grid);
        }
        double[] cv = new double[grid.length];
        double chosen = grid[0];
        if (cvNeeded) {
            for (int f = 0; f < parts.length; f++) {
                Solver s = new Solver(total.minus(parts[f]), options);
                int[] test = inner.test(f);
                for (int a = 0; a < grid.length; a++) {
                    s.solve(grid[a]);
                    cv[a] += Mat.sse(xs, y, test, s.w, s.intercept());
                }
            }
            int best = 0;
            for (int a = 0; a < grid.length; a++) {
                cv[a] /= n;
                // descending grid: strict improvement needed to move to a smaller (less sparse) alpha
                if (cv[a] < cv[best] * (1 - 1e-12)) {
                    best = a;
                }
            }
            chosen = grid[best];
        } else {
            cv[0] = Double.NaN;
        }
        Solver s = new Solver(total, options);
        for (double a : grid) {
            if (a < chosen) {
                break;
            }
            s.solve(a);
        }
        double[] w = s.w.clone();
        double b = s.intercept() - Mat.dot(shift, 0, w, 0, p);
        return new LassoRegression(w, b, chosen, grid, cv);
    }

    private static double[] sortedDescending(double[] g) {
        double[] s = g.clone();
        java.util.Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return s;
    }

    /** Coordinate descent state on one row set (warm-started along a decreasing alpha path). */
    static final class Solver {
        final int p;
        final int n;
        final double[] g;
        final double[] grad; // Xc^T (yc - Xc w)
        final double[] w;
        final double[] meanX;
        final double meanY;
        final double stop;
        final int maxSweeps;

        Solver(Moments m, Options o) {
            p = m.p;
            n = m.n;
            g = m.centredGram().data;
            grad = m.centredXy();
            w = new double[p];
            meanX = m.meanX();
            meanY = m.meanY();
            stop = o.tolerance * Math.sqrt(m.centredYy());
            maxSweeps = o.maxSweeps;
        }

        double intercept() {
            return meanY - Mat.dot(meanX, 0, w, 0, p);
        }

        /** One sweep over all (or only the active) coordinates; returns the largest scaled change. */
        private double sweep(double thr, boolean activeOnly) {
            double maxChange = 0;
            for (int j = 0; j < p; j++) {
                double wj = w[j];
                if (activeOnly && wj == 0) {
                    continue;
                }
                double gjj = g[j * p + j];
                if (gjj <= 0) {
                    continue;
                }
                double z = grad[j] + gjj * wj;
                double nw = z > thr ? (z - thr) / gjj : z < -thr ? (z + thr) / gjj : 0;
                double delta = nw - wj;
                if (delta != 0) {
                    w[j] = nw;
                    int o = j * p;
                    for (int k = 0; k < p; k++) {
                        grad[k] -= g[o + k] * delta;
                    }
                    maxChange = Math.max(maxChange, Math.abs(delta) * Math.sqrt(gjj));
                }
            }
            return maxChange;
        }

        void solve(double alpha) {
            double thr = alpha * n;
            int sweeps = 0;
            while (sweeps < maxSweeps) {
                double full = sweep(thr, false);
                sweeps++;
                if (full <= stop) {
                    return;
                }
                while (sweeps < maxSweeps) {
                    double act = sweep(thr, true);
                    sweeps++;
                    if (act <= stop) {
                        break;
                    }
                }
            }
        }
    }

    @Override
    public int columns() {
        return coef.length;
    }

    @Override
    public double predict(double[] row) {
        Checks.row("row", row, coef.length);
        return intercept + Mat.dot(row, 0, coef, 0, coef.length);
    }

    public double[] coefficients() {
        return coef.clone();
    }

    public double intercept() {
        return intercept;
    }

    /** The chosen penalty. */
    public double alpha() {
        return alpha;
    }

    /** The alpha grid, descending (a copy). */
    public double[] alphas() {
        return alphas.clone();
    }

    /** Inner-CV mean squared error per alpha (NaN when no CV was run). */
    public double[] cvMse() {
        return cvMse.clone();
    }

    /** Features with a non-zero coefficient, ascending. */
    public int[] support() {
        int c = 0;
        for (double v : coef) {
            if (v != 0) {
                c++;
            }
        }
        int[] s = new int[c];
        c = 0;
        for (int j = 0; j < coef.length; j++) {
            if (coef[j] != 0) {
                s[c++] = j;
            }
        }
        return s;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("coef", coef.clone());
        m.put("intercept", intercept);
        m.put("alpha", alpha);
        m.put("alphas", alphas.clone());
        m.put("cvMse", cvMse.clone());
        return m;
    }

    public static LassoRegression fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        double[] coef = MapIo.doubles(m, "coef");
        double intercept = MapIo.number(m, "intercept");
        if (coef.length == 0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("model map needs a finite intercept and at least one coefficient");
        }
        double[] alphas = MapIo.doubles(m, "alphas");
        return new LassoRegression(coef, intercept, MapIo.number(m, "alpha"), alphas,
                MapIo.doubles(m, "cvMse", alphas.length));
    }
}
