package org.scattering4j.scattering.density;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GaussianDensity3DTest {
    @Test
    void matchesTheDirectFormulaVoxelByVoxel() {
        int m = 8;
        int n = 6;
        int o = 10;
        double[][] p = {{0.5, -1, 2}, {-3, 2.2, -4}};
        double[] w = {6, 1.5};
        double s = 1.3;
        double[] rho = GaussianDensity3D.render(m, n, o, p, w, s);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < o; k++) {
                    double[] g = {GaussianDensity3D.wrapped(i, m), GaussianDensity3D.wrapped(j, n),
                        GaussianDensity3D.wrapped(k, o)};
                    double v = 0;
                    for (int a = 0; a < p.length; a++) {
                        double d2 = 0;
                        for (int c = 0; c < 3; c++) {
                            d2 += (g[c] - p[a][c]) * (g[c] - p[a][c]);
                        }
                        v += w[a] * Math.exp(-d2 / (2 * s * s)) / (Math.pow(2 * Math.PI, 1.5) * s * s * s);
                    }
                    assertEquals(v, rho[(i * n + j) * o + k], 1e-15);
                }
            }
        }
    }

    @Test
    void wrapsIndicesLikeNumpysIfftshift() {
        // numpy.fft.ifftshift(arange(-3, 3)) = [0, 1, 2, -3, -2, -1]
        int[] expected = {0, 1, 2, -3, -2, -1};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], GaussianDensity3D.wrapped(i, 6));
        }
    }

    @Test
    void integratesToTheTotalWeightWhenWellInsideTheGrid() {
        double[] rho = GaussianDensity3D.render(32, 32, 32, new double[][] {{1, 2, -1}}, new double[] {7}, 2.0);
        double sum = 0;
        for (double v : rho) {
            sum += v;
        }
        assertEquals(7, sum, 1e-9);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class,
                () -> GaussianDensity3D.render(4, 4, 4, new double[][] {{0, 0, 0}}, new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianDensity3D.render(4, 4, 4, new double[][] {{0, Double.NaN, 0}}, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianDensity3D.render(4, 4, 4, new double[][] {{0, 0}}, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianDensity3D.render(4, 4, 4, new double[][] {{0, 0, 0}}, new double[] {1, 2}, 1));
    }
}
