package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;
import org.scattering4j.util.Json;

class RidgeRegressionTest {
    /** Direct solve of (Xc^T Xc + alpha I) w = Xc^T yc with commons-math, the obvious twin. */
    static double[] directRidge(double[][] x, double[] y, double alpha, double[] interceptOut) {
        int n = x.length;
        int p = x[0].length;
        double[] mx = new double[p];
        double my = 0;
        for (int i = 0; i < n; i++) {
            my += y[i] / n;
            for (int j = 0; j < p; j++) {
                mx[j] += x[i][j] / n;
            }
        }
        RealMatrix a = new Array2DRowRealMatrix(p, p);
        double[] b = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                b[j] += (x[i][j] - mx[j]) * (y[i] - my);
                for (int k = 0; k < p; k++) {
                    a.addToEntry(j, k, (x[i][j] - mx[j]) * (x[i][k] - mx[k]));
                }
            }
        }
        for (int j = 0; j < p; j++) {
            a.addToEntry(j, j, alpha);
        }
        double[] w = new LUDecomposition(a).getSolver().solve(new ArrayRealVector(b)).toArray();
        double c = my;
        for (int j = 0; j < p; j++) {
            c -= mx[j] * w[j];
        }
        interceptOut[0] = c;
        return w;
    }

    @Test
    void fixedAlphaMatchesDirectSolve() {
        double[][] x = Synthetic.gaussian(40, 6, 3);
        for (double[] r : x) {
            r[2] += 100; // offset columns must not hurt accuracy
        }
        double[] y = Synthetic.linear(x, new double[] {1, -2, 0.5, 0, 3, 1}, 7, 0.3, 4);
        for (double alpha : new double[] {0.01, 1, 50}) {
            RidgeRegression m = RidgeRegression.fit(x, y, RidgeRegression.Options.fixed(alpha));
            double[] c = new double[1];
            double[] w = directRidge(x, y, alpha, c);
            assertArrayEquals(w, m.coefficients(), 1e-10);
            assertEquals(c[0], m.intercept(), 1e-9);
            assertEquals(alpha, m.alpha());
        }
    }

    @Test
    void alphaToZeroIsOrdinaryLeastSquares() {
        double[][] x = Synthetic.gaussian(50, 5, 5);
        double[] y = Synthetic.linear(x, new double[] {1, 2, 3, 4, 5}, -1, 0.5, 6);
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] beta = ols.estimateRegressionParameters();
        RidgeRegression m = RidgeRegression.fit(x, y, RidgeRegression.Options.fixed(0));
        assertEquals(beta[0], m.intercept(), 1e-11);
        for (int j = 0; j < 5; j++) {
            assertEquals(beta[j + 1], m.coefficients()[j], 1e-11);
        }
        RidgeRegression tiny = RidgeRegression.fit(x, y, RidgeRegression.Options.fixed(1e-10));
        assertArrayEquals(m.coefficients(), tiny.coefficients(), 1e-9);
    }

    @Test
    void cvErrorsMatchSlowTwinOfRefittingEachInnerFold() {
        double[][] x = Synthetic.gaussian(60, 8, 7);
        double[] y = Synthetic.linear(x, new double[] {1, 0, 0, 2, 0, 0, -1, 0}, 0, 1.0, 8);
        RidgeRegression.Options o = RidgeRegression.Options.defaults().alphas(0.01, 1, 10, 100).innerFolds(4).seed(21);
        RidgeRegression m = RidgeRegression.fit(x, y, o);
        KFold inner = KFold.random(60, 4, 21);
        double[] cv = new double[4];
        for (int a = 0; a < 4; a++) {
            for (int f = 0; f < 4; f++) {
                int[] tr = inner.train(f);
                RidgeRegression r = RidgeRegression.fit(KFold.rows(x, tr), KFold.select(y, tr),
                        RidgeRegression.Options.fixed(o.alphas()[a]));
                for (int i : inner.test(f)) {
                    double e = y[i] - r.predict(x[i]);
                    cv[a] += e * e / 60;
                }
            }
        }
        assertArrayEquals(cv, m.cvMse(), 1e-10);
        int best = 0;
        for (int a = 1; a < 4; a++) {
            if (cv[a] < cv[best]) {
                best = a;
            }
        }
        assertEquals(o.alphas()[best], m.alpha());
    }

    @Test
    void leaveOneOutErrorsMatchRefittingWithoutEachRow() {
        double[][] x = Synthetic.gaussian(25, 4, 17);
        for (double[] r : x) {
            r[1] = 3 * r[1] + 50;
        }
        double[] y = Synthetic.linear(x, new double[] {1, 0.5, 0, -2}, 4, 0.7, 18);
        double[] alphas = {0, 0.1, 3, 100};
        RidgeRegression m = RidgeRegression.fit(x, y, RidgeRegression.Options.defaults().alphas(alphas).leaveOneOut());
        double[] twin = new double[alphas.length];
        for (int a = 0; a < alphas.length; a++) {
            for (int i = 0; i < 25; i++) {
                int[] rest = new int[24];
                for (int j = 0, c = 0; j < 25; j++) {
                    if (j != i) {
                        rest[c++] = j;
                    }
                }
                RidgeRegression r = RidgeRegression.fit(KFold.rows(x, rest), KFold.select(y, rest),
                        RidgeRegression.Options.fixed(alphas[a]));
                double e = y[i] - r.predict(x[i]);
                twin[a] += e * e / 25;
            }
        }
        assertArrayEquals(twin, m.cvMse(), 1e-9 * twin[0]);
    }

    @Test
    void cvPicksLargePenaltyForPureNoiseAndSmallForCleanSignal() {
        double[][] x = Synthetic.gaussian(80, 20, 9);
        double[] noise = Synthetic.linear(x, new double[20], 0, 1.0, 10);
        double[] clean = Synthetic.linear(x, new double[] {1, 2, 3}, 0, 1e-3, 11);
        RidgeRegression.Options o = RidgeRegression.Options.defaults().seed(1);
        assertTrue(RidgeRegression.fit(x, noise, o).alpha() >= 100);
        assertTrue(RidgeRegression.fit(x, clean, o).alpha() <= 1e-2);
        assertTrue(RidgeRegression.fit(x, noise, o.leaveOneOut()).alpha() >= 100);
        assertTrue(RidgeRegression.fit(x, clean, o.leaveOneOut()).alpha() <= 1e-2);
    }

    @Test
    void outerCvModelNeverSeesTheTestFold() {
        double[][] x = Synthetic.gaussian(100, 6, 12);
        double[] y = Synthetic.linear(x, new double[] {1, -1, 2, 0, 0, 1}, 3, 0.5, 13);
        KFold outer = KFold.random(100, 4, 14);
        Regressor.Fitter fitter = StandardizedRegressor.fitter(
                (z, t) -> RidgeRegression.fit(z, t, RidgeRegression.Options.defaults().seed(2)));
        CrossValidation.Result clean = CrossValidation.crossValidate(outer, x, y, fitter);
        double[][] px = Synthetic.deepCopy(x);
        double[] py = y.clone();
        for (int i : outer.test(0)) {
            py[i] = 1e6;
            px[i][0] = -1e5;
        }
        CrossValidation.Result poisoned = CrossValidation.crossValidate(outer, px, py, fitter);
        assertEquals(json(clean.models().get(0)), json(poisoned.models().get(0)));
        // the other folds trained on the poisoned rows, so their models must differ (the test can fail)
        assertNotEquals(json(clean.models().get(1)), json(poisoned.models().get(1)));
        int j = outer.test(1)[0];
        assertNotEquals(clean.predictions()[j], poisoned.predictions()[j]);
        assertTrue(clean.mae() < 1.0, "mae " + clean.mae());
    }

    static String json(Regressor r) {
        return Json.write(r.toMap(), false);
    }

    @Test
    void roundTripThroughJson() {
        double[][] x = Synthetic.gaussian(30, 3, 15);
        double[] y = Synthetic.linear(x, new double[] {1, 2, 3}, 1, 0.1, 16);
        RidgeRegression m = RidgeRegression.fit(x, y, RidgeRegression.Options.defaults());
        Regressor back = Models.regressorFromMap(Synthetic.viaJson(m.toMap()));
        assertArrayEquals(m.predict(x), back.predict(x), 0);
        RidgeRegression fixed = RidgeRegression.fit(x, y, RidgeRegression.Options.fixed(1));
        assertArrayEquals(fixed.predict(x), Models.regressorFromMap(Synthetic.viaJson(fixed.toMap())).predict(x), 0);
        StandardizedRegressor s = StandardizedRegressor.fit(x, y,
                (z, t) -> RidgeRegression.fit(z, t, RidgeRegression.Options.fixed(0.5)));
        assertArrayEquals(s.predict(x), Models.regressorFromMap(Synthetic.viaJson(s.toMap())).predict(x), 0);
    }

    @Test
    void badInput() {
        double[][] x = Synthetic.gaussian(10, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RidgeRegression.fit(x, new double[9], RidgeRegression.Options.defaults()));
        assertTrue(e.getMessage().contains("y has length 9 but x has 10 rows"), e.getMessage());
        double[] y = new double[10];
        y[3] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> RidgeRegression.fit(x, y, RidgeRegression.Options.defaults()));
        assertTrue(e.getMessage().contains("y[3] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RidgeRegression.Options.defaults().alphas(1, -1));
        assertTrue(e.getMessage().contains("alphas[1] = -1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RidgeRegression.fit(new double[3][2], new double[3],
                RidgeRegression.Options.defaults()));
        RidgeRegression m = RidgeRegression.fit(x, new double[10], RidgeRegression.Options.fixed(1));
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("length 3"), e.getMessage());
    }
}
