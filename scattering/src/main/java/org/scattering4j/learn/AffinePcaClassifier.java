package org.scattering4j.learn;

import java.util.Arrays;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * The class-wise affine PCA classifier of Bruna and Mallat ("Invariant scattering convolution
 * networks", IEEE TPAMI 35(8), 2013, section 5.1).
 *
 * <p><b>Model.</b> Each class {@code c} is approximated by the affine space {@code A_c = mu_c + V_c}
 * through its mean {@code mu_c}, spanned by the first {@code d} principal directions of its centred
 * training rows. A row {@code x} is assigned to the class with the smallest squared distance
 * {@code ||x - mu_c||^2 - ||P_{V_c}(x - mu_c)||^2}. Classes with fewer than {@code d+1} rows use all their
 * (at most {@code n_c - 1}) non-degenerate directions. Directions come from the eigendecomposition of the
 * smaller of the class's p x p covariance or {@code n_c x n_c} Gram matrix or, when d is small against both
 * (d + 16 at most an eighth of them), from a block subspace iteration that never forms either matrix;
 * directions with eigenvalue below {@code 1e-12} times the largest are dropped. Features are used as given (no standardisation).
 *
 * <p><b>Choosing d.</b> Stratified inner K-fold CV on the training rows: class spaces are fitted on the
 * other folds with {@link Options#maxDimension} directions and validation errors counted for every
 * {@code d = 0..maxDimension} at once (the projections are nested); the smallest {@code d} with the fewest
 * errors wins; the model is refitted on all training rows with that {@code d}.
 *
 * <pre>{@code
 * AffinePcaClassifier m = AffinePcaClassifier.fit(xTrain, labels, AffinePcaClassifier.Options.defaults().maxDimension(30));
 * int[] yHat = m.predict(xTest);
 * System.out.println("d = " + m.dimension());
 * }</pre>
 */
public final class AffinePcaClassifier implements Classifier {
    static final String TYPE = "AffinePcaClassifier";

    /** Fitting options (immutable; each setter returns a modified copy). */
    public static final class Options {
        private final int maxDimension;
        private final int innerFolds;
        private final long seed;
        private final boolean fixed;

        private Options(int maxDimension, int innerFolds, long seed, boolean fixed) {
            this.maxDimension = maxDimension;
            this.innerFolds = innerFolds;
            this.seed = seed;
            this.fixed = fixed;
        }

        /** d searched in 0..40, 3 inner folds, seed 0. */
        public static Options defaults() {
            return new Options(40, 3, 0L, false);
        }

        /** Largest d considered (&ge; 0). */
        public Options maxDimension(int d) {
            return new Options(Checks.atLeast("maxDimension", d, 0), innerFolds, seed, false);
        }

        /** Uses exactly {@code d} directions per class (no CV). */
        public Options fixedDimension(int d) {
            return new Options(Checks.atLeast("dimension", d, 0), innerFolds, seed, true);
        }

        public Options innerFolds(int k) {
            return new Options(maxDimension, Checks.atLeast("innerFolds", k, 2), seed, fixed);
        }

        public Options seed(long s) {
            return new Options(maxDimension, innerFolds, s, fixed);
        }
    }

    private final int p;
    private final int[] classes;
    private final double[][] means;
    private final double[][] dirs; // per class: dims x p row-major
    private final int[] dims;
    private final int dimension;
    private final double[] cvError;

    private AffinePcaClassifier(int p, int[] classes, double[][] means, double[][] dirs, int[] dims, int dimension,
            double[] cvError) {
        this.p = p;
        this.classes = classes;
        this.means = means;
        this.dirs = dirs;
        this.dims = dims;
        this.dimension = dimension;
        this.cvError = cvError;
    }

    /** Fits on {@code x} (n x p, finite) with labels {@code y} (at least 2 distinct); inputs not modified. */
    public static AffinePcaClassifier fit(double[][] x, int[] y, Options options) {
        int p = Checks.matrix("x", x);
        int n = x.length;
        Checks.labels("y", y, n);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        int[] classes = Arrays.stream(y).distinct().sorted().toArray();
        if (classes.length < 2) {
            throw new IllegalArgumentException("y holds " + classes.length + " distinct label; at least 2 are needed");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = Arrays.binarySearch(classes, y[i]);
        }
        int dMax = options.maxDimension;
        int chosen = dMax;
        double[] cv;
        if (!options.fixed && dMax > 0) {
            int kf = options.innerFolds;
            if (n < kf) {
                throw new IllegalArgumentException("x has " + n + " rows; " + kf + "-fold CV of d needs at least that many");
            }
            KFold inner = KFold.stratified(idx, kf, options.seed);
            double[] errors = new double[dMax + 1];
            for (int f = 0; f < kf; f++) {
                int[] tr = inner.train(f);
                AffinePcaClassifier m = build(x, idx, tr, classes, p, dMax, dMax, null);
                for (int i : inner.test(f)) {
                    double[][] dist = m.distancesAllDims(x[i], dMax);
                    for (int d = 0; d <= dMax; d++) {
                        int best = 0;
                        for (int c = 1; c < classes.length; c++) {
                            if (dist[c][d] < dist[best][d]) {
                                best = c;
                            }
                        }
                        if (best != idx[i]) {
                            errors[d] += 1.0 / n;
                        }
                    }
                }
            }
            chosen = 0;
            for (int d = 1; d <= dMax; d++) {
                if (errors[d] < errors[chosen] - 1e-12) {
                    chosen = d;
                }
            }
            cv = errors;
        } else {
            cv = new double[0];
        }
        return build(x, idx, Mat.range(n), classes, p, chosen, chosen, cv);
    }

    private static AffinePcaClassifier build(double[][] x, int[] idx, int[] rows, int[] classes, int p, int dMax,
            int dimension, double[] cv) {
        int k = classes.length;
        double[][] means = new double[k][];
        double[][] dirs = new double[k][];
        int[] dims = new int[k];
        for (int c = 0; c < k; c++) {
            int count = 0;
            for (int i : rows) {
                if (idx[i] == c) {
                    count++;
                }
            }
            if (count == 0) {
                throw new IllegalArgumentException("class " + classes[c] + " has no training rows in a fold; "
                        + "use fewer inner folds");
            }
            int[] cr = new int[count];
            count = 0;
            for (int i : rows) {
                if (idx[i] == c) {
                    cr[count++] = i;
                }
            }
            double[] mu = Mat.columnMeans(x, cr);
            means[c] = mu;
            DMatrixRMaj xc = Mat.rows(x, cr, mu);
            dirs[c] = principal(xc, Math.min(dMax, Math.min(count - 1, p)));
            dims[c] = dirs[c].length / p;
        }
        return new AffinePcaClassifier(p, classes, means, dirs, dims, dimension, cv);
    }

    /** Up to {@code d} leading principal directions of the centred rows {@code xc}, as rows of a flat array. */
    static double[] principal(DMatrixRMaj xc, int d) {
        int n = xc.numRows;
        int p = xc.numCols;
        if (d <= 0) {
            return new double[0];
        }
        if ((long) (d + OVERSAMPLE) * 8 <= Math.min(n, p)) {
            return principalIterative(xc, d, SUBSPACE_TOLERANCE, MAX_SUBSPACE_ITERATIONS);
        }
        return principalDense(xc, d);
    }

    /** Extra directions carried by the subspace iteration beyond the d wanted (speeds up convergence). */
    static final int OVERSAMPLE = 16;
    /** Relative change of the d leading Ritz values at which the subspace iteration stops. */
    static final double SUBSPACE_TOLERANCE = 1e-7;
    static final int MAX_SUBSPACE_ITERATIONS = 60;

    /**
     * Leading directions by block subspace (orthogonal) iteration with a Rayleigh-Ritz step, for when only a few
     * of many directions are wanted (MNIST: d &le; 60 of p = 3969 features and ~6000 rows per class). Each
     * iteration costs {@code 4 n p k} flops with {@code k = d + OVERSAMPLE}, against {@code n p^2 + O(p^3)} for
     * the covariance and its full eigendecomposition. The start block is a fixed pseudo-random Gaussian matrix
     * (seed 0), so fits are reproducible. Iteration stops when the d leading Ritz values change by less than
     * {@code tol} (relative) between iterations; the captured variance then agrees with the dense path to about
     * that tolerance ({@code AffinePcaClassifierTest.subspaceIterationMatchesTheDenseEigendecomposition}).
     */
    static double[] principalIterative(DMatrixRMaj xc, int d, double tol, int maxIterations) {
        int p = xc.numCols;
        int k = Math.min(d + OVERSAMPLE, Math.min(xc.numRows, p));
        java.util.Random rnd = new java.util.Random(0);
        DMatrixRMaj q = new DMatrixRMaj(p, k);
        for (int i = 0; i < q.data.length; i++) {
            q.data[i] = rnd.nextGaussian();
        }
        q = orthonormalColumns(q);
        double[] prev = null;
        for (int it = 0; it < maxIterations; it++) {
            DMatrixRMaj z = Mat.mult(xc, q); // n x k
            DMatrixRMaj w = Mat.multTransA(xc, z); // p x k
            // Ritz values of the current block: eigenvalues of q^T X^T X q = z^T z
            double[] ritz = sortedEigenvalues(Mat.gram(z));
            boolean done = false;
            if (prev != null) {
                done = true;
                for (int i = 0; i < Math.min(d, k); i++) {
                    if (Math.abs(ritz[i] - prev[i]) > tol * Math.abs(ritz[0])) {
                        done = false;
                        break;
                    }
                }
            }
            prev = ritz;
            if (done) {
                break;
            }
            q = orthonormalColumns(w);
        }
        // Rayleigh-Ritz on the final block q: rotate it by the eigenvectors of z^T z
        DMatrixRMaj z = Mat.mult(xc, q);
        double[][] vs = leadingEigenvectors(Mat.gram(z), d);
        int keep = vs.length;
        double[] out = new double[keep * p];
        for (int s = 0; s < keep; s++) {
            double[] v = vs[s];
            double norm = 0;
            for (int j = 0; j < p; j++) {
                double a = 0;
                int o = j * k;
                for (int c = 0; c < k; c++) {
                    a += q.data[o + c] * v[c];
                }
                out[s * p + j] = a;
                norm += a * a;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < p; j++) {
                out[s * p + j] /= norm;
            }
        }
        return out;
    }

    private static DMatrixRMaj orthonormalColumns(DMatrixRMaj a) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(a.numRows, a.numCols);
        if (!qr.decompose(a.copy())) {
            throw new IllegalStateException("QR decomposition of a " + a.numRows + " x " + a.numCols + " block failed");
        }
        return qr.getQ(null, true);
    }

    /** Symmetric eigendecomposition of {@code sym} (which EJML may overwrite), failing loudly. */
    private static EigenDecomposition_F64<DMatrixRMaj> decomposeSymmetric(DMatrixRMaj sym, boolean vectors) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(sym.numRows, vectors, true);
        if (!eig.decompose(sym)) {
            throw new IllegalStateException("symmetric eigendecomposition of a " + sym.numRows + " x " + sym.numRows
                    + " matrix failed");
        }
        return eig;
    }

    /**
     * Eigenvectors of {@code sym} (overwritten) for its at most {@code d} largest eigenvalues, largest first,
     * keeping only eigenvalues that are positive and above {@code 1e-12} times the largest.
     */
    private static double[][] leadingEigenvectors(DMatrixRMaj sym, int d) {
        int m = sym.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = decomposeSymmetric(sym, true);
        Integer[] order = new Integer[m];
        double[] ev = new double[m];
        double max = 0;
        for (int i = 0; i < m; i++) {
            order[i] = i;
            ev[i] = eig.getEigenvalue(i).getReal();
            max = Math.max(max, ev[i]);
        }
        Arrays.sort(order, (a, b) -> Double.compare(ev[b], ev[a]));
        int keep = 0;
        while (keep < Math.min(d, m) && ev[order[keep]] > 1e-12 * max && ev[order[keep]] > 0) {
            keep++;
        }
        double[][] out = new double[keep][];
        for (int t = 0; t < keep; t++) {
            out[t] = eig.getEigenVector(order[t]).data;
        }
        return out;
    }

    /** Eigenvalues of {@code sym} (overwritten), largest first. */
    private static double[] sortedEigenvalues(DMatrixRMaj sym) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decomposeSymmetric(sym, false);
        double[] ev = new double[sym.numRows];
        for (int i = 0; i < ev.length; i++) {
            ev[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(ev);
        for (int i = 0, j = ev.length - 1; i < j; i++, j--) {
            double tmp = ev[i];
            ev[i] = ev[j];
            ev[j] = tmp;
        }
        return ev;
    }

    /** The dense path: full eigendecomposition of the smaller of the covariance and the Gram matrix. */
    static double[] principalDense(DMatrixRMaj xc, int d) {
        int n = xc.numRows;
        int p = xc.numCols;
        boolean primal = p <= n;
        DMatrixRMaj g = primal ? Mat.gram(xc) : Mat.multTransB(xc, xc);
        double[][] vs = leadingEigenvectors(g, d);
        int keep = vs.length;
        double[] out = new double[keep * p];
        for (int t = 0; t < keep; t++) {
            double[] v = vs[t];
            if (primal) {
                double norm = Math.sqrt(Mat.dot(v, 0, v, 0, p));
                for (int j = 0; j < p; j++) {
                    out[t * p + j] = v[j] / norm;
                }
            } else {
                // right singular vector from a left one: X^T u / ||X^T u||
                double[] r = new double[p];
                for (int i = 0; i < n; i++) {
                    double ui = v[i];
                    int o = i * p;
                    for (int j = 0; j < p; j++) {
                        r[j] += ui * xc.data[o + j];
                    }
                }
                double norm = Math.sqrt(Mat.dot(r, 0, r, 0, p));
                for (int j = 0; j < p; j++) {
                    out[t * p + j] = r[j] / norm;
                }
            }
        }
        return out;
    }

    /** dist[c][d] = squared distance to class c's affine space of dimension min(d, dims[c]). */
    private double[][] distancesAllDims(double[] row, int dMax) {
        double[][] r = new double[classes.length][dMax + 1];
        double[] diff = new double[p];
        for (int c = 0; c < classes.length; c++) {
            double[] mu = means[c];
            double s = 0;
            for (int j = 0; j < p; j++) {
                diff[j] = row[j] - mu[j];
                s += diff[j] * diff[j];
            }
            r[c][0] = s;
            for (int d = 1; d <= dMax; d++) {
                if (d <= dims[c]) {
                    double pr = Mat.dot(dirs[c], (d - 1) * p, diff, 0, p);
                    s -= pr * pr;
                }
                r[c][d] = Math.max(0, s);
            }
        }
        return r;
    }

    /** Squared distance of {@code row} to each class's affine space, in the order of {@link #classes()}. */
    public double[] distances(double[] row) {
        Checks.row("row", row, p);
        double[][] all = distancesAllDims(row, dimension);
        double[] r = new double[classes.length];
        for (int c = 0; c < r.length; c++) {
            r[c] = all[c][dimension];
        }
        return r;
    }

    @Override
    public int predict(double[] row) {
        double[] d = distances(row);
        int best = 0;
        for (int c = 1; c < d.length; c++) {
            if (d[c] < d[best]) {
                best = c;
            }
        }
        return classes[best];
    }

    @Override
    public int columns() {
        return p;
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    /** The chosen (maximum) affine-space dimension d. */
    public int dimension() {
        return dimension;
    }

    /** Inner-CV error rate for d = 0..maxDimension (empty when d was fixed). */
    public double[] cvError() {
        return cvError.clone();
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("columns", p);
        m.put("classes", classes.clone());
        m.put("dimension", dimension);
        m.put("dims", dims.clone());
        java.util.List<Object> mu = new java.util.ArrayList<>();
        java.util.List<Object> dv = new java.util.ArrayList<>();
        for (int c = 0; c < classes.length; c++) {
            mu.add(means[c].clone());
            dv.add(dirs[c].clone());
        }
        m.put("means", mu);
        m.put("directions", dv);
        m.put("cvError", cvError.clone());
        return m;
    }

    public static AffinePcaClassifier fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        int p = MapIo.integer(m, "columns");
        int[] classes = MapIo.ints(m, "classes");
        int[] dims = MapIo.ints(m, "dims");
        if (p < 1 || classes.length < 2 || dims.length != classes.length) {
            throw new IllegalArgumentException("model map needs columns >= 1, >= 2 classes and one dims entry per class");
        }
        Object mu = MapIo.get(m, "means");
        Object dv = MapIo.get(m, "directions");
        if (!(mu instanceof java.util.List) || !(dv instanceof java.util.List)
                || ((java.util.List<?>) mu).size() != classes.length || ((java.util.List<?>) dv).size() != classes.length) {
            throw new IllegalArgumentException("model map 'means' and 'directions' must be lists with one entry per class");
        }
        double[][] means = new double[classes.length][];
        double[][] dirs = new double[classes.length][];
        for (int c = 0; c < classes.length; c++) {
            Map<String, Object> tmp = new java.util.HashMap<>();
            tmp.put("mu", ((java.util.List<?>) mu).get(c));
            tmp.put("dv", ((java.util.List<?>) dv).get(c));
            means[c] = MapIo.doubles(tmp, "mu", p);
            dirs[c] = MapIo.doubles(tmp, "dv", dims[c] * p);
        }
        return new AffinePcaClassifier(p, classes, means, dirs, dims, MapIo.integer(m, "dimension"),
                MapIo.doubles(m, "cvError"));
    }
}
