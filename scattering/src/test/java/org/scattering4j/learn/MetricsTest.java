package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void knownValues() {
        double[] t = {1, 2, 3, 4};
        double[] p = {1, 0, 3, 8};
        assertEquals(1.5, Metrics.mae(t, p), 1e-15);
        assertEquals(5.0, Metrics.mse(t, p), 1e-15);
        assertEquals(Math.sqrt(5), Metrics.rmse(t, p), 1e-15);
        assertEquals(0.75, Metrics.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}), 0);
        int[][] cm = Metrics.confusionMatrix(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0}, 3);
        assertArrayEquals(new int[] {1, 0, 0}, cm[0]);
        assertArrayEquals(new int[] {1, 0, 1}, cm[2]);
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.mae(new double[] {1}, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.mae(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Metrics.rmse(new double[] {1}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> Metrics.confusionMatrix(new int[] {3}, new int[] {0}, 3));
    }
}
