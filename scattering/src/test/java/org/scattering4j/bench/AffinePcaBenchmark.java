package org.scattering4j.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.scattering4j.learn.AffinePcaClassifier;
import org.scattering4j.learn.StreamingScatter;

/**
 * The two costs of the MNIST affine PCA fit (J = 3: p = 1953 features, 10 classes), on synthetic rows with a
 * decaying spectrum: accumulating 4096 rows into a p x p scatter matrix (the per-row cost of the streaming
 * pass over 300,000 augmented training rows), and the 10 class eigenproblems (leading 300 pairs of 1953 x 1953
 * scatter matrices) of one fit.
 *
 * <p>Run: {@code ./scattering4j bench scattering AffinePca -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AffinePcaBenchmark {
    private static final int P = 1953;
    private double[][] rows;
    private AffinePcaClassifier.Builder builder;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        rows = new double[4096][P];
        for (double[] row : rows) {
            for (int j = 0; j < P; j++) {
                row[j] = r.nextGaussian() * Math.exp(-0.003 * j);
            }
        }
        int[] classes = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        builder = new AffinePcaClassifier.Builder(P, classes, 1);
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < 400; i++) {
                builder.addTraining(rows[(c * 400 + i) % rows.length], c, 0);
            }
        }
    }

    @Benchmark
    public long accumulate4096Rows() {
        StreamingScatter s = StreamingScatter.ofLength(P);
        for (double[] row : rows) {
            s.add(row);
        }
        return s.count();
    }

    @Benchmark
    public AffinePcaClassifier tenClassSpacesOf300Directions() {
        return builder.fit(AffinePcaClassifier.Options.defaults().fixedDimension(300));
    }
}
