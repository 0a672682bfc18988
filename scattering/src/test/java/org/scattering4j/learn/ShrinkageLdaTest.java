package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ShrinkageLdaTest {

    /** Classes c = 0..k-1 (labels 5c), Gaussian around random means, shared correlated covariance. */
    private static double[][] sample(int k, int perClass, int p, double sep, long seed, int[] y, long meanSeed) {
        Random m = new Random(meanSeed);
        double[][] means = new double[k][p];
        for (double[] mu : means) {
            for (int j = 0; j < p; j++) {
                mu[j] = sep * m.nextGaussian();
            }
        }
        Random r = new Random(seed);
        double[][] x = new double[k * perClass][p];
        for (int i = 0; i < x.length; i++) {
            int c = i % k;
            y[i] = 5 * c;
            double common = r.nextGaussian();
            for (int j = 0; j < p; j++) {
                // correlated noise: one shared factor plus independent parts of growing size
                x[i][j] = means[c][j] + 2 * common + (1 + 0.1 * j) * r.nextGaussian() + 100;
            }
        }
        return x;
    }

    /** Standardised within-class residuals and class means, computed plainly (population std). */
    private static double[][][] residualsAndMeans(double[][] x, int[] y, int[] classes) {
        int n = x.length;
        int p = x[0].length;
        double[][] z = new double[n][p];
        for (int j = 0; j < p; j++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[j] / n;
            }
            double var = 0;
            for (double[] r : x) {
                var += (r[j] - mean) * (r[j] - mean) / n;
            }
            for (int i = 0; i < n; i++) {
                z[i][j] = (x[i][j] - mean) / Math.sqrt(var);
            }
        }
        double[][] mu = new double[classes.length][p];
        for (int c = 0; c < classes.length; c++) {
            int cnt = 0;
            for (int i = 0; i < n; i++) {
                if (y[i] == classes[c]) {
                    cnt++;
                    for (int j = 0; j < p; j++) {
                        mu[c][j] += z[i][j];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                mu[c][j] /= cnt;
            }
        }
        double[][] res = new double[n][p];
        for (int i = 0; i < n; i++) {
            int c = java.util.Arrays.binarySearch(classes, y[i]);
            for (int j = 0; j < p; j++) {
                res[i][j] = z[i][j] - mu[c][j];
            }
        }
        return new double[][][] {res, mu, z};
    }

    @Test
    void ledoitWolfIntensityFollowsItsDefinition() {
        int[] y = new int[60];
        double[][] x = sample(3, 20, 15, 1.0, 1, y, 2);
        ShrinkageLda m = ShrinkageLda.fit(x, y, ShrinkageLda.Options.defaults());
        double[][] r = residualsAndMeans(x, y, new int[] {0, 5, 10})[0];
        int n = r.length;
        int p = r[0].length;
        // the definition: S = sum r r^T / n, mu = tr S / p, d2 = |S - mu I|^2, b2 = sum |r r^T - S|^2 / n^2,
        // with |A|^2 = tr(A A^T) / p; intensity min(b2, d2) / d2
        double[][] s = new double[p][p];
        for (double[] ri : r) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    s[a][b] += ri[a] * ri[b] / n;
                }
            }
        }
        double mu = 0;
        for (int a = 0; a < p; a++) {
            mu += s[a][a] / p;
        }
        double d2 = 0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                double v = s[a][b] - (a == b ? mu : 0);
                d2 += v * v / p;
            }
        }
        double b2 = 0;
        for (double[] ri : r) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    double v = ri[a] * ri[b] - s[a][b];
                    b2 += v * v / p / ((double) n * n);
                }
            }
        }
        double expected = Math.min(b2, d2) / d2;
        assertTrue(expected > 0.01 && expected < 0.99, "a test case with real shrinkage: " + expected);
        assertEquals(expected, m.shrinkage(), 1e-12);
    }

    @Test
    void discriminantsMatchADirectInverseWithAFixedShrinkage() {
        int[] y = new int[40];
        double[][] x = sample(4, 10, 5, 1.0, 3, y, 4);
        int[] classes = {0, 5, 10, 15};
        double s = 0.3;
        ShrinkageLda m = ShrinkageLda.fit(x, y, ShrinkageLda.Options.defaults().shrinkage(s));
        double[][][] rm = residualsAndMeans(x, y, classes);
        double[][] r = rm[0];
        double[][] mu = rm[1];
        double[][] z = rm[2];
        int n = r.length;
        int p = r[0].length;
        double[][] a = new double[p][2 * p];
        double tr = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                for (double[] ri : r) {
                    a[i][j] += ri[i] * ri[j] / n;
                }
            }
            tr += a[i][i];
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                a[i][j] = (1 - s) * a[i][j] + (i == j ? s * tr / p : 0);
            }
            a[i][p + i] = 1;
        }
        // Gauss-Jordan inverse
        for (int c = 0; c < p; c++) {
            double piv = a[c][c];
            for (int j = 0; j < 2 * p; j++) {
                a[c][j] /= piv;
            }
            for (int i = 0; i < p; i++) {
                if (i != c) {
                    double f = a[i][c];
                    for (int j = 0; j < 2 * p; j++) {
                        a[i][j] -= f * a[c][j];
                    }
                }
            }
        }
        for (int i = 0; i < n; i += 7) {
            double[] got = m.scores(x[i]);
            for (int c = 0; c < classes.length; c++) {
                double lin = 0;
                double quad = 0;
                for (int j = 0; j < p; j++) {
                    double w = 0;
                    for (int k = 0; k < p; k++) {
                        w += a[j][p + k] * mu[c][k];
                    }
                    lin += z[i][j] * w;
                    quad += mu[c][j] * w;
                }
                double expected = lin - 0.5 * quad + Math.log(0.25);
                assertEquals(expected, got[c], 1e-9 * (1 + Math.abs(expected)), "row " + i + " class " + c);
            }
        }
    }

    @Test
    void separatesClassesWithFewRowsPerClassAndSurvivesItsMap() {
        int p = 60;
        int[] y = new int[5 * 12];
        double[][] x = sample(5, 12, p, 1.5, 5, y, 6);
        int[] yt = new int[5 * 100];
        double[][] xt = sample(5, 100, p, 1.5, 7, yt, 6);
        ShrinkageLda m = ShrinkageLda.fit(x, y, ShrinkageLda.Options.defaults());
        assertTrue(m.shrinkage() > 0 && m.shrinkage() < 1, "s = " + m.shrinkage());
        double acc = Metrics.accuracy(yt, m.predict(xt));
        // 12 rows per class and 60 columns: the unshrunk pooled covariance (48 degrees of freedom) is singular
        assertThrows(IllegalArgumentException.class,
                () -> ShrinkageLda.fit(x, y, ShrinkageLda.Options.defaults().shrinkage(0)));
        // the shared noise factor is what the covariance model buys: nearest standardised mean (s = 1) ignores it
        double nearest = Metrics.accuracy(yt, ShrinkageLda.fit(x, y, ShrinkageLda.Options.defaults().shrinkage(1))
                .predict(xt));
        assertTrue(acc > 0.8 && acc > nearest + 0.1, "accuracy " + acc + ", nearest mean " + nearest);
        Classifier back = Models.classifierFromMap(Synthetic.viaJson(m.toMap()));
        assertArrayEquals(m.predict(xt), back.predict(xt));
        assertArrayEquals(new int[] {0, 5, 10, 15, 20}, back.classes());
    }

    @Test
    void constantColumnsAreIgnored() {
        int[] y = new int[40];
        double[][] x = sample(2, 20, 4, 2.0, 8, y, 9);
        double[][] wide = new double[x.length][5];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, wide[i], 0, 4);
            wide[i][4] = 7.5;
        }
        ShrinkageLda a = ShrinkageLda.fit(x, y, ShrinkageLda.Options.defaults());
        ShrinkageLda b = ShrinkageLda.fit(wide, y, ShrinkageLda.Options.defaults());
        assertArrayEquals(a.predict(x), b.predict(wide));
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        int[] y = new int[20];
        double[][] x = sample(2, 10, 3, 1.0, 10, y, 11);
        int[] one = new int[20];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShrinkageLda.fit(x, one, ShrinkageLda.Options.defaults()));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ShrinkageLda.fit(new double[][] {{1}, {2}}, new int[] {0, 1}, ShrinkageLda.Options.defaults()));
        assertTrue(e.getMessage().contains("more rows than classes"), e.getMessage());
        double[][] nan = x.clone();
        nan[3] = new double[] {1, Double.NaN, 2};
        assertThrows(IllegalArgumentException.class, () -> ShrinkageLda.fit(nan, y, ShrinkageLda.Options.defaults()));
        assertThrows(IllegalArgumentException.class, () -> ShrinkageLda.Options.defaults().shrinkage(1.5));
        assertThrows(IllegalArgumentException.class, () -> ShrinkageLda.fit(x, new int[3], ShrinkageLda.Options.defaults()));
        double[][] flat = new double[4][2];
        for (int i = 0; i < 4; i++) {
            flat[i][0] = i < 2 ? 1 : 3;
            flat[i][1] = i < 2 ? 2 : 5;
        }
        e = assertThrows(IllegalArgumentException.class,
                () -> ShrinkageLda.fit(flat, new int[] {0, 0, 1, 1}, ShrinkageLda.Options.defaults()));
        assertTrue(e.getMessage().contains("within-class"), e.getMessage());
        ShrinkageLda m = ShrinkageLda.fit(x, y, ShrinkageLda.Options.defaults());
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[2]));
    }
}
