package org.scattering4j.chem.scattering;

import java.util.ArrayList;
import java.util.List;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.density.DensityChannel;
import org.scattering4j.chem.density.DensityModel;

/**
 * Orders 0 and 1 without FFTs: order 0 as Kymatio's voxel sums {@code sum_u rho(u)^q} ({@link Order0#onGrid}),
 * order 1 from the closed form of a Gaussian convolved with a solid harmonic wavelet
 * ({@link AnalyticFirstOrder}), periodised on fixed grids so the values are those of the circular FFT
 * convolution. Order 2 needs a grid transform ({@link GridInvariantEngine}); the layout here stops at order 1
 * whatever the spec's maximal order.
 *
 * <pre>{@code
 * InvariantEngine e = new AnalyticInvariantEngine(KymatioQm7Preset.spec());
 * double[] x = e.compute(molecule);   // 12 order-0 + 144 order-1 features
 * }</pre>
 */
public final class AnalyticInvariantEngine implements InvariantEngine {
    private final FeaturizationSpec spec;
    private final FeatureLayout layout;
    private final AnalyticFirstOrder first;

    public AnalyticInvariantEngine(FeaturizationSpec spec) {
        this.spec = spec;
        this.layout = new FeatureLayout(channelNames(spec.density()), spec.harmonic(), 1);
        this.first = new AnalyticFirstOrder(spec.harmonic(), spec.density().sigma(), spec.samplesPerWidth(), 8);
    }

    /** A molecule placed on its grid: positions in grid units, channel weights per atom, grid shape. */
    record Placed(double[][] pos, double[][] weights, int[] shape) {
    }

    /**
     * Places {@code molecule} on the grid of {@code spec} (refusing it if it does not fit) and writes its
     * order-0 invariants into {@code out} at the layout's order-0 indices; shared by the analytic engines.
     */
    static Placed placeWithOrder0(FeaturizationSpec spec, FeatureLayout layout, Molecule molecule, double[] out) {
        DensityModel dm = spec.density();
        double[][] pos = dm.gridPositions(molecule);
        double[][] w = dm.allWeights(molecule);
        int[] shape = spec.gridShape(pos);
        spec.checkFits(pos, shape);
        double[] powers = spec.harmonic().powers();
        double[][] o0 = Order0.onGrid(pos, w, dm.sigma(), shape, powers);
        for (int c = 0; c < w.length; c++) {
            for (int q = 0; q < powers.length; q++) {
                out[layout.order0Index(c, q)] = o0[c][q];
            }
        }
        return new Placed(pos, w, shape);
    }

    static List<String> channelNames(DensityModel d) {
        List<String> n = new ArrayList<>();
        for (DensityChannel c : d.channels()) {
            n.add(c.name());
        }
        return n;
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
        return "analytic-order1/1";
    }

    @Override
    public double[] compute(Molecule molecule) {
        double[] out = new double[layout.size()];
        Placed m = placeWithOrder0(spec, layout, molecule, out);
        double[][] pos = m.pos();
        double[][] w = m.weights();
        int[] shape = m.shape();
        HarmonicParams h = spec.harmonic();
        double[] powers = h.powers();
        int nc = w.length;
        double[][][][] s1 = first.integrals(pos, w, shape, !spec.grid().isAdaptive());
        for (int c = 0; c < nc; c++) {
            for (int j = 0; j <= h.J(); j++) {
                for (int l = 0; l <= h.L(); l++) {
                    for (int q = 0; q < powers.length; q++) {
                        out[layout.pathIndex(j, l, q, c)] = s1[c][j][l][q];
                    }
                }
            }
        }
        return out;
    }
}
