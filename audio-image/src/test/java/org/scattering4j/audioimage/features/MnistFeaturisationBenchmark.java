package org.scattering4j.audioimage.features;

import java.io.IOException;
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
import org.scattering4j.audioimage.classify.Scatterings;
import org.scattering4j.data.Progress;
import org.scattering4j.data.io.IdxReader;
import org.scattering4j.data.sets.Mnist;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.testing.SharedData;

/**
 * Issue 6's rate benchmark: all 70,000 MNIST images (training then test set) read from the gzip IDX files
 * and streamed through every Scattering2D(J=2, L=8) coefficient ({@link Scatterings#flat}, batches of 1024,
 * both cores), exactly the featurisation path of {@code classify mnist --grid corner --J 2 --power 1}; the rows are
 * summed, not kept, so the figure is the read + transform + copy rate. One shot = the whole data set.
 * Run: {@code ./scattering4j bench audio-image MnistFeaturisationBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class MnistFeaturisationBenchmark {
    private Mnist mnist;
    private BatchFeatureExtractor<double[][]> fx;

    @Setup
    public void setup() throws IOException {
        mnist = Mnist.open(SharedData.data("mnist"));
        fx = Scatterings.flat(new Scattering2D(2, Mnist.SIDE, Mnist.SIDE, 8, 2));
    }

    @Benchmark
    public double all70000() throws IOException {
        double[] sum = {0};
        int n = 0;
        for (Mnist.Split s : Mnist.Split.values()) {
            try (IdxReader.Images it = mnist.images(s)) {
                n += Featurizer.stream(it, fx, 1024, r -> sum[0] += r[r.length / 2], Progress.silent());
            }
        }
        if (n != 70000) {
            throw new IllegalStateException("featurised " + n + " images, expected 70000");
        }
        return sum[0];
    }
}
