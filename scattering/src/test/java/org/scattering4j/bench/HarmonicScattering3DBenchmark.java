package org.scattering4j.bench;

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
import org.scattering4j.scattering.HarmonicScattering3D;
import org.scattering4j.scattering.density.GaussianDensity3D;
import org.scattering4j.util.NdArray;

/**
 * HarmonicScattering3D on Kymatio's QM7 configuration: 192 x 128 x 96 grid, J = 2, L = 3, sigma0 = 2,
 * powers 0.5, 1, 2, 3, one nuclear-charge density of the manifest's methanol-like test molecule
 * (Kymatio NumPy: 10.7 s per density, 14.9 s to build; reference timings.md).
 *
 * <pre>
 * ./scattering4j bench scattering HarmonicScattering3DBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
@Warmup(iterations = 2)
@Measurement(iterations = 7)
public class HarmonicScattering3DBenchmark {
    private double[] density;
    private HarmonicScattering3D exact;
    private HarmonicScattering3D multires;
    private HarmonicScattering3D multiresFast;

    /** Positions (grid units, after Kymatio's alignment and scaling) and charges of the manifest molecule. */
    static final double[][] POSITIONS = {
        {3.2908583100392974, -0.011138363535344668, 0},
        {-8.468691797940158, -4.606541948092198, 0},
        {9.229913462918532, -7.613238437339769, 0},
        {5.15828286223706, 5.301308224272322, 7.884421066589051},
        {5.15828286223706, 5.301308224272322, -7.884421066589051},
        {-14.368644640095674, 1.628302030400806, 0}};
    static final double[] CHARGES = {6, 8, 1, 1, 1, 1};

    @Setup
    public void setup() {
        density = GaussianDensity3D.render(192, 128, 96, POSITIONS, CHARGES, 2.0);
        exact = build(false);
        multires = build(true);
        multiresFast = HarmonicScattering3D.builder(2, 192, 128, 96).L(3).sigma0(2.0).integralPowers(0.5, 1, 2, 3)
                .multiresolution(true).multiresolutionOversampling(1.0).build();
    }

    static HarmonicScattering3D build(boolean multi) {
        return HarmonicScattering3D.builder(2, 192, 128, 96).L(3).sigma0(2.0).integralPowers(0.5, 1, 2, 3)
                .multiresolution(multi).build();
    }

    /** Exact mode (matches Kymatio to 1e-14 with float64 filters), one density. */
    @Benchmark
    public NdArray exactPerDensity() {
        return exact.transform(density);
    }

    /** Multi-resolution mode (within 1e-3 of exact for q &ge; 1), one density. */
    @Benchmark
    public NdArray multiresolutionPerDensity() {
        return multires.transform(density);
    }

    /** Multi-resolution without oversampling (about 3.8e-3 from exact for q &ge; 1), one density. */
    @Benchmark
    public NdArray multiresolutionNoOversamplingPerDensity() {
        return multiresFast.transform(density);
    }

    /** Construction: validation and the polynomial filter bank (no grid-sized arrays). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public HarmonicScattering3D build() {
        return build(false);
    }
}
