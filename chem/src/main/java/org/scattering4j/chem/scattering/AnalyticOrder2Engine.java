package org.scattering4j.chem.scattering;

import org.scattering4j.chem.Molecule;

/**
 * Orders 0, 1 and 2 of Kymatio's QM7 feature set without full-grid FFTs: order 0 as Kymatio's voxel sums
 * ({@link Order0#onGrid}), orders 1 and 2 from {@link AnalyticSecondOrder} (closed-form first-order fields on
 * lattices of 2 samples per width, second order on coarse periodic lattices through small FFTs). Same feature
 * names and order as the grid engine with {@code HarmonicScattering3D} (maximal order 2); agrees with its exact
 * mode within about 1e-3 relative for q &ge; 1 and 1e-2 for q = 0.5 (BENCHMARKS.md, "Order-2 fast path for QM7").
 *
 * <p>Fixed (periodic) grids only: the second order is the circular convolution on the fixed box.
 *
 * <pre>{@code
 * InvariantEngine e = new AnalyticOrder2Engine(KymatioQm7Preset.spec());
 * double[] x = e.compute(molecule);   // 12 order-0 + 144 order-1 + 144 order-2 features
 * }</pre>
 */
public final class AnalyticOrder2Engine implements InvariantEngine {
    /** Margin of the first-order boxes in widths of {@code U1^{1/2}}: tails below e^-10 of the peak dropped. */
    public static final double TAIL_CUTOFF = 4.5;

    private final FeaturizationSpec spec;
    private final FeatureLayout layout;
    private final AnalyticSecondOrder transform;

    /**
     * @param spec a spec with a fixed grid and maximal order 2; its first-order sampling setting is not used
     *             (the first order is sampled at 2 points per width)
     */
    public AnalyticOrder2Engine(FeaturizationSpec spec) {
        if (spec.grid().isAdaptive()) {
            throw new IllegalArgumentException("grid = " + spec.grid() + ": the order-2 analytic engine needs a fixed "
                    + "(periodic) grid");
        }
        if (spec.harmonic().maxOrder() != 2) {
            throw new IllegalArgumentException("maxOrder = " + spec.harmonic().maxOrder() + " must be 2 for this engine");
        }
        this.spec = spec;
        this.layout = new FeatureLayout(AnalyticInvariantEngine.channelNames(spec.density()), spec.harmonic(), 2);
        this.transform = new AnalyticSecondOrder(spec.harmonic(), spec.density().sigma(), TAIL_CUTOFF);
    }

    @Override
    public FeaturizationSpec spec() {
        return spec;
    }

    @Override
    public FeatureLayout layout() {
        return layout;
    }

    @Override
    public String id() {
        // 2: windows of the second order sized 2-3-5 (was: powers of 2), values up to ~3e-3 (q = 0.5) different
        // 3: the pairs (j1, j2 > j1 + 1) on windows too (were: the whole grid), values up to ~1e-3 different
        return "analytic-order2/3";
    }

    @Override
    public double[] compute(Molecule molecule) {
        double[] out = new double[layout.size()];
        AnalyticInvariantEngine.Placed m = AnalyticInvariantEngine.placeWithOrder0(spec, layout, molecule, out);
        double[][] pos = m.pos();
        double[][] w = m.weights();
        int[] shape = m.shape();
        HarmonicParams h = spec.harmonic();
        double[] powers = h.powers();
        int nc = w.length;
        AnalyticSecondOrder.Result r = transform.compute(pos, w, shape);
        int J = h.J();
        for (int c = 0; c < nc; c++) {
            for (int l = 0; l <= h.L(); l++) {
                for (int q = 0; q < powers.length; q++) {
                    for (int j = 0; j <= J; j++) {
                        out[layout.pathIndex(j, l, q, c)] = r.first[c][j][l][q];
                    }
                    for (int p = 0; p < J * (J + 1) / 2; p++) {
                        out[layout.pathIndex(J + 1 + p, l, q, c)] = r.second[c][p][l][q];
                    }
                }
            }
        }
        return out;
    }
}
