package org.scattering4j.learn;

import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Linear discriminant analysis with a shrunk pooled covariance: a linear classifier for many features
 * and few training rows per class (textures: 8 patches per class, hundreds of features).
 *
 * <p><b>Model.</b> Columns are standardised by a {@link Standardizer} fitted on the training rows (a column
 * constant on them is ignored). With class means {@code mu_c} and the within-class residuals
 * {@code r_i = z_i - mu_(y_i)}, the pooled covariance {@code E = sum_i r_i r_i^T / n} is shrunk towards a
 * multiple of the identity, {@code Sigma = (1 - s) E + s (tr E / p) I}, and a row is assigned to the class
 * with the largest {@code z^T Sigma^-1 mu_c - mu_c^T Sigma^-1 mu_c / 2 + log(n_c / n)}.
 *
 * <p><b>Shrinkage.</b> By default {@code s} is the Ledoit-Wolf estimate of the optimal intensity for the
 * residuals (O. Ledoit and M. Wolf, "A well-conditioned estimator for large-dimensional covariance
 * matrices", J. Multivariate Anal. 88 (2004) 365-411; the residuals are treated as centred), computed from
 * the training rows only; {@link Options#shrinkage(double)} fixes it instead.
 *
 * <pre>{@code
 * ShrinkageLda m = ShrinkageLda.fit(xTrain, labels, ShrinkageLda.Options.defaults());
 * int[] yHat = m.predict(xTest);
 * System.out.println("shrinkage " + m.shrinkage());
 * }</pre>
 */
public final class ShrinkageLda implements Classifier {
    static final String TYPE = "ShrinkageLda";

    /** Fitting options (immutable; each setter returns a modified copy). */
    public static final class Options {
        private final double shrinkage; // NaN: Ledoit-Wolf

        private Options(double shrinkage) {
            this.shrinkage = shrinkage;
        }

        /** Ledoit-Wolf shrinkage. */
        public static Options defaults() {
            return new Options(Double.NaN);
        }

        /** A fixed shrinkage intensity in [0, 1] (0: the plain pooled covariance, which must be invertible). */
        public Options shrinkage(double s) {
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("shrinkage = " + s + " must be in [0, 1]");
            }
            return new Options(s);
        }
    }

    private final int p;
    private final int[] classes;
    private final double[][] weights; // [class][column], standardisation folded in
    private final double[] bias;
    private final double shrinkage;

    private ShrinkageLda(int p, int[] classes, double[][] weights, double[] bias, double shrinkage) {
        this.p = p;
        this.classes = classes;
        this.weights = weights;
        this.bias = bias;
        this.shrinkage = shrinkage;
    }

    /** Fits on {@code x} (n x p, finite) with labels {@code y} (at least 2 distinct); inputs not modified. */
    public static ShrinkageLda fit(double[][] x, int[] y, Options options) {
        int p = Checks.matrix("x", x);
        int n = x.length;
        int[] classes = Checks.classes("y", y, n);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        int nc = classes.length;
        if (n <= nc) {
            throw new IllegalArgumentException("x has " + n + " rows for " + nc
                    + " classes; the within-class covariance needs more rows than classes");
        }
        int[] idx = new int[n];
        int[] count = new int[nc];
        for (int i = 0; i < n; i++) {
            idx[i] = Arrays.binarySearch(classes, y[i]);
            count[idx[i]]++;
        }
        // standardised rows (a column constant on the training rows becomes 0 and keeps weight 0), class means
        Standardizer st = Standardizer.fit(x);
        double[] center = st.mean();
        double[] scale = st.scale();
        double[][] mu = new double[nc][p];
        DMatrixRMaj z = new DMatrixRMaj(n, p);
        for (int i = 0; i < n; i++) {
            double[] zi = st.transformRow(x[i]);
            System.arraycopy(zi, 0, z.data, i * p, p);
            for (int k = 0; k < p; k++) {
                mu[idx[i]][k] += zi[k];
            }
        }
        for (int c = 0; c < nc; c++) {
            for (int k = 0; k < p; k++) {
                mu[c][k] /= count[c];
            }
        }
        double beta = 0; // sum over rows of (squared norm of the residual)^2, for Ledoit-Wolf
        for (int i = 0; i < n; i++) {
            double sq = 0;
            for (int k = 0; k < p; k++) {
                double r = z.data[i * p + k] - mu[idx[i]][k];
                z.data[i * p + k] = r;
                sq += r * r;
            }
            beta += sq * sq;
        }
        DMatrixRMaj e = new DMatrixRMaj(p, p);
        CommonOps_DDRM.multTransA(z, z, e);
        CommonOps_DDRM.scale(1.0 / n, e);
        double trace = 0;
        double frob = 0;
        for (int a = 0; a < p; a++) {
            trace += e.data[a * p + a];
        }
        for (double v : e.data) {
            frob += v * v;
        }
        double m = trace / p;
        double s;
        if (Double.isNaN(options.shrinkage)) {
            s = ledoitWolf(beta, frob, trace, m, n, p);
        } else {
            s = options.shrinkage;
        }
        if (!(m > 0)) {
            throw new IllegalArgumentException("x has no within-class variation in any column (every column is "
                    + "constant within each class); LDA cannot be fitted");
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                e.data[a * p + b] *= 1 - s;
            }
            e.data[a * p + a] += s * m;
        }
        DMatrixRMaj rhs = new DMatrixRMaj(p, nc);
        for (int c = 0; c < nc; c++) {
            for (int k = 0; k < p; k++) {
                rhs.data[k * nc + c] = mu[c][k];
            }
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(p);
        if (!solver.setA(e)) {
            throw new IllegalArgumentException("the shrunk within-class covariance (shrinkage " + s
                    + ") is not positive definite; use a shrinkage > 0");
        }
        DMatrixRMaj w = new DMatrixRMaj(p, nc);
        solver.solve(rhs, w);
        double[][] weights = new double[nc][p];
        double[] bias = new double[nc];
        for (int c = 0; c < nc; c++) {
            double quad = 0;
            double shift = 0;
            for (int k = 0; k < p; k++) {
                double wk = w.data[k * nc + c];
                quad += wk * mu[c][k];
                weights[c][k] = wk / scale[k];
                shift += wk / scale[k] * center[k];
            }
            if (!Double.isFinite(quad)) {
                throw new IllegalArgumentException("the discriminant of class " + classes[c]
                        + " is not finite (ill-conditioned covariance); use a larger shrinkage");
            }
            bias[c] = -0.5 * quad - shift + Math.log(count[c] / (double) n);
        }
        return new ShrinkageLda(p, classes, weights, bias, s);
    }

    /**
     * The Ledoit-Wolf intensity for centred rows: {@code min(b, d) / d} with {@code d = ||E - m I||_F^2 / p}
     * and {@code b = (sum_i ||r_i||^4 / n - ||E||_F^2) / (n p)}; 0 if d = 0.
     */
    static double ledoitWolf(double sumNorm4, double frob, double trace, double m, int n, int p) {
        double d = (frob - 2 * m * trace + p * m * m) / p;
        double b = (sumNorm4 / n - frob) / ((double) n * p);
        if (!(d > 0)) {
            return 0;
        }
        return Math.max(0, Math.min(b, d)) / d;
    }

    /** The shrinkage intensity used. */
    public double shrinkage() {
        return shrinkage;
    }

    @Override
    public int columns() {
        return p;
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** The discriminant {@code w_c . x + b_c} of every class for one row. */
    public double[] scores(double[] row) {
        Checks.row("row", row, p);
        double[] sc = new double[classes.length];
        for (int c = 0; c < classes.length; c++) {
            double[] wc = weights[c];
            double v = bias[c];
            for (int k = 0; k < p; k++) {
                v += wc[k] * row[k];
            }
            sc[c] = v;
        }
        return sc;
    }

    @Override
    public int predict(double[] row) {
        double[] sc = scores(row);
        int best = 0;
        for (int c = 1; c < sc.length; c++) {
            if (sc[c] > sc[best]) {
                best = c;
            }
        }
        return classes[best];
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("columns", p);
        m.put("classes", classes.clone());
        m.put("shrinkage", shrinkage);
        java.util.List<Object> w = new java.util.ArrayList<>();
        for (double[] wc : weights) {
            w.add(wc.clone());
        }
        m.put("weights", w);
        m.put("bias", bias.clone());
        return m;
    }

    public static ShrinkageLda fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        int p = MapIo.integer(m, "columns");
        int[] classes = MapIo.ints(m, "classes");
        if (p < 1 || classes.length < 2) {
            throw new IllegalArgumentException("model map needs columns >= 1 and >= 2 classes");
        }
        Object w = MapIo.get(m, "weights");
        if (!(w instanceof java.util.List) || ((java.util.List<?>) w).size() != classes.length) {
            throw new IllegalArgumentException("model map 'weights' must be a list with one entry per class");
        }
        double[][] weights = new double[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            Map<String, Object> tmp = new java.util.HashMap<>();
            tmp.put("w", ((java.util.List<?>) w).get(c));
            weights[c] = MapIo.doubles(tmp, "w", p);
        }
        return new ShrinkageLda(p, classes, weights, MapIo.doubles(m, "bias", classes.length),
                MapIo.number(m, "shrinkage"));
    }
}
