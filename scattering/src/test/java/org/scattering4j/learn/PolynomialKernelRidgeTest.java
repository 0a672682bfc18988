package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

class PolynomialKernelRidgeTest {
    private static double[] quadratic(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] r = x[i];
            y[i] = 2 * r[0] * r[1] + r[2] * r[2] - r[3] + 0.5 * r[4] * r[0] + 1;
        }
        return y;
    }

    @Test
    void quadraticTargetIsFarBetterThanLinearRidge() {
        double[][] xTrain = Synthetic.gaussian(300, 6, 101);
        double[][] xTest = Synthetic.gaussian(200, 6, 102);
        double[] yTrain = quadratic(xTrain);
        double[] yTest = quadratic(xTest);
        PolynomialKernelRidge k = PolynomialKernelRidge.fit(xTrain, yTrain, PolynomialKernelRidge.Options.defaults());
        RidgeRegression r = RidgeRegression.fit(xTrain, yTrain, RidgeRegression.Options.defaults());
        double maeK = Metrics.mae(yTest, k.predict(xTest));
        double maeR = Metrics.mae(yTest, r.predict(xTest));
        assertTrue(maeK < 0.05 * maeR, "kernel " + maeK + " vs linear " + maeR);
        assertTrue(maeK < 0.05, "kernel MAE " + maeK);
        // the batch and single-row predictions are the same function
        assertEquals(k.predict(xTest)[7], k.predict(xTest[7]), 1e-10);
    }

    @Test
    void fixedAlphaEqualsPrimalRidgeOnTheExplicitFeatureMap() {
        int p = 3;
        double[][] x = Synthetic.gaussian(30, p, 103);
        double[] y = Synthetic.linear(x, new double[] {1, -1, 2}, 0.3, 0.2, 104);
        double alpha = 0.3;
        double scale = 0.7;
        double c = 1.5;
        PolynomialKernelRidge k = PolynomialKernelRidge.fit(x, y, PolynomialKernelRidge.Options.defaults()
                .alphas(alpha).gammaScales(scale).coef0(c));
        double gamma = scale / p;
        assertEquals(gamma, k.gamma(), 0);
        int q = 1 + p + p * p;
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        RealMatrix a = new Array2DRowRealMatrix(q, q);
        double[] b = new double[q];
        for (int i = 0; i < x.length; i++) {
            double[] f = featureMap(x[i], gamma, c);
            for (int u = 0; u < q; u++) {
                b[u] += f[u] * (y[i] - mean);
                for (int v = 0; v < q; v++) {
                    a.addToEntry(u, v, f[u] * f[v]);
                }
            }
        }
        for (int u = 0; u < q; u++) {
            a.addToEntry(u, u, alpha);
        }
        double[] w = new LUDecomposition(a).getSolver().solve(new ArrayRealVector(b)).toArray();
        for (double[] t : Synthetic.gaussian(10, p, 105)) {
            double[] f = featureMap(t, gamma, c);
            double primal = mean;
            for (int u = 0; u < q; u++) {
                primal += f[u] * w[u];
            }
            assertEquals(primal, k.predict(t), 1e-9);
        }
    }

    private static double[] featureMap(double[] x, double gamma, double c) {
        int p = x.length;
        double[] f = new double[1 + p + p * p];
        f[0] = c;
        for (int i = 0; i < p; i++) {
            f[1 + i] = Math.sqrt(2 * c * gamma) * x[i];
            for (int j = 0; j < p; j++) {
                f[1 + p + i * p + j] = gamma * x[i] * x[j];
            }
        }
        return f;
    }

    @Test
    void eigenAndCholeskySolversAgree() {
        double[][] x = Synthetic.gaussian(90, 4, 106);
        double[] y = new double[90];
        for (int i = 0; i < 90; i++) {
            y[i] = x[i][0] * x[i][1] + 0.3 * x[i][2] + 0.1 * Math.sin(i);
        }
        PolynomialKernelRidge.Options o = PolynomialKernelRidge.Options.defaults().gammaScales(0.5, 2)
                .alphas(1e-3, 1e-2, 0.1, 1);
        PolynomialKernelRidge e = PolynomialKernelRidge.fit(x, y, o.solver(PolynomialKernelRidge.Solver.EIGEN));
        PolynomialKernelRidge c = PolynomialKernelRidge.fit(x, y, o.solver(PolynomialKernelRidge.Solver.CHOLESKY));
        assertArrayEquals(c.cvMse(), e.cvMse(), 1e-9 * c.cvMse()[0]);
        assertEquals(c.alpha(), e.alpha());
        assertEquals(c.gamma(), e.gamma());
        assertArrayEquals(c.predict(x), e.predict(x), 1e-9);
    }

    @Test
    void roundTripAndBadInput() {
        double[][] x = Synthetic.gaussian(40, 3, 107);
        double[] y = Synthetic.linear(x, new double[] {1, 2, 3}, 0, 0.1, 108);
        PolynomialKernelRidge k = PolynomialKernelRidge.fit(x, y, PolynomialKernelRidge.Options.defaults().alphas(0.1));
        assertArrayEquals(k.predict(x), Models.regressorFromMap(Synthetic.viaJson(k.toMap())).predict(x), 0);
        assertThrows(IllegalArgumentException.class, () -> PolynomialKernelRidge.Options.defaults().degree(0));
        assertThrows(IllegalArgumentException.class, () -> PolynomialKernelRidge.Options.defaults().coef0(-1));
        assertThrows(IllegalArgumentException.class, () -> PolynomialKernelRidge.Options.defaults().alphas(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k.predict(new double[][] {{1, 2}}));
        assertTrue(e.getMessage().contains("fitted on 3 columns"), e.getMessage());
    }
}
