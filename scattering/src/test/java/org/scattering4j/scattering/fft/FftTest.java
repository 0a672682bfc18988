package org.scattering4j.scattering.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FftTest {
    @Test
    void matchesTheNaiveDftOnManySizes() {
        Random r = new Random(3);
        for (int n : new int[] {1, 2, 3, 5, 7, 8, 12, 17, 36, 40, 64, 100, 272}) {
            double[] z = new double[2 * n];
            for (int i = 0; i < z.length; i++) {
                z[i] = r.nextGaussian();
            }
            double[] slow = Fft.naiveDft(z, n, false);
            double[] fast = z.clone();
            Fft.forward(fast, n);
            double scale = 0;
            for (double v : slow) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < 2 * n; i++) {
                assertEquals(slow[i], fast[i], 1e-12 * scale, "n=" + n + " i=" + i);
            }
            Fft.inverse(fast, n);
            for (int i = 0; i < 2 * n; i++) {
                assertEquals(z[i], fast[i], 1e-12 * scale, "round trip n=" + n);
            }
        }
    }

    @Test
    void zeroFrequencyIsTheSum() {
        double[] z = {1, 0, 2, 0, 3, 0, 4, 0, 5, 0};
        Fft.forward(z, 5);
        assertEquals(15, z[0], 1e-12);
        assertEquals(0, z[1], 1e-12);
    }

    @Test
    void rejectsNonPositiveLength() {
        assertThrows(IllegalArgumentException.class, () -> Fft.plan(0));
    }
}
