package org.scattering4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.scattering4j.scattering.Scattering1D;
import org.scattering4j.scattering.filters.MorletFilterBank1D;
import org.scattering4j.util.NdArray;

/**
 * Scattering1D speed, to compare with Kymatio's NumPy timings ({@code reference/kymatio/timings.md}):
 * filter-bank build time and the transform of a batch of 64 signals (all threads), for the
 * configurations Kymatio was timed on. Run with
 * {@code ./scattering4j bench scattering Scattering1D -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Scattering1DBenchmark {
    /** "N:J:Q1:Q2:maxOrder". */
    @Param({"4096:6:8:1:2", "4096:6:8:1:1", "8192:8:12:1:2"})
    public String config;

    private int n;
    private int j;
    private int q1;
    private int q2;
    private int order;
    private Scattering1D scattering;
    private double[][] batch;
    private double[] single;

    @Setup(Level.Trial)
    public void setUp() {
        String[] p = config.split(":");
        n = Integer.parseInt(p[0]);
        j = Integer.parseInt(p[1]);
        q1 = Integer.parseInt(p[2]);
        q2 = Integer.parseInt(p[3]);
        order = Integer.parseInt(p[4]);
        scattering = Scattering1D.builder(j, n).q(q1, q2).maxOrder(order).build();
        Random r = new Random(42);
        batch = new double[64][n];
        for (double[] row : batch) {
            for (int i = 0; i < n; i++) {
                row[i] = r.nextGaussian();
            }
        }
        single = batch[0];
    }

    /** Building the object: filter bank (both layers, all levels) plus padding set-up. */
    @Benchmark
    public Object build() {
        return Scattering1D.builder(j, n).q(q1, q2).maxOrder(order).build();
    }

    /** Only the filter bank. */
    @Benchmark
    public Object filterBank() {
        return MorletFilterBank1D.create(j, n, q1, q2, 1 << j);
    }

    /** A batch of 64 signals on all threads ({@code scattering4j.threads}, default: all cores). */
    @Benchmark
    public NdArray batch64() {
        return scattering.transform(batch);
    }

    /** One signal on the calling thread. */
    @Benchmark
    public double[][] single() {
        return scattering.transform(single);
    }
}
