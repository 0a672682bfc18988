package org.scattering4j.chem.density;

import java.util.Arrays;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.scattering4j.chem.Elements;

/**
 * One electronic-density channel: a weight per element, the density being
 * {@code rho(u) = sum_atoms w(Z_a) G_sigma(u - p_a)} with normalised Gaussians. Immutable.
 *
 * <p>The three channels of Kymatio's QM7 example (Eickenberg et al., J. Chem. Phys. 148, 241732, 2018):
 * {@link #NUCLEAR_CHARGE} (Z), {@link #VALENCE} (valence electrons: Z for Z &le; 2, Z - 2 for 3 &le; Z &le; 10,
 * Z - 10 for 11 &le; Z &le; 18; undefined above 18) and {@link #CORE} (Z - valence). Other channels are made
 * with {@link #of(String, IntToDoubleFunction)} or {@link #ofWeights(String, Map)}, e.g.
 * {@link #CHEMICAL_VALENCE} (pyscatharm's {@code atomval}).
 *
 * <p>A weight of NaN means "element not supported"; featurising such a molecule is an error naming the
 * element and the channel.
 */
public final class DensityChannel {
    /** Nuclear charge Z ("full" in Kymatio's example). */
    public static final DensityChannel NUCLEAR_CHARGE = of("nuclear_charge", z -> z);
    /** Valence electrons per Kymatio's example; defined for Z &le; 18. */
    public static final DensityChannel VALENCE = of("valence", DensityChannel::kymatioValence);
    /** Core electrons, Z - valence; defined for Z &le; 18. */
    public static final DensityChannel CORE = of("core", z -> z - kymatioValence(z));
    /** Chemical valence (bonds formed): H 1, C 4, N 3, O 2, S 6 (pyscatharm's {@code atomval}); others unsupported. */
    public static final DensityChannel CHEMICAL_VALENCE = ofWeights("chemical_valence",
            Map.of(1, 1.0, 6, 4.0, 7, 3.0, 8, 2.0, 16, 6.0));

    private final String name;
    private final double[] weights; // index Z, NaN = unsupported

    private DensityChannel(String name, double[] weights) {
        this.name = name;
        this.weights = weights;
    }

    /** A channel from a weight function of Z (1 ... 118); return NaN for unsupported elements. */
    public static DensityChannel of(String name, IntToDoubleFunction weight) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("channel name must not be blank");
        }
        double[] w = new double[Elements.MAX_Z + 1];
        w[0] = Double.NaN;
        for (int z = 1; z <= Elements.MAX_Z; z++) {
            w[z] = weight.applyAsDouble(z);
            if (Double.isInfinite(w[z])) {
                throw new IllegalArgumentException("channel " + name + ": weight of Z = " + z + " is infinite");
            }
        }
        return new DensityChannel(name, w);
    }

    /** A channel defined on the listed elements only (Z to weight). */
    public static DensityChannel ofWeights(String name, Map<Integer, Double> weights) {
        return of(name, z -> weights.getOrDefault(z, Double.NaN));
    }

    private static double kymatioValence(int z) {
        if (z <= 2) {
            return z;
        }
        if (z <= 10) {
            return z - 2;
        }
        if (z <= 18) {
            return z - 10;
        }
        return Double.NaN;
    }

    /** The name (used in feature names, e.g. {@code valence}). */
    public String name() {
        return name;
    }

    /** The weight of element {@code z}, NaN when unsupported. */
    public double weight(int z) {
        return z >= 1 && z <= Elements.MAX_Z ? weights[z] : Double.NaN;
    }

    /** Whether the element has a weight. */
    public boolean supports(int z) {
        return !Double.isNaN(weight(z));
    }

    /** The weights of Z = 0 ... 118 (copy; NaN = unsupported), used to describe and hash the channel. */
    public double[] weightTable() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DensityChannel && ((DensityChannel) o).name.equals(name)
                && Arrays.equals(((DensityChannel) o).weights, weights);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "DensityChannel[" + name + "]";
    }
}
