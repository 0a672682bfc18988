package org.scattering4j.data.io;

import java.io.IOException;
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
import org.scattering4j.testing.SharedData;

/**
 * Reader throughput on real files: a 45.8 s, 22.05 kHz 16-bit WAV (1.01 M samples), one FSDD clip,
 * streaming the 10000 MNIST test images from gzip, and decoding a 640 x 640 Brodatz PNG.
 * Run: {@code ./scattering4j bench data ReadersBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadersBenchmark {
    private Path longWav;
    private Path fsddWav;
    private Path mnist;
    private Path plate;

    @Setup
    public void setup() {
        longWav = SharedData.data("audio-samples").resolve("instruments/brahms_hungarian_dance5_strings.wav");
        fsddWav = SharedData.data("fsdd").resolve("recordings/0_george_0.wav");
        mnist = SharedData.data("mnist").resolve("t10k-images-idx3-ubyte.gz");
        plate = SharedData.data("textures-brodatz112").resolve("D1.png");
    }

    @Benchmark
    public double[] wavLong() throws IOException {
        return WavReader.read(longWav).samples();
    }

    @Benchmark
    public double[] wavFsddClip() throws IOException {
        return WavReader.read(fsddWav).samples();
    }

    @Benchmark
    public double idxStreamMnistTest() throws IOException {
        double s = 0;
        try (IdxReader.Images it = IdxReader.openImages(mnist)) {
            while (it.hasNext()) {
                s += it.next()[14][14];
            }
        }
        return s;
    }

    @Benchmark
    public double[][] pngPlate() throws IOException {
        return ImageReader.read(plate);
    }
}
