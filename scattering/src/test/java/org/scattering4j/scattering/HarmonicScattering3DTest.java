package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.scattering.filters.SolidHarmonicFilterBank3D;
import org.scattering4j.util.NdArray;

/** Filters against independent values, the fast cascade against a slow literal twin, validation. */
class HarmonicScattering3DTest {

    /**
     * Kymatio's formula evaluated independently with SciPy 1.17 ({@code sph_harm_y}, the literal atan2
     * angles of conventions 3.2, numpy's odd-size grid) on a 5 x 6 x 7 grid, sigma0 = 1:
     * {l, m, j, i0, i1, i2, re, im}.
     */
    private static final double[][] SCIPY = {
        {0, 0, 0, 1, 0, 1, 1.0, 0.0},
        {1, -1, 0, 2, 3, 4, 7.21732609662322e-06, 8.248372681855106e-06},
        {1, 0, 1, 4, 1, 2, 0.0, -2.288211020326162e-07},
        {2, 1, 0, 3, 5, 6, -0.0002613879901132418, -0.00015247632756605763},
        {2, -2, 1, 1, 2, 3, 2.3363364584733978e-07, 1.5096327885520426e-06},
        {3, 3, 0, 0, 4, 5, -0.004297266577866511, -0.0018796585767692961},
        {3, -2, 0, 4, 4, 1, -1.3731039871025134e-18, -0.011212244935099017},
        {3, 0, 1, 2, 1, 6, 0.0, 5.808915086343123e-05},
    };

    @Test
    void filtersMatchScipyOnAnOddGrid() {
        SolidHarmonicFilterBank3D bank = new SolidHarmonicFilterBank3D(5, 6, 7, 1, 3, 1.0);
        for (double[] r : SCIPY) {
            double[] f = bank.complexFilter((int) r[0], (int) r[1], (int) r[2]);
            int idx = ((int) r[3] * 6 + (int) r[4]) * 7 + (int) r[5];
            double scale = Math.max(Math.abs(r[6]), Math.abs(r[7]));
            assertEquals(r[6], f[2 * idx], 1e-12 * scale, "re " + java.util.Arrays.toString(r));
            assertEquals(r[7], f[2 * idx + 1], 1e-12 * scale, "im " + java.util.Arrays.toString(r));
        }
        // odd-size quirk: the l = 0 Gaussian peaks at index (1, 0, 1) of a 5 x 6 x 7 grid
        assertEquals(-1, SolidHarmonicFilterBank3D.frequencyLabel(0, 5));
        assertEquals(0, SolidHarmonicFilterBank3D.frequencyLabel(0, 6));
        assertEquals(-3, SolidHarmonicFilterBank3D.frequencyLabel(3, 6));
    }

    @Test
    void realComponentsCarryTheSameEnergyAsTheComplexHarmonics() {
        SolidHarmonicFilterBank3D bank = new SolidHarmonicFilterBank3D(8, 8, 8, 0, 5, 1.0);
        Random r = new Random(7);
        for (int t = 0; t < 50; t++) {
            double w0 = r.nextGaussian();
            double w1 = r.nextGaussian();
            double w2 = r.nextGaussian();
            double r2 = w0 * w0 + w1 * w1 + w2 * w2;
            for (int l = 0; l <= 5; l++) {
                double s = 0;
                for (int k = 0; k <= 2 * l; k++) {
                    double p = bank.component(l, k, w0, w1, w2);
                    s += p * p;
                }
                // Unsold: sum_m |Y_l^m|^2 = (2l+1)/(4 pi), times |w|^(2l)
                double want = (2 * l + 1) / (4 * Math.PI) * Math.pow(r2, l);
                assertEquals(want, s, 1e-12 * want, "l = " + l);
            }
        }
    }

    /**
     * The literal cascade of conventions 3.4: Kymatio's complex filters for every m, separable naive DFTs,
     * sqrt of the sum of squared moduli, plain sums. Slow; for grids of a few hundred voxels.
     */
    static double[] slowTwin(double[] x, int[] sh, int J, int L, double sigma0, int maxOrder, boolean covariant,
                             double[] q) {
        SolidHarmonicFilterBank3D bank = new SolidHarmonicFilterBank3D(sh[0], sh[1], sh[2], J, L, sigma0);
        int n = sh[0] * sh[1] * sh[2];
        double[] xc = new double[2 * n];
        for (int i = 0; i < n; i++) {
            xc[2 * i] = x[i];
        }
        double[] xs = naive3d(xc, sh, false);
        int paths = (J + 1) + (maxOrder == 2 ? J * (J + 1) / 2 : 0);
        double[] out = new double[paths * (L + 1) * q.length];
        for (int l = 0; l <= L; l++) {
            double[][] u1 = new double[J + 1][];
            for (int j = 0; j <= J; j++) {
                u1[j] = modulus(xs, bank, sh, l, j, covariant);
                sums(u1[j], q, out, (j * (L + 1) + l) * q.length);
            }
            if (maxOrder == 2) {
                int p = J + 1;
                for (int j1 = 0; j1 <= J; j1++) {
                    double[] uc = new double[2 * n];
                    for (int i = 0; i < n; i++) {
                        uc[2 * i] = u1[j1][i];
                    }
                    double[] us = naive3d(uc, sh, false);
                    for (int j2 = j1 + 1; j2 <= J; j2++) {
                        sums(modulus(us, bank, sh, l, j2, covariant), q, out, (p * (L + 1) + l) * q.length);
                        p++;
                    }
                }
            }
        }
        return out;
    }

    private static double[] modulus(double[] spec, SolidHarmonicFilterBank3D bank, int[] sh, int l, int j,
                                    boolean covariant) {
        int n = sh[0] * sh[1] * sh[2];
        double[] acc = new double[n];
        for (int m = -l; m <= (covariant ? l : -l); m++) {
            double[] f = bank.complexFilter(l, m, j);
            double[] z = new double[2 * n];
            for (int i = 0; i < n; i++) {
                z[2 * i] = spec[2 * i] * f[2 * i] - spec[2 * i + 1] * f[2 * i + 1];
                z[2 * i + 1] = spec[2 * i] * f[2 * i + 1] + spec[2 * i + 1] * f[2 * i];
            }
            double[] y = naive3d(z, sh, true);
            for (int i = 0; i < n; i++) {
                acc[i] += y[2 * i] * y[2 * i] + y[2 * i + 1] * y[2 * i + 1];
            }
        }
        for (int i = 0; i < n; i++) {
            acc[i] = Math.sqrt(acc[i]);
        }
        return acc;
    }

    private static void sums(double[] u, double[] q, double[] out, int off) {
        for (int k = 0; k < q.length; k++) {
            double s = 0;
            for (double v : u) {
                s += Math.pow(v, q[k]);
            }
            out[off + k] = s;
        }
    }

    /** Separable naive DFT (Fft.naiveDft along each axis), NumPy scaling. */
    static double[] naive3d(double[] z, int[] sh, boolean inverse) {
        double[] a = z.clone();
        int[] stride = {sh[1] * sh[2], sh[2], 1};
        for (int ax = 0; ax < 3; ax++) {
            int len = sh[ax];
            double[] line = new double[2 * len];
            for (int base = 0; base < sh[0] * sh[1] * sh[2]; base++) {
                int coord = (base / stride[ax]) % len;
                if (coord != 0) {
                    continue;
                }
                for (int t = 0; t < len; t++) {
                    int i = base + t * stride[ax];
                    line[2 * t] = a[2 * i];
                    line[2 * t + 1] = a[2 * i + 1];
                }
                double[] r = Fft.naiveDft(line, len, inverse);
                for (int t = 0; t < len; t++) {
                    int i = base + t * stride[ax];
                    a[2 * i] = r[2 * t];
                    a[2 * i + 1] = r[2 * t + 1];
                }
            }
        }
        return a;
    }

    private static double[] random(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble();
        }
        return x;
    }

    private static void assertMatchesTwin(int[] sh, int J, int L, double sigma0, boolean covariant) {
        double[] q = {0.5, 1, 2, 3, 1.7};
        double[] x = random(sh[0] * sh[1] * sh[2], 11 + sh[0]);
        double[] want = slowTwin(x, sh, J, L, sigma0, 2, covariant, q);
        double[] got = HarmonicScattering3D.builder(J, sh).L(L).sigma0(sigma0).rotationCovariant(covariant)
                .integralPowers(q).build().transform(x).data();
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-10 * Math.abs(want[i]),
                    "shape " + java.util.Arrays.toString(sh) + " covariant " + covariant + " entry " + i);
        }
    }

    /**
     * Even grid, small sigma0, white-noise input: the spectrum is large at the Nyquist planes, where the
     * packed real-component path needs its exact plane correction (without it entry 0 is off by 6e-5 relative).
     */
    @Test
    void packedPathMatchesSlowTwinOnEvenGrid() {
        assertMatchesTwin(new int[] {8, 6, 10}, 1, 3, 0.5, true);
    }

    /** Odd sizes (Kymatio's shifted labels) use the complex path; it must reproduce the quirk. */
    @Test
    void oddSizesMatchSlowTwin() {
        assertMatchesTwin(new int[] {5, 6, 7}, 1, 2, 0.6, true);
        assertMatchesTwin(new int[] {7, 4, 5}, 1, 2, 0.6, false);
    }

    @Test
    void nonCovariantMatchesSlowTwinOnEvenGrid() {
        assertMatchesTwin(new int[] {6, 8, 4}, 1, 3, 0.5, false);
    }

    @Test
    void modulusMapAndSpectrumEntryPointsAgreeWithTransform() {
        int[] sh = {8, 6, 10};
        double[] x = random(480, 5);
        HarmonicScattering3D s = HarmonicScattering3D.builder(1, sh).L(2).sigma0(0.7).integralPowers(1, 2).build();
        double[] spec = s.spectrum(x);
        double[] u = new double[480];
        double[] out = s.transformSpectrum(spec);
        assertArrayEquals(s.transform(x).data(), out, 1e-12 * 1e3);
        for (int l = 0; l <= 2; l++) {
            for (int j = 0; j <= 1; j++) {
                s.modulus(spec, l, j, u);
                double sum = 0;
                for (double v : u) {
                    sum += v;
                }
                assertEquals(out[(j * 3 + l) * 2], sum, 1e-10 * sum);
            }
        }
    }

    @Test
    void metaListsPathsInKymatioOrder() {
        HarmonicScattering3D s = new HarmonicScattering3D(3, new int[] {8, 8, 8});
        assertEquals(4 + 6, s.pathCount());
        assertEquals("order1(j1=0)", s.meta().get(0).toString());
        assertEquals("order2(j1=0, j2=1)", s.meta().get(4).toString());
        assertEquals("order2(j1=2, j2=3)", s.meta().get(9).toString());
        assertArrayEquals(new int[] {10, 4, 3}, s.outputShape());
        assertEquals(1.0, s.sigma0());
        assertArrayEquals(new double[] {0.5, 1, 2}, s.integralPowers());
        NdArray o = s.transform(new double[][] {new double[512], new double[512]});
        assertArrayEquals(new int[] {2, 10, 4, 3}, o.shape());
    }

    @Test
    void order0IsThePlainSumOfPowers() {
        HarmonicScattering3D s = new HarmonicScattering3D(0, new int[] {2, 2, 2});
        double[] x = {1, 2, 3, 4, 0, 0, 0, 0.25};
        assertArrayEquals(new double[] {1 + Math.sqrt(2) + Math.sqrt(3) + 2 + 0.5, 10.25, 1 + 4 + 9 + 16 + 0.0625},
                s.order0(x), 1e-12);
    }

    @Test
    void invalidParametersAndInputsAreRejectedWithTheirNames() {
        int[] sh = {4, 4, 4};
        assertMessage("J = -1", () -> HarmonicScattering3D.builder(-1, sh).build());
        assertMessage("L = -2", () -> HarmonicScattering3D.builder(1, sh).L(-2).build());
        assertMessage("sigma0 = 0.0", () -> HarmonicScattering3D.builder(1, sh).sigma0(0).build());
        assertMessage("sigma0 = NaN", () -> HarmonicScattering3D.builder(1, sh).sigma0(Double.NaN).build());
        assertMessage("maxOrder = 3", () -> HarmonicScattering3D.builder(1, sh).maxOrder(3).build());
        assertMessage("integralPowers[1] = -1.0", () -> HarmonicScattering3D.builder(1, sh).integralPowers(1, -1).build());
        assertMessage("integralPowers must hold", () -> HarmonicScattering3D.builder(1, sh).integralPowers().build());
        assertMessage("multiresolutionTolerance = 0.0",
                () -> HarmonicScattering3D.builder(1, sh).multiresolutionTolerance(0).build());
        assertMessage("multiresolutionOversampling = 0.5",
                () -> HarmonicScattering3D.builder(1, sh).multiresolutionOversampling(0.5).build());
        assertMessage("shape = [4, 0, 4]", () -> HarmonicScattering3D.builder(1, 4, 0, 4).build());
        HarmonicScattering3D s = HarmonicScattering3D.builder(1, sh).build();
        assertMessage("volume has 63 values", () -> s.transform(new double[63]));
        double[] bad = new double[64];
        bad[17] = Double.NaN;
        assertMessage("volume[17] = NaN", () -> s.transform(bad));
        assertMessage("volumes[1] has 3 values", () -> s.transform(new double[][] {new double[64], new double[3]}));
        assertMessage("powers[0] = 0.0", () -> s.order0(new double[64], 0.0));
        assertMessage("l = 4", () -> s.modulus(new double[128], 4, 0, new double[64]));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(part), "message '" + x.getMessage() + "' should contain '" + part + "'");
    }

    /**
     * Multi-resolution on a small grid with odd sizes (the crop keeps Kymatio's shifted labels and the
     * complex path) and on an even one: close to exact mode for a smooth density.
     */
    @Test
    void multiresolutionStaysCloseToExactOnSmallGrids() {
        double[][] atoms = {{1.2, -0.7, 2.1}, {-2.3, 1.9, -0.4}, {0.3, 2.6, -2.2}};
        double[] w = {6, 8, 1};
        for (int[] sh : new int[][] {{41, 36, 39}, {40, 36, 32}}) {
            double[] x = org.scattering4j.scattering.density.GaussianDensity3D.render(sh[0], sh[1], sh[2], atoms, w, 2.0);
            double[] q = {1, 2, 3};
            double[] exact = HarmonicScattering3D.builder(1, sh).L(2).sigma0(2.0).integralPowers(q).build()
                    .transform(x).data();
            double[] multi = HarmonicScattering3D.builder(1, sh).L(2).sigma0(2.0).integralPowers(q)
                    .multiresolution(true).build().transform(x).data();
            for (int i = 0; i < exact.length; i++) {
                assertEquals(exact[i], multi[i], 2e-3 * Math.abs(exact[i]),
                        java.util.Arrays.toString(sh) + " entry " + i);
            }
        }
    }

    @Test
    void callerArraysAreNotModified() {
        double[] x = random(6 * 8 * 4, 9);
        double[] copy = x.clone();
        HarmonicScattering3D s = HarmonicScattering3D.builder(1, 6, 8, 4).build();
        s.transform(x);
        double[] spec = s.spectrum(x);
        double[] specCopy = spec.clone();
        s.transformSpectrum(spec);
        s.modulus(spec, 1, 1, new double[192]);
        assertArrayEquals(copy, x, 0);
        assertArrayEquals(specCopy, spec, 0);
    }

    @Test
    void concurrentCallersShareOneInstanceSafely() throws Exception {
        HarmonicScattering3D s = HarmonicScattering3D.builder(1, 12, 10, 8).L(2).build();
        double[][] xs = new double[4][];
        double[][] want = new double[4][];
        for (int i = 0; i < 4; i++) {
            xs[i] = random(960, 40 + i);
            want[i] = s.transform(xs[i]).data();
        }
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<double[]>> got = new java.util.ArrayList<>();
            for (int r = 0; r < 3; r++) {
                for (int i = 0; i < 4; i++) {
                    double[] x = xs[i];
                    got.add(ex.submit(() -> s.transform(x).data()));
                }
            }
            for (int k = 0; k < got.size(); k++) {
                assertArrayEquals(want[k % 4], got.get(k).get(), 0, "call " + k);
            }
        } finally {
            ex.shutdown();
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        double[] x = random(12 * 10 * 8, 4);
        HarmonicScattering3D s = HarmonicScattering3D.builder(1, 12, 10, 8).L(2).build();
        int t = org.scattering4j.util.Parallel.threads();
        try {
            org.scattering4j.util.Parallel.setThreads(1);
            double[] a = s.transform(x).data();
            org.scattering4j.util.Parallel.setThreads(3);
            double[] b = s.transform(x).data();
            assertArrayEquals(a, b, 0);
            // multi-resolution (grouped transposed inverse FFTs, sums per slab reduced in slab order)
            double[] rho = org.scattering4j.scattering.density.GaussianDensity3D.render(48, 40, 36,
                    new double[][] {{1.5, -2.25, 0.5}, {-4, 3.5, -1}}, new double[] {6, 8}, 1.5);
            HarmonicScattering3D m = HarmonicScattering3D.builder(2, 48, 40, 36).L(3).sigma0(1.5)
                    .multiresolution(true).build();
            org.scattering4j.util.Parallel.setThreads(1);
            double[] c = m.transform(rho).data();
            org.scattering4j.util.Parallel.setThreads(3);
            double[] d = m.transform(rho).data();
            assertArrayEquals(c, d, 0, "multi-resolution");
        } finally {
            org.scattering4j.util.Parallel.setThreads(t);
        }
    }
}
