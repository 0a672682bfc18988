package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.util.Parallel;

class LogisticRegressionTest {
    /** Gaussian blobs around class centres; returns labels into {@code y}. */
    static double[][] blobs(int n, int p, int[] labels, double spread, long seed, int[] y) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            int c = i % labels.length;
            y[i] = labels[c];
            for (int j = 0; j < p; j++) {
                double centre = j == c ? 4 : 0;
                x[i][j] = centre + spread * r.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        int n = 1100; // more than one chunk, so the chunked sum is exercised
        int p = 4;
        int k = 3;
        Random r = new Random(5);
        double[] z = new double[n * p];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
            for (int j = 0; j < p; j++) {
                z[i * p + j] = r.nextGaussian() + (j == y[i] ? 1 : 0);
            }
        }
        LogisticRegression.Objective obj = new LogisticRegression.Objective(z, y, p, k);
        double[] theta = new double[k * p + k];
        for (int j = 0; j < theta.length; j++) {
            theta[j] = 0.5 * r.nextGaussian();
        }
        double c = 0.7;
        double[] g = new double[theta.length];
        obj.valueAndGradient(theta, g, c);
        double h = 1e-6;
        double[] tmp = new double[theta.length];
        for (int j = 0; j < theta.length; j++) {
            double[] tp = theta.clone();
            double[] tm = theta.clone();
            tp[j] += h;
            tm[j] -= h;
            double fd = (obj.valueAndGradient(tp, tmp, c) - obj.valueAndGradient(tm, tmp, c)) / (2 * h);
            assertEquals(fd, g[j], 1e-8 * Math.max(1, Math.abs(fd)), "component " + j);
        }
    }

    @Test
    void separableBlobsAreClassifiedPerfectlyWithArbitraryLabels() {
        int[] labels = {-5, 2, 9};
        int[] y = new int[300];
        double[][] x = blobs(300, 5, labels, 0.5, 11, y);
        int[] yt = new int[150];
        double[][] xt = blobs(150, 5, labels, 0.5, 12, yt);
        LogisticRegression m = LogisticRegression.fit(x, y, LogisticRegression.Options.defaults().seed(3));
        assertArrayEquals(labels, m.classes());
        assertEquals(1.0, Metrics.accuracy(yt, m.predict(xt)), 0);
        double[] pr = m.predictProba(xt[0]);
        assertEquals(1.0, pr[0] + pr[1] + pr[2], 1e-12);
        assertEquals(5, m.cvAccuracy().length);
    }

    @Test
    void overlappingClassesGetCalibratedProbabilities() {
        // two 1-D Gaussians N(-1,1), N(1,1): the Bayes posterior is sigmoid(2x)
        Random r = new Random(13);
        int n = 4000;
        double[][] x = new double[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i][0] = (y[i] == 1 ? 1 : -1) + r.nextGaussian();
        }
        LogisticRegression m = LogisticRegression.fit(x, y, LogisticRegression.Options.defaults().cs(100));
        for (double t : new double[] {-1, 0, 0.5}) {
            double bayes = 1 / (1 + Math.exp(-2 * t));
            assertEquals(bayes, m.predictProba(new double[] {t})[1], 0.05);
        }
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        int[] y = new int[1500];
        double[][] x = blobs(1500, 6, new int[] {0, 1, 2, 3}, 1.5, 14, y);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            LogisticRegression a = LogisticRegression.fit(x, y, LogisticRegression.Options.defaults().cs(1));
            Parallel.setThreads(2);
            LogisticRegression b = LogisticRegression.fit(x, y, LogisticRegression.Options.defaults().cs(1));
            assertArrayEquals(a.weights(), b.weights(), 0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void roundTripAndBadInput() {
        int[] y = new int[60];
        double[][] x = blobs(60, 3, new int[] {0, 1}, 1.0, 15, y);
        LogisticRegression m = LogisticRegression.fit(x, y, LogisticRegression.Options.defaults().cs(1));
        Classifier back = Models.classifierFromMap(Synthetic.viaJson(m.toMap()));
        assertArrayEquals(m.predict(x), back.predict(x));
        assertArrayEquals(m.predictProba(x[3]), ((LogisticRegression) back).predictProba(x[3]), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, new int[60], LogisticRegression.Options.defaults()));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> LogisticRegression.fit(x, new int[59], LogisticRegression.Options.defaults()));
        assertThrows(IllegalArgumentException.class, () -> LogisticRegression.Options.defaults().cs(0));
    }
}
