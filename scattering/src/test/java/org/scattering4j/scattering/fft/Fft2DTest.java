package org.scattering4j.scattering.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Fft2DTest {
    @Test
    void matchesTheNaiveDftOnOddEvenAndPrimeSizes() {
        Random rnd = new Random(7);
        int[][] sizes = {{1, 1}, {1, 8}, {5, 1}, {4, 6}, {7, 3}, {8, 8}, {6, 10}};
        for (int[] s : sizes) {
            double[] z = new double[2 * s[0] * s[1]];
            for (int i = 0; i < z.length; i++) {
                z[i] = rnd.nextGaussian();
            }
            double[] expect = Fft2D.naiveDft(z, s[0], s[1]);
            double[] got = z.clone();
            Fft2D.forward(got, s[0], s[1]);
            for (int i = 0; i < z.length; i++) {
                assertEquals(expect[i], got[i], 1e-10, s[0] + "x" + s[1] + " at " + i);
            }
            Fft2D.inverse(got, s[0], s[1]);
            for (int i = 0; i < z.length; i++) {
                assertEquals(z[i], got[i], 1e-12, "round trip " + s[0] + "x" + s[1]);
            }
        }
    }

    @Test
    void zeroFrequencyIsTheSumAndBadSizesAreRefused() {
        double[] z = new double[2 * 3 * 5];
        double sum = 0;
        for (int i = 0; i < 15; i++) {
            z[2 * i] = i * 0.5;
            sum += i * 0.5;
        }
        Fft2D.forward(z, 3, 5);
        assertEquals(sum, z[0], 1e-12);
        assertEquals(0, z[1], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Fft2D.forward(new double[10], 3, 5));
        assertThrows(IllegalArgumentException.class, () -> Fft2D.forward(new double[10], 0, 5));
    }
}
