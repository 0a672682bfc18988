package org.scattering4j.chem.scattering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link CoarseFft} against a direct 3D DFT (its slow twin), layouts R and S, round trip, reused work arrays. */
class CoarseFftTest {
    /** Direct DFT: {@code X(k) = sum_x x(x) exp(-+2 pi i k.x / m)}, C order interleaved. */
    private static double[] dft(double[] re, double[] im, int[] m, boolean inverse) {
        int n = m[0] * m[1] * m[2];
        double[] out = new double[2 * n];
        double sg = inverse ? 1 : -1;
        for (int k0 = 0; k0 < m[0]; k0++) {
            for (int k1 = 0; k1 < m[1]; k1++) {
                for (int k2 = 0; k2 < m[2]; k2++) {
                    double sr = 0;
                    double si = 0;
                    for (int x0 = 0; x0 < m[0]; x0++) {
                        for (int x1 = 0; x1 < m[1]; x1++) {
                            for (int x2 = 0; x2 < m[2]; x2++) {
                                double a = sg * 2 * Math.PI * ((double) k0 * x0 / m[0] + (double) k1 * x1 / m[1]
                                        + (double) k2 * x2 / m[2]);
                                int p = (x0 * m[1] + x1) * m[2] + x2;
                                sr += re[p] * Math.cos(a) - im[p] * Math.sin(a);
                                si += re[p] * Math.sin(a) + im[p] * Math.cos(a);
                            }
                        }
                    }
                    int q = (k0 * m[1] + k1) * m[2] + k2;
                    out[2 * q] = sr;
                    out[2 * q + 1] = si;
                }
            }
        }
        return out;
    }

    @Test
    void forwardAndInverseMatchTheDirectDftInTheirLayouts() {
        Random rnd = new Random(7);
        // sizes with radices 2, 3, 4, 5 and an odd prime; rows shorter and longer than the other axes
        int[][] shapes = {{6, 5, 4}, {3, 8, 7}, {4, 4, 10}, {1, 6, 3}};
        for (int[] m : shapes) {
            CoarseFft f = new CoarseFft(m);
            int n = f.size();
            double[] re = new double[n];
            double[] im = new double[n];
            for (int p = 0; p < n; p++) {
                re[p] = rnd.nextGaussian();
                im[p] = rnd.nextGaussian();
            }
            double[][] tr = f.newTable();
            double[][] ti = f.newTable();
            // R layout: row i0 m1 + i1, column i2
            for (int r = 0; r < m[0] * m[1]; r++) {
                System.arraycopy(re, r * m[2], tr[r], 0, m[2]);
                System.arraycopy(im, r * m[2], ti[r], 0, m[2]);
            }
            CoarseFft.Work w = new CoarseFft.Work(f.tableRows, f.rowLength);
            f.forward(tr, ti, w);
            double[] ref = dft(re, im, m, false);
            double scale = 0;
            double err = 0;
            // S layout: row k0 m2 + k2, column k1
            for (int k0 = 0; k0 < m[0]; k0++) {
                for (int k1 = 0; k1 < m[1]; k1++) {
                    for (int k2 = 0; k2 < m[2]; k2++) {
                        int q = (k0 * m[1] + k1) * m[2] + k2;
                        int r = k0 * m[2] + k2;
                        err = Math.max(err, Math.abs(tr[r][k1] - ref[2 * q]) + Math.abs(ti[r][k1] - ref[2 * q + 1]));
                        scale = Math.max(scale, Math.abs(ref[2 * q]));
                    }
                }
            }
            assertTrue(err < 1e-12 * scale * n, java.util.Arrays.toString(m) + ": forward off by " + err);
            // inverse from S back to R, unscaled: n times the input
            f.inverse(tr, ti, w);
            for (int r = 0; r < m[0] * m[1]; r++) {
                for (int c = 0; c < m[2]; c++) {
                    assertEquals(n * re[r * m[2] + c], tr[r][c], 1e-11 * n);
                    assertEquals(n * im[r * m[2] + c], ti[r][c], 1e-11 * n);
                }
            }
            // the inverse alone against the direct DFT with the positive sign, from a spectrum given in S
            double[][] sr = f.newTable();
            double[][] si = f.newTable();
            for (int k0 = 0; k0 < m[0]; k0++) {
                for (int k2 = 0; k2 < m[2]; k2++) {
                    for (int k1 = 0; k1 < m[1]; k1++) {
                        int q = (k0 * m[1] + k1) * m[2] + k2;
                        sr[k0 * m[2] + k2][k1] = re[q];
                        si[k0 * m[2] + k2][k1] = im[q];
                    }
                }
            }
            // a work area larger than needed (as reused across lattices of different sizes)
            CoarseFft.Work grown = new CoarseFft.Work(f.tableRows + 5, f.rowLength + 3);
            f.inverse(sr, si, grown);
            double[] back = dft(re, im, m, true);
            for (int r = 0; r < m[0] * m[1]; r++) {
                for (int c = 0; c < m[2]; c++) {
                    int p = r * m[2] + c;
                    assertEquals(back[2 * p], sr[r][c], 1e-11 * n);
                    assertEquals(back[2 * p + 1], si[r][c], 1e-11 * n);
                }
            }
        }
    }

    @Test
    void badSizesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CoarseFft(new int[] {4, 0, 4}));
        assertTrue(e.getMessage().contains("m[1] = 0"), e.getMessage());
    }
}
