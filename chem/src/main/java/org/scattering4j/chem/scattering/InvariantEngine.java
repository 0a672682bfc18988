package org.scattering4j.chem.scattering;

import java.util.Map;
import org.scattering4j.chem.Molecule;

/**
 * Computes a molecule's scattering invariants. The seam between the chemistry pipeline and the
 * transform: {@link AnalyticInvariantEngine} (orders 0 and 1 in closed form), {@link GridInvariantEngine}
 * (orders 0-2 with any grid transform, e.g. {@code HarmonicScattering3D}). Implementations are immutable and
 * thread-safe; the features of a molecule never depend on other molecules.
 *
 * <pre>{@code
 * InvariantEngine engine = new AnalyticInvariantEngine(KymatioQm7Preset.spec());
 * double[] x = engine.compute(molecule);            // engine.layout().size() values
 * String name = engine.layout().entry(5).name();     // e.g. o0.core.q=1
 * }</pre>
 */
public interface InvariantEngine {
    /** The featurisation parameters. */
    FeaturizationSpec spec();

    /** Names and order of the values {@link #compute} returns. */
    FeatureLayout layout();

    /**
     * The invariants of one molecule, in {@link #layout()} order.
     *
     * @throws org.scattering4j.chem.MoleculeException when a channel does not define one of its elements or the
     *                                                 molecule does not fit a fixed grid
     */
    double[] compute(Molecule molecule);

    /** An identifier of the algorithm and its version; part of the cache key and the sidecar. */
    String id();

    /** JSON-ready description: id, spec and layout summary. */
    default Map<String, Object> describe() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("engine", id());
        d.put("spec", spec().describe());
        d.put("n_features", layout().size());
        d.put("max_order", layout().maxOrder());
        return d;
    }
}
