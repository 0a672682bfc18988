package org.scattering4j.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {
    /** A random symmetric matrix with the given eigenvalues: Q diag(ev) Q^T for a random orthogonal Q. */
    private static double[] withSpectrum(double[] ev, long seed) {
        int p = ev.length;
        Random r = new Random(seed);
        DMatrixRMaj g = new DMatrixRMaj(p, p);
        for (int i = 0; i < g.data.length; i++) {
            g.data[i] = r.nextGaussian();
        }
        var qr = DecompositionFactory_DDRM.qr(p, p);
        qr.decompose(g);
        DMatrixRMaj q = qr.getQ(null, false);
        double[] a = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int k = 0; k < p; k++) {
                    s += q.get(i, k) * ev[k] * q.get(j, k);
                }
                a[i * p + j] = s;
            }
        }
        // exact symmetry
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                a[i * p + j] = a[j * p + i];
            }
        }
        return a;
    }

    private static double[] ejmlDescending(double[] a, int p) {
        DMatrixRMaj m = new DMatrixRMaj(p, p);
        System.arraycopy(a, 0, m.data, 0, a.length);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(p, false, true);
        assertTrue(eig.decompose(m));
        double[] ev = new double[p];
        for (int i = 0; i < p; i++) {
            ev[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(ev);
        for (int i = 0; i < p / 2; i++) {
            double t = ev[i];
            ev[i] = ev[p - 1 - i];
            ev[p - 1 - i] = t;
        }
        return ev;
    }

    private static void checkPairs(double[] a, int p, SymmetricEigen e, double tol) {
        int k = e.values.length;
        double norm = 0;
        for (double v : a) {
            norm = Math.max(norm, Math.abs(v));
        }
        norm *= p;
        for (int s = 0; s < k; s++) {
            for (int i = 0; i < p; i++) {
                double av = 0;
                for (int j = 0; j < p; j++) {
                    av += a[i * p + j] * e.vectors[s * p + j];
                }
                assertEquals(e.values[s] * e.vectors[s * p + i], av, tol * norm, "residual of pair " + s);
            }
            for (int t = 0; t <= s; t++) {
                double dot = 0;
                for (int i = 0; i < p; i++) {
                    dot += e.vectors[s * p + i] * e.vectors[t * p + i];
                }
                assertEquals(s == t ? 1 : 0, dot, 1e-9, "orthonormality of vectors " + s + ", " + t);
            }
        }
    }

    @Test
    void leadingPairsMatchTheFullDecompositionOnAWideSpectrum() {
        int p = 90;
        double[] ev = new double[p];
        for (int i = 0; i < p; i++) {
            ev[i] = Math.exp(-0.15 * i) * 100 + (i % 7 == 0 ? 1e-3 : 0);
        }
        double[] a = withSpectrum(ev, 3);
        double[] before = a.clone();
        SymmetricEigen e = SymmetricEigen.leadingPositive(a, p, 40);
        assertTrue(Arrays.equals(before, a), "input must not be modified");
        assertEquals(40, e.values.length);
        double[] ref = ejmlDescending(a, p);
        for (int s = 0; s < 40; s++) {
            assertEquals(ref[s], e.values[s], 1e-10 * ref[0], "eigenvalue " + s);
        }
        checkPairs(a, p, e, 1e-10);
    }

    @Test
    void repeatedAndClusteredEigenvaluesGetOrthonormalVectors() {
        int p = 60;
        double[] ev = new double[p];
        for (int i = 0; i < p; i++) {
            ev[i] = i < 5 ? 10 : i < 12 ? 5 + 1e-9 * i : 1.0 / (i + 1);
        }
        double[] a = withSpectrum(ev, 7);
        SymmetricEigen e = SymmetricEigen.leadingPositive(a, p, 20);
        double[] ref = ejmlDescending(a, p);
        for (int s = 0; s < 20; s++) {
            assertEquals(ref[s], e.values[s], 1e-11 * 10, "eigenvalue " + s);
        }
        checkPairs(a, p, e, 1e-10);
    }

    @Test
    void nonPositiveAndNegligibleEigenvaluesAreDropped() {
        double[] ev = {4, 1, 0, -2};
        double[] a = withSpectrum(ev, 11);
        SymmetricEigen e = SymmetricEigen.leadingPositive(a, 4, 4);
        assertEquals(2, e.values.length);
        assertEquals(4, e.values[0], 1e-12);
        assertEquals(1, e.values[1], 1e-12);
        assertEquals(1, SymmetricEigen.leadingPositive(new double[] {3}, 1, 5).values.length);
        assertThrows(IllegalArgumentException.class, () -> SymmetricEigen.leadingPositive(new double[5], 2, 1));
    }

    @Test
    void sturmCountsMatchTheSpectrumOfASmallTridiagonal() {
        // [[2,1,0],[1,2,1],[0,1,2]]: eigenvalues 2 - sqrt 2, 2, 2 + sqrt 2
        double[] diag = {2, 2, 2};
        double[] off = {1, 1};
        assertEquals(0, SymmetricEigen.countBelow(diag, off, 0.5, 1e-300));
        assertEquals(1, SymmetricEigen.countBelow(diag, off, 1.0, 1e-300));
        assertEquals(2, SymmetricEigen.countBelow(diag, off, 3.0, 1e-300));
        assertEquals(3, SymmetricEigen.countBelow(diag, off, 3.5, 1e-300));
        double[] l = SymmetricEigen.largestTridiagonalEigenvalues(diag, off, 3);
        assertEquals(2 + Math.sqrt(2), l[0], 1e-14);
        assertEquals(2, l[1], 1e-14);
        assertEquals(2 - Math.sqrt(2), l[2], 1e-14);
    }
}
