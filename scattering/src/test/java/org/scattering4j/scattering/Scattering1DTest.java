package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.filters.MorletFilterBank1D;
import org.scattering4j.util.NdArray;
import org.scattering4j.util.Parallel;

/** Properties of Scattering1D that hold for any parameters, checked on small shapes. */
class Scattering1DTest {
    private static double[] noise(Random r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    private static void assertClose(double[][] expected, double[][] got, double rtol, String what) {
        assertEquals(expected.length, got.length, what + ": channel count");
        double max = 0;
        for (double[] row : expected) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c].length, got[c].length, what + ": length of channel " + c);
            for (int t = 0; t < expected[c].length; t++) {
                double d = Math.abs(expected[c][t] - got[c][t]);
                assertTrue(d <= rtol * max, what + ": channel " + c + " sample " + t + " differs by " + d
                        + " (max |S| = " + max + ")");
            }
        }
    }

    /** The fast path equals a direct time-domain implementation, for every averaging mode. */
    @Test
    void fastPathEqualsTheSlowTwin() {
        Random r = new Random(1);
        Scattering1D[] configs = {
            new Scattering1D(3, 256, 2),
            Scattering1D.builder(4, 200).q(3, 2).T(24).stride(4).build(),
            Scattering1D.builder(3, 150).globalAveraging().build(),
            Scattering1D.builder(2, 100).q(4).maxOrder(1).stride(1).build(),
            Scattering1D.builder(4, 97).q(1, 3).T(16).stride(2).build(),
            // Q2 > Q1: second-order wavelets finer than the first-order bank need psi2 levels beyond
            // those Kymatio stores; they follow the same summing rule.
            Scattering1D.builder(5, 128).q(1, 6).globalAveraging().build(),
            Scattering1D.builder(5, 128).q(1, 6).build(),
        };
        for (Scattering1D s : configs) {
            double[] x = noise(r, s.shape());
            double[] copy = x.clone();
            double[][] fast = s.transform(x);
            assertArrayEquals(copy, x, "input modified");
            double[][] slow = Scattering1DSlowTwin.transform(s, x);
            assertClose(slow, fast, 1e-10, s.toString());
        }
    }

    /**
     * A sweep over small and odd shapes and every kind of parameter (J from 1 to log2 N, Q1 and Q2
     * including Q2 &gt; Q1, T = 1, T = N, non-power-of-two T, global averaging, every allowed stride,
     * order 1 and 2), each compared with the slow twin: the general rules, not just the reference
     * configurations.
     */
    @Test
    void generalParametersMatchTheSlowTwin() {
        Random r = new Random(11);
        int[] shapes = {2, 3, 5, 17, 64, 100, 129};
        int count = 0;
        for (int n : shapes) {
            int maxJ = 31 - Integer.numberOfLeadingZeros(n);
            for (int trial = 0; trial < 8; trial++) {
                int j = 1 + r.nextInt(maxJ);
                Scattering1D.Builder b = Scattering1D.builder(j, n).q(1 + r.nextInt(8), 1 + r.nextInt(3))
                        .maxOrder(1 + r.nextInt(2));
                int mode = r.nextInt(4);
                if (mode == 1) {
                    b.globalAveraging();
                } else if (mode >= 2) {
                    int t = mode == 2 ? 1 + r.nextInt(n) : n;
                    b.T(t);
                    int log2T = 31 - Integer.numberOfLeadingZeros(t);
                    b.stride(1 << r.nextInt(log2T + 1));
                }
                Scattering1D s = b.build();
                double[] x = noise(r, n);
                assertClose(Scattering1DSlowTwin.transform(s, x), s.transform(x), 1e-10, s.toString());
                count++;
            }
        }
        assertEquals(8 * shapes.length, count);
    }

    @Test
    void nonPowerOfTwoShapeUsesTheStatedPadsAndOutputRange() {
        Scattering1D s = new Scattering1D(5, 1000, 8);
        assertEquals(2048, s.paddedLength());
        assertEquals(524, s.padLeft());
        assertEquals(524, s.padRight());
        assertEquals(32, s.stride());
        assertEquals(17, s.indStart(5));
        assertEquals(48, s.indEnd(5));
        assertEquals(31, s.outputLength());
        double[][] out = s.transform(noise(new Random(2), 1000));
        assertEquals(s.outputSize(), out.length);
        assertEquals(31, out[0].length);
        // Kymatio's default configuration at N = 4096: 126 channels of 64 samples.
        Scattering1D d = new Scattering1D(6, 4096, 8);
        assertEquals(126, d.outputSize());
        assertEquals(64, d.outputLength());
        assertArrayEquals(new int[] {1, 38, 87}, d.outputSizeByOrder());
        assertEquals(1 + 54 + 411, Scattering1D.builder(8, 8192).q(8, 2).build().outputSize());
        assertEquals(39, Scattering1D.builder(6, 4096).q(8).maxOrder(1).build().outputSize());
    }

    @Test
    void batchEqualsPerSignalResultsAndThreadCountDoesNotMatter() {
        Scattering1D s = Scattering1D.builder(4, 300).q(4, 2).T(32).stride(8).build();
        Random r = new Random(3);
        double[][] batch = new double[7][];
        for (int b = 0; b < batch.length; b++) {
            batch[b] = noise(r, 300);
        }
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            NdArray one = s.transform(batch);
            Parallel.setThreads(3);
            NdArray three = s.transform(batch);
            assertArrayEquals(one.data(), three.data(), "multi-thread result differs from single-thread");
            assertArrayEquals(new int[] {7, s.outputSize(), s.outputLength()}, three.shape());
            for (int b = 0; b < batch.length; b++) {
                double[][] single = s.transform(batch[b]);
                for (int c = 0; c < s.outputSize(); c++) {
                    for (int t = 0; t < s.outputLength(); t++) {
                        assertEquals(single[c][t], three.get(b, c, t), 0.0, "batch " + b + " channel " + c);
                    }
                }
            }
            // The NdArray entry point: rank 1 gives (C, T), rank 3 keeps the leading axes.
            NdArray x1 = new NdArray(new int[] {300}, batch[2].clone());
            NdArray y1 = s.transform(x1);
            assertArrayEquals(new int[] {s.outputSize(), s.outputLength()}, y1.shape());
            assertEquals(three.get(2, 5, 1), y1.get(5, 1), 0.0);
            double[] flat = new double[6 * 300];
            for (int b = 0; b < 6; b++) {
                System.arraycopy(batch[b], 0, flat, b * 300, 300);
            }
            NdArray y3 = s.transform(new NdArray(new int[] {2, 3, 300}, flat));
            assertArrayEquals(new int[] {2, 3, s.outputSize(), s.outputLength()}, y3.shape());
            assertEquals(three.get(4, 9, 3), y3.get(1, 1, 9, 3), 0.0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /**
     * Lipschitz bound ||Sx - Sy|| &le; C ||x - y||, with C computed from the filters. Reflect padding
     * repeats each sample at most 3 times (gain sqrt 3); modulus, cropping and taking the real part
     * are non-expansive. For a filter h followed by decimation by k on length M, Cauchy-Schwarz over
     * the k aliases gives ||D_k(h * u)||^2 &le; (1/M) sum_i |u_hat_i|^2 E(i) / k with
     * E(i) = sum_a |h_hat[(i mod M/k) + a M/k]|^2. Chaining this through the low-pass (gain G(r)^2 at
     * level r), the second layer (B(n1), a sup over frequencies of the children's weighted E) and the
     * first layer (a sup over frequencies of sum_n1 B(n1) E_n1 / k1) gives
     * C^2 = 3 (G(0)^2 + max_i sum_n1 (G(k1)^2 + B(n1)) E_n1(i) / 2^k1). For J=5, N=512, Q=8 this
     * gives C = 0.78 while random pairs reach about 0.05; because C keeps the decimation losses, a
     * transform whose folds summed instead of averaged (32x) would break it.
     */
    @Test
    void transformIsLipschitzWithTheConstantOfItsFilters() {
        Scattering1D s = new Scattering1D(5, 512, 8);
        MorletFilterBank1D bank = s.filterBank();
        int L = bank.paddedLength();
        int sLog = 5;
        double[] g2 = new double[sLog + 1];
        for (int r = 0; r <= sLog; r++) {
            double[] e = aliasEnergy(bank.phi().level(r), 1 << (sLog - r));
            g2[r] = max(e) / (1 << (sLog - r));
        }
        double[] first = new double[L];
        List<MorletFilterBank1D.Filter> p1 = bank.psi1();
        List<MorletFilterBank1D.Filter> p2 = bank.psi2();
        for (MorletFilterBank1D.Filter f1 : p1) {
            int k1 = Math.min(f1.j(), sLog);
            double[] second = new double[L >> k1];
            for (MorletFilterBank1D.Filter f2 : p2) {
                if (f2.j() <= f1.j()) {
                    continue;
                }
                int k2 = Math.max(Math.min(f2.j(), sLog) - k1, 0);
                double[] h = f2.level(k1);
                double[] e = aliasEnergy(h, 1 << k2);
                for (int i = 0; i < second.length; i++) {
                    second[i] += g2[k1 + k2] * e[i % e.length] / (1 << k2);
                }
            }
            double b = g2[k1] + max(second);
            double[] e = aliasEnergy(f1.level(0), 1 << k1);
            for (int i = 0; i < L; i++) {
                first[i] += b * e[i % e.length] / (1 << k1);
            }
        }
        double c = Math.sqrt(3 * (g2[0] + max(first)));
        assertTrue(c < 1, "constant " + c);
        Random rnd = new Random(4);
        double worst = 0;
        for (int trial = 0; trial < 12; trial++) {
            double[] x = noise(rnd, 512);
            double[] y = trial % 2 == 0 ? noise(rnd, 512) : x.clone();
            if (trial % 2 == 1) {
                for (int i = 0; i < 512; i++) {
                    y[i] += 0.01 * rnd.nextGaussian() + (i == 100 + trial ? 1 : 0);
                }
            }
            double[][] sx = s.transform(x);
            double[][] sy = s.transform(y);
            double num = 0;
            for (int ch = 0; ch < sx.length; ch++) {
                for (int t = 0; t < sx[ch].length; t++) {
                    num += (sx[ch][t] - sy[ch][t]) * (sx[ch][t] - sy[ch][t]);
                }
            }
            double den = 0;
            for (int i = 0; i < 512; i++) {
                den += (x[i] - y[i]) * (x[i] - y[i]);
            }
            double ratio = Math.sqrt(num / den);
            worst = Math.max(worst, ratio);
            assertTrue(ratio <= c, "||Sx - Sy|| / ||x - y|| = " + ratio + " exceeds C = " + c);
        }
        assertTrue(worst > 0.01, "ratio suspiciously small: " + worst);
    }

    /** E[m] = sum_a |h[m + a M/k]|^2 for m &lt; M/k. */
    private static double[] aliasEnergy(double[] h, int k) {
        int m = h.length / k;
        double[] e = new double[m];
        for (int i = 0; i < h.length; i++) {
            e[i % m] += h[i] * h[i];
        }
        return e;
    }

    private static double max(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * With global averaging every path is summed over the whole padded signal. If x vanishes near
     * both borders (beyond the pad widths), the reflect padding is all zeros, so a shift of x inside
     * the window is a circular shift of the padded signal; for shifts by multiples of 2^J every
     * decimated path is then an exact circular shift too, and the sums agree to rounding. (Shifts
     * by other amounts only agree approximately: the decimation grids differ.)
     */
    @Test
    void globalAveragingIsInvariantToShiftsOfSignalsThatVanishNearTheBorders() {
        Scattering1D s = Scattering1D.builder(4, 3000).q(4, 2).globalAveraging().build();
        assertEquals(548, s.padLeft());
        double[] x = new double[3000];
        Random r = new Random(5);
        for (int i = 900; i < 2000; i++) {
            x[i] = r.nextGaussian() * Math.sin(Math.PI * (i - 900) / 1100.0);
        }
        double[][] sx = s.transform(x);
        for (int shift : new int[] {16, 128, -320}) {
            double[] y = new double[3000];
            for (int i = 0; i < 3000; i++) {
                y[Math.floorMod(i + shift, 3000)] = x[i];
            }
            assertClose(sx, s.transform(y), 1e-12, "shift " + shift);
        }
        // ... but not for a signal that touches the border, where the reflection differs.
        double[] z = x.clone();
        z[0] = 5;
        double[] zs = new double[3000];
        for (int i = 0; i < 3000; i++) {
            zs[Math.floorMod(i + 16, 3000)] = z[i];
        }
        double[][] a = s.transform(z);
        double[][] b = s.transform(zs);
        assertTrue(Math.abs(a[0][0] - b[0][0]) > 1, "order 0 should see the changed reflection");
    }

    @Test
    void badParametersAreRejectedWithNameValueAndRange() {
        expect(() -> new Scattering1D(13, 4096, 8), "J = 13", "1 <= J <= 12");
        expect(() -> new Scattering1D(0, 4096, 8), "J = 0", "1 <= J");
        expect(() -> new Scattering1D(6, 4096, 0), "Q1 = 0", ">= 1");
        expect(() -> Scattering1D.builder(6, 4096).q(8, 0).build(), "Q2 = 0", ">= 1");
        expect(() -> Scattering1D.builder(6, 4096).T(5000).build(), "T = 5000", "1 <= T <= 4096");
        expect(() -> Scattering1D.builder(6, 4096).T(0).build(), "T = 0", "1 <= T");
        expect(() -> Scattering1D.builder(6, 4096).stride(3).build(), "stride = 3", "power of two in [1, 64]");
        expect(() -> Scattering1D.builder(6, 4096).stride(128).build(), "stride = 128", "[1, 64]");
        expect(() -> Scattering1D.builder(6, 4096).T(100).stride(128).build(), "stride = 128", "[1, 64]");
        expect(() -> Scattering1D.builder(6, 4096).globalAveraging().stride(8).build(), "stride = 8", "global");
        expect(() -> Scattering1D.builder(6, 4096).maxOrder(3).build(), "maxOrder = 3", "1 or 2");
        expect(() -> Scattering1D.builder(6, 4096).maxOrder(0).build(), "maxOrder = 0", "1 or 2");
        expect(() -> new Scattering1D(1, 1), "shape N = 1", "N >= 2");
    }

    @Test
    void badInputsAreRejectedWithTheirPosition() {
        Scattering1D s = new Scattering1D(3, 64, 2);
        expect(() -> s.transform(new double[63]), "x.length = 63", "N = 64");
        double[] x = new double[64];
        x[17] = Double.NaN;
        expect(() -> s.transform(x), "x[17] = NaN", "finite");
        double[][] batch = {new double[64], new double[64], new double[64]};
        batch[2][40] = Double.NEGATIVE_INFINITY;
        expect(() -> s.transform(batch), "batch[row 2][sample 40] = -Infinity", "finite");
        expect(() -> s.transform(new double[][] {new double[64], new double[65]}), "batch[1].length = 65", "N = 64");
        expect(() -> s.transform(new NdArray(new int[] {2, 32}, new double[64])), "[2, 32]", "N = 64");
        double[] bad = new double[128];
        bad[64 + 3] = Double.POSITIVE_INFINITY;
        expect(() -> s.transform(new NdArray(new int[] {2, 64}, bad)), "x[row 1][sample 3] = Infinity", "finite");
        assertEquals(Double.POSITIVE_INFINITY, bad[67], "input array must not be touched");
    }

    private static void expect(Supplier<Object> call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::get);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    private static void expect(Runnable call, String... fragments) {
        expect(() -> {
            call.run();
            return null;
        }, fragments);
    }

    @Test
    void metaDescribesEveryChannelInOutputOrder() {
        Scattering1D s = Scattering1D.builder(4, 256).q(2, 2).build();
        List<Scattering1D.Channel> meta = s.meta();
        assertEquals(s.outputSize(), meta.size());
        assertEquals(0, meta.get(0).order());
        assertTrue(Double.isNaN(meta.get(0).xi()[0]));
        int prevOrder = 0;
        int[] prevKey = {};
        for (int c = 1; c < meta.size(); c++) {
            Scattering1D.Channel ch = meta.get(c);
            assertTrue(ch.order() >= prevOrder);
            if (ch.order() == prevOrder) {
                assertTrue(java.util.Arrays.compare(ch.key(), prevKey) > 0, "keys must ascend");
            }
            if (ch.order() == 2) {
                assertTrue(ch.j()[1] > ch.j()[0], "second order only for j2 > j1");
                assertEquals(s.filterBank().psi2().get(ch.key()[1]).xi(), ch.xi()[1], 0);
            } else {
                assertTrue(Double.isNaN(ch.n()[1]));
            }
            prevOrder = ch.order();
            prevKey = ch.key();
        }
    }
}
