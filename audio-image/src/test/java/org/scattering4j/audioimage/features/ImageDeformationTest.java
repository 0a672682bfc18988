package org.scattering4j.audioimage.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageDeformationTest {
    private static double[][] random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int c = 0; c < cols; c++) {
                row[c] = r.nextDouble();
            }
        }
        return x;
    }

    @Test
    void integerTranslationShiftsExactlyAndFillsWithZeros() {
        double[][] x = random(7, 9, 1);
        double[][] y = ImageDeformation.translation(2, -1).apply(x);
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 9; c++) {
                int sr = r + 1;
                int sc = c - 2;
                double want = sr >= 0 && sr < 7 && sc >= 0 && sc < 9 ? x[sr][sc] : 0;
                assertEquals(want, y[r][c], 0, "pixel " + r + "," + c);
            }
        }
        assertArrayEquals(x[3], ImageDeformation.identity().apply(x)[3], 0);
    }

    @Test
    void positiveAngleTurnsClockwiseOnScreenAboutTheCentre() {
        double[][] x = new double[11][11];
        x[5][9] = 1; // four pixels right of the centre (5, 5)
        double[][] y = ImageDeformation.rotation(45).apply(x);
        double mass = 0;
        double mr = 0;
        double mc = 0;
        for (int r = 0; r < 11; r++) {
            for (int c = 0; c < 11; c++) {
                mass += y[r][c];
                mr += r * y[r][c];
                mc += c * y[r][c];
            }
        }
        // (x, y) = (4, 0) -> (4 cos 45, 4 sin 45): right and down by 2.83 pixels
        assertEquals(5 + 4 * Math.sqrt(0.5), mr / mass, 0.3);
        assertEquals(5 + 4 * Math.sqrt(0.5), mc / mass, 0.3);
    }

    @Test
    void generalDeformationMatchesTheDirectInverseMapAndBilinearFormula() {
        double[][] x = random(11, 13, 3);
        double deg = 8;
        double s = 1.1;
        double k = 0.2;
        double dx = 0.5;
        double dy = -1;
        double[][] y = ImageDeformation.of(deg, s, k, dx, dy).apply(x);
        double cy = 5;
        double cx = 6;
        double t = Math.toRadians(deg);
        for (int r = 0; r < 11; r++) {
            for (int c = 0; c < 13; c++) {
                // forward map u -> s R H u + t; find u by solving the 2x2 system with Cramer's rule
                double a00 = s * Math.cos(t);
                double a01 = s * (Math.cos(t) * k - Math.sin(t));
                double a10 = s * Math.sin(t);
                double a11 = s * (Math.sin(t) * k + Math.cos(t));
                double bx = c - cx - dx;
                double by = r - cy - dy;
                double det = a00 * a11 - a01 * a10;
                double ux = (bx * a11 - a01 * by) / det + cx;
                double uy = (a00 * by - a10 * bx) / det + cy;
                int x0 = (int) Math.floor(ux);
                int y0 = (int) Math.floor(uy);
                double fx = ux - x0;
                double fy = uy - y0;
                double want = (1 - fy) * ((1 - fx) * px(x, y0, x0) + fx * px(x, y0, x0 + 1))
                        + fy * ((1 - fx) * px(x, y0 + 1, x0) + fx * px(x, y0 + 1, x0 + 1));
                assertEquals(want, y[r][c], 1e-12, "pixel " + r + "," + c);
            }
        }
    }

    private static double px(double[][] x, int r, int c) {
        return r < 0 || c < 0 || r >= x.length || c >= x[0].length ? 0 : x[r][c];
    }

    @Test
    void inputIsNotModifiedAndBadParametersAreRejected() {
        double[][] x = random(5, 5, 4);
        double[][] copy = new double[5][];
        for (int r = 0; r < 5; r++) {
            copy[r] = x[r].clone();
        }
        ImageDeformation.rotation(10).apply(x);
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(copy[r], x[r], 0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageDeformation.rotation(60));
        assertTrue(e.getMessage().contains("angle") && e.getMessage().contains("60"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ImageDeformation.scaling(0.1));
        assertThrows(IllegalArgumentException.class, () -> ImageDeformation.shear(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ImageDeformation.translation(9, 0));
        assertThrows(IllegalArgumentException.class, () -> ImageDeformation.identity().apply(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> ImageDeformation.identity().apply(new double[0][]));
    }
}
