package org.scattering4j.learn;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.scattering4j.util.Parallel;

/**
 * Kernel ridge regression with the polynomial kernel {@code k(x, x') = (gamma <x, x'> + c)^d}, by default
 * degree 2: a model quadratic ("multilinear") in the features, in the spirit of Eickenberg et al. (2018),
 * "Solid harmonic wavelet scattering for predictions of molecule properties", J. Chem. Phys. 148, 241732.
 *
 * <p><b>Objective.</b> With {@code K} the training kernel matrix and {@code yc = y - mean(y)}, the dual
 * coefficients solve {@code (K + alpha I) a = yc}; the prediction is
 * {@code f(x) = mean(y) + sum_i a_i k(x_i, x)}. This is ridge regression on the explicit degree-d feature
 * map (all products of up to d features), where the constant term {@code c^d} plays the intercept's role.
 * Use standardised features ({@link Standardizer}); gamma is given relative to {@code 1/p}.
 *
 * <p><b>Choosing alpha and gamma.</b> Inner K-fold CV on the training rows over the grids
 * {@link Options#alphas} x {@link Options#gammaScales} (gamma = scale / p); smallest total validation
 * squared error wins (ties: larger alpha). The linear Gram {@code X X^T} is computed once per fit; each
 * (inner fold, gamma) builds its kernel block from it. Per (fold, gamma) the solver is either one Cholesky
 * factorisation per alpha, or one symmetric eigendecomposition {@code K = V S V^T} serving every alpha
 * ({@code a = V (S + alpha)^-1 V^T yc}); {@link Solver#AUTO} takes the eigendecomposition only for grids of
 * more than {@value #EIG_ALPHA_THRESHOLD} alphas, because with EJML an n x n symmetric eigendecomposition
 * costs about as much as 13 Cholesky factorisations. If a Cholesky factorisation fails (kernel + alpha not
 * numerically positive definite, e.g. with huge feature values), the eigendecomposition, with negative
 * eigenvalues clamped to 0, is used instead. Defaults are deliberately small (3 inner
 * folds, 7 alphas, one gamma) so that n = 5700 fits in about a minute on 2 cores; the cost is
 * {@code O(n^2 p + folds * gammas * alphas * (n (k-1)/k)^3 / 3)} and memory about {@code 3 n^2} doubles.
 *
 * <p>The model stores its training rows (needed to evaluate the kernel), so its map is large (n x p numbers).
 *
 * <pre>{@code
 * PolynomialKernelRidge m = PolynomialKernelRidge.fit(zTrain, yTrain,
 *         PolynomialKernelRidge.Options.defaults().gammaScales(0.5, 1, 2).seed(5));
 * double[] yHat = m.predict(zTest);
 * }</pre>
 */
public final class PolynomialKernelRidge implements Regressor {
    static final String TYPE = "PolynomialKernelRidge";
    /** Above this many alphas, {@link Solver#AUTO} uses one eigendecomposition per (fold, gamma). */
    public static final int EIG_ALPHA_THRESHOLD = 13;

    /** How the inner CV solves for all alphas of one (fold, gamma). */
    public enum Solver {
        /** Eigendecomposition when the alpha grid is longer than {@value #EIG_ALPHA_THRESHOLD}, else Cholesky. */
        AUTO,
        /** One Cholesky factorisation per alpha. */
        CHOLESKY,
        /** One symmetric eigendecomposition per (fold, gamma). */
        EIGEN
    }

    /** Fitting options (immutable; each setter returns a modified copy). */
    public static final class Options {
        private final int degree;
        private final double coef0;
        private final double[] gammaScales;
        private final double[] alphas;
        private final int innerFolds;
        private final long seed;
        private final Solver solver;

        private Options(int degree, double coef0, double[] gammaScales, double[] alphas, int innerFolds, long seed,
                Solver solver) {
            this.degree = degree;
            this.coef0 = coef0;
            this.gammaScales = gammaScales;
            this.alphas = alphas;
            this.innerFolds = innerFolds;
            this.seed = seed;
            this.solver = solver;
        }

        /** degree 2, c = 1, gamma = 1/p, alphas 1e-6 .. 1e0 (7 values), 3 inner folds, seed 0, AUTO solver. */
        public static Options defaults() {
            return new Options(2, 1.0, new double[] {1.0}, Mat.logspace(-6, 0, 7), 3, 0L, Solver.AUTO);
        }

        /** Polynomial degree (&ge; 1). */
        public Options degree(int d) {
            return new Options(Checks.atLeast("degree", d, 1), coef0, gammaScales, alphas, innerFolds, seed, solver);
        }

        /** The constant c (&ge; 0). */
        public Options coef0(double c) {
            return new Options(degree, Checks.nonNegative("coef0", c), gammaScales, alphas, innerFolds, seed, solver);
        }

        /** Gamma grid as multiples of 1/p (each &gt; 0). */
        public Options gammaScales(double... g) {
            return new Options(degree, coef0, Checks.grid("gammaScales", g, false), alphas, innerFolds, seed, solver);
        }

        /** Alpha grid (each &gt; 0). */
        public Options alphas(double... a) {
            return new Options(degree, coef0, gammaScales, Checks.grid("alphas", a, false), innerFolds, seed, solver);
        }

        public Options innerFolds(int k) {
            return new Options(degree, coef0, gammaScales, alphas, Checks.atLeast("innerFolds", k, 2), seed, solver);
        }

        public Options seed(long s) {
            return new Options(degree, coef0, gammaScales, alphas, innerFolds, s, solver);
        }

        public Options solver(Solver s) {
            if (s == null) {
                throw new IllegalArgumentException("solver must not be null");
            }
            return new Options(degree, coef0, gammaScales, alphas, innerFolds, seed, s);
        }
    }

    private final double[] train; // n x p row-major
    private final int n;
    private final int p;
    private final double[] dual;
    private final double yMean;
    private final int degree;
    private final double gamma;
    private final double coef0;
    private final double alpha;
    private final double[] cvMse; // gammas x alphas, row-major

    private PolynomialKernelRidge(double[] train, int n, int p, double[] dual, double yMean, int degree, double gamma,
            double coef0, double alpha, double[] cvMse) {
        this.train = train;
        this.n = n;
        this.p = p;
        this.dual = dual;
        this.yMean = yMean;
        this.degree = degree;
        this.gamma = gamma;
        this.coef0 = coef0;
        this.alpha = alpha;
        this.cvMse = cvMse;
    }

    /** Fits on {@code x} (n x p, finite, standardised) and {@code y}; neither is modified. */
    public static PolynomialKernelRidge fit(double[][] x, double[] y, Options options) {
        int p = Checks.matrix("x", x);
        int n = x.length;
        Checks.vector("y", y, n);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        DMatrixRMaj xm = Mat.rows(x, Mat.range(n), null);
        DMatrixRMaj lin = Mat.multTransB(xm, xm);
        double[] gammas = new double[options.gammaScales.length];
        for (int g = 0; g < gammas.length; g++) {
            gammas[g] = options.gammaScales[g] / p;
        }
        double[] alphas = options.alphas;
        int na = alphas.length;
        double[] cv = new double[gammas.length * na];
        int bestG = 0;
        int bestA = 0;
        if (gammas.length * na > 1) {
            int k = options.innerFolds;
            if (n < 2 * k) {
                throw new IllegalArgumentException("x has " + n + " rows; " + k + "-fold CV needs at least " + (2 * k));
            }
            KFold inner = KFold.random(n, k, options.seed);
            boolean eigen = options.solver == Solver.EIGEN
                    || (options.solver == Solver.AUTO && na > EIG_ALPHA_THRESHOLD);
            for (int f = 0; f < k; f++) {
                int[] tr = inner.train(f);
                int[] te = inner.test(f);
                double mean = 0;
                for (int i : tr) {
                    mean += y[i];
                }
                mean /= tr.length;
                double[] yc = new double[tr.length];
                for (int i = 0; i < tr.length; i++) {
                    yc[i] = y[tr[i]] - mean;
                }
                for (int g = 0; g < gammas.length; g++) {
                    DMatrixRMaj ktt = kernelBlock(lin, tr, tr, gammas[g], options.coef0, options.degree);
                    DMatrixRMaj kvt = kernelBlock(lin, te, tr, gammas[g], options.coef0, options.degree);
                    double[][] duals = eigen ? solveEigen(ktt, yc, alphas) : solveCholesky(ktt, yc, alphas);
                    for (int a = 0; a < na; a++) {
                        double sse;
                        if (duals[a] == null) {
                            sse = Double.POSITIVE_INFINITY;
                        } else {
                            sse = 0;
                            for (int i = 0; i < te.length; i++) {
                                double e = y[te[i]] - mean - Mat.dot(kvt.data, i * tr.length, duals[a], 0, tr.length);
                                sse += e * e;
                            }
                        }
                        cv[g * na + a] += sse / n;
                    }
                }
            }
            double best = Double.POSITIVE_INFINITY;
            for (int g = 0; g < gammas.length; g++) {
                for (int a = 0; a < na; a++) {
                    double v = cv[g * na + a];
                    // strict improvement, or equal error with a larger alpha
                    if (v < best * (1 - 1e-12) || (v <= best * (1 + 1e-12) && g == bestG && alphas[a] > alphas[bestA])) {
                        best = v;
                        bestG = g;
                        bestA = a;
                    }
                }
            }
            if (!(best < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("no (gamma, alpha) of the grid gave a finite CV error; the kernel "
                        + "values overflow: standardise the features or use smaller gammaScales");
            }
        } else {
            cv[0] = Double.NaN;
        }
        double gamma = gammas[bestG];
        double alpha = alphas[bestA];
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= n;
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - mean;
        }
        // the full kernel overwrites the linear Gram: it is not needed any more
        applyKernel(lin.data, gamma, options.coef0, options.degree);
        double[] a = solveCholesky(lin, yc, new double[] {alpha})[0];
        return new PolynomialKernelRidge(xm.data, n, p, a, mean, options.degree, gamma, options.coef0, alpha, cv);
    }

    static double pow(double v, int d) {
        if (d == 2) {
            return v * v;
        }
        double r = v;
        for (int i = 1; i < d; i++) {
            r *= v;
        }
        return r;
    }

    private static void applyKernel(double[] data, double gamma, double c, int d) {
        for (int i = 0; i < data.length; i++) {
            data[i] = pow(gamma * data[i] + c, d);
        }
    }

    private static DMatrixRMaj kernelBlock(DMatrixRMaj lin, int[] rows, int[] cols, double gamma, double c, int d) {
        DMatrixRMaj k = new DMatrixRMaj(rows.length, cols.length);
        int nn = lin.numCols;
        for (int i = 0; i < rows.length; i++) {
            int o = rows[i] * nn;
            int oo = i * cols.length;
            for (int j = 0; j < cols.length; j++) {
                k.data[oo + j] = pow(gamma * lin.data[o + cols[j]] + c, d);
            }
        }
        return k;
    }

    /**
     * Dual coefficients per alpha by Cholesky, falling back to the eigendecomposition where a factorisation
     * fails. {@code k} is not modified.
     */
    private static double[][] solveCholesky(DMatrixRMaj k, double[] yc, double[] alphas) {
        int m = k.numRows;
        double[][] out = new double[alphas.length][];
        DMatrixRMaj work = new DMatrixRMaj(m, m);
        DMatrixRMaj rhs = new DMatrixRMaj(m, 1);
        DMatrixRMaj sol = new DMatrixRMaj(m, 1);
        for (int a = 0; a < alphas.length; a++) {
            System.arraycopy(k.data, 0, work.data, 0, m * m);
            for (int i = 0; i < m; i++) {
                work.data[i * m + i] += alphas[a];
            }
            LinearSolverDense<DMatrixRMaj> chol = Parallel.threads() > 1 && m > 500
                    ? LinearSolverFactory_MT_DDRM.chol(m) : LinearSolverFactory_DDRM.chol(m);
            if (!chol.setA(work)) {
                continue;
            }
            System.arraycopy(yc, 0, rhs.data, 0, m);
            chol.solve(rhs, sol);
            double[] r = sol.data.clone();
            boolean ok = true;
            for (double v : r) {
                if (!Double.isFinite(v)) {
                    ok = false;
                    break;
                }
            }
            out[a] = ok ? r : null;
        }
        boolean failed = false;
        for (double[] r : out) {
            failed |= r == null;
        }
        if (failed) {
            // rounding made K + alpha I indefinite (typically huge kernel values): the eigendecomposition,
            // with negative eigenvalues clamped to 0, still gives the ridge solution of the PSD part
            double[][] e = solveEigen(k, yc, alphas);
            for (int a = 0; a < alphas.length; a++) {
                if (out[a] == null) {
                    out[a] = e[a];
                }
            }
        }
        return out;
    }

    /** Dual coefficients for every alpha from one eigendecomposition; {@code k} is not modified. */
    private static double[][] solveEigen(DMatrixRMaj k, double[] yc, double[] alphas) {
        int m = k.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
        if (!eig.decompose(k.copy())) {
            throw new IllegalStateException("symmetric eigendecomposition of the " + m + " x " + m
                    + " kernel matrix failed");
        }
        double[] s = new double[m];
        double[][] v = new double[m][];
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            s[i] = Math.max(0, eig.getEigenvalue(i).getReal());
            v[i] = eig.getEigenVector(i).data;
            z[i] = Mat.dot(v[i], 0, yc, 0, m);
        }
        double[][] out = new double[alphas.length][];
        for (int a = 0; a < alphas.length; a++) {
            double[] r = new double[m];
            for (int i = 0; i < m; i++) {
                double c = z[i] / (s[i] + alphas[a]);
                double[] vi = v[i];
                for (int j = 0; j < m; j++) {
                    r[j] += c * vi[j];
                }
            }
            out[a] = r;
        }
        return out;
    }

    @Override
    public int columns() {
        return p;
    }

    @Override
    public double predict(double[] row) {
        Checks.row("row", row, p);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += dual[i] * pow(gamma * Mat.dot(train, i * p, row, 0, p) + coef0, degree);
        }
        return yMean + s;
    }

    @Override
    public double[] predict(double[][] x) {
        Checks.matrix("x", x, p);
        DMatrixRMaj xm = Mat.rows(x, Mat.range(x.length), null);
        DMatrixRMaj tm = DMatrixRMaj.wrap(n, p, train);
        DMatrixRMaj lin = Mat.multTransB(xm, tm);
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            int o = i * n;
            for (int j = 0; j < n; j++) {
                s += dual[j] * pow(gamma * lin.data[o + j] + coef0, degree);
            }
            r[i] = yMean + s;
        }
        return r;
    }

    /** The chosen penalty. */
    public double alpha() {
        return alpha;
    }

    /** The chosen gamma (absolute, not relative to 1/p). */
    public double gamma() {
        return gamma;
    }

    public int degree() {
        return degree;
    }

    public double coef0() {
        return coef0;
    }

    /** Inner-CV mean squared error, row-major over (gamma scale, alpha); NaN when no CV ran. */
    public double[] cvMse() {
        return cvMse.clone();
    }

    /** Number of stored training rows. */
    public int trainingRows() {
        return n;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("degree", degree);
        m.put("gamma", gamma);
        m.put("coef0", coef0);
        m.put("alpha", alpha);
        m.put("yMean", yMean);
        m.put("rows", n);
        m.put("columns", p);
        m.put("dual", dual.clone());
        m.put("train", train.clone());
        m.put("cvMse", cvMse.clone());
        return m;
    }

    public static PolynomialKernelRidge fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        int n = MapIo.integer(m, "rows");
        int p = MapIo.integer(m, "columns");
        if (n < 1 || p < 1) {
            throw new IllegalArgumentException("model map rows = " + n + ", columns = " + p + "; both must be >= 1");
        }
        double[] train = MapIo.doubles(m, "train", n * p);
        double[] dual = MapIo.doubles(m, "dual", n);
        return new PolynomialKernelRidge(train, n, p, dual, MapIo.number(m, "yMean"), MapIo.integer(m, "degree"),
                MapIo.number(m, "gamma"), MapIo.number(m, "coef0"), MapIo.number(m, "alpha"), MapIo.doubles(m, "cvMse"));
    }
}
