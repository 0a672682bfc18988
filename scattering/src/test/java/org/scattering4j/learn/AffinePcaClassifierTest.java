package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AffinePcaClassifierTest {
    private static final int P = 12;
    private static final int D = 2;

    /** Class c lives on mu_c + span(B_c) (D-dimensional) plus tiny noise; means are close together. */
    private static double[][][] spaces(long seed) {
        Random r = new Random(seed);
        double[][][] s = new double[3][D + 1][P];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k <= D; k++) {
                for (int j = 0; j < P; j++) {
                    s[c][k][j] = k == 0 ? 0.3 * r.nextGaussian() : r.nextGaussian();
                }
            }
        }
        return s;
    }

    private static double[][] sample(double[][][] s, int n, long seed, int[] y) {
        Random r = new Random(seed);
        double[][] x = new double[n][P];
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            y[i] = c * 10;
            for (int j = 0; j < P; j++) {
                x[i][j] = s[c][0][j] + 0.01 * r.nextGaussian();
            }
            for (int k = 1; k <= D; k++) {
                double t = 3 * r.nextGaussian();
                for (int j = 0; j < P; j++) {
                    x[i][j] += t * s[c][k][j];
                }
            }
        }
        return x;
    }

    @Test
    void classifiesPointsOnAffineSubspacesAndFindsTheirDimension() {
        double[][][] s = spaces(21);
        int[] y = new int[240];
        double[][] x = sample(s, 240, 22, y);
        int[] yt = new int[150];
        double[][] xt = sample(s, 150, 23, yt);
        AffinePcaClassifier m = AffinePcaClassifier.fit(x, y, AffinePcaClassifier.Options.defaults().maxDimension(6));
        assertTrue(m.dimension() >= D, "d = " + m.dimension());
        assertEquals(1.0, Metrics.accuracy(yt, m.predict(xt)), 0);
        AffinePcaClassifier nearestMean = AffinePcaClassifier.fit(x, y,
                AffinePcaClassifier.Options.defaults().fixedDimension(0));
        assertTrue(Metrics.accuracy(yt, nearestMean.predict(xt)) < 0.8);
        // a point exactly on class 10's space is at distance ~0 from it
        double[] onSpace = new double[P];
        for (int j = 0; j < P; j++) {
            onSpace[j] = s[1][0][j] + 2 * s[1][1][j] - s[1][2][j];
        }
        AffinePcaClassifier exact = AffinePcaClassifier.fit(x, y, AffinePcaClassifier.Options.defaults().fixedDimension(D));
        assertEquals(0, exact.distances(onSpace)[1], 1e-2);
        assertEquals(10, exact.predict(onSpace));
    }

    @Test
    void wideClassesUseTheGramMatrixPath() {
        // fewer rows per class than features: the directions come from the n_c x n_c Gram matrix
        double[][][] s = spaces(24);
        int[] y = new int[21];
        double[][] x = sample(s, 21, 25, y);
        AffinePcaClassifier m = AffinePcaClassifier.fit(x, y, AffinePcaClassifier.Options.defaults().fixedDimension(D));
        int[] yt = new int[60];
        double[][] xt = sample(s, 60, 26, yt);
        assertEquals(1.0, Metrics.accuracy(yt, m.predict(xt)), 0);
    }

    @Test
    void roundTripAndBadInput() {
        double[][][] s = spaces(27);
        int[] y = new int[60];
        double[][] x = sample(s, 60, 28, y);
        AffinePcaClassifier m = AffinePcaClassifier.fit(x, y, AffinePcaClassifier.Options.defaults().maxDimension(3));
        Classifier back = Models.classifierFromMap(Synthetic.viaJson(m.toMap()));
        assertArrayEquals(m.predict(x), back.predict(x));
        assertArrayEquals(m.distances(x[0]), ((AffinePcaClassifier) back).distances(x[0]), 0);
        assertThrows(IllegalArgumentException.class, () -> AffinePcaClassifier.Options.defaults().maxDimension(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AffinePcaClassifier.fit(new double[][] {{1, Double.POSITIVE_INFINITY}, {1, 2}}, new int[] {0, 1},
                        AffinePcaClassifier.Options.defaults()));
        assertTrue(e.getMessage().contains("x[0][1] = Infinity"), e.getMessage());
    }

    @Test
    void subspaceIterationMatchesTheDenseEigendecomposition() {
        // 400 x 300 centred rows with singular values 100 / (1 + i)^0.7: no big gaps, as in real features
        int n = 400;
        int p = 300;
        int d = 10;
        Random r = new Random(31);
        org.ejml.data.DMatrixRMaj u = org.ejml.dense.row.RandomMatrices_DDRM.orthogonal(n, p, r);
        org.ejml.data.DMatrixRMaj v = org.ejml.dense.row.RandomMatrices_DDRM.orthogonal(p, p, r);
        org.ejml.data.DMatrixRMaj xc = new org.ejml.data.DMatrixRMaj(n, p);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double a = 0;
                for (int k = 0; k < p; k++) {
                    a += u.get(i, k) * 100 / Math.pow(1 + k, 0.7) * v.get(j, k);
                }
                xc.set(i, j, a);
            }
        }
        assertTrue((d + AffinePcaClassifier.OVERSAMPLE) * 8 <= Math.min(n, p), "principal() must take the iterative path");
        double[] fast = AffinePcaClassifier.principal(xc, d);
        double[] dense = AffinePcaClassifier.principalDense(xc, d);
        assertEquals(d * p, fast.length);
        assertEquals(d * p, dense.length);
        for (int s = 0; s < d; s++) {
            // same direction up to sign, and unit norm
            double dot = 0;
            double norm = 0;
            for (int j = 0; j < p; j++) {
                dot += fast[s * p + j] * dense[s * p + j];
                norm += fast[s * p + j] * fast[s * p + j];
            }
            assertEquals(1, norm, 1e-12);
            assertEquals(1, Math.abs(dot), 1e-6, "direction " + s);
            // exact singular direction: v[:, s] up to sign
            double exact = 0;
            for (int j = 0; j < p; j++) {
                exact += fast[s * p + j] * v.get(j, s);
            }
            assertEquals(1, Math.abs(exact), 1e-6, "direction " + s + " vs the constructed one");
        }
        // a too-loose iteration budget is visibly worse: the check above can fail
        double[] rough = AffinePcaClassifier.principalIterative(xc, d, 0, 1);
        double worst = 1;
        for (int s = 0; s < d; s++) {
            double dot = 0;
            for (int j = 0; j < p; j++) {
                dot += rough[s * p + j] * v.get(j, s);
            }
            worst = Math.min(worst, Math.abs(dot));
        }
        assertTrue(worst < 1 - 1e-6, "one iteration should not already converge: " + worst);
    }

    /** Noisy rows (3 classes 0, 10, 20) whose class spaces are not exactly low-dimensional, so d matters. */
    private static double[][] noisy(int n, long seed, int[] y) {
        double[][] x = sample(spaces(31), n, seed, y);
        Random r = new Random(seed + 1);
        for (double[] row : x) {
            for (int j = 0; j < P; j++) {
                row[j] += 0.8 * r.nextGaussian() * (j % 3 + 1) / 3;
            }
        }
        return x;
    }

    @Test
    void streamedCovarianceSpacesMatchTheDirectPrincipalDirections() {
        int[] y = new int[300];
        double[][] x = noisy(300, 41, y);
        int d = 4;
        AffinePcaClassifier m = AffinePcaClassifier.fit(x, y, AffinePcaClassifier.Options.defaults().fixedDimension(d));
        int[] yt = new int[60];
        double[][] xt = noisy(60, 42, yt);
        for (int c = 0; c < 3; c++) {
            // direct: class mean, centred rows, dense eigendecomposition of the Gram / covariance matrix
            int cc = c;
            int[] rows = java.util.stream.IntStream.range(0, 300).filter(i -> y[i] == cc * 10).toArray();
            double[] mu = Mat.columnMeans(x, rows);
            double[] dirs = AffinePcaClassifier.principalDense(Mat.rows(x, rows, mu), d);
            for (double[] row : xt) {
                double s2 = 0;
                double[] diff = new double[P];
                for (int j = 0; j < P; j++) {
                    diff[j] = row[j] - mu[j];
                    s2 += diff[j] * diff[j];
                }
                for (int k = 0; k < d; k++) {
                    double pr = Mat.dot(dirs, k * P, diff, 0, P);
                    s2 -= pr * pr;
                }
                assertEquals(s2, m.distances(row)[c], 1e-9 * (1 + s2));
            }
        }
        assertArrayEquals(m.predict(xt), java.util.Arrays.stream(xt).mapToInt(m::predict).toArray(),
                "blocked predict(x) must agree with predict(row)");
    }

    @Test
    void builderScoresOnlyValidationRowsAgainstSpacesFittedWithoutTheirFold() {
        // hold-out: fold 0 = training rows (plus shifted copies), fold 1 = validation rows only
        int[] y = new int[240];
        double[][] x = noisy(240, 51, y);
        int[] yv = new int[90];
        double[][] xv = noisy(90, 52, yv);
        int dMax = 6;
        AffinePcaClassifier.Builder b = new AffinePcaClassifier.Builder(P, new int[] {20, 0, 10}, 2);
        AffinePcaClassifier.Builder fixedTraining = new AffinePcaClassifier.Builder(P, new int[] {0, 10, 20}, 1);
        for (int i = 0; i < x.length; i++) {
            double[] copy = x[i].clone();
            copy[0] += 0.5; // a "deformed" copy: training only
            for (double[] r : new double[][] {x[i], copy}) {
                b.addTraining(r, y[i], 0);
                fixedTraining.addTraining(r, y[i], 0);
            }
        }
        for (int i = 0; i < xv.length; i++) {
            b.addValidation(xv[i], yv[i], 1);
        }
        AffinePcaClassifier m = b.fit(AffinePcaClassifier.Options.defaults().maxDimension(dMax));
        double[] cv = m.cvError();
        assertEquals(dMax + 1, cv.length);
        int best = 0;
        for (int d = 0; d <= dMax; d++) {
            AffinePcaClassifier direct = fixedTraining.fit(AffinePcaClassifier.Options.defaults().fixedDimension(d));
            int[] pred = direct.predict(xv);
            int errors = 0;
            for (int i = 0; i < xv.length; i++) {
                errors += pred[i] != yv[i] ? 1 : 0;
            }
            assertEquals(errors / 90.0, cv[d], 1e-12, "validation error at d = " + d);
            if (errors / 90.0 < cv[best]) {
                best = d;
            }
        }
        assertEquals(best, m.dimension(), "the smallest d with the fewest validation errors");
        assertTrue(cv[0] > cv[m.dimension()], "d must matter on this data: " + java.util.Arrays.toString(cv));
    }

    @Test
    void builderRejectsBadInput() {
        AffinePcaClassifier.Builder b = new AffinePcaClassifier.Builder(3, new int[] {0, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.addTraining(new double[] {1, 2, 3}, 7, 0));
        assertTrue(e.getMessage().contains("label 7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.addTraining(new double[] {1, 2, 3}, 0, 2));
        assertTrue(e.getMessage().contains("fold = 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.addTraining(new double[] {1, 2}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> b.addValidation(new double[] {1, 2, Double.NaN}, 0, 0));
        b.addTraining(new double[] {1, 2, 3}, 0, 0);
        e = assertThrows(IllegalArgumentException.class,
                () -> b.fit(AffinePcaClassifier.Options.defaults().fixedDimension(1)));
        assertTrue(e.getMessage().contains("class 1 has no training rows"), e.getMessage());
        b.addTraining(new double[] {3, 2, 1}, 1, 0);
        e = assertThrows(IllegalArgumentException.class,
                () -> b.fit(AffinePcaClassifier.Options.defaults().maxDimension(2)));
        assertTrue(e.getMessage().contains("validation rows"), e.getMessage());
        AffinePcaClassifier.Builder one = new AffinePcaClassifier.Builder(3, new int[] {0, 1}, 1);
        assertThrows(IllegalArgumentException.class, () -> one.addValidation(new double[] {1, 2, 3}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new AffinePcaClassifier.Builder(3, new int[] {4, 4}, 2));
        assertThrows(IllegalArgumentException.class, () -> new AffinePcaClassifier.Builder(0, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new AffinePcaClassifier.Builder(3, new int[] {0, 1}, 0));
    }

    @Test
    void fewRowsPerClassTakeTheDataBlockRouteWithTheSameSpaces() {
        // 3 classes x 9 rows < p = 12 features: fit() uses the Gram path; the Builder always uses covariances
        int[] y = new int[27];
        double[][] x = noisy(27, 61, y);
        int d = 3;
        AffinePcaClassifier gram = AffinePcaClassifier.fit(x, y, AffinePcaClassifier.Options.defaults().fixedDimension(d));
        AffinePcaClassifier.Builder b = new AffinePcaClassifier.Builder(P, new int[] {0, 10, 20}, 1);
        for (int i = 0; i < x.length; i++) {
            b.addTraining(x[i], y[i], 0);
        }
        AffinePcaClassifier cov = b.fit(AffinePcaClassifier.Options.defaults().fixedDimension(d));
        int[] yt = new int[30];
        double[][] xt = noisy(30, 62, yt);
        for (double[] row : xt) {
            double[] a = gram.distances(row);
            double[] c = cov.distances(row);
            for (int k = 0; k < 3; k++) {
                assertEquals(a[k], c[k], 1e-9 * (1 + a[k]));
            }
        }
    }
}
