package org.scattering4j.chem.energy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.scattering4j.chem.scattering.AnalyticInvariantEngine;
import org.scattering4j.chem.scattering.AnalyticOrder2Engine;
import org.scattering4j.chem.scattering.FeaturizationSpec;
import org.scattering4j.chem.scattering.GridInvariantEngine;
import org.scattering4j.chem.scattering.HarmonicParams;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.chem.scattering.KymatioQm7Preset;
import org.scattering4j.scattering.HarmonicScattering3D;

/**
 * The named featurisation presets shared by {@code featurize}, {@code qm7}, {@code train} and
 * {@code predict}. A preset name fixes every parameter (density channels, width, scale, alignment, grid,
 * J, L, powers, orders, engine), so a model file that records the name and the engine description can
 * never be applied with other settings.
 *
 * <ul>
 *   <li>{@code kymatio-qm7}: Kymatio's QM7 example settings, orders 0 and 1 in closed form on the fixed
 *       192 x 128 x 96 grid, every voxel (156 features).</li>
 *   <li>{@code kymatio-qm7-fast}: the same features with the wide scales summed on a coarser lattice
 *       (about 7x faster, 1e-4 relative difference) — the default for the QM7 benchmark.</li>
 *   <li>{@code kymatio-qm7-adaptive}: molecule-sized grids, for molecules larger than the fixed grid.</li>
 *   <li>{@code kymatio-qm7-order2}: orders 0, 1 and 2 (300 features, Kymatio's full feature set) through
 *       {@link HarmonicScattering3D} in multi-resolution mode on the fixed grid; seconds per molecule.</li>
 *   <li>{@code kymatio-qm7-order2-fast}: the same 300 features (same names and order) from
 *       {@link AnalyticOrder2Engine}: closed-form first order, second order on coarse periodic lattices;
 *       within 1e-3 (q &ge; 1) / 1e-2 (q = 0.5) of the exact grid path, a fraction of a second per molecule.</li>
 * </ul>
 */
public final class Presets {
    public static final String DEFAULT = KymatioQm7Preset.NAME + "-fast";
    public static final List<String> NAMES = List.of(KymatioQm7Preset.NAME, KymatioQm7Preset.NAME + "-fast",
            KymatioQm7Preset.NAME + "-adaptive", KymatioQm7Preset.NAME + "-order2",
            KymatioQm7Preset.NAME + "-order2-fast");

    private static final Map<String, InvariantEngine> ENGINES = new ConcurrentHashMap<>();

    private Presets() {
    }

    /** The engine of a preset (built once, shared: engines are immutable and thread-safe). */
    public static InvariantEngine engine(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("preset '" + name + "' is not one of " + String.join(", ", NAMES));
        }
        return ENGINES.computeIfAbsent(name, Presets::build);
    }

    private static InvariantEngine build(String name) {
        switch (name) {
            case KymatioQm7Preset.NAME:
                return new AnalyticInvariantEngine(KymatioQm7Preset.spec());
            case KymatioQm7Preset.NAME + "-fast":
                return new AnalyticInvariantEngine(KymatioQm7Preset.fastSpec());
            case KymatioQm7Preset.NAME + "-adaptive":
                return new AnalyticInvariantEngine(KymatioQm7Preset.adaptiveSpec());
            case KymatioQm7Preset.NAME + "-order2-fast":
                return new AnalyticOrder2Engine(KymatioQm7Preset.order2FastSpec());
            default:
                return order2(KymatioQm7Preset.spec());
        }
    }

    private static InvariantEngine order2(FeaturizationSpec spec) {
        HarmonicParams h = spec.harmonic();
        int[] g = KymatioQm7Preset.GRID;
        HarmonicScattering3D t = HarmonicScattering3D.builder(h.J(), g[0], g[1], g[2]).L(h.L()).sigma0(h.sigma0())
                .integralPowers(h.powers()).maxOrder(2).multiresolution(true).build();
        return new GridInvariantEngine(spec, (rho, shape) -> t.transform(rho).data(), 2,
                "harmonic-scattering-3d/multiresolution/2"); // 2: h3d2 grids (7-smooth sizes, pruned U1 FFT)
    }
}
