package org.scattering4j.learn;

import java.util.Arrays;
import java.util.Map;
import org.scattering4j.util.Parallel;

/**
 * Multinomial (softmax) logistic regression with an L2 penalty, fitted by {@link Lbfgs}, on internally
 * standardised features.
 *
 * <p><b>Objective.</b> With {@code z_i} the standardised rows, weights {@code W} (K x p) and intercepts
 * {@code b} (K, unpenalised), minimise
 * {@code (1/n) [ sum_i -log softmax(W z_i + b)_{y_i} + ||W||^2 / (2C) ]} (scikit-learn's convention, divided
 * by n so the L-BFGS tolerances do not depend on n).
 *
 * <p><b>Choosing C.</b> Stratified inner K-fold CV on the training rows over {@link Options#cs} (each
 * fold's fits warm-started along increasing C): highest mean validation accuracy, ties broken by lower
 * validation log-loss, then by smaller C. The {@link Standardizer} is fitted once on all training rows
 * given to {@link #fit}. Then the model is refitted on all training rows. Labels may be any ints; they are
 * mapped to the sorted distinct values. The gradient is accumulated over row chunks on
 * {@link Parallel} threads and summed in a fixed order, so results do not depend on the thread count.
 *
 * <pre>{@code
 * LogisticRegression m = LogisticRegression.fit(xTrain, labels, LogisticRegression.Options.defaults().seed(1));
 * double[] p = m.predictProba(xTest[0]);
 * int[] yHat = m.predict(xTest);
 * }</pre>
 */
public final class LogisticRegression implements Classifier {
    static final String TYPE = "LogisticRegression";

    /** Fitting options (immutable; each setter returns a modified copy). */
    public static final class Options {
        private final double[] cs;
        private final int innerFolds;
        private final long seed;
        private final int maxIterations;
        private final double tolerance;

        private Options(double[] cs, int innerFolds, long seed, int maxIterations, double tolerance) {
            this.cs = cs;
            this.innerFolds = innerFolds;
            this.seed = seed;
            this.maxIterations = maxIterations;
            this.tolerance = tolerance;
        }

        /** C in {0.01, 0.1, 1, 10, 100}, 3 inner folds, seed 0, 500 L-BFGS iterations, gradient tolerance 1e-6. */
        public static Options defaults() {
            return new Options(Mat.logspace(-2, 2, 5), 3, 0L, 500, 1e-6);
        }

        /** The C grid (each &gt; 0); one value means no CV. */
        public Options cs(double... c) {
            double[] g = Checks.grid("cs", c, false);
            Arrays.sort(g);
            return new Options(g, innerFolds, seed, maxIterations, tolerance);
        }

        public Options innerFolds(int k) {
            return new Options(cs, Checks.atLeast("innerFolds", k, 2), seed, maxIterations, tolerance);
        }

        public Options seed(long s) {
            return new Options(cs, innerFolds, s, maxIterations, tolerance);
        }

        public Options maxIterations(int m) {
            return new Options(cs, innerFolds, seed, Checks.atLeast("maxIterations", m, 1), tolerance);
        }

        /** L-BFGS gradient tolerance (&gt; 0). */
        public Options tolerance(double t) {
            return new Options(cs, innerFolds, seed, maxIterations, Checks.positive("tolerance", t));
        }
    }

    private final Standardizer standardizer;
    private final int[] classes;
    private final double[] w; // K x p
    private final double[] b; // K
    private final double c;
    private final double[] cvAccuracy;

    private LogisticRegression(Standardizer standardizer, int[] classes, double[] w, double[] b, double c,
            double[] cvAccuracy) {
        this.standardizer = standardizer;
        this.classes = classes;
        this.w = w;
        this.b = b;
        this.c = c;
        this.cvAccuracy = cvAccuracy;
    }

    /** Fits on {@code x} (n x p, finite) with labels {@code y} (at least 2 distinct); inputs not modified. */
    public static LogisticRegression fit(double[][] x, int[] y, Options options) {
        int p = Checks.matrix("x", x);
        int n = x.length;
        int[] classes = Checks.classes("y", y, n);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        int k = classes.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = Arrays.binarySearch(classes, y[i]);
        }
        Standardizer st = Standardizer.fit(x);
        double[] z = new double[n * p];
        for (int i = 0; i < n; i++) {
            System.arraycopy(st.transformRow(x[i]), 0, z, i * p, p);
        }
        double[] cs = options.cs;
        double[] cvAcc = new double[cs.length];
        double chosen = cs[0];
        if (cs.length > 1) {
            int kf = options.innerFolds;
            if (n < kf) {
                throw new IllegalArgumentException("x has " + n + " rows; " + kf + "-fold CV of C needs at least that many");
            }
            KFold inner = KFold.stratified(idx, kf, options.seed);
            double[] logLoss = new double[cs.length];
            for (int f = 0; f < kf; f++) {
                int[] tr = inner.train(f);
                int[] te = inner.test(f);
                Objective obj = new Objective(gather(z, p, tr), KFold.select(idx, tr), p, k);
                double[] theta = new double[k * p + k];
                for (int a = 0; a < cs.length; a++) {
                    theta = obj.minimize(cs[a], theta, options);
                    for (int i : te) {
                        double[] pr = proba(theta, z, i * p, p, k);
                        if (argmax(pr) == idx[i]) {
                            cvAcc[a] += 1.0 / n;
                        }
                        logLoss[a] -= Math.log(Math.max(pr[idx[i]], 1e-300)) / n;
                    }
                }
            }
            int best = 0;
            for (int a = 1; a < cs.length; a++) {
                if (cvAcc[a] > cvAcc[best] + 1e-12
                        || (Math.abs(cvAcc[a] - cvAcc[best]) <= 1e-12 && logLoss[a] < logLoss[best])) {
                    best = a;
                }
            }
            chosen = cs[best];
        } else {
            cvAcc[0] = Double.NaN;
        }
        Objective obj = new Objective(z, idx, p, k);
        double[] theta = obj.minimize(chosen, new double[k * p + k], options);
        return new LogisticRegression(st, classes, Arrays.copyOf(theta, k * p), Arrays.copyOfRange(theta, k * p,
                k * p + k), chosen, cvAcc);
    }

    private static double[] gather(double[] z, int p, int[] rows) {
        double[] r = new double[rows.length * p];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(z, rows[i] * p, r, i * p, p);
        }
        return r;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Softmax probabilities of row {@code z[o..o+p)} under parameters {@code theta = [W, b]}. */
    static double[] proba(double[] theta, double[] z, int o, int p, int k) {
        double[] l = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            l[c] = theta[k * p + c] + Mat.dot(theta, c * p, z, o, p);
            max = Math.max(max, l[c]);
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            l[c] = Math.exp(l[c] - max);
            s += l[c];
        }
        for (int c = 0; c < k; c++) {
            l[c] /= s;
        }
        return l;
    }

    /** The penalised mean cross-entropy and its gradient on standardised rows. */
    static final class Objective {
        private static final int CHUNK = 512;
        final double[] z;
        final int[] y;
        final int n;
        final int p;
        final int k;

        Objective(double[] z, int[] y, int p, int k) {
            this.z = z;
            this.y = y;
            this.n = y.length;
            this.p = p;
            this.k = k;
        }

        double[] minimize(double c, double[] start, Options o) {
            Lbfgs.Result r = Lbfgs.minimize((t, g) -> valueAndGradient(t, g, c), start,
                    Lbfgs.Options.defaults().maxIterations(o.maxIterations).gradientTolerance(o.tolerance));
            return r.x();
        }

        double valueAndGradient(double[] theta, double[] grad, double c) {
            int chunks = (n + CHUNK - 1) / CHUNK;
            double[][] partG = new double[chunks][];
            double[] partF = new double[chunks];
            Parallel.forEach(chunks, () -> new double[k], (ch, l) -> {
                double[] g = new double[k * p + k];
                double f = 0;
                int end = Math.min(n, (ch + 1) * CHUNK);
                for (int i = ch * CHUNK; i < end; i++) {
                    int o = i * p;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int cl = 0; cl < k; cl++) {
                        l[cl] = theta[k * p + cl] + Mat.dot(theta, cl * p, z, o, p);
                        max = Math.max(max, l[cl]);
                    }
                    double s = 0;
                    for (int cl = 0; cl < k; cl++) {
                        s += Math.exp(l[cl] - max);
                    }
                    double lse = max + Math.log(s);
                    f += lse - l[y[i]];
                    for (int cl = 0; cl < k; cl++) {
                        double coef = Math.exp(l[cl] - lse) - (cl == y[i] ? 1 : 0);
                        int og = cl * p;
                        for (int j = 0; j < p; j++) {
                            g[og + j] += coef * z[o + j];
                        }
                        g[k * p + cl] += coef;
                    }
                }
                partG[ch] = g;
                partF[ch] = f;
            });
            Arrays.fill(grad, 0);
            double f = 0;
            for (int ch = 0; ch < chunks; ch++) {
                f += partF[ch];
                double[] g = partG[ch];
                for (int j = 0; j < grad.length; j++) {
                    grad[j] += g[j];
                }
            }
            double reg = 0;
            for (int j = 0; j < k * p; j++) {
                reg += theta[j] * theta[j];
                grad[j] += theta[j] / c;
            }
            f += reg / (2 * c);
            for (int j = 0; j < grad.length; j++) {
                grad[j] /= n;
            }
            return f / n;
        }
    }

    @Override
    public int columns() {
        return standardizer.columns();
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** Class probabilities of one row, in the order of {@link #classes()}. */
    public double[] predictProba(double[] row) {
        double[] zr = standardizer.transform(row);
        int k = classes.length;
        int p = zr.length;
        double[] theta = new double[k * p + k];
        System.arraycopy(w, 0, theta, 0, k * p);
        System.arraycopy(b, 0, theta, k * p, k);
        return proba(theta, zr, 0, p, k);
    }

    /** Class probabilities of every row. */
    public double[][] predictProba(double[][] x) {
        Checks.matrix("x", x, columns());
        double[][] r = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            r[i] = predictProba(x[i]);
        }
        return r;
    }

    @Override
    public int predict(double[] row) {
        return classes[argmax(predictProba(row))];
    }

    /** The chosen C. */
    public double c() {
        return c;
    }

    /** Inner-CV accuracy per C of the grid (NaN when no CV ran). */
    public double[] cvAccuracy() {
        return cvAccuracy.clone();
    }

    /** Weights on standardised features, K x p row-major (a copy). */
    public double[] weights() {
        return w.clone();
    }

    /** Intercepts per class (a copy). */
    public double[] intercepts() {
        return b.clone();
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("standardizer", standardizer.toMap());
        m.put("classes", classes.clone());
        m.put("weights", w.clone());
        m.put("intercepts", b.clone());
        m.put("C", c);
        m.put("cvAccuracy", cvAccuracy.clone());
        return m;
    }

    public static LogisticRegression fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        Standardizer st = Standardizer.fromMap(MapIo.map(m, "standardizer"));
        int[] classes = MapIo.ints(m, "classes");
        if (classes.length < 2) {
            throw new IllegalArgumentException("model map needs at least 2 classes, has " + classes.length);
        }
        double[] w = MapIo.doubles(m, "weights", classes.length * st.columns());
        double[] b = MapIo.doubles(m, "intercepts", classes.length);
        return new LogisticRegression(st, classes, w, b, MapIo.number(m, "C"), MapIo.doubles(m, "cvAccuracy"));
    }
}
