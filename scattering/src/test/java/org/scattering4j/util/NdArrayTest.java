package org.scattering4j.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NdArrayTest {
    @Test
    void indexesInCOrder() {
        double[] d = new double[24];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        NdArray a = new NdArray(new int[] {2, 3, 4}, d);
        assertEquals(1 * 12 + 2 * 4 + 3, a.get(1, 2, 3), 0);
        assertEquals(12, a.strideOfFirstAxis());
        assertArrayEquals(new double[] {12, 13, 14, 15}, java.util.Arrays.copyOf(a.row(1), 4), 0);
    }

    @Test
    void rejectsInconsistentShapes() {
        assertThrows(IllegalArgumentException.class, () -> new NdArray(new int[] {2, 3}, new double[5]));
        assertThrows(IllegalArgumentException.class, () -> new NdArray(new int[] {-1}, new double[0]));
        NdArray a = NdArray.zeros(2, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> a.get(2, 0));
        assertThrows(IllegalArgumentException.class, () -> a.get(0));
    }
}
