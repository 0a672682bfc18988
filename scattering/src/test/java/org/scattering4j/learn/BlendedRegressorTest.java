package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlendedRegressorTest {
    private static final Regressor.Fitter RIDGE = (x, y) -> RidgeRegression.fit(x, y,
            RidgeRegression.Options.defaults().alphas(0.1));
    private static final Regressor.Fitter QUAD = (x, y) -> PolynomialKernelRidge.fit(x, y,
            PolynomialKernelRidge.Options.defaults().alphas(1e-3));

    @Test
    void blendIsTheWeightedSumOfTheSeparatelyFittedMembers() {
        double[][] x = Synthetic.gaussian(80, 4, 21);
        double[] y = Synthetic.linear(x, new double[] {1, -2, 0.5, 3}, 0.7, 0.4, 22);
        Regressor blend = BlendedRegressor.fitter(new double[] {0.25, 0.75}, RIDGE, QUAD).fit(x, y);
        Regressor a = RIDGE.fit(x, y);
        Regressor b = QUAD.fit(x, y);
        double[][] t = Synthetic.gaussian(15, 4, 23);
        double[] batch = blend.predict(t);
        for (int i = 0; i < t.length; i++) {
            double expected = 0.25 * a.predict(t[i]) + 0.75 * b.predict(t[i]);
            assertEquals(expected, blend.predict(t[i]), 1e-9);
            assertEquals(expected, batch[i], 1e-9);
        }
        // a one-member blend with weight 1 is that member
        Regressor only = BlendedRegressor.fitter(new double[] {1}, RIDGE).fit(x, y);
        assertArrayEquals(a.predict(t), only.predict(t), 1e-12);
    }

    @Test
    void blendOfTwoModelsWithOppositeBiasesCancelsThem() {
        // member predictions y + 1 and y - 1 (known answer): the equal blend is exact
        double[][] x = Synthetic.gaussian(40, 3, 24);
        double[] y = Synthetic.linear(x, new double[] {1, 2, 3}, 0, 0, 25);
        Regressor.Fitter up = (xx, yy) -> shifted(RIDGE.fit(xx, yy), 1);
        Regressor.Fitter down = (xx, yy) -> shifted(RIDGE.fit(xx, yy), -1);
        Regressor blend = BlendedRegressor.fitter(new double[] {0.5, 0.5}, up, down).fit(x, y);
        Regressor plain = RIDGE.fit(x, y);
        double[][] t = Synthetic.gaussian(5, 3, 26);
        assertArrayEquals(plain.predict(t), blend.predict(t), 1e-12);
    }

    private static Regressor shifted(Regressor r, double d) {
        return new Regressor() {
            @Override
            public int columns() {
                return r.columns();
            }

            @Override
            public double predict(double[] row) {
                return r.predict(row) + d;
            }

            @Override
            public java.util.Map<String, Object> toMap() {
                return r.toMap();
            }
        };
    }

    @Test
    void mapRoundTripPredictsTheSame() {
        double[][] x = Synthetic.gaussian(50, 3, 27);
        double[] y = Synthetic.linear(x, new double[] {1, -1, 2}, 0.2, 0.1, 28);
        Regressor blend = BlendedRegressor.fitter(new double[] {0.7, 0.3}, StandardizedRegressor.fitter(QUAD), RIDGE)
                .fit(x, y);
        Regressor back = Models.regressorFromMap(Synthetic.viaJson(blend.toMap()));
        assertTrue(back instanceof BlendedRegressor);
        assertArrayEquals(new double[] {0.7, 0.3}, ((BlendedRegressor) back).weights(), 0);
        double[][] t = Synthetic.gaussian(6, 3, 29);
        assertArrayEquals(blend.predict(t), back.predict(t), 1e-12);
    }

    @Test
    void badWeightsAndMembersAreRefused() {
        double[][] x = Synthetic.gaussian(20, 3, 30);
        double[] y = Synthetic.linear(x, new double[] {1, 1, 1}, 0, 0.1, 31);
        Regressor a = RIDGE.fit(x, y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlendedRegressor(new double[] {0.5, 0.6}, a, a));
        assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BlendedRegressor(new double[] {-0.5, 1.5}, a, a));
        assertTrue(e.getMessage().contains("weights[0] = -0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlendedRegressor(new double[] {Double.NaN, 1}, a, a));
        assertThrows(IllegalArgumentException.class, () -> new BlendedRegressor(new double[] {1}, a, a));
        assertThrows(IllegalArgumentException.class, () -> new BlendedRegressor(new double[] {1, 0}, a, null));
        assertThrows(IllegalArgumentException.class, () -> new BlendedRegressor(new double[0]));
        Regressor other = RIDGE.fit(Synthetic.gaussian(20, 2, 32), y);
        e = assertThrows(IllegalArgumentException.class, () -> new BlendedRegressor(new double[] {0.5, 0.5}, a, other));
        assertTrue(e.getMessage().contains("2 columns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlendedRegressor.fitter(new double[] {1}, (Regressor.Fitter) null));
        assertThrows(IllegalArgumentException.class, () -> BlendedRegressor.fitter(null, RIDGE));
        BlendedRegressor ok = new BlendedRegressor(new double[] {1}, a);
        assertThrows(IllegalArgumentException.class, () -> ok.predict(new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> ok.member(1));
    }
}
