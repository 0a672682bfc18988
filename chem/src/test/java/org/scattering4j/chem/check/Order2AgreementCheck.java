package org.scattering4j.chem.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.energy.Presets;
import org.scattering4j.chem.io.MoleculeIterator;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.chem.scattering.FeatureLayout;
import org.scattering4j.chem.scattering.FeaturizationSpec;
import org.scattering4j.chem.scattering.GridInvariantEngine;
import org.scattering4j.chem.scattering.HarmonicParams;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.chem.scattering.KymatioQm7Preset;
import org.scattering4j.data.io.Npy;
import org.scattering4j.scattering.HarmonicScattering3D;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.NdArray;
import org.scattering4j.util.Parallel;

/**
 * The 50-molecule agreement check of issue 4 (not a unit test: the exact grid path costs about 15 s of CPU per
 * molecule): QM7 molecules 0, 143, 286, ... (every 143rd, 50 of them) through the exact grid path
 * ({@link HarmonicScattering3D} exact mode via {@link GridInvariantEngine}, Kymatio's preset) and through a fast
 * preset; prints the worst relative error per order and power. Exact features are cached in a directory
 * (one {@code .npy} per molecule), so a second run only computes the fast preset.
 *
 * <pre>
 * mvn -q -o -B -DskipTests test-compile dependency:build-classpath -pl chem -am \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
 * java -cp "chem/target/test-classes:chem/target/classes:$(cat chem/target/bench-classpath.txt)" \
 *     org.scattering4j.chem.check.Order2AgreementCheck [--preset kymatio-qm7-order2-fast] [--n 50] [--step 143] \
 *     [--cache /tmp/order2-exact] [--threads 2] [--cached-only true]
 * </pre>
 * ({@code --preset none} only fills the cache; {@code --cached-only true} compares only molecules already cached.)
 */
public final class Order2AgreementCheck {
    private Order2AgreementCheck() {
    }

    /** The exact reference engine: orders 0-2 through HarmonicScattering3D in exact mode on Kymatio's grid. */
    public static InvariantEngine exactEngine() {
        FeaturizationSpec spec = KymatioQm7Preset.spec();
        HarmonicParams h = spec.harmonic();
        int[] g = KymatioQm7Preset.GRID;
        HarmonicScattering3D t = HarmonicScattering3D.builder(h.J(), g[0], g[1], g[2]).L(h.L()).sigma0(h.sigma0())
                .integralPowers(h.powers()).maxOrder(2).multiresolution(false).build();
        return new GridInvariantEngine(spec, (rho, shape) -> t.transform(rho).data(), 2, "harmonic-scattering-3d/exact");
    }

    public static void main(String[] args) throws IOException {
        String preset = KymatioQm7Preset.NAME + "-order2-fast";
        int n = 50;
        int step = 143;
        Path cache = Path.of("/tmp/order2-exact");
        int threads = 2;
        boolean cachedOnly = false;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--preset": preset = args[i + 1]; break;
                case "--n": n = Integer.parseInt(args[i + 1]); break;
                case "--step": step = Integer.parseInt(args[i + 1]); break;
                case "--cache": cache = Path.of(args[i + 1]); break;
                case "--threads": threads = Integer.parseInt(args[i + 1]); break;
                case "--cached-only": cachedOnly = Boolean.parseBoolean(args[i + 1]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Parallel.setThreads(threads);
        Files.createDirectories(cache);
        List<Molecule> mols = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        try (MoleculeIterator it = MoleculeReaders.open(SharedData.data("qm7").resolve("qm7.xyz"))) {
            for (int i = 0; it.hasNext() && mols.size() < n; i++) {
                Molecule m = it.next();
                if (i % step == 0) {
                    mols.add(m);
                    idx.add(i);
                }
            }
        }
        InvariantEngine exact = null;
        InvariantEngine fast = "none".equals(preset) ? null : Presets.engine(preset);
        FeatureLayout layout = fast != null ? fast.layout() : exactEngine().layout();
        double[][] worst = new double[3][layout.params().powerCount()];
        String[][] worstName = new String[3][layout.params().powerCount()];
        long fastNanos = 0;
        int compared = 0;
        for (int k = 0; k < mols.size(); k++) {
            Path f = cache.resolve("qm7-" + idx.get(k) + ".npy");
            double[] ex;
            if (!Files.exists(f) && cachedOnly) {
                continue;
            }
            if (Files.exists(f)) {
                ex = Npy.read(f).data();
            } else {
                if (exact == null) {
                    exact = exactEngine();
                }
                long t0 = System.nanoTime();
                ex = exact.compute(mols.get(k));
                Npy.write(f, new NdArray(new int[] {ex.length}, ex));
                System.out.printf(Locale.ROOT, "exact %d (%d atoms): %.1f s%n", idx.get(k), mols.get(k).atomCount(),
                        (System.nanoTime() - t0) / 1e9);
            }
            if (fast == null) {
                continue;
            }
            long t0 = System.nanoTime();
            double[] fa = fast.compute(mols.get(k));
            fastNanos += System.nanoTime() - t0;
            compared++;
            for (int i = 0; i < fa.length; i++) {
                FeatureLayout.Entry e = layout.entry(i);
                int qi = 0;
                while (layout.params().power(qi) != e.q) {
                    qi++;
                }
                double r = ex[i] == 0 ? Math.abs(fa[i]) : Math.abs(fa[i] / ex[i] - 1);
                if (r > worst[e.order][qi] || Double.isNaN(r)) {
                    worst[e.order][qi] = r;
                    worstName[e.order][qi] = "qm7[" + idx.get(k) + "] " + e.name();
                }
            }
        }
        if (fast == null) {
            return;
        }
        System.out.printf(Locale.ROOT, "%d molecules, preset %s, fast engine %.1f ms per molecule (this thread)%n",
                compared, preset, fastNanos / 1e6 / Math.max(1, compared));
        for (int o = 0; o <= 2; o++) {
            for (int qi = 0; qi < worst[o].length; qi++) {
                System.out.printf(Locale.ROOT, "order %d q=%-4s worst relative error %.2e  (%s)%n", o,
                        layout.params().power(qi), worst[o][qi], worstName[o][qi]);
            }
        }
    }
}
