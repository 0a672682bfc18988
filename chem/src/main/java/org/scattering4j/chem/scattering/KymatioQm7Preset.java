package org.scattering4j.chem.scattering;

import java.util.List;
import org.scattering4j.chem.density.Alignment;
import org.scattering4j.chem.density.DensityChannel;
import org.scattering4j.chem.density.DensityModel;
import org.scattering4j.chem.density.GridSpec;

/**
 * The settings of Kymatio's QM7 example ({@code examples/3d/scattering3d_qm7_torch.py}, Eickenberg et al.,
 * J. Chem. Phys. 148, 241732, 2018), with one deliberate difference: the scale is a recorded constant
 * instead of a statistic of the data set being featurised, so a molecule's features never depend on the
 * other molecules.
 *
 * <ul>
 * <li>channels: nuclear charge, valence electrons, core electrons ({@link DensityChannel});</li>
 * <li>Gaussian width {@value #SIGMA} grid units; PCA alignment (unweighted positions, as Kymatio's
 * {@code _pca_align_positions});</li>
 * <li>scale {@link #SCALE} grid units per Angstrom: Kymatio maps the closest atom pair over QM7,
 * {@value #QM7_MIN_DISTANCE_ANGSTROM} A (computed here from {@code qm7.xyz}), to
 * {@code delta = sigma sqrt(-8 ln 0.1)} grid units, where two Gaussians overlap at 0.1 of their peak;</li>
 * <li>grid 192 x 128 x 96; {@code HarmonicScattering3D(J=2, L=3, sigma_0=2)}, integral powers 0.5, 1, 2, 3,
 * orders 0, 1, 2: 12 + 288 = 300 features.</li>
 * </ul>
 *
 * <pre>{@code
 * InvariantEngine e = new AnalyticInvariantEngine(KymatioQm7Preset.spec());          // orders 0-1
 * InvariantEngine fast = new AnalyticInvariantEngine(KymatioQm7Preset.fastSpec());  // ~7x faster, 1e-4 off
 * }</pre>
 */
public final class KymatioQm7Preset {
    /** Preset name on the command line. */
    public static final String NAME = "kymatio-qm7";
    /** Gaussian width and sigma_0, grid units. */
    public static final double SIGMA = 2.0;
    /** Overlap precision of Kymatio's example. */
    public static final double OVERLAP_PRECISION = 0.1;
    /** The smallest interatomic distance over QM7 (Angstrom, from the float32 coordinates of qm7.xyz). */
    public static final double QM7_MIN_DISTANCE_ANGSTROM = 0.9665612930898344;
    /** Grid units per Angstrom, {@code SIGMA sqrt(-8 ln 0.1) / QM7_MIN_DISTANCE_ANGSTROM} = 8.88083. */
    public static final double SCALE = SIGMA * Math.sqrt(-8 * Math.log(OVERLAP_PRECISION)) / QM7_MIN_DISTANCE_ANGSTROM;
    /** Kymatio's grid. */
    public static final int[] GRID = {192, 128, 96};

    private KymatioQm7Preset() {
    }

    /** The three channels, width, scale and PCA alignment. */
    public static DensityModel densityModel() {
        return new DensityModel(List.of(DensityChannel.NUCLEAR_CHARGE, DensityChannel.VALENCE, DensityChannel.CORE),
                SIGMA, SCALE, Alignment.PCA);
    }

    /** J = 2, L = 3, sigma_0 = 2, powers 0.5, 1, 2, 3, orders up to 2. */
    public static HarmonicParams harmonicParams() {
        return new HarmonicParams(2, 3, SIGMA, new double[] {0.5, 1, 2, 3}, 2);
    }

    /** Kymatio's exact setting: the fixed 192 x 128 x 96 grid, every voxel. */
    public static FeaturizationSpec spec() {
        return new FeaturizationSpec(NAME, densityModel(), GridSpec.fixed(GRID[0], GRID[1], GRID[2]), harmonicParams(),
                Double.POSITIVE_INFINITY);
    }

    /**
     * Kymatio's grid with the wide scales (j &ge; 1) summed on a coarser lattice (2 samples per width of the
     * first-order field, stride 2 at j = 1 and 4 at j = 2): about 7x faster than {@link #spec()} with the
     * analytic engine; differs from it by about 1e-4 relative (q = 0.5: 5e-4; q = 2: 1e-14).
     */
    public static FeaturizationSpec fastSpec() {
        return new FeaturizationSpec(NAME + "-fast", densityModel(), GridSpec.fixed(GRID[0], GRID[1], GRID[2]),
                harmonicParams(), 2.0);
    }

    /**
     * The same features on a molecule-sized grid (margin 6 widths of the widest first-order field, see
     * {@link GridSpec#adaptive(double)}) with the wide scales on a coarser lattice as {@link #fastSpec()}: for
     * molecules larger than the fixed grid holds (about +-10.8 x 7.2 x 5.4 A), and for grid (FFT) engines,
     * whose cost follows the grid size. Differs from {@link #spec()} by the periodic images and tails
     * (q &ge; 1: a few 1e-6; q = 0.5: about 1e-3) and the coarse sums (about 1e-4).
     */
    public static FeaturizationSpec adaptiveSpec() {
        return new FeaturizationSpec(NAME + "-adaptive", densityModel(), GridSpec.adaptive(6), harmonicParams(), 2.0);
    }

    /**
     * Orders 0-2 (300 features) for {@link AnalyticOrder2Engine}: Kymatio's fixed grid, first order at 2 samples
     * per width, second order on coarse periodic lattices (preset {@code kymatio-qm7-order2-fast}).
     */
    public static FeaturizationSpec order2FastSpec() {
        return new FeaturizationSpec(NAME + "-order2-fast", densityModel(), GridSpec.fixed(GRID[0], GRID[1], GRID[2]),
                harmonicParams(), 2.0);
    }
}
