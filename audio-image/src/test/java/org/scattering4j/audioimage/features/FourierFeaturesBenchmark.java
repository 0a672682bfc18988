package org.scattering4j.audioimage.features;

import java.io.IOException;
import java.util.Arrays;
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
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.testing.SharedData;

/**
 * Fourier baseline features of one 160 x 160 Brodatz patch (16 radial x 8 angular bins), single thread.
 * Run: {@code ./scattering4j bench audio-image FourierFeaturesBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FourierFeaturesBenchmark {
    private double[][] patch;
    private FourierFeatures fx;

    @Setup
    public void setup() throws IOException {
        double[][] plate = ImageReader.read(SharedData.data("textures-brodatz112").resolve("D1.png"));
        patch = new double[160][];
        for (int r = 0; r < 160; r++) {
            patch[r] = Arrays.copyOf(plate[r], 160);
        }
        fx = new FourierFeatures(160, 160, 16, 8, 1e-10);
    }

    @Benchmark
    public double[] extract160() {
        return fx.extract(patch);
    }
}
