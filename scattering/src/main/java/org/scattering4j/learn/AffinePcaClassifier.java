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
 * (at most {@code n_c - 1}) non-degenerate directions; directions with eigenvalue below {@code 1e-12} times the
 * largest are dropped. Features are used as given (no standardisation).
 *
 * <p><b>Directions.</b> When every class has at least p rows and the class-and-fold covariance accumulators fit
 * in 2 GiB ({@code classes x folds x p^2} doubles; MNIST J=3: 10 x 3 x 1953^2, 0.9 GB), each class's p x p
 * scatter matrix is accumulated in one streaming pass ({@link StreamingScatter}, per fold, so every CV fold's
 * complement is a subtraction) and only its leading eigenpairs are computed (package-private
 * {@code SymmetricEigen}: tridiagonal reduction, bisection, inverse iteration). Otherwise (few or very wide
 * rows) directions come from the class's data block: the eigendecomposition of the smaller of its covariance
 * or Gram matrix or, when d is small against both, a block subspace iteration. {@link Builder} is the
 * streaming entry point, for training sets augmented with deformed copies that need not be held in memory.
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
        int[] classes = Checks.classes("y", y, n);
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = Arrays.binarySearch(classes, y[i]);
        }
        int dMax = options.maxDimension;
        int kf = options.innerFolds;
        long accumulatorBytes = (long) classes.length * (options.fixed ? 1 : kf) * p * (long) p * Double.BYTES;
        int[] counts = new int[classes.length];
        for (int c : idx) {
            counts[c]++;
        }
        int smallest = Arrays.stream(counts).min().getAsInt();
        // p x p covariances pay off when every class has at least p rows; for fewer rows the n_c x n_c Gram
        // matrix of the data-block path is smaller (e.g. a 600-image MNIST demo with 1953 features)
        if (accumulatorBytes <= COVARIANCE_ROUTE_BYTES && smallest >= p) {
            if (!options.fixed && dMax > 0 && n < kf) {
                throw new IllegalArgumentException("x has " + n + " rows; " + kf + "-fold CV of d needs at least that many");
            }
            int folds = options.fixed || dMax == 0 ? 1 : kf;
            int[] fold = folds == 1 ? new int[n] : KFold.stratified(idx, folds, options.seed).labels();
            Builder b = new Builder(p, classes, folds);
            for (int i = 0; i < n; i++) {
                b.addTraining(x[i], y[i], fold[i]);
                if (folds > 1) {
                    b.addValidation(x[i], y[i], fold[i]);
                }
            }
            return b.fit(options);
        }
        int chosen = dMax;
        double[] cv;
        if (!options.fixed && dMax > 0) {
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

    /**
     * Largest memory for the class-and-fold covariance accumulators above which {@link #fit} falls back to
     * principal directions from the (class x fold) data blocks (Gram matrix or subspace iteration).
     */
    static final long COVARIANCE_ROUTE_BYTES = 2L << 30;

    /**
     * Streaming fit of the class-wise affine spaces in bounded memory, with d chosen by cross-validation
     * over caller-assigned folds. Training rows (e.g. every training image plus deformed copies of it) only
     * update a p x p scatter accumulator of their (class, fold); validation rows (the undeformed images) are
     * kept to score the models fitted without their fold. Deformed copies of an image must carry the
     * image's fold, so no validation image is scored by a space fitted on copies of itself.
     *
     * <p><b>Cost.</b> Memory {@code classes x folds x p^2} doubles plus the validation rows. Fitting needs one
     * covariance eigendecomposition per class and fold plus one per class for the final model (only the
     * wanted leading pairs); all d in {@code 0..maxDimension} are scored from the
     * same nested projections. Classes run on {@link org.scattering4j.util.Parallel} threads.
     *
     * <pre>{@code
     * AffinePcaClassifier.Builder b = new AffinePcaClassifier.Builder(p, new int[] {0, 1, ..., 9}, 3);
     * b.addTraining(row, label, fold);       // every training row, deformed or not
     * b.addValidation(row, label, fold);     // the undeformed rows, for choosing d
     * AffinePcaClassifier m = b.fit(AffinePcaClassifier.Options.defaults().maxDimension(300));
     * }</pre>
     *
     * <p>Mutable and not thread-safe: add rows from one thread.
     */
    public static final class Builder {
        private final int p;
        private final int[] classes;
        private final int folds;
        private final StreamingScatter[][] acc; // [class][fold], created at the class's first row
        private final java.util.List<double[]> validRows = new java.util.ArrayList<>();
        private final java.util.List<int[]> validMeta = new java.util.ArrayList<>(); // {class index, fold}

        /**
         * A builder for rows of length {@code p} (&ge; 1), labels among {@code classes} (&ge; 2 distinct; copied
         * and sorted) and {@code folds} (&ge; 1) cross-validation folds; with one fold d cannot be chosen by
         * validation and {@link #fit} needs {@link Options#fixedDimension}.
         */
        public Builder(int p, int[] classes, int folds) {
            this.p = Checks.atLeast("p", p, 1);
            if (classes == null) {
                throw new IllegalArgumentException("classes must not be null");
            }
            int[] sorted = Arrays.stream(classes).distinct().sorted().toArray();
            if (sorted.length < 2 || sorted.length != classes.length) {
                throw new IllegalArgumentException("classes " + Arrays.toString(classes)
                        + " must hold at least 2 distinct labels, each once");
            }
            this.classes = sorted;
            this.folds = Checks.atLeast("folds", folds, 1);
            this.acc = new StreamingScatter[sorted.length][folds];
        }

        private int classIndex(int label) {
            int c = Arrays.binarySearch(classes, label);
            if (c < 0) {
                throw new IllegalArgumentException("label " + label + " is not one of the classes "
                        + Arrays.toString(classes));
            }
            return c;
        }

        private void checkFold(int fold) {
            if (fold < 0 || fold >= folds) {
                throw new IllegalArgumentException("fold = " + fold + ": allowed 0.." + (folds - 1));
            }
        }

        /** Adds a row (length p, finite; not kept) to the training data of class {@code label} in {@code fold}. */
        public void addTraining(double[] row, int label, int fold) {
            Checks.row("row", row, p);
            int c = classIndex(label);
            checkFold(fold);
            if (acc[c][fold] == null) {
                // one shift per class (its first row) so the class's fold accumulators can be combined
                double[] shift = null;
                for (StreamingScatter s : acc[c]) {
                    if (s != null) {
                        shift = s.shift();
                        break;
                    }
                }
                for (int f = 0; f < folds; f++) {
                    if (acc[c][f] == null) {
                        acc[c][f] = new StreamingScatter(shift != null ? shift : row);
                    }
                }
            }
            acc[c][fold].add(row);
        }

        /** Keeps a copy of a row (length p, finite) of class {@code label} to score the models fitted without {@code fold}. */
        public void addValidation(double[] row, int label, int fold) {
            Checks.row("row", row, p);
            int c = classIndex(label);
            checkFold(fold);
            if (folds < 2) {
                throw new IllegalArgumentException("validation rows need at least 2 folds; this builder has " + folds);
            }
            validRows.add(row.clone());
            validMeta.add(new int[] {c, fold});
        }

        /**
         * Fits the class spaces on all training rows, with {@code d} fixed or chosen in {@code 0..maxDimension}
         * by the validation rows (fewest errors, smallest d on ties). The options' inner-fold count and seed are
         * not used (the folds are the caller's).
         */
        public AffinePcaClassifier fit(Options options) {
            if (options == null) {
                throw new IllegalArgumentException("options must not be null");
            }
            int k = classes.length;
            for (int c = 0; c < k; c++) {
                if (acc[c][0] == null) {
                    throw new IllegalArgumentException("class " + classes[c] + " has no training rows");
                }
            }
            int dMax = options.maxDimension;
            boolean choose = !options.fixed && dMax > 0;
            if (choose && (folds < 2 || validRows.isEmpty())) {
                throw new IllegalArgumentException("choosing d needs at least 2 folds and validation rows (folds = "
                        + folds + ", validation rows = " + validRows.size() + "); use Options.fixedDimension");
            }
            StreamingScatter[] total = new StreamingScatter[k];
            for (int c = 0; c < k; c++) {
                StreamingScatter t = acc[c][0];
                for (int f = 1; f < folds; f++) {
                    t = t.plus(acc[c][f]);
                }
                total[c] = t;
            }
            int chosen = dMax;
            double[] cv = new double[0];
            if (choose) {
                long[] errors = new long[dMax + 1];
                for (int f = 0; f < folds; f++) {
                    int fold = f;
                    boolean scored = false;
                    for (int[] meta : validMeta) {
                        scored |= meta[1] == fold;
                    }
                    if (!scored) {
                        continue; // a training-only fold (e.g. the fixed training part of a hold-out split)
                    }
                    StreamingScatter[] rest = new StreamingScatter[k];
                    for (int c = 0; c < k; c++) {
                        rest[c] = total[c].minus(acc[c][f]);
                        if (rest[c].count() == 0) {
                            throw new IllegalArgumentException("class " + classes[c] + " has no training rows outside fold "
                                    + f + "; use fewer folds");
                        }
                    }
                    AffinePcaClassifier m = fromScatter(p, classes, rest, dMax, dMax, null);
                    java.util.List<double[]> rows = new java.util.ArrayList<>();
                    java.util.List<Integer> truth = new java.util.ArrayList<>();
                    for (int i = 0; i < validRows.size(); i++) {
                        if (validMeta.get(i)[1] == fold) {
                            rows.add(validRows.get(i));
                            truth.add(validMeta.get(i)[0]);
                        }
                    }
                    int[] t = new int[truth.size()];
                    for (int i = 0; i < t.length; i++) {
                        t[i] = truth.get(i);
                    }
                    long[] e = m.errorsAllDims(rows.toArray(new double[0][]), t, dMax);
                    for (int d = 0; d <= dMax; d++) {
                        errors[d] += e[d];
                    }
                }
                cv = new double[dMax + 1];
                chosen = 0;
                for (int d = 0; d <= dMax; d++) {
                    cv[d] = errors[d] / (double) validRows.size();
                    if (errors[d] < errors[chosen]) {
                        chosen = d;
                    }
                }
            }
            return fromScatter(p, classes, total, chosen, chosen, cv);
        }
    }

    /** Class spaces of up to {@code dMax} directions from each class's scatter accumulator (classes in parallel). */
    private static AffinePcaClassifier fromScatter(int p, int[] classes, StreamingScatter[] acc, int dMax, int dimension,
            double[] cv) {
        int k = classes.length;
        double[][] means = new double[k][];
        double[][] dirs = new double[k][];
        int[] dims = new int[k];
        org.scattering4j.util.Parallel.forEach(k, () -> null, (c, ws) -> {
            means[c] = acc[c].mean();
            long n = acc[c].count();
            int want = (int) Math.min(dMax, Math.min(n - 1, p));
            SymmetricEigen e = SymmetricEigen.leadingPositive(acc[c].centredScatter(), p, want);
            dirs[c] = e.vectors;
            dims[c] = e.values.length;
        });
        return new AffinePcaClassifier(p, classes, means, dirs, dims, dimension, cv == null ? new double[0] : cv);
    }

    /** Rows scored together by the blocked projections. */
    private static final int ROW_BLOCK = 16;
    /** Feature columns per tile of the blocked projections (a tile of directions stays in cache). */
    private static final int COL_TILE = 256;

    /** Directions of class c transposed: p x dims[c] row-major, for the row-block projections. */
    private double[] transposedDirs(int c) {
        int k = dims[c];
        double[] t = new double[p * k];
        double[] v = dirs[c];
        for (int s = 0; s < k; s++) {
            for (int j = 0; j < p; j++) {
                t[j * k + s] = v[s * p + j];
            }
        }
        return t;
    }

    /** Workspace of the blocked scoring: differences, projections and distances for one block of rows. */
    private static final class Scratch {
        final double[] diff;
        final double[] proj;
        final double[][] dist; // [row in block][class * (dMax + 1) + d]

        Scratch(int p, int dMax, int k) {
            diff = new double[ROW_BLOCK * p];
            proj = new double[ROW_BLOCK * Math.max(dMax, 1)];
            dist = new double[ROW_BLOCK][k * (dMax + 1)];
        }
    }

    /**
     * dist[r][c * (dMax + 1) + d] = squared distance of row {@code rows[r0 + r]} to class c's affine space of
     * dimension min(d, dims[c]), for a block of at most {@link #ROW_BLOCK} rows.
     */
    private void blockDistances(double[][] rows, int r0, int b, int dMax, double[][] dirsT, Scratch s) {
        int k = classes.length;
        int stride = dMax + 1;
        for (int c = 0; c < k; c++) {
            double[] mu = means[c];
            int kc = Math.min(dims[c], dMax);
            int ldk = dims[c];
            for (int r = 0; r < b; r++) {
                double[] row = rows[r0 + r];
                int o = r * p;
                for (int j = 0; j < p; j++) {
                    s.diff[o + j] = row[j] - mu[j];
                }
            }
            java.util.Arrays.fill(s.proj, 0, b * ldk, 0);
            project(s.diff, b, p, dirsT[c], ldk, kc, s.proj);
            for (int r = 0; r < b; r++) {
                int o = r * p;
                double sq = 0;
                for (int j = 0; j < p; j++) {
                    sq += s.diff[o + j] * s.diff[o + j];
                }
                double[] dr = s.dist[r];
                int base = c * stride;
                dr[base] = sq;
                for (int d = 1; d <= dMax; d++) {
                    if (d <= kc) {
                        double pr = s.proj[r * ldk + d - 1];
                        sq -= pr * pr;
                    }
                    dr[base + d] = Math.max(0, sq);
                }
            }
        }
    }

    /**
     * proj[r][s] += sum_j diff[r][j] dirsT[j][s] for s &lt; kc (row stride ld): four rows share each load of a
     * direction row, and column tiles keep the directions in cache.
     */
    private static void project(double[] diff, int b, int p, double[] dirsT, int ld, int kc, double[] proj) {
        for (int j0 = 0; j0 < p; j0 += COL_TILE) {
            int j1 = Math.min(p, j0 + COL_TILE);
            int r = 0;
            for (; r + 4 <= b; r += 4) {
                int d0 = r * p;
                int d1 = d0 + p;
                int d2 = d1 + p;
                int d3 = d2 + p;
                int q0 = r * ld;
                int q1 = q0 + ld;
                int q2 = q1 + ld;
                int q3 = q2 + ld;
                for (int j = j0; j < j1; j++) {
                    double a0 = diff[d0 + j];
                    double a1 = diff[d1 + j];
                    double a2 = diff[d2 + j];
                    double a3 = diff[d3 + j];
                    int v = j * ld;
                    for (int t = 0; t < kc; t++) {
                        double w = dirsT[v + t];
                        proj[q0 + t] += a0 * w;
                        proj[q1 + t] += a1 * w;
                        proj[q2 + t] += a2 * w;
                        proj[q3 + t] += a3 * w;
                    }
                }
            }
            for (; r < b; r++) {
                int d0 = r * p;
                int q0 = r * ld;
                for (int j = j0; j < j1; j++) {
                    double a0 = diff[d0 + j];
                    int v = j * ld;
                    for (int t = 0; t < kc; t++) {
                        proj[q0 + t] += a0 * dirsT[v + t];
                    }
                }
            }
        }
    }

    /** Misclassified rows among {@code rows} (true class indices {@code truth}) for every d = 0..dMax. */
    private long[] errorsAllDims(double[][] rows, int[] truth, int dMax) {
        int k = classes.length;
        double[][] dirsT = new double[k][];
        for (int c = 0; c < k; c++) {
            dirsT[c] = transposedDirs(c);
        }
        long[] errors = new long[dMax + 1];
        int blocks = (rows.length + ROW_BLOCK - 1) / ROW_BLOCK;
        int stride = dMax + 1;
        org.scattering4j.util.Parallel.forEach(blocks, () -> new Scratch(p, maxDims(), k), (bi, s) -> {
            int r0 = bi * ROW_BLOCK;
            int b = Math.min(ROW_BLOCK, rows.length - r0);
            blockDistances(rows, r0, b, dMax, dirsT, s);
            long[] local = new long[dMax + 1];
            for (int r = 0; r < b; r++) {
                double[] dr = s.dist[r];
                for (int d = 0; d <= dMax; d++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (dr[c * stride + d] < dr[best * stride + d]) {
                            best = c;
                        }
                    }
                    if (best != truth[r0 + r]) {
                        local[d]++;
                    }
                }
            }
            synchronized (errors) {
                for (int d = 0; d <= dMax; d++) {
                    errors[d] += local[d];
                }
            }
        });
        return errors;
    }

    private int maxDims() {
        int m = 0;
        for (int d : dims) {
            m = Math.max(m, d);
        }
        return Math.max(m, dimension);
    }

    /** Predicted labels for every row of {@code x}, by blocks of rows on {@link org.scattering4j.util.Parallel} threads. */
    @Override
    public int[] predict(double[][] x) {
        Checks.matrix("x", x, p);
        int k = classes.length;
        double[][] dirsT = new double[k][];
        for (int c = 0; c < k; c++) {
            dirsT[c] = transposedDirs(c);
        }
        int[] out = new int[x.length];
        int stride = dimension + 1;
        int blocks = (x.length + ROW_BLOCK - 1) / ROW_BLOCK;
        org.scattering4j.util.Parallel.forEach(blocks, () -> new Scratch(p, maxDims(), k), (bi, s) -> {
            int r0 = bi * ROW_BLOCK;
            int b = Math.min(ROW_BLOCK, x.length - r0);
            blockDistances(x, r0, b, dimension, dirsT, s);
            for (int r = 0; r < b; r++) {
                double[] dr = s.dist[r];
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (dr[c * stride + dimension] < dr[best * stride + dimension]) {
                        best = c;
                    }
                }
                out[r0 + r] = classes[best];
            }
        });
        return out;
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
