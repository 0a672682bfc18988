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
}
