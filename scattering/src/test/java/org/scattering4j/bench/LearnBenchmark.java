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
import org.scattering4j.learn.OrthogonalLeastSquares;
import org.scattering4j.learn.PolynomialKernelRidge;
import org.scattering4j.learn.RidgeRegression;

/**
 * Fit times of the learn toolkit on a QM7-sized problem: 5700 training rows x 300 standard-normal
 * features, target linear plus quadratic plus noise. Each fit includes its inner cross-validation with the
 * default options (ridge: 12 alphas x 5 folds; kernel ridge: 7 alphas x 3 folds, one gamma; OLS: up to 100
 * terms, 10 bags, 5 folds).
 *
 * <p>Run: {@code ./scattering4j bench scattering Learn -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LearnBenchmark {
    private double[][] x;
    private double[] y;

    @Setup
    public void setUp() {
        int n = 5700;
        int p = 300;
        Random r = new Random(1);
        x = new double[n][p];
        y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i] = 3 * x[i][0] - 2 * x[i][1] + x[i][2] * x[i][3] + 0.1 * r.nextGaussian();
        }
    }

    @Benchmark
    public RidgeRegression ridgeFit() {
        return RidgeRegression.fit(x, y, RidgeRegression.Options.defaults());
    }

    @Benchmark
    public PolynomialKernelRidge quadraticKernelRidgeFit() {
        return PolynomialKernelRidge.fit(x, y, PolynomialKernelRidge.Options.defaults());
    }

    @Benchmark
    public OrthogonalLeastSquares olsFit() {
        return OrthogonalLeastSquares.fit(x, y, OrthogonalLeastSquares.Options.defaults());
    }
}
