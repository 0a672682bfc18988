package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandardizerTest {
    @Test
    void meanAndPopulationStdOfKnownColumns() {
        double[][] x = {{1, 10}, {2, 20}, {3, 30}, {4, 40}};
        Standardizer s = Standardizer.fit(x);
        assertArrayEquals(new double[] {2.5, 25}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(1.25), Math.sqrt(125)}, s.scale(), 1e-14);
        double[][] z = s.transform(x);
        assertEquals(-1.5 / Math.sqrt(1.25), z[0][0], 1e-14);
        assertEquals(1.5 / Math.sqrt(1.25), z[3][1], 1e-14);
        assertArrayEquals(new double[] {3, 30}, s.inverseTransform(z[2]), 1e-13);
    }

    @Test
    void constantColumnIsCentredToZeroNotNaN() {
        double[][] x = {{1, 7, 1e9}, {2, 7, 1e9}, {4, 7, 1e9}};
        Standardizer s = Standardizer.fit(x);
        assertArrayEquals(new int[] {1, 2}, s.constantColumns());
        assertEquals(1.0, s.scale()[1]);
        double[][] z = s.transform(x);
        for (double[] r : z) {
            assertEquals(0.0, r[1]);
            assertEquals(0.0, r[2]);
            assertTrue(Double.isFinite(r[0]));
        }
        assertEquals(3.0, s.transform(new double[] {0, 10, 1e9})[1]);
    }

    @Test
    void fitOnRowsUsesOnlyThoseRows() {
        double[][] x = {{1}, {3}, {1e6}};
        Standardizer s = Standardizer.fit(x, new int[] {0, 1});
        assertArrayEquals(new double[] {2}, s.mean(), 0);
        assertArrayEquals(new double[] {1}, s.scale(), 0);
    }

    @Test
    void doesNotModifyInput() {
        double[][] x = Synthetic.gaussian(20, 3, 1);
        double[][] copy = Synthetic.deepCopy(x);
        Standardizer.fit(x).transform(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(copy[i], x[i], 0);
        }
    }

    @Test
    void roundTripThroughMapAndJson() {
        double[][] x = Synthetic.gaussian(30, 4, 2);
        x[0][3] = 5;
        for (double[] r : x) {
            r[2] = -3;
        }
        Standardizer s = Standardizer.fit(x);
        Standardizer back = Standardizer.fromMap(Synthetic.viaJson(s.toMap()));
        assertArrayEquals(s.mean(), back.mean(), 0);
        assertArrayEquals(s.scale(), back.scale(), 0);
        assertArrayEquals(s.constantColumns(), back.constantColumns());
        assertArrayEquals(s.transform(x[5]), back.transform(x[5]), 0);
    }

    @Test
    void badInputIsRejectedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.fit(new double[][] {{1, Double.NaN}}));
        assertTrue(e.getMessage().contains("x[0][1] = NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new double[0][]));
        assertTrue(e.getMessage().contains("0 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("x[1] has 1 columns"), e.getMessage());
        Standardizer s = Standardizer.fit(new double[][] {{1, 2}, {3, 4}});
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("length 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new double[][] {{1}}, new int[] {4}));
        assertTrue(e.getMessage().contains("row index 4"), e.getMessage());
        var m = s.toMap();
        m.put("type", "RidgeRegression");
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fromMap(m));
    }
}
