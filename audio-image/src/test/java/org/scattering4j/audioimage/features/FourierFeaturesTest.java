package org.scattering4j.audioimage.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.fft.Fft2D;

class FourierFeaturesTest {
    private static double[][] random(int h, int w, long seed) {
        Random rnd = new Random(seed);
        double[][] x = new double[h][w];
        for (double[] row : x) {
            for (int c = 0; c < w; c++) {
                row[c] = rnd.nextDouble();
            }
        }
        return x;
    }

    @Test
    void fastPathMatchesTheNaiveDftTwin() {
        double[][] x = random(8, 6, 1);
        FourierFeatures fx = new FourierFeatures(8, 6, 2, 2, 1e-12);
        double mean = 0;
        for (double[] row : x) {
            for (double v : row) {
                mean += v / 48;
            }
        }
        double[] z = new double[96];
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 6; c++) {
                z[2 * (r * 6 + c)] = x[r][c] - mean;
            }
        }
        assertArrayEquals(fx.binned(Fft2D.naiveDft(z, 8, 6)), fx.extract(x), 1e-10);
    }

    @Test
    void planeWaveLandsInItsRadialAndAngularBinAndRotationMovesIt() {
        int n = 64;
        double[][] wave = new double[n][n];
        double[][] turned = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                wave[r][c] = Math.cos(2 * Math.PI * 8 * c / n); // fx = 1/8 cycle per pixel, fy = 0
                turned[c][r] = wave[r][c];
            }
        }
        FourierFeatures fx = new FourierFeatures(n, n, 8, 4, 1e-12);
        double[] f = fx.extract(wave);
        assertEquals(2 * 4, argmax(f), "radial bin floor(0.125 * 16) = 2, angle 0");
        double[] g = fx.extract(turned);
        assertEquals(2 * 4 + 2, argmax(g), "angle pi/2 -> angular bin 2 of 4");
        // Parseval: the whole power (n^2 / 2) is in 2 frequencies of that bin
        FourierFeatures one = new FourierFeatures(n, n, 1, 1, 1e-12);
        int inside = 0;
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                double fy = FourierFeatures.freq(u, n);
                double fxq = FourierFeatures.freq(v, n);
                double rr = Math.sqrt(fy * fy + fxq * fxq);
                if (rr > 0 && rr <= 0.5) {
                    inside++;
                }
            }
        }
        assertEquals(Math.log(n * n / 2.0 / inside + 1e-12), one.extract(wave)[0], 1e-9);
    }

    @Test
    void circularShiftsLeaveFeaturesUnchanged() {
        double[][] x = random(20, 24, 5);
        double[][] s = new double[20][24];
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c < 24; c++) {
                s[(r + 7) % 20][(c + 3) % 24] = x[r][c];
            }
        }
        FourierFeatures fx = new FourierFeatures(20, 24, 4, 4, 1e-12);
        assertArrayEquals(fx.extract(x), fx.extract(s), 1e-9);
    }

    @Test
    void badSizesAndEmptyBinsAreRefused() {
        FourierFeatures fx = new FourierFeatures(16, 16, 4, 4, 1e-10);
        assertEquals(16, fx.dimension());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fx.extract(new double[16][8]));
        assertTrue(e.getMessage().contains("16 x 8") && e.getMessage().contains("16 x 16"), e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> new FourierFeatures(4, 4, 8, 8, 1e-10));
        assertTrue(b.getMessage().contains("holds no frequency"), b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FourierFeatures(1, 4, 1, 1, 1e-10));
        assertThrows(IllegalArgumentException.class, () -> new FourierFeatures(4, 4, 1, 1, 0));
    }

    private static int argmax(double[] f) {
        int k = 0;
        for (int i = 1; i < f.length; i++) {
            if (f[i] > f[k]) {
                k = i;
            }
        }
        return k;
    }
}
