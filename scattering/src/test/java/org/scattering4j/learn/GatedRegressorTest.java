package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GatedRegressorTest {
    private static final Regressor.Fitter RIDGE = (x, y) -> RidgeRegression.fit(x, y,
            RidgeRegression.Options.defaults().alphas(1e-10));

    /**
     * Columns: 0 = group marker (0.1 or 5), 1 = 1 (gate denominator), 2..3 = Gaussian. Rows with x0 > 2 * x1
     * (marker 5) follow y = -3 + 5 x2 - x3, the others y = 1 + 2 x2 + 4 x3 (no noise).
     */
    private static double[][] rows(int n, double highShare, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][4];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble() < highShare ? 5 : 0.1;
            x[i][1] = 1;
            x[i][2] = r.nextGaussian();
            x[i][3] = r.nextGaussian();
        }
        return x;
    }

    private static double truth(double[] row) {
        return row[0] > 2 * row[1] ? -3 + 5 * row[2] - row[3] : 1 + 2 * row[2] + 4 * row[3];
    }

    private static double[] targets(double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = truth(x[i]);
        }
        return y;
    }

    @Test
    void twoLinearGroupsAreRecoveredExactlyWhereOneLinearModelCannotBe() {
        double[][] x = rows(120, 0.2, 1);
        double[] y = targets(x);
        double[][] xCopy = Synthetic.deepCopy(x);
        double[] yCopy = y.clone();
        GatedRegressor g = (GatedRegressor) GatedRegressor.fitter(0, 1, 2.0, 5, RIDGE, RIDGE).fit(x, y);
        assertArrayEquals(yCopy, y, 0);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(xCopy[i], x[i], 0);
        }
        int high = 0;
        for (double[] r : x) {
            high += r[0] > 2 ? 1 : 0;
        }
        assertArrayEquals(new int[] {120 - high, high}, g.groupRows());
        double[][] t = rows(40, 0.5, 2);
        double[] batch = g.predict(t);
        Regressor single = RIDGE.fit(x, y);
        double singleErr = 0;
        for (int i = 0; i < t.length; i++) {
            assertEquals(truth(t[i]), batch[i], 1e-6);
            assertEquals(batch[i], g.predict(t[i]), 1e-12);
            assertEquals(t[i][0] > 2, g.isHigh(t[i]));
            singleErr += Math.abs(single.predict(t[i]) - truth(t[i]));
        }
        assertTrue(singleErr / t.length > 0.5, "one linear model should not fit both groups: " + singleErr);
    }

    @Test
    void eachMemberIsTheFitterAppliedToItsOwnGroup() {
        // hand-made twin: split the rows ourselves and fit each group with its fitter
        double[][] x = rows(90, 0.3, 3);
        double[] y = targets(x);
        Random r = new Random(4);
        for (int i = 0; i < y.length; i++) {
            y[i] += 0.3 * r.nextGaussian();
        }
        Regressor.Fitter quad = (xx, yy) -> PolynomialKernelRidge.fit(xx, yy,
                PolynomialKernelRidge.Options.defaults().alphas(1e-2));
        GatedRegressor g = (GatedRegressor) GatedRegressor.fitter(0, 1, 2.0, 5, RIDGE, quad).fit(x, y);
        int nHigh = g.groupRows()[1];
        double[][] xl = new double[x.length - nHigh][];
        double[] yl = new double[x.length - nHigh];
        double[][] xh = new double[nHigh][];
        double[] yh = new double[nHigh];
        int a = 0;
        int b = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i][0] > 2 * x[i][1]) {
                xh[b] = x[i];
                yh[b++] = y[i];
            } else {
                xl[a] = x[i];
                yl[a++] = y[i];
            }
        }
        assertEquals(nHigh, b);
        Regressor low = RIDGE.fit(xl, yl);
        Regressor high = quad.fit(xh, yh);
        double[][] t = rows(30, 0.5, 5);
        double[] batch = g.predict(t);
        for (int i = 0; i < t.length; i++) {
            double expected = t[i][0] > 2 ? high.predict(t[i]) : low.predict(t[i]);
            assertEquals(expected, batch[i], 1e-9);
        }
    }

    @Test
    void aGroupWithTooFewRowsIsServedByItsFitterOnAllRows() {
        double[][] x = rows(60, 0.0, 6);
        x[0][0] = 5; // a single high row
        double[] y = targets(x);
        GatedRegressor g = (GatedRegressor) GatedRegressor.fitter(0, 1, 2.0, 10, RIDGE, RIDGE).fit(x, y);
        assertArrayEquals(new int[] {59, 1}, g.groupRows());
        Regressor all = RIDGE.fit(x, y);
        double[][] t = rows(10, 1.0, 7);
        assertArrayEquals(all.predict(t), g.predict(t), 1e-12);
        // no high training row at all: still defined
        double[][] lowOnly = rows(30, 0.0, 8);
        GatedRegressor g2 = (GatedRegressor) GatedRegressor.fitter(0, 1, 2.0, 1, RIDGE, RIDGE)
                .fit(lowOnly, targets(lowOnly));
        assertArrayEquals(new int[] {30, 0}, g2.groupRows());
        assertEquals(t.length, g2.predict(t).length);
    }

    @Test
    void mapRoundTripPredictsTheSame() {
        double[][] x = rows(80, 0.3, 9);
        double[] y = targets(x);
        Regressor.Fitter std = StandardizedRegressor.fitter(RIDGE);
        Regressor g = GatedRegressor.fitter(0, 1, 2.0, 5, std, BlendedRegressor.fitter(new double[] {0.5, 0.5},
                RIDGE, std)).fit(x, y);
        Regressor back = Models.regressorFromMap(Synthetic.viaJson(g.toMap()));
        assertTrue(back instanceof GatedRegressor);
        assertArrayEquals(((GatedRegressor) g).groupRows(), ((GatedRegressor) back).groupRows());
        double[][] t = rows(12, 0.5, 10);
        assertArrayEquals(g.predict(t), back.predict(t), 1e-12);
    }

    @Test
    void badInputIsRefused() {
        double[][] x = rows(30, 0.3, 11);
        double[] y = targets(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatedRegressor.fitter(-1, 1, 2, 5, RIDGE, RIDGE));
        assertTrue(e.getMessage().contains("numerator = -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GatedRegressor.fitter(0, 4, 2, 5, RIDGE, RIDGE).fit(x, y));
        assertTrue(e.getMessage().contains("denominator column = 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GatedRegressor.fitter(0, 1, Double.NaN, 5, RIDGE, RIDGE));
        assertTrue(e.getMessage().contains("threshold = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GatedRegressor.fitter(0, 1, 2, 0, RIDGE, RIDGE));
        assertTrue(e.getMessage().contains("minRows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GatedRegressor.fitter(0, 1, 2, 5, null, RIDGE));
        assertThrows(IllegalArgumentException.class, () -> GatedRegressor.fitter(0, 1, 2, 5, RIDGE, RIDGE)
                .fit(x, new double[3]));
        Regressor a = RIDGE.fit(x, y);
        Regressor other = RIDGE.fit(Synthetic.gaussian(30, 3, 12), y);
        e = assertThrows(IllegalArgumentException.class, () -> new GatedRegressor(0, 1, 2, a, other, new int[] {1, 1}));
        assertTrue(e.getMessage().contains("high model has 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GatedRegressor(0, 1, 2, a, a, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new GatedRegressor(0, 1, 2, a, null, new int[] {1, 1}));
        GatedRegressor ok = new GatedRegressor(0, 1, 2, a, a, new int[] {20, 10});
        assertThrows(IllegalArgumentException.class, () -> ok.predict(new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> ok.predict(new double[] {1, Double.NaN, 0, 0}));
        Map<String, Object> m = ok.toMap();
        m.put("numerator", 7);
        e = assertThrows(IllegalArgumentException.class, () -> GatedRegressor.fromMap(m));
        assertTrue(e.getMessage().contains("numerator column = 7"), e.getMessage());
        assertFalse(ok.isHigh(new double[] {1, 1, 0, 0}));
    }
}
