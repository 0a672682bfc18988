package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class OrthogonalLeastSquaresTest {
    private static double[] sparseTruth(int p) {
        double[] w = new double[p];
        w[3] = 2.0;
        w[11] = -1.5;
        w[17] = 0.7;
        w[29] = 3.0;
        w[40] = -0.4;
        return w;
    }

    @Test
    void recoversSparseModelExactlyWithBagging() {
        double[][] x = Synthetic.gaussian(200, 50, 31);
        double[] w = sparseTruth(50);
        double[] y = Synthetic.linear(x, w, 4.0, 0, 0);
        OrthogonalLeastSquares m = OrthogonalLeastSquares.fit(x, y,
                OrthogonalLeastSquares.Options.defaults().maxTerms(15).bags(5).seed(3));
        assertEquals(5, m.terms());
        assertArrayEquals(new int[] {3, 11, 17, 29, 40}, m.support());
        assertArrayEquals(w, m.coefficients(), 1e-10);
        assertEquals(4.0, m.intercept(), 1e-10);
    }

    /** Slow twin: at every step refit least squares for each candidate and keep the smallest RSS. */
    private static int[] bruteForceOrder(double[][] x, double[] y, int steps) {
        int p = x[0].length;
        int[] sel = new int[steps];
        boolean[] used = new boolean[p];
        for (int s = 0; s < steps; s++) {
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < p; k++) {
                if (used[k]) {
                    continue;
                }
                double[][] sub = new double[x.length][s + 1];
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < s; j++) {
                        sub[i][j] = x[i][sel[j]];
                    }
                    sub[i][s] = x[i][k];
                }
                OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
                ols.newSampleData(y, sub);
                double rss = ols.calculateResidualSumOfSquares();
                if (rss < best) {
                    best = rss;
                    sel[s] = k;
                }
            }
            used[sel[s]] = true;
        }
        return sel;
    }

    @Test
    void greedyPathMatchesBruteForceSelectionAndLeastSquaresCoefficients() {
        double[][] x = Synthetic.gaussian(60, 12, 41);
        double[] y = Synthetic.linear(x, new double[] {1, -2, 0.5, 0, 0, 1.5, 0, 0.2, 0, 0, -0.8, 0}, 1, 0.5, 42);
        int n = x.length;
        int[] all = Mat.range(n);
        DMatrixRMaj xs = Mat.rows(x, all, Mat.columnMeans(x, all));
        OrthogonalLeastSquares.Path path = new OrthogonalLeastSquares.Path(Moments.of(xs, y, all), 6);
        int[] twin = bruteForceOrder(x, y, 6);
        assertArrayEquals(twin, path.sel);

        OrthogonalLeastSquares m = OrthogonalLeastSquares.fit(x, y,
                OrthogonalLeastSquares.Options.defaults().fixedTerms(4).bags(1).bagFraction(1));
        double[][] sub = new double[n][4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 4; j++) {
                sub[i][j] = x[i][twin[j]];
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, sub);
        double[] beta = ols.estimateRegressionParameters();
        assertEquals(beta[0], m.intercept(), 1e-10);
        for (int j = 0; j < 4; j++) {
            assertEquals(beta[j + 1], m.coefficients()[twin[j]], 1e-10);
        }
        assertEquals(4, m.support().length);
    }

    @Test
    void baggedModelIsTheAverageOfItsBags() {
        double[][] x = Synthetic.gaussian(80, 10, 51);
        double[] y = Synthetic.linear(x, new double[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 2}, 0, 1.0, 52);
        OrthogonalLeastSquares m = OrthogonalLeastSquares.fit(x, y,
                OrthogonalLeastSquares.Options.defaults().fixedTerms(3).bags(4).bagFraction(0.5).seed(9));
        // bags disagree on noisy data, so the averaged support is at least as large as one bag's
        assertTrue(m.support().length >= 3);
        OrthogonalLeastSquares again = OrthogonalLeastSquares.fit(x, y,
                OrthogonalLeastSquares.Options.defaults().fixedTerms(3).bags(4).bagFraction(0.5).seed(9));
        assertArrayEquals(m.coefficients(), again.coefficients(), 0);
    }

    @Test
    void cvChoosesFewTermsForNoisyTarget() {
        double[][] x = Synthetic.gaussian(150, 30, 61);
        double[] w = new double[30];
        w[0] = 3;
        w[1] = -2;
        double[] y = Synthetic.linear(x, w, 0, 1.0, 62);
        OrthogonalLeastSquares m = OrthogonalLeastSquares.fit(x, y,
                OrthogonalLeastSquares.Options.defaults().maxTerms(20).bags(3).seed(1));
        assertTrue(m.terms() >= 2 && m.terms() <= 8, "terms " + m.terms());
        assertEquals(20, m.cvMse().length);
        assertEquals(3, m.coefficients()[0], 0.3);
    }

    @Test
    void roundTripAndBadInput() {
        double[][] x = Synthetic.gaussian(40, 5, 71);
        double[] y = Synthetic.linear(x, new double[] {1, 0, 2, 0, 0}, 1, 0.1, 72);
        OrthogonalLeastSquares m = OrthogonalLeastSquares.fit(x, y, OrthogonalLeastSquares.Options.defaults().seed(2));
        Regressor back = Models.regressorFromMap(Synthetic.viaJson(m.toMap()));
        assertArrayEquals(m.predict(x), back.predict(x), 0);
        assertThrows(IllegalArgumentException.class, () -> OrthogonalLeastSquares.Options.defaults().bagFraction(0));
        assertThrows(IllegalArgumentException.class, () -> OrthogonalLeastSquares.Options.defaults().maxTerms(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrthogonalLeastSquares.fit(new double[][] {{1, 2}}, new double[] {1},
                        OrthogonalLeastSquares.Options.defaults()));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }
}
