package org.scattering4j.chem.scattering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.chem.Molecule;

class FeatureCacheTest {
    /** An engine that counts its calls and returns cheap, molecule-dependent numbers. */
    static final class CountingEngine implements InvariantEngine {
        final AtomicInteger calls = new AtomicInteger();
        final FeaturizationSpec spec;

        CountingEngine(FeaturizationSpec spec) {
            this.spec = spec;
        }

        @Override
        public FeaturizationSpec spec() {
            return spec;
        }

        @Override
        public FeatureLayout layout() {
            return new FeatureLayout(AnalyticInvariantEngine.channelNames(spec.density()), spec.harmonic(), 0);
        }

        @Override
        public double[] compute(Molecule m) {
            calls.incrementAndGet();
            double[] x = new double[layout().size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = m.coordinate(0, 0) + i;
            }
            return x;
        }

        @Override
        public String id() {
            return "counting/1";
        }
    }

    @Test
    void secondLookupReadsInsteadOfComputing(@TempDir Path dir) throws Exception {
        CountingEngine e = new CountingEngine(KymatioQm7Preset.spec());
        FeatureCache c = new FeatureCache(dir, e);
        double[] a = c.computeIfAbsent(EnginesTest.WATER);
        double[] b = c.computeIfAbsent(EnginesTest.WATER);
        assertArrayEquals(a, b, 0);
        assertEquals(1, e.calls.get());
        // a fresh cache object over the same directory (a second run) also reads
        CountingEngine e2 = new CountingEngine(KymatioQm7Preset.spec());
        assertArrayEquals(a, new FeatureCache(dir, e2).computeIfAbsent(EnginesTest.WATER), 0);
        assertEquals(0, e2.calls.get());
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".f64")).count()); // no temporary files left
        }
    }

    @Test
    void keyDependsOnParametersAndCoordinatesButNotOnNames(@TempDir Path dir) {
        FeatureCache k = new FeatureCache(dir, new CountingEngine(KymatioQm7Preset.spec()));
        FeatureCache other = new FeatureCache(dir, new CountingEngine(KymatioQm7Preset.adaptiveSpec()));
        Molecule w = EnginesTest.WATER;
        assertEquals(64, k.key(w).length());
        assertNotEquals(k.key(w), other.key(w));
        double[][] p = w.positions();
        p[2][2] = Math.nextUp(p[2][2]);
        assertNotEquals(k.key(w), k.key(Molecule.of(w.atomicNumbers(), p)));
        assertEquals(k.key(w), k.key(Molecule.of(w.atomicNumbers(), w.positions(), "renamed", java.util.Map.of("e", "1"))));
    }

    @Test
    void damagedEntryIsIgnoredAndRewritten(@TempDir Path dir) throws Exception {
        CountingEngine e = new CountingEngine(KymatioQm7Preset.spec());
        FeatureCache c = new FeatureCache(dir, e);
        c.computeIfAbsent(EnginesTest.WATER);
        String key = c.key(EnginesTest.WATER);
        Path f = dir.resolve(key.substring(0, 2)).resolve(key + ".f64");
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertNull(c.get(EnginesTest.WATER));
        c.computeIfAbsent(EnginesTest.WATER);
        assertEquals(2, e.calls.get());
        assertEquals(bytes.length, Files.size(f));
    }
}
