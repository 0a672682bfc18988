package org.scattering4j.chem.scattering;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scattering4j.chem.density.DensityModel;
import org.scattering4j.chem.density.GridSpec;

/**
 * Everything that determines a molecule's features: the density model (channels, width, scale,
 * alignment), the grid, the scattering parameters and the first-order sampling. Immutable; its
 * {@link #describe()} goes into the JSON sidecar and the cache key, so features computed with other
 * settings are never mixed up.
 */
public final class FeaturizationSpec {
    private final String name;
    private final DensityModel density;
    private final GridSpec grid;
    private final HarmonicParams harmonic;
    private final double samplesPerWidth;

    /**
     * @param name            a label (e.g. {@code kymatio-qm7}); not part of the numbers
     * @param samplesPerWidth first-order sampling ({@link AnalyticFirstOrder}); +inf = every voxel
     */
    public FeaturizationSpec(String name, DensityModel density, GridSpec grid, HarmonicParams harmonic,
                             double samplesPerWidth) {
        if (!(samplesPerWidth > 0)) {
            throw new IllegalArgumentException("samplesPerWidth = " + samplesPerWidth + " must be > 0 (or +inf)");
        }
        this.name = name;
        this.density = density;
        this.grid = grid;
        this.harmonic = harmonic;
        this.samplesPerWidth = samplesPerWidth;
    }

    public String name() {
        return name;
    }

    public DensityModel density() {
        return density;
    }

    public GridSpec grid() {
        return grid;
    }

    public HarmonicParams harmonic() {
        return harmonic;
    }

    public double samplesPerWidth() {
        return samplesPerWidth;
    }

    /** The same spec on another grid. */
    public FeaturizationSpec withGrid(GridSpec g) {
        return new FeaturizationSpec(name, density, g, harmonic, samplesPerWidth);
    }

    /** The same spec with another first-order sampling. */
    public FeaturizationSpec withSamplesPerWidth(double s) {
        return new FeaturizationSpec(name, density, grid, harmonic, s);
    }

    /** sqrt(sigma^2 + sigma_J^2): the width of the widest first-order field, grid units. */
    public double widestSigma() {
        double s = density.sigma();
        double sj = harmonic.sigma(harmonic.J());
        return Math.sqrt(s * s + sj * sj);
    }

    /** The grid shape for a molecule's grid positions. */
    public int[] gridShape(double[][] gridPositions) {
        return grid.shapeFor(gridPositions, widestSigma());
    }

    /**
     * Checks that every Gaussian (to 4 sigma) lies inside a fixed grid's wrapped box; adaptive grids always fit.
     *
     * @throws org.scattering4j.chem.MoleculeException naming the atom, the axis and the grid otherwise
     */
    public void checkFits(double[][] gridPositions, int[] shape) {
        if (grid.isAdaptive()) {
            return;
        }
        double r = 4 * density.sigma();
        for (int a = 0; a < gridPositions.length; a++) {
            for (int k = 0; k < 3; k++) {
                double v = gridPositions[a][k];
                if (v - r < -shape[k] / 2 || v + r > shape[k] / 2 - 1) {
                    throw new org.scattering4j.chem.MoleculeException(String.format(java.util.Locale.ROOT,
                            "molecule does not fit the fixed %dx%dx%d grid: atom %d lies at %.1f grid units (%.2f A) "
                                    + "along axis %d, the grid holds [%d, %d] minus 4 sigma; use an adaptive grid",
                            shape[0], shape[1], shape[2], a + 1, v, v / density.scale(), k, -shape[k] / 2,
                            shape[k] / 2 - 1), a);
                }
            }
        }
    }

    /** JSON-ready description of every parameter. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("preset", name);
        d.put("density", density.describe());
        d.put("grid", grid.toString());
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("J", harmonic.J());
        h.put("L", harmonic.L());
        h.put("sigma0", harmonic.sigma0());
        h.put("integral_powers", harmonic.powers());
        h.put("max_order", harmonic.maxOrder());
        d.put("harmonic_scattering", h);
        d.put("first_order_samples_per_width", Double.isInfinite(samplesPerWidth) ? "all voxels" : samplesPerWidth);
        return d;
    }
}
