package org.scattering4j.chem.density;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;

class DensityModelTest {
    @Test
    void kymatioValenceAndCoreWeights() {
        int[] z = {1, 2, 3, 6, 7, 8, 10, 11, 16, 18};
        double[] valence = {1, 2, 1, 4, 5, 6, 8, 1, 6, 8};
        for (int i = 0; i < z.length; i++) {
            assertEquals(valence[i], DensityChannel.VALENCE.weight(z[i]), 0, "Z=" + z[i]);
            assertEquals(z[i] - valence[i], DensityChannel.CORE.weight(z[i]), 0, "Z=" + z[i]);
            assertEquals(z[i], DensityChannel.NUCLEAR_CHARGE.weight(z[i]), 0);
        }
        assertFalse(DensityChannel.VALENCE.supports(26));
        assertTrue(DensityChannel.NUCLEAR_CHARGE.supports(26));
        assertEquals(3.0, DensityChannel.CHEMICAL_VALENCE.weight(7), 0);
    }

    @Test
    void unsupportedElementNamesElementAndChannel() {
        Molecule fe = Molecule.of(new int[] {26, 8}, new double[][] {{0, 0, 0}, {0, 0, 1.6}});
        DensityModel dm = new DensityModel(List.of(DensityChannel.NUCLEAR_CHARGE, DensityChannel.VALENCE), 2, 8, Alignment.PCA);
        MoleculeException e = assertThrows(MoleculeException.class, () -> dm.allWeights(fe));
        assertTrue(e.getMessage().contains("Fe (Z = 26, atom 1)") && e.getMessage().contains("'valence'"), e.getMessage());
    }

    @Test
    void badParametersAreRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DensityModel(List.of(DensityChannel.CORE), -1, 8, Alignment.NONE));
        assertTrue(e.getMessage().contains("sigma = -1.0"));
        assertThrows(IllegalArgumentException.class,
                () -> new DensityModel(List.of(DensityChannel.CORE, DensityChannel.CORE), 2, 8, Alignment.NONE));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridSpec.fixed(191, 128, 96))
                .getMessage().contains("191"));
    }

    @Test
    void pcaCentresAndOrdersAxesByVariance() {
        // points spread most along y, then z, then x; shifted and rotated
        double[][] p = {{0.1, 3, 0}, {0.1, -3, 0}, {0, 0, 1.5}, {0, 0, -1.5}, {-0.2, 0, 0}};
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[][] q = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            q[i] = new double[] {c * p[i][0] - s * p[i][1] + 5, s * p[i][0] + c * p[i][1] - 2, p[i][2] + 1};
        }
        double[][] a = Alignment.PCA.apply(q);
        double[] var = new double[3];
        double[] mean = new double[3];
        for (double[] r : a) {
            for (int k = 0; k < 3; k++) {
                mean[k] += r[k] / a.length;
                var[k] += r[k] * r[k];
            }
        }
        assertArrayEquals(new double[3], mean, 1e-12);
        assertTrue(var[0] > var[1] && var[1] > var[2]);
        assertEquals(18.0, var[0], 1e-9);
        assertEquals(4.5, var[1], 1e-9);
        // distances are kept
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                assertEquals(dist(q[i], q[j]), dist(a[i], a[j]), 1e-12);
            }
        }
        double[][] none = Alignment.NONE.apply(q);
        assertArrayEquals(q[2], none[2], 0);
        assertTrue(none[2] != q[2]); // a copy
    }

    @Test
    void jacobiEigenReconstructsRandomSymmetricMatrices() {
        Random r = new Random(3);
        for (int t = 0; t < 200; t++) {
            double[][] m = new double[3][3];
            for (int i = 0; i < 3; i++) {
                for (int j = i; j < 3; j++) {
                    m[i][j] = m[j][i] = r.nextGaussian() * (t % 7 == 0 ? 1e-6 : 1);
                }
            }
            double[][] v = new double[3][3];
            double[] ev = Alignment.symmetricEigen(m, v);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) {
                        s += v[i][k] * ev[k] * v[j][k];
                    }
                    assertEquals(m[i][j], s, 1e-12 * (1 + Math.abs(ev[0]) + Math.abs(ev[1]) + Math.abs(ev[2])));
                }
            }
        }
    }

    @Test
    void adaptiveGridHoldsMoleculePlusMarginAndIsFftFriendly() {
        GridSpec g = GridSpec.adaptive(6);
        int[] s = g.shapeFor(new double[][] {{-20, 3, 0}, {25, -4, 1}}, 8.25);
        // axis 0: 2 * ceil(25 + 49.5 + 1) = 152 -> 160 (2^5 * 5)
        assertArrayEquals(new int[] {160, 120, 108}, s); // 152 -> 160, 110 -> 120, 104 -> 108
        assertEquals(160, GridSpec.smooth235(151));
        assertEquals(2, GridSpec.smooth235(1));
        assertArrayEquals(new int[] {192, 128, 96}, GridSpec.fixed(192, 128, 96).shapeFor(new double[][] {{0, 0, 0}}, 8));
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }
}
