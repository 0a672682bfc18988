package org.scattering4j.scattering.fft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
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

    @Test
    void separatePassesAndTransposeMakeTheNaiveTwoDimensionalDft() {
        // Fft2D.pass along rows, transposeRows, pass along columns: the spectra of `count` maps side by side,
        // checked against the naive 2D DFT of each map (odd sizes and a prime length included)
        Random rnd = new Random(11);
        int[][] sizes = {{6, 10, 3}, {9, 7, 2}, {17, 4, 1}, {12, 12, 5}};
        for (int[] s : sizes) {
            int rows = s[0];
            int cols = s[1];
            int count = s[2];
            Fft2D.Workspace ws = new Fft2D.Workspace(0);
            ws.reserve(Math.max(rows, cols), count * Math.max(rows, cols));
            BatchFft.Rows in = ws.free(null);
            double[][] maps = new double[count][2 * rows * cols];
            for (int a = 0; a < count; a++) {
                for (int u = 0; u < rows; u++) {
                    for (int v = 0; v < cols; v++) {
                        double re = rnd.nextGaussian();
                        double im = rnd.nextGaussian();
                        maps[a][2 * (u * cols + v)] = re;
                        maps[a][2 * (u * cols + v) + 1] = im;
                        in.re()[u][a * cols + v] = re;
                        in.im()[u][a * cols + v] = im;
                    }
                }
            }
            BatchFft.Rows p1 = Fft2D.pass(in, rows, count * cols, false, ws);
            BatchFft.Rows t = Fft2D.transposeRows(p1, rows, count, cols, ws);
            assertNotSame(p1, t);
            BatchFft.Rows p2 = Fft2D.pass(t, cols, count * rows, false, ws);
            for (int a = 0; a < count; a++) {
                double[] expect = Fft2D.naiveDft(maps[a], rows, cols);
                for (int k1 = 0; k1 < rows; k1++) {
                    for (int k2 = 0; k2 < cols; k2++) {
                        // transposed spectrum: row k2 holds [a][k1]
                        String at = rows + "x" + cols + " map " + a + " (" + k1 + ", " + k2 + ")";
                        assertEquals(expect[2 * (k1 * cols + k2)], p2.re()[k2][a * rows + k1], 1e-10, at);
                        assertEquals(expect[2 * (k1 * cols + k2) + 1], p2.im()[k2][a * rows + k1], 1e-10, at);
                    }
                }
            }
        }
        Fft2D.Workspace small = new Fft2D.Workspace(0);
        small.reserve(4, 4);
        assertThrows(IllegalStateException.class, () -> Fft2D.pass(small.free(null), 8, 8, false, small));
        assertThrows(IllegalArgumentException.class, () -> Fft2D.pass(new BatchFft.Rows(), 4, 4, false, small));
    }
}
