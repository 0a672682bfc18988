package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingScatterTest {
    /** Rows with a large common offset (1e4) and unit-scale spread, where sum x x^T - n mu mu^T would cancel. */
    private static double[][] rows(int n, int p, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = 1e4 + j + r.nextGaussian() * (1 + 0.1 * j) + (j > 0 ? 0.5 * x[i][j - 1] - 0.5 * (1e4 + j - 1) : 0);
            }
        }
        return x;
    }

    /** The obvious two-pass computation: mean first, then sum of (x - mu)(x - mu)^T. */
    private static double[] twoPass(double[][] x, double[] muOut) {
        int n = x.length;
        int p = x[0].length;
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                muOut[j] += row[j] / n;
            }
        }
        double[] s = new double[p * p];
        for (double[] row : x) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    s[a * p + b] += (row[a] - muOut[a]) * (row[b] - muOut[b]);
                }
            }
        }
        return s;
    }

    @Test
    void streamingScatterMatchesTheTwoPassComputation() {
        int p = 37;
        double[][] x = rows(203, p, 1); // not a multiple of the block, so a partial block is flushed
        double[][] copy = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            copy[i] = x[i].clone();
        }
        StreamingScatter s = new StreamingScatter(x[0]);
        for (double[] row : x) {
            s.add(row);
        }
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(copy[i], x[i], 0, "rows must not be modified");
        }
        double[] mu = new double[p];
        double[] ref = twoPass(x, mu);
        assertEquals(203, s.count());
        assertArrayEquals(mu, s.mean(), 1e-9);
        double[] got = s.centredScatter();
        for (int k = 0; k < ref.length; k++) {
            assertEquals(ref[k], got[k], 1e-9 * (1 + Math.abs(ref[k])), "scatter entry " + k);
        }
    }

    @Test
    void foldAccumulatorsCombineToTheTotalAndSubtractToTheComplement() {
        int p = 9;
        double[][] x = rows(150, p, 2);
        StreamingScatter[] folds = new StreamingScatter[3];
        for (int f = 0; f < 3; f++) {
            folds[f] = new StreamingScatter(x[0]);
        }
        StreamingScatter all = new StreamingScatter(x[0]);
        for (int i = 0; i < x.length; i++) {
            folds[i % 3].add(x[i]);
            all.add(x[i]);
        }
        StreamingScatter total = folds[0].plus(folds[1]).plus(folds[2]);
        assertArrayEquals(all.centredScatter(), total.centredScatter(), 1e-8);
        // all rows but fold 1, directly
        double[][] rest = new double[100][];
        for (int i = 0, k = 0; i < x.length; i++) {
            if (i % 3 != 1) {
                rest[k++] = x[i];
            }
        }
        double[] mu = new double[p];
        double[] ref = twoPass(rest, mu);
        StreamingScatter complement = total.minus(folds[1]);
        assertEquals(100, complement.count());
        assertArrayEquals(mu, complement.mean(), 1e-9);
        assertArrayEquals(ref, complement.centredScatter(), 1e-7);
    }

    @Test
    void badInputIsRejectedWithTheParameterNamed() {
        StreamingScatter s = StreamingScatter.ofLength(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.add(new double[2]));
        assertEquals(true, e.getMessage().contains("row"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.add(new double[] {1, Double.NaN, 2}));
        assertThrows(IllegalArgumentException.class, () -> StreamingScatter.ofLength(0));
        assertThrows(IllegalArgumentException.class, () -> new StreamingScatter(new double[] {1, Double.POSITIVE_INFINITY}));
        assertThrows(IllegalStateException.class, s::mean);
        StreamingScatter other = new StreamingScatter(new double[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> s.plus(other), "different shifts cannot be combined");
        s.add(new double[] {1, 2, 3});
        StreamingScatter two = StreamingScatter.ofLength(3);
        two.add(new double[] {1, 2, 3});
        two.add(new double[] {1, 2, 4});
        assertThrows(IllegalArgumentException.class, () -> s.minus(two), "cannot remove more rows than held");
    }
}
