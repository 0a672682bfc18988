package org.scattering4j.chem.energy;

import java.util.List;
import org.scattering4j.chem.scattering.FeatureLayout;
import org.scattering4j.learn.BlendedRegressor;
import org.scattering4j.learn.GatedRegressor;
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
 *       and both grids were chosen once, by cross-validation inside QM7 folds 1-4 (see BENCHMARKS.md,
 *       "Log-quadratic models (fifth session)"), never per test fold. Twice the fitting time of log-quadratic.</li>
 *   <li>{@code split-blend}: {@link GatedRegressor} that fits separate models to molecules with and without a
 *       third-row atom (10 core electrons: S in QM7). The gate needs no composition: it compares two order-0
 *       core-channel invariants of the Kymatio QM7 layouts, {@code sum rho_core^3} (column
 *       {@value #GATE_CORE_Q3}) against {@value #GATE_THRESHOLD} x {@code sum rho_core} (column
 *       {@value #GATE_CORE_Q1}); a core charge of 10 raises their ratio about 12-fold over the largest
 *       ratio of any molecule of C, N, O and H (on QM7 the gate is exactly "contains S"). Molecules without:
 *       {@code log-quadratic-blend} fitted on them alone; molecules with: {@link #SPLIT_HIGH_WEIGHTS}
 *       x ({@code log-quadratic}, alphas {@link #SPLIT_HIGH_ALPHAS}; linear kernel ridge on the standardised raw
 *       invariants, same alphas), fitted on them alone. One model on all molecules extrapolates badly on the 4 %
 *       with S and those outliers also spoil the fit of the rest; the split removes both (BENCHMARKS.md, "Split
 *       models for molecules with and without sulphur").
 *       The most accurate model on QM7. Needs a preset with the Kymatio QM7 order-0 block (channels nuclear
 *       charge, valence, core; powers 0.5, 1, 2, 3) at the start, as every kymatio-qm7 preset has
 *       ({@link #checkLayout}); the threshold was checked on the invariants of kymatio-qm7-order2-fast and
 *       kymatio-qm7-fast.</li>
 * </ul>
 */
public final class RegressionModels {
    public static final List<String> NAMES = List.of("ridge", "sparse", "quadratic", "log-quadratic",
            "log-quadratic-blend", "split-blend");

    /** Gamma scales (multiples of 1/p) of {@code log-quadratic}'s inner-CV grid. */
    static final double[] LOG_QUADRATIC_GAMMA_SCALES = {0.1};
    /** Alphas of {@code log-quadratic}'s inner-CV grid (small: the fit is close to interpolation). */
    static final double[] LOG_QUADRATIC_ALPHAS = {3e-11, 1e-10, 3e-10, 1e-9};
    /** Alphas of the raw-invariant member of {@code log-quadratic-blend} (gamma scale 0.1 too). */
    static final double[] BLEND_RAW_ALPHAS = {3e-10, 1e-9, 3e-9};
    /** Weights of {@code log-quadratic-blend}: log-quadratic, then the quadratic model on raw invariants. */
    static final double[] BLEND_WEIGHTS = {0.7, 0.3};

    /** Column of the order-0 core-channel q = 3 invariant in the Kymatio QM7 layouts (index q * C + c). */
    static final int GATE_CORE_Q3 = 11;
    /** Column of the order-0 core-channel q = 1 invariant. */
    static final int GATE_CORE_Q1 = 5;
    /**
     * Gate threshold of {@code split-blend}: on QM7 folds 1-4 the ratio column 11 / column 5 is at most
     * 4.85e-5 without S and at least 5.77e-4 with S; the threshold is near their geometric mean.
     */
    static final double GATE_THRESHOLD = 1.7e-4;
    /** A group with fewer training rows than this is fitted on all rows (see {@link GatedRegressor}). */
    static final int SPLIT_MIN_ROWS = 30;
    /** Alphas of both members of {@code split-blend}'s model for the molecules with S. */
    static final double[] SPLIT_HIGH_ALPHAS = {1e-8, 1e-7, 1e-6, 1e-5};
    /** Weights of those members: log-quadratic, then linear kernel ridge on the raw invariants. */
    static final double[] SPLIT_HIGH_WEIGHTS = {0.25, 0.75};

    private RegressionModels() {
    }

    /**
     * Checks that model {@code kind} can use features of {@code layout} (its preset); call it before featurising.
     * Only {@code split-blend} has a requirement: its gate columns must be the order-0 core-channel q = 3 and
     * q = 1 invariants.
     *
     * @param preset the preset's name, for the message
     */
    public static void checkLayout(String kind, FeatureLayout layout, String preset) {
        if (!"split-blend".equals(kind)) {
            return;
        }
        String q3 = layout.size() > GATE_CORE_Q3 ? layout.entry(GATE_CORE_Q3).name() : "none";
        String q1 = layout.size() > GATE_CORE_Q1 ? layout.entry(GATE_CORE_Q1).name() : "none";
        if (!q3.equals("o0.core.q=3") || !q1.equals("o0.core.q=1")) {
            throw new IllegalArgumentException("model split-blend needs o0.core.q=3 and o0.core.q=1 in columns "
                    + GATE_CORE_Q3 + " and " + GATE_CORE_Q1 + " (the Kymatio QM7 layouts), but preset " + preset
                    + " has " + q3 + " and " + q1);
        }
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
                return kernelRidge(PolynomialKernelRidge.Options.defaults());
            case "log-quadratic":
                return LogFeatureRegressor.fitter(kernelRidge(PolynomialKernelRidge.Options.defaults()
                        .gammaScales(LOG_QUADRATIC_GAMMA_SCALES).alphas(LOG_QUADRATIC_ALPHAS)));
            case "log-quadratic-blend":
                return BlendedRegressor.fitter(BLEND_WEIGHTS, fitter("log-quadratic"),
                        kernelRidge(PolynomialKernelRidge.Options.defaults().gammaScales(LOG_QUADRATIC_GAMMA_SCALES)
                                .alphas(BLEND_RAW_ALPHAS)));
            case "split-blend":
                return GatedRegressor.fitter(GATE_CORE_Q3, GATE_CORE_Q1, GATE_THRESHOLD, SPLIT_MIN_ROWS,
                        fitter("log-quadratic-blend"),
                        BlendedRegressor.fitter(SPLIT_HIGH_WEIGHTS,
                                LogFeatureRegressor.fitter(kernelRidge(PolynomialKernelRidge.Options.defaults()
                                        .gammaScales(LOG_QUADRATIC_GAMMA_SCALES).alphas(SPLIT_HIGH_ALPHAS))),
                                kernelRidge(PolynomialKernelRidge.Options.defaults().degree(1)
                                        .alphas(SPLIT_HIGH_ALPHAS))));
            default:
                throw new IllegalArgumentException("model '" + kind + "' is not one of " + String.join(", ", NAMES));
        }
    }

    /** Polynomial kernel ridge with these (immutable) options on the standardised invariants. */
    private static Regressor.Fitter kernelRidge(PolynomialKernelRidge.Options options) {
        return StandardizedRegressor.fitter((x, y) -> PolynomialKernelRidge.fit(x, y, options));
    }
}
