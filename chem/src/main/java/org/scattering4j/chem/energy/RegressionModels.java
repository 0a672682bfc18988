package org.scattering4j.chem.energy;

import java.util.List;
import org.scattering4j.learn.OrthogonalLeastSquares;
import org.scattering4j.learn.PolynomialKernelRidge;
import org.scattering4j.learn.Regressor;
import org.scattering4j.learn.RidgeRegression;
import org.scattering4j.learn.StandardizedRegressor;

/**
 * The regression models offered for energies, all on standardised invariants (scaler fitted on the
 * training rows only) with hyper-parameters chosen by inner cross-validation on the training rows:
 * <ul>
 *   <li>{@code ridge}: linear ridge regression, alpha from 1e-8..1e3 by 5-fold inner CV.</li>
 *   <li>{@code sparse}: greedy orthogonal least squares (Hirn, Mallat and Poilvert 2017) with 10 bags,
 *       the number of selected invariants by inner CV.</li>
 *   <li>{@code quadratic}: degree-2 polynomial kernel ridge regression (the "multilinear" model in the
 *       spirit of Eickenberg et al. 2018: all pairwise products of the invariants), alpha and the kernel
 *       scale by 3-fold inner CV.</li>
 * </ul>
 */
public final class RegressionModels {
    public static final List<String> NAMES = List.of("ridge", "sparse", "quadratic");

    private RegressionModels() {
    }

    /** The fitter of a model kind (standardisation included). */
    public static Regressor.Fitter fitter(String kind) {
        switch (kind) {
            case "ridge":
                return StandardizedRegressor.fitter((x, y) -> RidgeRegression.fit(x, y, RidgeRegression.Options.defaults()));
            case "sparse":
                return StandardizedRegressor.fitter((x, y) -> OrthogonalLeastSquares.fit(x, y,
                        OrthogonalLeastSquares.Options.defaults()));
            case "quadratic":
                return StandardizedRegressor.fitter((x, y) -> PolynomialKernelRidge.fit(x, y,
                        PolynomialKernelRidge.Options.defaults()));
            default:
                throw new IllegalArgumentException("model '" + kind + "' is not one of " + String.join(", ", NAMES));
        }
    }
}
