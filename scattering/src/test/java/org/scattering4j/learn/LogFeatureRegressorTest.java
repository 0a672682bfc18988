package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogFeatureRegressorTest {
    /** Positive features spanning two decades. */
    private static double[][] positive(int n, int p, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = Math.exp(2.3 * r.nextDouble()) * (j + 1);
            }
        }
        return x;
    }

    /** A power law: y = 3 x0^2 / x1 * x2^0.5, i.e. linear in the logs of x (then exponentiated). */
    private static double[] logLinear(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.log(3) + 2 * Math.log(x[i][0]) - Math.log(x[i][1]) + 0.5 * Math.log(x[i][2]);
        }
        return y;
    }

    private static final Regressor.Fitter RIDGE = (z, y) -> RidgeRegression.fit(z, y,
            RidgeRegression.Options.defaults().alphas(1e-10));

    @Test
    void linearModelInLogFeaturesIsRecoveredExactly() {
        double[][] x = positive(60, 4, 1);
        double[][] t = positive(20, 4, 2);
        LogFeatureRegressor m = LogFeatureRegressor.fit(x, logLinear(x), RIDGE);
        double[] expected = logLinear(t);
        double[] got = m.predict(t);
        for (int i = 0; i < t.length; i++) {
            // the shift 1e-6 * mean perturbs ln x by at most ~1e-6 * mean / min ~ 1e-4 relative terms
            assertEquals(expected[i], got[i], 2e-4);
        }
        // the same data without the log transform is far from linear
        RidgeRegression raw = RidgeRegression.fit(x, logLinear(x), RidgeRegression.Options.defaults().alphas(1e-10));
        assertTrue(Metrics.mae(expected, raw.predict(t)) > 100 * Metrics.mae(expected, got));
    }

    @Test
    void equalsTheInnerModelFittedOnHandMadeLogFeatures() {
        double[][] x = positive(50, 3, 3);
        x[4][1] = 0; // a zero entry: finite thanks to the shift
        double[] y = Synthetic.linear(positive(50, 3, 4), new double[] {1, -2, 0.5}, 0.1, 0.3, 5);
        LogFeatureRegressor m = LogFeatureRegressor.fit(x, y, RIDGE);
        double[] shift = m.shifts();
        double[][] z = new double[x.length][3];
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[j] / x.length;
            }
            assertEquals(1e-6 * mean, shift[j], 1e-18 * mean);
            for (int i = 0; i < x.length; i++) {
                z[i][j] = Math.log(x[i][j] + 1e-6 * mean);
            }
        }
        Regressor slow = RIDGE.fit(z, y);
        double[][] t = positive(7, 3, 6);
        for (double[] row : t) {
            double[] zr = new double[3];
            for (int j = 0; j < 3; j++) {
                zr[j] = Math.log(row[j] + shift[j]);
            }
            assertEquals(slow.predict(zr), m.predict(row), 1e-9);
        }
        assertArrayEquals(m.predict(t), new double[] {m.predict(t[0]), m.predict(t[1]), m.predict(t[2]),
            m.predict(t[3]), m.predict(t[4]), m.predict(t[5]), m.predict(t[6])}, 1e-12);
    }

    @Test
    void allZeroTrainingColumnGetsShiftOne() {
        double[][] x = positive(20, 3, 7);
        for (double[] r : x) {
            r[2] = 0;
        }
        LogFeatureRegressor m = LogFeatureRegressor.fit(x, logLinear(positive(20, 3, 8)), RIDGE);
        assertEquals(1.0, m.shifts()[2], 0);
        assertEquals(Math.log(1 + 2.5), m.transform(new double[] {1, 1, 2.5})[2], 1e-15);
    }

    @Test
    void mapRoundTripPredictsTheSame() {
        double[][] x = positive(40, 3, 9);
        double[] y = logLinear(x);
        LogFeatureRegressor m = LogFeatureRegressor.fit(x, y, StandardizedRegressor.fitter(RIDGE));
        Regressor back = Models.regressorFromMap(Synthetic.viaJson(m.toMap()));
        assertTrue(back instanceof LogFeatureRegressor);
        double[][] t = positive(5, 3, 10);
        assertArrayEquals(m.predict(t), back.predict(t), 1e-12);
    }

    @Test
    void doesNotModifyInput() {
        double[][] x = positive(30, 3, 11);
        double[][] copy = Synthetic.deepCopy(x);
        double[] y = logLinear(x);
        double[] yCopy = y.clone();
        LogFeatureRegressor m = LogFeatureRegressor.fit(x, y, RIDGE);
        m.predict(x);
        assertArrayEquals(yCopy, y, 0);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(copy[i], x[i], 0);
        }
    }

    @Test
    void badInputIsRefusedWithTheValue() {
        double[][] x = positive(20, 3, 12);
        double[] y = logLinear(x);
        x[3][1] = -0.5;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogFeatureRegressor.fit(x, y, RIDGE));
        assertTrue(e.getMessage().contains("x[3][1] = -0.5"), e.getMessage());
        x[3][1] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> LogFeatureRegressor.fit(x, y, RIDGE));
        x[3][1] = 1;
        assertThrows(IllegalArgumentException.class, () -> LogFeatureRegressor.fit(x, new double[5], RIDGE));
        assertThrows(IllegalArgumentException.class, () -> LogFeatureRegressor.fit(x, y, null));
        LogFeatureRegressor m = LogFeatureRegressor.fit(x, y, RIDGE);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1, -3, 1}));
        assertTrue(e.getMessage().contains("row[1] = -3.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1, 1}));
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[][] {{1, 1, Double.POSITIVE_INFINITY}}));
        java.util.Map<String, Object> map = m.toMap();
        map.put("shift", new double[] {1, 0, 1});
        assertThrows(IllegalArgumentException.class, () -> LogFeatureRegressor.fromMap(map));
    }
}
