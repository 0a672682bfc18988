package org.scattering4j.chem.density;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.scattering4j.chem.Elements;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;
import org.scattering4j.scattering.density.GaussianDensity3D;

/**
 * Turns a molecule into electronic-density channels on a grid: alignment, scaling from Angstrom to grid
 * units, Gaussian width and the weights of each channel. Immutable and thread-safe; the features of a
 * molecule never depend on other molecules (the scale is a recorded constant, not a data-set statistic).
 *
 * <pre>{@code
 * DensityModel dm = KymatioQm7Preset.densityModel();
 * double[][] p = dm.gridPositions(molecule);                 // grid units, axis 0 = largest spread
 * double[] rho = dm.render(molecule, 0, new int[] {192, 128, 96});   // nuclear-charge density, C order
 * }</pre>
 */
public final class DensityModel {
    private final List<DensityChannel> channels;
    private final double sigma;
    private final double scale;
    private final Alignment alignment;

    /**
     * @param channels  the channels (at least one, names distinct)
     * @param sigma     Gaussian width in grid units (&gt; 0)
     * @param scale     grid units per Angstrom (&gt; 0)
     * @param alignment placement before scaling
     */
    public DensityModel(List<DensityChannel> channels, double sigma, double scale, Alignment alignment) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("channels must not be empty");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (DensityChannel c : channels) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("channel name '" + c.name() + "' appears twice");
            }
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma = " + sigma + " must be a positive finite number of grid units");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale = " + scale + " must be a positive finite number of grid units per Angstrom");
        }
        this.channels = Collections.unmodifiableList(new ArrayList<>(channels));
        this.sigma = sigma;
        this.scale = scale;
        this.alignment = alignment;
    }

    public List<DensityChannel> channels() {
        return channels;
    }

    /** Gaussian width, grid units. */
    public double sigma() {
        return sigma;
    }

    /** Grid units per Angstrom. */
    public double scale() {
        return scale;
    }

    public Alignment alignment() {
        return alignment;
    }

    /** Aligned, scaled positions {@code {axis0, axis1, axis2}} in grid units (new arrays). */
    public double[][] gridPositions(Molecule m) {
        double[][] p = alignment.apply(m.positions());
        for (double[] q : p) {
            for (int k = 0; k < 3; k++) {
                q[k] *= scale;
            }
        }
        return p;
    }

    /**
     * The weights of channel {@code c} for each atom.
     *
     * @throws MoleculeException naming the element and the channel when the channel does not define it
     */
    public double[] weights(Molecule m, int c) {
        DensityChannel ch = channels.get(c);
        double[] w = new double[m.atomCount()];
        for (int i = 0; i < w.length; i++) {
            int z = m.atomicNumber(i);
            w[i] = ch.weight(z);
            if (Double.isNaN(w[i])) {
                throw new MoleculeException("element " + Elements.symbol(z) + " (Z = " + z + ", atom " + (i + 1)
                        + ") is not supported by density channel '" + ch.name() + "'", i);
            }
        }
        return w;
    }

    /** All channel weights, {@code [channel][atom]}; checks every atom against every channel. */
    public double[][] allWeights(Molecule m) {
        double[][] w = new double[channels.size()][];
        for (int c = 0; c < w.length; c++) {
            w[c] = weights(m, c);
        }
        return w;
    }

    /** The density of channel {@code c} on a grid of the given shape (C order, Kymatio's wrapped coordinates). */
    public double[] render(Molecule m, int c, int[] shape) {
        return GaussianDensity3D.render(shape[0], shape[1], shape[2], gridPositions(m), weights(m, c), sigma);
    }

    /** A JSON-ready description (channels with their weights on the elements 1..118 that they define). */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        List<Object> ch = new ArrayList<>();
        for (DensityChannel c : channels) {
            java.util.Map<String, Object> e = new java.util.LinkedHashMap<>();
            e.put("name", c.name());
            java.util.Map<String, Object> w = new java.util.LinkedHashMap<>();
            double[] t = c.weightTable();
            for (int z = 1; z < t.length; z++) {
                if (!Double.isNaN(t[z])) {
                    w.put(Elements.symbol(z), t[z]);
                }
            }
            e.put("weights", w);
            ch.add(e);
        }
        d.put("channels", ch);
        d.put("sigma_grid_units", sigma);
        d.put("scale_grid_units_per_angstrom", scale);
        d.put("alignment", alignment.name());
        return d;
    }
}
