package org.scattering4j.bench;

import java.util.Random;
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
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.util.NdArray;

/**
 * Scattering2D speed against Kymatio's NumPy timings (shared/reference/kymatio/timings.md), L = 8,
 * max order 2. Run: {@code ./scattering4j bench scattering Scattering2D -f 1 -wi 3 -i 5}.
 * Threads: the library default (all cores, here 2).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class Scattering2DBenchmark {
    private Scattering2D s28;
    private Scattering2D s32;
    private Scattering2D s256;
    private double[][] batch28;
    private double[][] batch32;
    private double[] one32;
    private double[] one256;

    private static double[][] images(int count, int size, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[count][size];
        for (double[] row : x) {
            for (int i = 0; i < size; i++) {
                row[i] = rnd.nextGaussian();
            }
        }
        return x;
    }

    @Setup
    public void setup() {
        s28 = new Scattering2D(2, 28, 28);
        s32 = new Scattering2D(2, 32, 32);
        s256 = new Scattering2D(3, 256, 256);
        batch28 = images(64, 28 * 28, 1);
        batch32 = images(64, 32 * 32, 2);
        one32 = images(1, 32 * 32, 3)[0];
        one256 = images(1, 256 * 256, 4)[0];
    }

    /** Kymatio: 0.15 s (pass B; 0.22 s pass A) for 64 images 28x28, J=2. */
    @Benchmark
    public NdArray batch64of28x28J2() {
        return s28.transform(batch28, 28, 28);
    }

    /** Kymatio: 0.18 s (pass B) for 64 images 32x32, J=2. */
    @Benchmark
    public NdArray batch64of32x32J2() {
        return s32.transform(batch32, 32, 32);
    }

    /** Kymatio: 0.0064 s (pass B) for one 32x32 image, J=2. */
    @Benchmark
    public NdArray one32x32J2() {
        return s32.transform(one32);
    }

    /** Kymatio: 0.12 s (pass B; 0.088 s pass A) for one 256x256 image, J=3. */
    @Benchmark
    public NdArray one256x256J3() {
        return s256.transform(one256);
    }

    /** Kymatio: 5.9 / 8.2 s to build the 256x256, J=3, L=8 object (filter bank). */
    @Benchmark
    @Warmup(iterations = 3, time = 2)
    public Scattering2D build256x256J3() {
        return new Scattering2D(3, 256, 256);
    }

    /** Kymatio: 0.12 / 0.14 s to build the 32x32, J=2 object. */
    @Benchmark
    public Scattering2D build32x32J2() {
        return new Scattering2D(2, 32, 32);
    }
}
