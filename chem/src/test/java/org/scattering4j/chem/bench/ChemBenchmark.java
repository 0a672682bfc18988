package org.scattering4j.chem.bench;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.io.MoleculeIterator;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.chem.scattering.AnalyticInvariantEngine;
import org.scattering4j.chem.scattering.AnalyticOrder2Engine;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.chem.scattering.KymatioQm7Preset;
import org.scattering4j.testing.SharedData;

/**
 * Per-molecule featurisation cost (one thread) on QM7 molecule 7000 (a typical 7-heavy-atom molecule) and
 * the cost of streaming the whole QM7 XYZ file. Run: {@code ./scattering4j bench chem ChemBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class ChemBenchmark {
    private Molecule molecule;
    private InvariantEngine adaptive;
    private InvariantEngine fixedCoarse;
    private InvariantEngine fixedExact;
    private InvariantEngine order2Fast;
    private Path xyz;

    @Setup
    public void setup() throws Exception {
        xyz = SharedData.data("qm7").resolve("qm7.xyz");
        try (MoleculeIterator it = MoleculeReaders.open(xyz)) {
            for (int i = 0; i <= 7000; i++) {
                molecule = it.next();
            }
        }
        adaptive = new AnalyticInvariantEngine(KymatioQm7Preset.adaptiveSpec());
        fixedCoarse = new AnalyticInvariantEngine(KymatioQm7Preset.fastSpec());
        fixedExact = new AnalyticInvariantEngine(KymatioQm7Preset.spec());
        order2Fast = new AnalyticOrder2Engine(KymatioQm7Preset.order2FastSpec());
    }

    @Benchmark
    public double[] analyticAdaptive() {
        return adaptive.compute(molecule);
    }

    @Benchmark
    public double[] analyticFixedGridCoarseWideScales() {
        return fixedCoarse.compute(molecule);
    }

    @Benchmark
    public double[] analyticFixedGridEveryVoxel() {
        return fixedExact.compute(molecule);
    }

    /** Orders 0-2, 300 features ({@code kymatio-qm7-order2-fast}). */
    @Benchmark
    public double[] analyticOrder2Fast() {
        return order2Fast.compute(molecule);
    }

    @Benchmark
    public int readWholeQm7Xyz() throws Exception {
        int n = 0;
        try (MoleculeIterator it = MoleculeReaders.open(xyz)) {
            while (it.hasNext()) {
                n += it.next().atomCount();
            }
        }
        return n;
    }
}
