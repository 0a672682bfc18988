package org.scattering4j.audioimage.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.learn.AffinePcaClassifier;
import org.scattering4j.learn.LogisticRegression;

class PcaLogisticBlendTest {
    /** Three overlapping Gaussian classes in 6 dimensions, labels 2, 5, 7, class k's mean along axis k. */
    private static final int[] LABELS = {2, 5, 7};

    private static double[][] rows(int n, Random r, int[] y) {
        double[][] x = new double[n][6];
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            y[i] = LABELS[k];
            for (int j = 0; j < 6; j++) {
                x[i][j] = r.nextGaussian() * (j == 3 + k ? 2 : 1);
            }
            x[i][k] += 1.5;
        }
        return x;
    }

    private static AffinePcaClassifier pca(double[][] x, int[] y) {
        return AffinePcaClassifier.fit(x, y, AffinePcaClassifier.Options.defaults().fixedDimension(1));
    }

    private static LogisticRegression logistic(double[][] x, int[] y) {
        return LogisticRegression.fit(x, y, LogisticRegression.Options.defaults().cs(1));
    }

    @Test
    void scoresAreTheWeightedScaledDistanceMinusTheLogProbability() {
        Random r = new Random(5);
        int[] y = new int[300];
        double[][] x = rows(300, r, y);
        AffinePcaClassifier pca = pca(x, y);
        LogisticRegression lr = logistic(x, y);
        double[][] ref = Arrays.copyOf(x, 7); // odd count: the median is the middle value
        double[][] refCopy = new double[7][];
        for (int i = 0; i < 7; i++) {
            refCopy[i] = ref[i].clone();
        }
        PcaLogisticBlend b = PcaLogisticBlend.of(pca, lr, 2.5, ref);
        for (int i = 0; i < 7; i++) {
            assertArrayEquals(refCopy[i], ref[i], 0, "reference rows are not modified");
        }
        double[] nearest = new double[7];
        for (int i = 0; i < 7; i++) {
            nearest[i] = Arrays.stream(pca.distances(ref[i])).min().getAsDouble();
        }
        Arrays.sort(nearest);
        assertEquals(nearest[3], b.scale(), 0);
        assertEquals(2.5, b.weight(), 0);
        assertArrayEquals(LABELS, b.classes());
        int[] ty = new int[60];
        double[][] test = rows(60, new Random(6), ty);
        double[][] test2 = new double[test.length][];
        for (int i = 0; i < test.length; i++) {
            test2[i] = Arrays.copyOf(test[i], 5); // the logistic model reads other features of the item
        }
        LogisticRegression lr5 = logistic(Arrays.stream(x).map(v -> Arrays.copyOf(v, 5)).toArray(double[][]::new), y);
        PcaLogisticBlend b5 = PcaLogisticBlend.of(pca, lr5, 2.5, ref);
        int[] batch5 = b5.predict(test, test2);
        for (int i = 0; i < test.length; i++) {
            double[] d = pca.distances(test[i]);
            double[] p = lr5.predictProba(test2[i]);
            double[] s = b5.scores(test[i], test2[i]);
            int best = 0;
            for (int c = 0; c < 3; c++) {
                double want = 2.5 * d[c] / nearest[3] - Math.log(p[c]);
                assertEquals(want, s[c], 1e-12 * (1 + Math.abs(want)), "two feature sets, row " + i + " class " + c);
                best = s[c] < s[best] ? c : best;
            }
            assertEquals(LABELS[best], batch5[i], "two feature sets, batch, row " + i);
        }
        int[] batch = b.predict(test, test);
        for (int i = 0; i < test.length; i++) {
            double[] d = pca.distances(test[i]);
            double[] p = lr.predictProba(test[i]);
            double[] s = b.scores(test[i], test[i]);
            int best = 0;
            for (int c = 0; c < 3; c++) {
                double want = 2.5 * d[c] / nearest[3] - Math.log(p[c]);
                assertEquals(want, s[c], 1e-12 * (1 + Math.abs(want)), "row " + i + " class " + c);
                best = s[c] < s[best] ? c : best;
            }
            assertEquals(LABELS[best], b.predict(test[i], test[i]), "row " + i);
            assertEquals(LABELS[best], batch[i], "batch, row " + i);
        }
    }

    @Test
    void aHeavyWeightIsThePcaClassifierAndATinyOneTheLogisticRegression() {
        Random r = new Random(8);
        int[] y = new int[240];
        double[][] x = rows(240, r, y);
        AffinePcaClassifier pca = pca(x, y);
        LogisticRegression lr = logistic(x, y);
        int[] ty = new int[300];
        double[][] test = rows(300, new Random(9), ty);
        assertArrayEquals(pca.predict(test), PcaLogisticBlend.of(pca, lr, 1e9, x).predict(test, test));
        assertArrayEquals(lr.predict(test), PcaLogisticBlend.of(pca, lr, 1e-9, x).predict(test, test));
        assertEquals(2.5, PcaLogisticBlend.median(new double[] {4, 1, 3, 2}), 0); // even count: middle pair
    }

    @Test
    void mismatchedModelsAndBadArgumentsAreRejected() {
        Random r = new Random(10);
        int[] y = new int[90];
        double[][] x = rows(90, r, y);
        AffinePcaClassifier pca = pca(x, y);
        LogisticRegression lr = logistic(x, y);
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PcaLogisticBlend.of(pca, lr, bad, x));
            assertTrue(e.getMessage().contains("weight = " + bad), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PcaLogisticBlend.of(pca, lr, 1, new double[0][]));
        assertTrue(e.getMessage().contains("0 rows"), e.getMessage());
        // two classes only: different class lists
        int[] y2 = y.clone();
        for (int i = 0; i < y2.length; i++) {
            y2[i] = y2[i] == 7 ? 5 : y2[i];
        }
        e = assertThrows(IllegalArgumentException.class, () -> PcaLogisticBlend.of(pca, logistic(x, y2), 1, x));
        assertTrue(e.getMessage().contains("classes differ"), e.getMessage());
        PcaLogisticBlend b = PcaLogisticBlend.of(pca, lr, 1, x);
        e = assertThrows(IllegalArgumentException.class, () -> b.predict(x, Arrays.copyOf(x, 89)));
        assertTrue(e.getMessage().contains("same items"), e.getMessage());

    }
}
