package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LassoRegressionTest {
    @Test
    void recoversSparseSupportAndCoefficients() {
        double[][] x = Synthetic.gaussian(200, 50, 81);
        double[] w = new double[50];
        w[2] = 2;
        w[7] = -1.5;
        w[19] = 1;
        w[33] = 3;
        w[48] = -0.5;
        double[] y = Synthetic.linear(x, w, -2, 0, 0);
        LassoRegression m = LassoRegression.fit(x, y, LassoRegression.Options.defaults().alphaMinRatio(1e-6).seed(4));
        assertArrayEquals(new int[] {2, 7, 19, 33, 48}, m.support());
        assertArrayEquals(w, m.coefficients(), 1e-4);
        assertEquals(-2, m.intercept(), 1e-4);
        // the chosen alpha is the smallest of the grid: nothing to gain from shrinking a noiseless model
        assertEquals(m.alphas()[m.alphas().length - 1], m.alpha(), 0);
    }

    @Test
    void fixedAlphaSatisfiesKktConditions() {
        double[][] x = Synthetic.gaussian(100, 15, 91);
        double[] y = Synthetic.linear(x, new double[] {1, -1, 0.5, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0.1}, 3, 0.5, 92);
        double alpha = 0.1;
        LassoRegression m = LassoRegression.fit(x, y, LassoRegression.Options.defaults().alphas(alpha).tolerance(1e-12));
        double[] w = m.coefficients();
        int n = x.length;
        double[] r = new double[n];
        double meanR = 0;
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - m.predict(x[i]);
            meanR += r[i] / n;
        }
        assertEquals(0, meanR, 1e-10);
        int zeros = 0;
        for (int j = 0; j < 15; j++) {
            double corr = 0;
            for (int i = 0; i < n; i++) {
                corr += x[i][j] * r[i] / n;
            }
            if (w[j] == 0) {
                zeros++;
                assertTrue(Math.abs(corr) <= alpha + 1e-9, "j=" + j + " corr " + corr);
            } else {
                assertEquals(alpha * Math.signum(w[j]), corr, 1e-9);
            }
        }
        assertTrue(zeros > 0 && zeros < 15);
    }

    @Test
    void noiseGivesEmptyModel() {
        double[][] x = Synthetic.gaussian(120, 10, 93);
        double[] y = Synthetic.linear(x, new double[10], 5, 1.0, 94);
        LassoRegression m = LassoRegression.fit(x, y, LassoRegression.Options.defaults().seed(5));
        assertTrue(m.support().length <= 3, "support " + m.support().length);
    }

    @Test
    void roundTripAndBadInput() {
        double[][] x = Synthetic.gaussian(40, 5, 95);
        double[] y = Synthetic.linear(x, new double[] {1, 0, 2, 0, 0}, 1, 0.1, 96);
        LassoRegression m = LassoRegression.fit(x, y, LassoRegression.Options.defaults().alphaCount(10));
        assertArrayEquals(m.predict(x), Models.regressorFromMap(Synthetic.viaJson(m.toMap())).predict(x), 0);
        assertThrows(IllegalArgumentException.class, () -> LassoRegression.Options.defaults().alphas(0));
        assertThrows(IllegalArgumentException.class, () -> LassoRegression.Options.defaults().alphaMinRatio(1));
        assertThrows(IllegalArgumentException.class,
                () -> LassoRegression.fit(x, new double[39], LassoRegression.Options.defaults()));
    }
}
