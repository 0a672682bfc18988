package org.scattering4j.learn;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A partition of {@code n} samples into {@code k} folds, for (nested) cross-validation.
 *
 * <p>Folds come from given labels (for instance QM7's standard split {@code P}: either one fold label
 * per sample, {@link #ofLabels}, or one index list per fold, {@link #ofIndexLists}), or are drawn at
 * random with a seed ({@link #random}, {@link #stratified}). {@link #inner} builds the folds of a nested
 * (inner) cross-validation over the <i>training</i> rows of one outer fold only, so model selection never
 * sees that fold's test rows. Index arrays returned are ascending and fresh copies. Immutable.
 *
 * <pre>{@code
 * KFold outer = KFold.ofLabels(foldOfMolecule);        // e.g. 5 folds from QM7's P
 * int[] train = outer.train(0), test = outer.test(0);
 * KFold inner = outer.inner(0, 3, 42L);                // indices of inner are positions in train
 * double[][] xTrain = KFold.rows(x, train);
 * }</pre>
 */
public final class KFold {
    private final int[] fold;
    private final int k;

    private KFold(int[] fold, int k) {
        this.fold = fold;
        this.k = k;
        int[] count = new int[k];
        for (int f : fold) {
            count[f]++;
        }
        for (int f = 0; f < k; f++) {
            if (count[f] == 0) {
                throw new IllegalArgumentException("fold " + f + " is empty; every fold needs at least one sample");
            }
        }
    }

    /**
     * Folds from one label per sample: the distinct label values, in ascending order, become folds
     * {@code 0..k-1}. At least two distinct labels are required.
     */
    public static KFold ofLabels(int[] labels) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("labels must contain at least one entry");
        }
        TreeMap<Integer, Integer> ids = new TreeMap<>();
        for (int l : labels) {
            ids.put(l, 0);
        }
        if (ids.size() < 2) {
            throw new IllegalArgumentException("labels has " + ids.size() + " distinct value; at least 2 folds needed");
        }
        int c = 0;
        for (Integer key : ids.keySet()) {
            ids.put(key, c++);
        }
        int[] fold = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            fold[i] = ids.get(labels[i]);
        }
        return new KFold(fold, ids.size());
    }

    /**
     * Folds from one index list per fold (e.g. the rows of QM7's {@code P} array); the lists must cover
     * every sample {@code 0..n-1} exactly once.
     */
    public static KFold ofIndexLists(int[][] foldIndices, int n) {
        Checks.atLeast("n", n, 2);
        if (foldIndices == null || foldIndices.length < 2) {
            throw new IllegalArgumentException("foldIndices must hold at least 2 folds");
        }
        int[] fold = new int[n];
        Arrays.fill(fold, -1);
        for (int f = 0; f < foldIndices.length; f++) {
            if (foldIndices[f] == null) {
                throw new IllegalArgumentException("foldIndices[" + f + "] must not be null");
            }
            for (int i : foldIndices[f]) {
                if (i < 0 || i >= n) {
                    throw new IllegalArgumentException("foldIndices[" + f + "] holds " + i + ", outside [0, " + n + ")");
                }
                if (fold[i] >= 0) {
                    throw new IllegalArgumentException("sample " + i + " appears in folds " + fold[i] + " and " + f);
                }
                fold[i] = f;
            }
        }
        for (int i = 0; i < n; i++) {
            if (fold[i] < 0) {
                throw new IllegalArgumentException("sample " + i + " is in no fold; the lists must cover 0.." + (n - 1));
            }
        }
        return new KFold(fold, foldIndices.length);
    }

    /** {@code k} random folds of sizes differing by at most one, from a seeded shuffle (2 &le; k &le; n). */
    public static KFold random(int n, int k, long seed) {
        Checks.atLeast("k", k, 2);
        if (n < k) {
            throw new IllegalArgumentException("n = " + n + " samples cannot fill k = " + k + " folds; need n >= k");
        }
        int[] perm = permutation(n, seed);
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[perm[i]] = i % k;
        }
        return new KFold(fold, k);
    }

    /**
     * {@code k} random folds that keep class proportions: each class's samples are shuffled (seeded) and
     * dealt round-robin, continuing across classes so fold sizes differ by at most one.
     */
    public static KFold stratified(int[] classes, int k, long seed) {
        Checks.atLeast("k", k, 2);
        if (classes == null || classes.length < k) {
            throw new IllegalArgumentException("classes must have at least k = " + k + " entries");
        }
        int n = classes.length;
        int[] perm = permutation(n, seed);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = perm[i];
        }
        // stable sort by class keeps the random order within each class
        Arrays.sort(order, (a, b) -> Integer.compare(classes[a], classes[b]));
        int[] fold = new int[n];
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % k;
        }
        return new KFold(fold, k);
    }

    static int[] permutation(int n, long seed) {
        int[] p = Mat.range(n);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Number of samples. */
    public int size() {
        return fold.length;
    }

    /** Number of folds. */
    public int folds() {
        return k;
    }

    /** The fold of sample {@code i}. */
    public int foldOf(int i) {
        return fold[i];
    }

    /** The fold of every sample (a copy). */
    public int[] labels() {
        return fold.clone();
    }

    private void checkFold(int f) {
        if (f < 0 || f >= k) {
            throw new IllegalArgumentException("fold = " + f + " is outside [0, " + k + ")");
        }
    }

    /** Indices (ascending) of the samples in fold {@code f}. */
    public int[] test(int f) {
        checkFold(f);
        return select(f, true);
    }

    /** Indices (ascending) of the samples outside fold {@code f}. */
    public int[] train(int f) {
        checkFold(f);
        return select(f, false);
    }

    private int[] select(int f, boolean in) {
        int c = 0;
        for (int v : fold) {
            if ((v == f) == in) {
                c++;
            }
        }
        int[] r = new int[c];
        c = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == in) {
                r[c++] = i;
            }
        }
        return r;
    }

    /**
     * Random {@code kInner} folds over the training rows of outer fold {@code f}: sample {@code j} of the
     * result is {@code train(f)[j]}. The test rows of fold {@code f} take no part.
     */
    public KFold inner(int f, int kInner, long seed) {
        return random(train(f).length, kInner, seed);
    }

    /** The rows {@code x[idx[0]], x[idx[1]], ...} (shared row arrays, not copies). */
    public static double[][] rows(double[][] x, int[] idx) {
        double[][] r = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            r[i] = x[idx[i]];
        }
        return r;
    }

    /** The entries {@code y[idx[0]], y[idx[1]], ...}. */
    public static double[] select(double[] y, int[] idx) {
        double[] r = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            r[i] = y[idx[i]];
        }
        return r;
    }

    /** The entries {@code y[idx[0]], y[idx[1]], ...}. */
    public static int[] select(int[] y, int[] idx) {
        int[] r = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            r[i] = y[idx[i]];
        }
        return r;
    }
}
