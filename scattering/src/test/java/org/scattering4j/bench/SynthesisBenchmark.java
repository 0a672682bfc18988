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
import org.scattering4j.scattering.synthesis.MomentLoss;
import org.scattering4j.scattering.synthesis.ScatteringMoments1D;
import org.scattering4j.scattering.synthesis.ScatteringMoments2D;

/**
 * One evaluation of the synthesis loss and its gradient (what one L-BFGS step costs when the line
 * search accepts the first step): 5 s of sound at 44.1 kHz with J = 10, Q = 8 (374 moments), and a
 * 256 x 256 image with J = 4, L = 8 (417 moments). Targets are random textures (the cost does not depend
 * on the values). Run: {@code ./scattering4j bench scattering SynthesisBenchmark}. Threads: the library
 * default (all cores, here 2).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@State(Scope.Benchmark)
public class SynthesisBenchmark {
    private MomentLoss sound;
    private MomentLoss image;
    private double[] x1;
    private double[] x2;
    private double[] g1;
    private double[] g2;

    private static double[] texture(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian() * (r.nextDouble() < 0.05 ? 4 : 1);
        }
        return x;
    }

    @Setup
    public void setup() {
        int n = 220500;
        ScatteringMoments1D m1 = new ScatteringMoments1D(10, n, 8, 1);
        sound = new MomentLoss(m1, m1.moments(texture(n, 1)), true);
        x1 = texture(n, 2);
        g1 = new double[n];
        ScatteringMoments2D m2 = new ScatteringMoments2D(4, 8, 256, 256);
        image = new MomentLoss(m2, m2.moments(texture(256 * 256, 3)), true);
        x2 = texture(256 * 256, 4);
        g2 = new double[256 * 256];
    }

    /** Loss and gradient of 5 s at 44.1 kHz, J = 10, Q = (8, 1), T = global, order 2 normalised. */
    @Benchmark
    public double sound5sJ10Q8() {
        return sound.valueAndGradient(x1, g1);
    }

    /** Loss and gradient of a 256 x 256 image, J = 4, L = 8, periodic moments, order 2 normalised. */
    @Benchmark
    public double image256J4L8() {
        return image.valueAndGradient(x2, g2);
    }
}
