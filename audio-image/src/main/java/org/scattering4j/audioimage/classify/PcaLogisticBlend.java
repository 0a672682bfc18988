package org.scattering4j.audioimage.classify;

import java.util.Arrays;
import org.scattering4j.learn.AffinePcaClassifier;
import org.scattering4j.learn.LogisticRegression;
import org.scattering4j.util.Parallel;

/**
 * Two fitted classifiers of the same items combined by one score per class: the affine PCA classifier's
 * squared distance to the class space, in units of a typical distance, weighted, plus the logistic
 * regression's negative log-probability; the class of smallest score wins. The two models may read
 * different features of an item (a PCA row and a logistic row):
 *
 * <pre>
 *   score_c(x) = weight * dist_c(x) / scale - log p_c(x),   scale = median over reference rows of min_c dist_c
 * </pre>
 *
 * <p>Why: the two models err on different digits (a distance to a class's linear model against a linear
 * boundary between all classes; on MNIST more so when they read differently sampled scattering grids), and
 * dividing by a typical distance puts the two terms on comparable scales
 * whatever the feature scaling. With {@code weight} large the blend is the PCA classifier, with it near 0 the
 * logistic regression. Immutable and thread-safe.
 *
 * <pre>{@code
 * PcaLogisticBlend b = PcaLogisticBlend.of(pca, logistic, 3, trainingRowsSample);
 * int[] predicted = b.predict(testPcaRows, testLogisticRows);
 * }</pre>
 */
public final class PcaLogisticBlend {
    /** Probabilities are clamped here before the log, so a zero probability gives a large finite score. */
    private static final double MIN_PROBABILITY = 1e-300;

    private final AffinePcaClassifier pca;
    private final LogisticRegression logistic;
    private final double weight;
    private final double scale;
    private final int[] classes;

    private PcaLogisticBlend(AffinePcaClassifier pca, LogisticRegression logistic, double weight, double scale) {
        this.pca = pca;
        this.logistic = logistic;
        this.weight = weight;
        this.scale = scale;
        this.classes = pca.classes();
    }

    /**
     * The blend of two models fitted on the same classes, its scale the median over {@code reference} (PCA
     * rows, at least one, e.g. a sample of the training rows; not kept or modified) of each row's smallest PCA
     * class distance.
     *
     * @param weight weight of the scaled PCA distance, finite and &gt; 0
     */
    public static PcaLogisticBlend of(AffinePcaClassifier pca, LogisticRegression logistic, double weight,
            double[][] reference) {
        if (!Arrays.equals(pca.classes(), logistic.classes())) {
            throw new IllegalArgumentException("classes differ: affine PCA " + Arrays.toString(pca.classes())
                    + ", logistic regression " + Arrays.toString(logistic.classes()));
        }
        if (!(weight > 0 && weight < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("weight = " + weight + " is out of range: allowed finite > 0");
        }
        if (reference.length == 0) {
            throw new IllegalArgumentException("reference holds 0 rows; at least 1 is needed for the scale");
        }
        double[] nearest = new double[reference.length];
        Parallel.forEach(reference.length, () -> null, (i, ws) -> nearest[i] = min(pca.distances(reference[i])));
        double scale = median(nearest);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("median smallest PCA distance of the reference rows is " + scale
                    + "; it must be > 0 (the rows lie on the class spaces)");
        }
        return new PcaLogisticBlend(pca, logistic, weight, scale);
    }

    /**
     * The score of each class for one item, in the order of {@link #classes()}; smallest wins.
     *
     * @param pcaRow the item's features as the PCA model reads them
     * @param logisticRow the same item's features as the logistic regression reads them
     */
    public double[] scores(double[] pcaRow, double[] logisticRow) {
        double[] d = pca.distances(pcaRow);
        double[] p = logistic.predictProba(logisticRow);
        for (int c = 0; c < d.length; c++) {
            d[c] = weight * d[c] / scale - Math.log(Math.max(p[c], MIN_PROBABILITY));
        }
        return d;
    }

    /** Predicted label of one item (its two rows as in {@link #scores}). */
    public int predict(double[] pcaRow, double[] logisticRow) {
        double[] s = scores(pcaRow, logisticRow);
        int best = 0;
        for (int c = 1; c < s.length; c++) {
            if (s[c] < s[best]) {
                best = c;
            }
        }
        return classes[best];
    }

    /** Predicted labels of every item (row i of both arrays), items spread over the {@link Parallel} threads. */
    public int[] predict(double[][] pcaRows, double[][] logisticRows) {
        if (pcaRows.length != logisticRows.length) {
            throw new IllegalArgumentException("pcaRows holds " + pcaRows.length + " rows, logisticRows "
                    + logisticRows.length + "; they must be the same items");
        }
        int[] r = new int[pcaRows.length];
        Parallel.forEach(r.length, () -> null, (i, ws) -> r[i] = predict(pcaRows[i], logisticRows[i]));
        return r;
    }

    /** The class labels, ascending (a copy). */
    public int[] classes() {
        return classes.clone();
    }

    /** The weight of the scaled PCA distance. */
    public double weight() {
        return weight;
    }

    /** The typical distance the PCA distances are divided by. */
    public double scale() {
        return scale;
    }

    private static double min(double[] v) {
        double m = v[0];
        for (double a : v) {
            m = Math.min(m, a);
        }
        return m;
    }

    /** Median (mean of the two middle values for an even count) of a copy of {@code v}. */
    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
