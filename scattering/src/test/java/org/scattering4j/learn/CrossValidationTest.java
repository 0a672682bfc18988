package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scattering4j.util.Json;

class CrossValidationTest {
    private static Map<String, Regressor.Fitter> fitters() {
        Map<String, Regressor.Fitter> f = new LinkedHashMap<>();
        f.put("ols", (x, y) -> OrthogonalLeastSquares.fit(x, y,
                OrthogonalLeastSquares.Options.defaults().maxTerms(5).bags(3).innerFolds(3).seed(1)));
        f.put("lasso", (x, y) -> LassoRegression.fit(x, y, LassoRegression.Options.defaults().alphaCount(8).seed(2)));
        f.put("kernel", (x, y) -> PolynomialKernelRidge.fit(x, y,
                PolynomialKernelRidge.Options.defaults().alphas(1e-3, 1e-1, 10).gammaScales(0.5, 1)));
        f.put("ridge loo", (x, y) -> RidgeRegression.fit(x, y, RidgeRegression.Options.defaults().leaveOneOut()));
        f.put("standardized ridge", StandardizedRegressor.fitter(
                (x, y) -> RidgeRegression.fit(x, y, RidgeRegression.Options.defaults())));
        return f;
    }

    @Test
    void poisonedTestRowsNeverChangeThatFoldsModel() {
        double[][] x = Synthetic.gaussian(90, 6, 201);
        double[] y = Synthetic.linear(x, new double[] {1, -1, 2, 0, 0, 0.5}, 3, 0.3, 202);
        KFold outer = KFold.random(90, 3, 203);
        double[][] px = Synthetic.deepCopy(x);
        double[] py = y.clone();
        for (int i : outer.test(2)) {
            py[i] = -5e5;
            px[i][1] = 1e4;
        }
        for (Map.Entry<String, Regressor.Fitter> e : fitters().entrySet()) {
            CrossValidation.Result a = CrossValidation.crossValidate(outer, x, y, e.getValue());
            CrossValidation.Result b = CrossValidation.crossValidate(outer, px, py, e.getValue());
            assertEquals(Json.write(a.models().get(2).toMap(), false), Json.write(b.models().get(2).toMap(), false),
                    e.getKey());
            assertNotEquals(Json.write(a.models().get(0).toMap(), false), Json.write(b.models().get(0).toMap(), false),
                    e.getKey());
        }
    }

    @Test
    void outOfFoldPredictionsComeFromTheFoldModel() {
        double[][] x = Synthetic.gaussian(40, 3, 204);
        double[] y = Synthetic.linear(x, new double[] {1, 2, 3}, 0, 0.1, 205);
        KFold outer = KFold.random(40, 4, 206);
        CrossValidation.Result r = CrossValidation.crossValidate(outer, x, y,
                (a, b) -> RidgeRegression.fit(a, b, RidgeRegression.Options.fixed(1)));
        for (int f = 0; f < 4; f++) {
            for (int i : outer.test(f)) {
                assertEquals(r.models().get(f).predict(x[i]), r.predictions()[i], 0);
            }
        }
        double[] fm = r.foldMae();
        assertEquals(4, fm.length);
        assertArrayEquals(new double[] {r.mae()}, new double[] {(fm[0] + fm[1] + fm[2] + fm[3]) / 4}, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> CrossValidation.crossValidate(KFold.random(39, 4, 0), x, y,
                (a, b) -> RidgeRegression.fit(a, b, RidgeRegression.Options.fixed(1))));
    }

    @Test
    void classifierLoopPredictsEachFoldWithItsOwnModel() {
        int[] y = new int[120];
        double[][] x = LogisticRegressionTest.blobs(120, 4, new int[] {3, 7}, 0.8, 207, y);
        KFold outer = KFold.stratified(y, 3, 208);
        CrossValidation.ClassifierResult r = CrossValidation.crossValidateClassifier(outer, x, y,
                (a, b) -> AffinePcaClassifier.fit(a, b, AffinePcaClassifier.Options.defaults().fixedDimension(1)));
        for (int f = 0; f < 3; f++) {
            for (int i : outer.test(f)) {
                assertEquals(r.models().get(f).predict(x[i]), r.predictions()[i]);
            }
        }
        assertEquals(1.0, r.accuracy(), 0);
        assertEquals(3, r.foldAccuracy().length);
    }
}
