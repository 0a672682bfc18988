package org.scattering4j.chem.scattering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AnalyticFirstOrderTest {
    private static final double[][] POS = {{0.3, -1.2, 0.7}, {2.1, 0.4, -0.9}, {-1.5, 1.1, 1.8}};
    private static final double[] W = {1, 6, 8};

    @Test
    void matchesBruteForceFftOfKymatioFilters() {
        HarmonicParams p = new HarmonicParams(1, 3, 1.0, new double[] {0.5, 1, 2, 3}, 1);
        double s = 2.0; // a wide enough density that the grid samples it without aliasing (exp(-5 pi^2 / 2))
        int[] shape = {32, 32, 32};
        double[][][] fft = KymatioFftTwin.firstOrder(shape, POS, W, s, p);
        double[][][][] an = new AnalyticFirstOrder(p, s).integrals(POS, new double[][] {W}, shape, true);
        double[] worst = new double[4];
        for (int j = 0; j <= 1; j++) {
            for (int l = 0; l <= 3; l++) {
                for (int q = 0; q < 4; q++) {
                    worst[q] = Math.max(worst[q], Math.abs(an[0][j][l][q] / fft[j][l][q] - 1));
                }
            }
        }
        System.out.println("analytic vs FFT worst relative deviation per q " + java.util.Arrays.toString(worst));
        assertTrue(worst[0] < 1e-4, "q=0.5: " + worst[0]);
        for (int q = 1; q < 4; q++) {
            assertTrue(worst[q] < 1e-9, "q=" + p.power(q) + ": " + worst[q]);
        }
    }

    @Test
    void separableSumEqualsPointwiseClosedForm() {
        HarmonicParams p = new HarmonicParams(1, 2, 1.5, new double[] {1, 2}, 1);
        AnalyticFirstOrder a = new AnalyticFirstOrder(p, 2.0, Double.POSITIVE_INFINITY, 8);
        int[] shape = {24, 20, 18};
        double[][][][] fast = a.integrals(POS, new double[][] {W}, shape, false);
        double[][] pts = new double[24 * 20 * 18][];
        int t = 0;
        for (int i0 = -12; i0 < 12; i0++) {
            for (int i1 = -10; i1 < 10; i1++) {
                for (int i2 = -9; i2 < 9; i2++) {
                    pts[t++] = new double[] {i0, i1, i2};
                }
            }
        }
        for (int j = 0; j <= 1; j++) {
            for (int l = 0; l <= 2; l++) {
                double[] u = a.field(POS, W, j, l, pts);
                double s1 = 0;
                double s2 = 0;
                for (double v : u) {
                    s1 += v;
                    s2 += v * v;
                }
                assertEquals(s1, fast[0][j][l][0], 1e-10 * s1);
                assertEquals(s2, fast[0][j][l][1], 1e-10 * s2);
            }
        }
    }

    @Test
    void orderZeroDegreeIsGaussianOfSummedVariance() {
        // l = 0, q = 1: U = the Gaussian of variance s^2 + sigma_j^2 (positive), whose lattice sum is sum(w)
        HarmonicParams p = new HarmonicParams(2, 0, 1.0, new double[] {1}, 1);
        double[][][][] r = new AnalyticFirstOrder(p, 2.0).integrals(POS, new double[][] {W}, new int[] {64, 64, 64}, true);
        for (int j = 0; j <= 2; j++) {
            assertEquals(15.0, r[0][j][0][0], 1e-9);
        }
    }

    @Test
    void coarseLatticeForWideScalesIsClose() {
        HarmonicParams p = new HarmonicParams(2, 3, 2.0, new double[] {0.5, 1, 2, 3}, 1);
        double[][] pos = {{4.0, -3.0, 1.0}, {-5.0, 2.0, 0.5}, {0.0, 6.0, -2.0}};
        double[][][][] exact = new AnalyticFirstOrder(p, 2.0).integrals(pos, new double[][] {W}, new int[] {96, 64, 48}, true);
        double[][][][] coarse = new AnalyticFirstOrder(p, 2.0, 2.0, 8).integrals(pos, new double[][] {W},
                new int[] {96, 64, 48}, true);
        double worst = 0;
        double[][] w = new double[3][4];
        for (int j = 0; j <= 2; j++) {
            for (int l = 0; l <= 3; l++) {
                for (int q = 0; q < 4; q++) {
                    w[j][q] = Math.max(w[j][q], Math.abs(coarse[0][j][l][q] / exact[0][j][l][q] - 1));
                    if (q > 0) {
                        worst = Math.max(worst, w[j][q]);
                    }
                }
            }
        }
        System.out.println("coarse vs exact per j, q: " + java.util.Arrays.deepToString(w));
        assertTrue(worst < 3e-4, "worst relative deviation " + worst);
    }

    @Test
    void kappaMatchesPeakValuesOfKymatioFilters() {
        // conventions 3.3: measured peak |psi^| (sigma_0 = 1): l=1: 0.38, l=2: 0.245, l=3: 0.181
        double[] expected = {1, 0.38, 0.245, 0.181};
        for (int l = 1; l <= 3; l++) {
            // peak over |w| of (2pi)^1.5 kappa |w|^l e^{-|w|^2/2} max_dir |Y|; max |Y_l^m| over m and directions at m=0 pole
            double peakRadial = Math.pow(l, l / 2.0) * Math.exp(-l / 2.0);
            double maxY = Math.sqrt((2 * l + 1) / (4 * Math.PI));
            double peak = Math.pow(2 * Math.PI, 1.5) * AnalyticFirstOrder.kappa(l) * peakRadial * maxY;
            assertEquals(expected[l], peak, 0.01, "l=" + l);
        }
    }
}
