package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.density.GaussianDensity3D;

/**
 * Rotation and translation invariance on densities regenerated analytically (the Gaussian centres are
 * moved, the volume is not resampled).
 *
 * <p>Why the bound: the transform is exactly invariant in the continuum (the Gaussian envelopes are
 * radial and {@code sum_m |Y_l^m|^2} is constant on spheres). On the grid (spacing h = 1 voxel) the
 * errors are (a) aliasing of the sampled density: its spectrum at the Nyquist frequency pi/h is
 * {@code exp(-sigma^2 pi^2 / 2)} = 3e-9 of its peak for sigma = 2 voxels; (b) replacing integrals by
 * voxel sums: for {@code q = 2} the sum of {@code |x * psi|^2} is exact for band-limited responses, for other
 * {@code q} the error is the spectrum of {@code U^q} at {@code 2 pi / h}, which is small because the
 * narrowest modulus map has width {@code sqrt(sigma^2 + sigma0^2) = 2.5} voxels, i.e. 2.5 samples per
 * standard deviation, but not exponentially small: {@code U} has kinks where all components vanish
 * (e.g. the centre of a symmetric blob for l = 1), so it is not band-limited; (c) for the same reason the
 * second order, which filters {@code U1} through its DFT, sees {@code U1}'s aliased high frequencies, and
 * these move with sub-voxel shifts; (d) the periodic wrap, negligible here (the support of the largest
 * wavelet, about 4 sigma_J = 24 voxels around a density of radius 8, fits the 64-voxel box).
 * Measured worst changes (relative to the largest coefficient of the same l and power): 3.2e-5 for the
 * covariant transform; bound 1e-4. The non-covariant modulus is a single complex response whose zeros
 * lie on curves (two real conditions instead of 2(2l+1)), so its kinks are everywhere along them:
 * measured 2.0e-4 (q = 1), bound 1e-3. A general rotation changes the non-covariant transform by 8.8e-2,
 * so the bounds are far below a real failure of invariance.
 */
class HarmonicScattering3DInvarianceTest {
    private static final int N = 64;
    private static final double SIGMA = 2.0;
    private static final double[] Q = {0.5, 1, 2, 3};

    private static final double[][] ATOMS = {{0.5, 1.0, -2.0}, {3.2, -1.1, 0.7}, {-2.6, 2.4, 1.9}, {-0.4, -3.3, -2.2}};
    private static final double[] WEIGHTS = {6, 8, 1, 3};

    private static double[] density(double[][] rot, double[] shift) {
        double[][] p = new double[ATOMS.length][3];
        for (int a = 0; a < ATOMS.length; a++) {
            for (int i = 0; i < 3; i++) {
                double s = shift[i];
                for (int k = 0; k < 3; k++) {
                    s += rot[i][k] * ATOMS[a][k];
                }
                p[a][i] = s;
            }
        }
        return GaussianDensity3D.render(N, N, N, p, WEIGHTS, SIGMA);
    }

    /** A uniformly random rotation (normalised quaternion of Gaussians). */
    static double[][] randomRotation(Random r) {
        double a = r.nextGaussian();
        double b = r.nextGaussian();
        double c = r.nextGaussian();
        double d = r.nextGaussian();
        double n = Math.sqrt(a * a + b * b + c * c + d * d);
        a /= n;
        b /= n;
        c /= n;
        d /= n;
        return new double[][] {
            {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
            {2 * (b * c + a * d), a * a - b * b + c * c - d * d, 2 * (c * d - a * b)},
            {2 * (b * d - a * c), 2 * (c * d + a * b), a * a - b * b - c * c + d * d}};
    }

    /** Rotation by angle t about axis 0 (Kymatio's z axis): mixes axes 1 and 2. */
    static double[][] aboutAxis0(double t) {
        return new double[][] {{1, 0, 0}, {0, Math.cos(t), -Math.sin(t)}, {0, Math.sin(t), Math.cos(t)}};
    }

    private static final double[][] ID = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

    /** Largest change, relative to the largest |coefficient| sharing the same l and power. */
    static double change(double[] a, double[] b, int L, int nq) {
        int groups = (L + 1) * nq;
        double[] den = new double[groups];
        for (int i = 0; i < a.length; i++) {
            den[i % groups] = Math.max(den[i % groups], Math.abs(a[i]));
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / den[i % groups]);
        }
        return worst;
    }

    @Test
    void covariantTransformIsRotationAndTranslationInvariant() {
        HarmonicScattering3D s = HarmonicScattering3D.builder(2, N, N, N).L(3).sigma0(1.0).integralPowers(Q).build();
        double[] base = s.transform(density(ID, new double[3])).data();
        Random r = new Random(2024);
        for (int t = 0; t < 3; t++) {
            double[] shift = {r.nextDouble() * 6 - 3, r.nextDouble() * 6 - 3, r.nextDouble() * 6 - 3};
            double[] moved = s.transform(density(randomRotation(r), shift)).data();
            double c = change(base, moved, 3, Q.length);
            assertTrue(c < 1e-4, "rotation+translation " + t + " changed a coefficient by " + c);
        }
    }

    /**
     * rotationCovariant=false keeps only Y_l^{-l}, proportional to (x - i y)^l: a rotation about Kymatio's
     * z axis (axis 0) multiplies it by a phase, so the modulus is invariant to those rotations and to
     * translations, but not to general rotations.
     */
    @Test
    void nonCovariantTransformIsInvariantToTranslationsAndRotationsAboutAxis0Only() {
        HarmonicScattering3D s = HarmonicScattering3D.builder(2, N, N, N).L(3).sigma0(1.0).integralPowers(Q)
                .rotationCovariant(false).build();
        double[] base = s.transform(density(ID, new double[3])).data();
        double[] moved = s.transform(density(aboutAxis0(1.234), new double[] {1.7, -2.2, 0.6})).data();
        double c = change(base, moved, 3, Q.length);
        assertTrue(c < 1e-3, "rotation about axis 0 + translation changed a coefficient by " + c);
        double[] tilted = s.transform(density(randomRotation(new Random(5)), new double[3])).data();
        double d = change(base, tilted, 3, Q.length);
        assertTrue(d > 3e-2, "a general rotation should change the non-covariant transform, changed only " + d);
    }
}
