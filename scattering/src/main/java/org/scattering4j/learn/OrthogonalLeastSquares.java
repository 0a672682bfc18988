package org.scattering4j.learn;

import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Sparse linear regression by greedy orthogonal least squares (OLS) forward selection with bagging, as
 * used by Hirn, Mallat and Poilvert ("Wavelet scattering regression of quantum chemical energies",
 * Multiscale Model. Simul. 15(2), 2017) and Eickenberg et al. (2017, 2018) on scattering invariants.
 *
 * <p><b>Selection.</b> Starting from the intercept alone, each step adds the feature whose component
 * orthogonal to the already selected features most reduces the residual sum of squares, i.e. maximises
 * {@code (phi_k . r)^2 / ||phi_k||^2} where {@code phi_k} is feature {@code k} (centred) orthogonalised
 * against the selected ones and {@code r} the current residual. Coefficients of an {@code m}-term model
 * are the unpenalised least-squares fit on the first {@code m} selected features. The computation runs on
 * the centred Gram matrix: each step costs O(p m), the whole path O(p M^2) after {@code X^T X}. A feature
 * whose orthogonal remainder is below {@code 1e-10} of its norm (collinear) is never chosen; the path
 * stops early once the residual is below {@code 1e-14} of {@code ||y - mean(y)||^2}.
 *
 * <p><b>Bagging.</b> {@link Options#bags} random subsamples (without replacement, about a fraction
 * {@link Options#bagFraction} of the rows, seeded) each get their own OLS path; the {@code m}-term model is
 * the average of the bags' {@code m}-term models (coefficients and intercepts), so supports may differ
 * between bags. One bag with fraction 1 is plain OLS. To keep the cost at one {@code X^T X} per fit, the
 * rows are dealt once into random blocks ({@value #BLOCKS_PER_FIT} per training set, nested in the inner
 * folds) and a bag leaves out {@code round((1 - fraction) * blocks)} whole random blocks; its statistics are
 * the training statistics minus those blocks'.
 *
 * <p><b>Number of terms.</b> Chosen by inner K-fold CV on the training rows: for each inner fold, bagged
 * paths are fitted on the other folds and the validation squared error is recorded for every
 * {@code m = 1..maxTerms}; the chosen {@code m} is the smallest whose CV mean squared error is within
 * {@code 1e-12 var(y)} of the minimum (so exact models stop at their true size). The final model is
 * refitted (bagged) on all training rows with that {@code m}.
 *
 * <pre>{@code
 * OrthogonalLeastSquares m = OrthogonalLeastSquares.fit(zTrain, yTrain,
 *         OrthogonalLeastSquares.Options.defaults().maxTerms(300).bags(8).seed(1));
 * System.out.println(m.terms() + " terms, support " + java.util.Arrays.toString(m.support()));
 * }</pre>
 */
public final class OrthogonalLeastSquares implements Regressor {
    static final String TYPE = "OrthogonalLeastSquares";
    private static final double COLLINEAR_TOL = 1e-10;
    private static final double PERFECT_FIT_TOL = 1e-14;
    private static final double CV_TIE_TOL = 1e-12;
    /** Number of row blocks a training set is split into; bags are unions of blocks. */
    static final int BLOCKS_PER_FIT = 20;

    /** Fitting options (immutable; each setter returns a modified copy). */
    public static final class Options {
        private final int maxTerms;
        private final int bags;
        private final double bagFraction;
        private final int innerFolds;
        private final long seed;

        private Options(int maxTerms, int bags, double bagFraction, int innerFolds, long seed) {
            this.maxTerms = maxTerms;
            this.bags = bags;
            this.bagFraction = bagFraction;
            this.innerFolds = innerFolds;
            this.seed = seed;
        }

        /** maxTerms 100, 10 bags of 80% of the rows, 5 inner folds, seed 0. */
        public static Options defaults() {
            return new Options(100, 10, 0.8, 5, 0L);
        }

        /** Largest number of selected features considered (&ge; 1; capped by p and the bag size). */
        public Options maxTerms(int m) {
            return new Options(Checks.atLeast("maxTerms", m, 1), bags, bagFraction, innerFolds, seed);
        }

        /** Number of bags (&ge; 1). */
        public Options bags(int b) {
            return new Options(maxTerms, Checks.atLeast("bags", b, 1), bagFraction, innerFolds, seed);
        }

        /** Fraction of the rows in each bag, in (0, 1]. */
        public Options bagFraction(double f) {
            if (!(f > 0 && f <= 1)) {
                throw new IllegalArgumentException("bagFraction = " + f + " must be in (0, 1]");
            }
            return new Options(maxTerms, bags, f, innerFolds, seed);
        }

        /** Number of inner CV folds (&ge; 2). */
        public Options innerFolds(int k) {
            return new Options(maxTerms, bags, bagFraction, Checks.atLeast("innerFolds", k, 2), seed);
        }

        /** Fixes the number of terms: no CV, {@code maxTerms} terms are used. */
        public Options fixedTerms(int m) {
            return new Options(Checks.atLeast("terms", m, 1), bags, bagFraction, 0, seed);
        }

        public Options seed(long s) {
            return new Options(maxTerms, bags, bagFraction, innerFolds, s);
        }

        public int maxTerms() {
            return maxTerms;
        }

        public int bags() {
            return bags;
        }

        public double bagFraction() {
            return bagFraction;
        }

        /** Inner folds, 0 when the number of terms is fixed. */
        public int innerFolds() {
            return innerFolds;
        }

        public long seed() {
            return seed;
        }
    }

    private final double[] coef;
    private final double intercept;
    private final int terms;
    private final double[] cvMse;

    private OrthogonalLeastSquares(double[] coef, double intercept, int terms, double[] cvMse) {
        this.coef = coef;
        this.intercept = intercept;
        this.terms = terms;
        this.cvMse = cvMse;
    }

    /** Fits on {@code x} (n x p, finite, n &ge; 2) and {@code y}; neither is modified. */
    public static OrthogonalLeastSquares fit(double[][] x, double[] y, Options options) {
        int p = Checks.matrix("x", x);
        int n = x.length;
        Checks.vector("y", y, n);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (n < 2) {
            throw new IllegalArgumentException("x has " + n + " rows; OLS needs at least 2");
        }
        double[] shift = Mat.columnMeans(x, Mat.range(n));
        DMatrixRMaj xs = Mat.rows(x, Mat.range(n), shift);
        int maxTerms = Math.min(options.maxTerms, p);
        SplittableRandom rng = new SplittableRandom(options.seed);
        int k = options.innerFolds >= 2 ? options.innerFolds : 1;
        if (k > 1 && n < 2 * k) {
            throw new IllegalArgumentException("x has " + n + " rows; " + k + "-fold CV of the number of terms "
                    + "needs at least " + (2 * k));
        }
        // Rows are dealt once into random blocks (BLOCKS_PER_FIT per training set, nested in the inner folds):
        // every bag is a union of blocks, so its statistics are sums of block statistics and the data are
        // multiplied out only once per fit, whatever the number of bags and folds.
        int perFold = Math.max(1, Math.min(k > 1 ? (BLOCKS_PER_FIT + k - 2) / (k - 1) : BLOCKS_PER_FIT, n / (2 * k)));
        int[] foldOf = k > 1 ? KFold.random(n, k, rng.nextLong()).labels() : new int[n];
        int[] perm = KFold.permutation(n, rng.nextLong());
        int[] dealt = new int[k];
        int[] blockOf = new int[n];
        for (int t = 0; t < n; t++) {
            int i = perm[t];
            int f = foldOf[i];
            blockOf[i] = f * perFold + (dealt[f]++ % perFold);
        }
        int nb = k * perFold;
        int[] sizes = new int[nb];
        for (int i = 0; i < n; i++) {
            sizes[blockOf[i]]++;
        }
        int[][] rowsOf = new int[nb][];
        for (int bl = 0; bl < nb; bl++) {
            rowsOf[bl] = new int[sizes[bl]];
        }
        int[] fill = new int[nb];
        for (int i = 0; i < n; i++) {
            rowsOf[blockOf[i]][fill[blockOf[i]]++] = i;
        }
        Moments[] blocks = new Moments[nb];
        for (int bl = 0; bl < nb; bl++) {
            blocks[bl] = Moments.of(xs, y, rowsOf[bl]);
        }
        int chosen;
        double[] cv;
        if (k > 1) {
            double[] sse = new double[maxTerms];
            for (int f = 0; f < k; f++) {
                int[] trainBlocks = new int[(k - 1) * perFold];
                int c = 0;
                for (int bl = 0; bl < nb; bl++) {
                    if (bl / perFold != f) {
                        trainBlocks[c++] = bl;
                    }
                }
                int[] test = new int[n - totalSize(blocks, trainBlocks)];
                c = 0;
                for (int i = 0; i < n; i++) {
                    if (foldOf[i] == f) {
                        test[c++] = i;
                    }
                }
                Bagged b = bagged(blocks, trainBlocks, maxTerms, options, rng.nextLong());
                b.addValidationSse(xs, y, test, sse);
            }
            cv = new double[maxTerms];
            double min = Double.POSITIVE_INFINITY;
            for (int m = 0; m < maxTerms; m++) {
                cv[m] = sse[m] / n;
                min = Math.min(min, cv[m]);
            }
            double var = Moments.sum(blocks).centredYy() / n;
            chosen = maxTerms;
            for (int m = 0; m < maxTerms; m++) {
                if (cv[m] <= min + CV_TIE_TOL * var) {
                    chosen = m + 1;
                    break;
                }
            }
        } else {
            chosen = maxTerms;
            cv = new double[0];
        }
        Bagged b = bagged(blocks, Mat.range(nb), chosen, options, rng.nextLong());
        double[] w = new double[p];
        double c = b.average(chosen, w);
        c -= Mat.dot(shift, 0, w, 0, p);
        return new OrthogonalLeastSquares(w, c, chosen, cv);
    }

    private static int totalSize(Moments[] blocks, int[] ids) {
        int s = 0;
        for (int id : ids) {
            s += blocks[id].n;
        }
        return s;
    }

    /** The OLS paths of all bags of one training set (given as block ids). */
    private static Bagged bagged(Moments[] blocks, int[] trainBlocks, int maxTerms, Options o, long seed) {
        Moments[] parts = new Moments[trainBlocks.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = blocks[trainBlocks[i]];
        }
        Moments train = Moments.sum(parts);
        int drop = (int) Math.round((1 - o.bagFraction) * parts.length);
        drop = Math.min(drop, parts.length - 1);
        SplittableRandom r = new SplittableRandom(seed);
        Path[] paths = new Path[o.bags];
        for (int b = 0; b < o.bags; b++) {
            Moments m = train;
            if (drop > 0) {
                int[] perm = KFold.permutation(parts.length, r.nextLong());
                Moments[] out = new Moments[drop];
                for (int i = 0; i < drop; i++) {
                    out[i] = parts[perm[i]];
                }
                m = train.minus(Moments.sum(out));
            }
            paths[b] = new Path(m, Math.min(maxTerms, m.n - 1));
        }
        return new Bagged(paths);
    }

    private static final class Bagged {
        final Path[] paths;

        Bagged(Path[] paths) {
            this.paths = paths;
        }

        /**
         * Adds, for every m, the validation SSE of the bag-averaged m-term model. A validation row's values
         * on the selected features are {@code z = q R}; its coordinates {@code q} on the orthonormal OLS
         * directions follow by forward substitution, and the m-term prediction is
         * {@code mean(y) + sum_{j<m} beta_j q_j}: O(m) per row and term.
         */
        void addValidationSse(DMatrixRMaj xs, double[] y, int[] test, double[] sse) {
            int p = xs.numCols;
            int nv = test.length;
            int maxTerms = sse.length;
            double[] pred = new double[nv * maxTerms];
            for (Path path : paths) {
                int sz = path.size;
                // columns of R made contiguous: rt[m * sz + j] = R[j][m]
                double[] rt = new double[sz * sz];
                for (int j = 0; j < sz; j++) {
                    for (int m = j; m < sz; m++) {
                        rt[m * sz + j] = path.r[j * sz + m];
                    }
                }
                double[] q = new double[sz];
                for (int i = 0; i < nv; i++) {
                    int o = test[i] * p;
                    double acc = path.meanY;
                    for (int m = 0; m < maxTerms; m++) {
                        if (m < sz) {
                            int f = path.sel[m];
                            double s = xs.data[o + f] - path.meanX[f];
                            int om = m * sz;
                            for (int j = 0; j < m; j++) {
                                s -= q[j] * rt[om + j];
                            }
                            q[m] = s / rt[om + m];
                            acc += path.beta[m] * q[m];
                        }
                        pred[m * nv + i] += acc;
                    }
                }
            }
            for (int m = 0; m < maxTerms; m++) {
                double s = 0;
                for (int i = 0; i < nv; i++) {
                    double e = y[test[i]] - pred[m * nv + i] / paths.length;
                    s += e * e;
                }
                sse[m] += s;
            }
        }

        /** Writes the average m-term coefficients into {@code w} (zeroed here) and returns the intercept. */
        double average(int m, double[] w) {
            java.util.Arrays.fill(w, 0);
            double c = 0;
            for (Path path : paths) {
                int terms = Math.min(m, path.size);
                double[] coef = path.coef(terms);
                double b = path.meanY;
                for (int j = 0; j < terms; j++) {
                    int f = path.sel[j];
                    w[f] += coef[j] / paths.length;
                    b -= coef[j] * path.meanX[f];
                }
                c += b / paths.length;
            }
            return c;
        }
    }

    /** One greedy OLS path on the centred Gram matrix of a row set. */
    static final class Path {
        final int size;
        final int[] sel;
        final double[] beta;
        final double[] r; // upper triangular size x size, row-major
        final double[] meanX;
        final double meanY;

        Path(Moments mo, int maxTerms) {
            int p = mo.p;
            double[] g = mo.centredGram().data;
            double[] e = mo.centredXy();
            double yy = mo.centredYy();
            meanX = mo.meanX();
            meanY = mo.meanY();
            double[] d = new double[p];
            boolean[] taken = new boolean[p];
            for (int k = 0; k < p; k++) {
                d[k] = g[k * p + k];
            }
            int cap = Math.max(0, maxTerms);
            double[][] c = new double[cap][];
            int[] s = new int[cap];
            double[] bt = new double[cap];
            double rss = yy;
            int m = 0;
            while (m < cap && rss > PERFECT_FIT_TOL * yy) {
                int best = -1;
                double bestScore = 0;
                for (int k = 0; k < p; k++) {
                    double gkk = g[k * p + k];
                    if (taken[k] || gkk <= 0 || d[k] <= COLLINEAR_TOL * gkk) {
                        continue;
                    }
                    double score = e[k] * e[k] / d[k];
                    if (score > bestScore) {
                        bestScore = score;
                        best = k;
                    }
                }
                if (best < 0) {
                    break;
                }
                double norm = Math.sqrt(d[best]);
                double[] row = new double[p];
                int ob = best * p;
                for (int k = 0; k < p; k++) {
                    row[k] = g[ob + k];
                }
                for (int j = 0; j < m; j++) {
                    double[] cj = c[j];
                    double cjs = cj[best];
                    for (int k = 0; k < p; k++) {
                        row[k] -= cjs * cj[k];
                    }
                }
                for (int k = 0; k < p; k++) {
                    row[k] /= norm;
                }
                double b = e[best] / norm;
                for (int k = 0; k < p; k++) {
                    d[k] -= row[k] * row[k];
                    e[k] -= row[k] * b;
                }
                taken[best] = true;
                c[m] = row;
                s[m] = best;
                bt[m] = b;
                rss -= b * b;
                m++;
            }
            size = m;
            sel = java.util.Arrays.copyOf(s, m);
            beta = java.util.Arrays.copyOf(bt, m);
            r = new double[m * m];
            for (int j = 0; j < m; j++) {
                for (int i = j; i < m; i++) {
                    r[j * m + i] = c[j][sel[i]];
                }
            }
        }

        /** Least-squares coefficients of the first {@code m} selected features: R_m^-1 beta. */
        double[] coef(int m) {
            int sz = size;
            double[] w = new double[m];
            for (int i = m - 1; i >= 0; i--) {
                double s = beta[i];
                for (int k = i + 1; k < m; k++) {
                    s -= r[i * sz + k] * w[k];
                }
                w[i] = s / r[i * sz + i];
            }
            return w;
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

    /** Coefficients (a copy; zero outside the union of the bags' supports). */
    public double[] coefficients() {
        return coef.clone();
    }

    public double intercept() {
        return intercept;
    }

    /** Number of terms per bag model. */
    public int terms() {
        return terms;
    }

    /** Features with a non-zero averaged coefficient, ascending. */
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

    /** Inner-CV mean squared error for m = 1..maxTerms (index m-1); empty when the terms were fixed. */
    public double[] cvMse() {
        return cvMse.clone();
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("coef", coef.clone());
        m.put("intercept", intercept);
        m.put("terms", terms);
        m.put("cvMse", cvMse.clone());
        return m;
    }

    public static OrthogonalLeastSquares fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        double[] coef = MapIo.doubles(m, "coef");
        double intercept = MapIo.number(m, "intercept");
        if (coef.length == 0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("model map needs a finite intercept and at least one coefficient");
        }
        return new OrthogonalLeastSquares(coef, intercept, MapIo.integer(m, "terms"), MapIo.doubles(m, "cvMse"));
    }
}
