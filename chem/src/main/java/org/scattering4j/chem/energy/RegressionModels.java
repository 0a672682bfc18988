package org.scattering4j.chem.energy;

import java.util.List;
import org.scattering4j.learn.BlendedRegressor;
import org.scattering4j.learn.LogFeatureRegressor;
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
 *   <li>{@code log-quadratic}: the same degree-2 polynomial kernel ridge on standardised logarithms of the
 *       invariants ({@link LogFeatureRegressor}): a model quadratic in {@code ln x}, i.e. in products of powers
 *       of the invariants. Shifts and scaler from the training rows; gamma and alpha by 3-fold inner CV over
 *       {@link #LOG_QUADRATIC_GAMMA_SCALES} x {@link #LOG_QUADRATIC_ALPHAS}.</li>
 *   <li>{@code log-quadratic-blend}: {@link BlendedRegressor} of 0.7 x {@code log-quadratic} and 0.3 x the
 *       degree-2 polynomial kernel ridge on the standardised raw invariants (gamma scale 0.1, alpha by inner
 *       CV over {@link #BLEND_RAW_ALPHAS}); the two models' errors are partly uncorrelated. The fixed weights
 *       and both grids were chosen once, by cross-validation inside QM7 folds 1-4 (see BENCHMARKS-qm7acc.md),
 *       never per test fold. The most accurate model on QM7; twice the fitting time of log-quadratic.</li>
 * </ul>
 */
public final class RegressionModels {
    public static final List<String> NAMES = List.of("ridge", "sparse", "quadratic", "log-quadratic",
            "log-quadratic-blend");

    /** Gamma scales (multiples of 1/p) of {@code log-quadratic}'s inner-CV grid. */
    static final double[] LOG_QUADRATIC_GAMMA_SCALES = {0.1};
    /** Alphas of {@code log-quadratic}'s inner-CV grid (small: the fit is close to interpolation). */
    static final double[] LOG_QUADRATIC_ALPHAS = {3e-11, 1e-10, 3e-10, 1e-9};
    /** Alphas of the raw-invariant member of {@code log-quadratic-blend} (gamma scale 0.1 too). */
    static final double[] BLEND_RAW_ALPHAS = {3e-10, 1e-9, 3e-9};
    /** Weights of {@code log-quadratic-blend}: log-quadratic, then the quadratic model on raw invariants. */
    static final double[] BLEND_WEIGHTS = {0.7, 0.3};

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
            case "log-quadratic":
                return LogFeatureRegressor.fitter(StandardizedRegressor.fitter((x, y) -> PolynomialKernelRidge.fit(x, y,
                        PolynomialKernelRidge.Options.defaults().gammaScales(LOG_QUADRATIC_GAMMA_SCALES)
                                .alphas(LOG_QUADRATIC_ALPHAS))));
            case "log-quadratic-blend":
                return BlendedRegressor.fitter(BLEND_WEIGHTS, fitter("log-quadratic"),
                        StandardizedRegressor.fitter((x, y) -> PolynomialKernelRidge.fit(x, y,
                                PolynomialKernelRidge.Options.defaults().gammaScales(LOG_QUADRATIC_GAMMA_SCALES)
                                        .alphas(BLEND_RAW_ALPHAS))));
            default:
                throw new IllegalArgumentException("model '" + kind + "' is not one of " + String.join(", ", NAMES));
        }
    }
}
