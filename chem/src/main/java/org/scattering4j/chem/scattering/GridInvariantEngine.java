package org.scattering4j.chem.scattering;

import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.density.DensityModel;

/**
 * Orders 0 to 2 on a grid, as Kymatio's QM7 example: each channel's density is rendered with
 * {@link org.scattering4j.scattering.density.GaussianDensity3D}, order 0 is {@code sum_u rho(u)^q} over every
 * voxel, orders 1-2 come from a {@link DensityTransform} (Kymatio's {@code HarmonicScattering3D} integrals).
 * The 3D transform of module {@code scattering} plugs in here:
 *
 * <pre>{@code
 * FeaturizationSpec spec = KymatioQm7Preset.spec();
 * InvariantEngine e = new GridInvariantEngine(spec, (rho, shape) -> transformFor(shape).integrals(rho), 2,
 *         "harmonic-scattering-3d/1");
 * }</pre>
 */
public final class GridInvariantEngine implements InvariantEngine {
    private final FeaturizationSpec spec;
    private final DensityTransform transform;
    private final FeatureLayout layout;
    private final String id;

    /**
     * @param transform the grid transform, returning (P, L+1, Q) with P the paths up to {@code maxOrder}
     * @param maxOrder  1 or 2: the orders the transform returns
     * @param id        names the transform and its version (cache key, sidecar)
     */
    public GridInvariantEngine(FeaturizationSpec spec, DensityTransform transform, int maxOrder, String id) {
        if (maxOrder < 1 || maxOrder > 2) {
            throw new IllegalArgumentException("maxOrder = " + maxOrder + " must be 1 or 2");
        }
        this.spec = spec;
        this.transform = transform;
        this.layout = new FeatureLayout(AnalyticInvariantEngine.channelNames(spec.density()), spec.harmonic(), maxOrder);
        this.id = id;
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
        return id;
    }

    @Override
    public double[] compute(Molecule molecule) {
        DensityModel dm = spec.density();
        double[][] pos = dm.gridPositions(molecule);
        double[][] w = dm.allWeights(molecule);
        int[] shape = spec.gridShape(pos);
        spec.checkFits(pos, shape);
        HarmonicParams h = spec.harmonic();
        int nq = h.powerCount();
        int nPaths = FeatureLayout.paths(h.J(), layout.maxOrder()).size();
        int expected = nPaths * (h.L() + 1) * nq;
        double[] out = new double[layout.size()];
        double[] rho = new double[shape[0] * shape[1] * shape[2]];
        for (int c = 0; c < w.length; c++) {
            org.scattering4j.scattering.density.GaussianDensity3D.render(shape[0], shape[1], shape[2], pos, w[c],
                    dm.sigma(), rho);
            for (int q = 0; q < nq; q++) {
                double p = h.power(q);
                double s = 0;
                for (double v : rho) {
                    s += p == 1 ? v : Math.pow(Math.max(0, v), p);
                }
                out[layout.order0Index(c, q)] = s;
            }
            double[] s12 = transform.integrals(rho, shape);
            if (s12.length != expected) {
                throw new IllegalStateException("density transform returned " + s12.length + " values, expected "
                        + expected + " = " + nPaths + " paths x " + (h.L() + 1) + " l x " + nq + " powers");
            }
            for (int p = 0; p < nPaths; p++) {
                for (int l = 0; l <= h.L(); l++) {
                    for (int q = 0; q < nq; q++) {
                        out[layout.pathIndex(p, l, q, c)] = s12[(p * (h.L() + 1) + l) * nq + q];
                    }
                }
            }
        }
        return out;
    }
}
