package org.scattering4j.learn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.TridiagonalSimilarDecomposition_F64;
import org.scattering4j.util.Parallel;

/**
 * The {@code d} largest eigenpairs of a dense symmetric matrix, for when {@code d} is a fraction of the size
 * (class covariances of MNIST scattering features: the top 200-400 of 1953).
 *
 * <p>Householder reduction to a tridiagonal {@code T = Q^T A Q} (EJML's blocked decomposition), then only the
 * wanted eigenvalues of {@code T} by Sturm-sequence bisection, their eigenvectors by inverse iteration (one
 * pivoted LU of {@code T - lambda I} each, re-orthogonalised within clusters of close eigenvalues, as LAPACK's
 * {@code dstebz}/{@code dstein} do) and the back-transformation {@code V = Q Z}. This costs about
 * {@code (8/3) p^3 + 2 p^2 d} flops, against roughly {@code 9 p^3} for a full eigendecomposition with vectors,
 * which dominated the affine PCA fit on MNIST.
 */
final class SymmetricEigen {
    /** Eigenvalues, largest first (only those kept). */
    final double[] values;
    /** Unit eigenvectors as rows of a flat {@code values.length x p} array, in the order of {@link #values}. */
    final double[] vectors;

    private SymmetricEigen(double[] values, double[] vectors) {
        this.values = values;
        this.vectors = vectors;
    }

    /** Relative gap below which eigenvalues share a cluster and their vectors are re-orthogonalised. */
    private static final double CLUSTER = 1e-3;
    private static final int INVERSE_ITERATIONS = 4;

    /**
     * The at most {@code d} largest eigenpairs of the symmetric {@code p x p} row-major matrix {@code a} (not
     * modified) whose eigenvalues are positive and above {@code 1e-12} times the largest.
     */
    static SymmetricEigen leadingPositive(double[] a, int p, int d) {
        if (a.length != (long) p * p) {
            throw new IllegalArgumentException("matrix has " + a.length + " entries; expected " + p + " x " + p);
        }
        int want = Math.min(d, p);
        if (want <= 0) {
            return new SymmetricEigen(new double[0], new double[0]);
        }
        double[] diag = new double[p];
        double[] off = new double[Math.max(p - 1, 0)];
        DMatrixRMaj q;
        if (p == 1) {
            diag[0] = a[0];
            q = new DMatrixRMaj(1, 1);
            q.data[0] = 1;
        } else {
            DMatrixRMaj m = new DMatrixRMaj(p, p);
            System.arraycopy(a, 0, m.data, 0, a.length);
            TridiagonalSimilarDecomposition_F64<DMatrixRMaj> td = DecompositionFactory_DDRM.tridiagonal(p);
            if (!td.decompose(m)) {
                throw new IllegalStateException("tridiagonal reduction of a " + p + " x " + p + " matrix failed");
            }
            td.getDiagonal(diag, off);
            q = td.getQ(null, false);
        }
        double[] lambda = largestTridiagonalEigenvalues(diag, off, want);
        int keep = 0;
        double top = lambda[0];
        while (keep < want && lambda[keep] > 0 && lambda[keep] > 1e-12 * top) {
            keep++;
        }
        double[] z = tridiagonalEigenvectors(diag, off, lambda, keep);
        double[] v = new double[keep * p];
        double[] qd = q.data;
        int k = keep;
        Parallel.forEach((p + 63) / 64, () -> null, (t, ws) -> {
            int end = Math.min(p, (t + 1) * 64);
            for (int i = t * 64; i < end; i++) {
                int qi = i * p;
                for (int s = 0; s < k; s++) {
                    int zs = s * p;
                    double acc = 0;
                    for (int j = 0; j < p; j++) {
                        acc += qd[qi + j] * z[zs + j];
                    }
                    v[zs + i] = acc;
                }
            }
        });
        double[] values = new double[keep];
        System.arraycopy(lambda, 0, values, 0, keep);
        return new SymmetricEigen(values, v);
    }

    /** Number of eigenvalues of the tridiagonal (diag, off) strictly below x (Sturm sequence). */
    static int countBelow(double[] diag, double[] off, double x, double pivmin) {
        int n = diag.length;
        double qv = diag[0] - x;
        if (Math.abs(qv) < pivmin) {
            qv = -pivmin;
        }
        int count = qv < 0 ? 1 : 0;
        for (int i = 1; i < n; i++) {
            qv = diag[i] - x - off[i - 1] * off[i - 1] / qv;
            if (Math.abs(qv) < pivmin) {
                qv = -pivmin;
            }
            if (qv < 0) {
                count++;
            }
        }
        return count;
    }

    private static double pivmin(double[] off) {
        double m = 1;
        for (double e : off) {
            m = Math.max(m, e * e);
        }
        return Double.MIN_NORMAL * m;
    }

    /** The {@code want} largest eigenvalues of the symmetric tridiagonal (diag, off), largest first, by bisection. */
    static double[] largestTridiagonalEigenvalues(double[] diag, double[] off, int want) {
        int n = diag.length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double r = (i > 0 ? Math.abs(off[i - 1]) : 0) + (i < n - 1 ? Math.abs(off[i]) : 0);
            lo = Math.min(lo, diag[i] - r);
            hi = Math.max(hi, diag[i] + r);
        }
        double pivmin = pivmin(off);
        double scale = Math.max(Math.abs(lo), Math.abs(hi));
        lo -= 2 * Math.ulp(scale) * n + pivmin;
        hi += 2 * Math.ulp(scale) * n + pivmin;
        double[] out = new double[want];
        double upper = hi;
        for (int k = 0; k < want; k++) {
            int index = n - 1 - k; // ascending index of the k-th largest eigenvalue
            double a = lo;
            double b = upper; // the k-th largest is at most the (k-1)-th largest
            for (int it = 0; it < 200; it++) {
                double mid = 0.5 * (a + b);
                if (b - a <= 2 * Math.ulp(Math.max(Math.abs(a), Math.abs(b))) + pivmin || mid == a || mid == b) {
                    break;
                }
                if (countBelow(diag, off, mid, pivmin) <= index) {
                    a = mid;
                } else {
                    b = mid;
                }
            }
            out[k] = 0.5 * (a + b);
            upper = Math.min(b, upper);
        }
        return out;
    }

    /**
     * Unit eigenvectors ({@code count x n} flat) of the tridiagonal (diag, off) for its eigenvalues
     * {@code lambda[0..count-1]} (largest first), by inverse iteration with re-orthogonalisation in clusters.
     */
    static double[] tridiagonalEigenvectors(double[] diag, double[] off, double[] lambda, int count) {
        int n = diag.length;
        double[] z = new double[count * n];
        if (count == 0) {
            return z;
        }
        double tnorm = 0;
        for (int i = 0; i < n; i++) {
            double r = Math.abs(diag[i]) + (i > 0 ? Math.abs(off[i - 1]) : 0) + (i < n - 1 ? Math.abs(off[i]) : 0);
            tnorm = Math.max(tnorm, r);
        }
        if (tnorm == 0) {
            tnorm = 1;
        }
        double eps = Math.ulp(1.0);
        double pivtol = eps * tnorm;
        double[] d = new double[n];
        double[] dl = new double[n];
        double[] du = new double[n];
        double[] du2 = new double[n];
        boolean[] swap = new boolean[n];
        double[] x = new double[n];
        java.util.Random rnd = new java.util.Random(1);
        int clusterStart = 0;
        double prevShift = Double.NaN;
        for (int k = 0; k < count; k++) {
            double shift = lambda[k];
            if (k > 0 && lambda[k - 1] - lambda[k] > CLUSTER * tnorm) {
                clusterStart = k;
            }
            // equal eigenvalues get distinct shifts so inverse iteration does not converge to one vector twice
            if (k > 0 && !(prevShift - shift > 10 * eps * Math.abs(shift))) {
                shift = prevShift - 10 * eps * Math.max(Math.abs(prevShift), tnorm * eps);
            }
            prevShift = shift;
            factor(diag, off, shift, d, dl, du, du2, swap, pivtol);
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextDouble() * 2 - 1;
            }
            for (int it = 0; it < INVERSE_ITERATIONS; it++) {
                solve(d, dl, du, du2, swap, x);
                for (int pass = 0; pass < 2; pass++) {
                    for (int c = clusterStart; c < k; c++) {
                        int o = c * n;
                        double dot = 0;
                        for (int i = 0; i < n; i++) {
                            dot += z[o + i] * x[i];
                        }
                        for (int i = 0; i < n; i++) {
                            x[i] -= dot * z[o + i];
                        }
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += x[i] * x[i];
                }
                norm = Math.sqrt(norm);
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    throw new IllegalStateException("inverse iteration failed for eigenvalue " + lambda[k]);
                }
                for (int i = 0; i < n; i++) {
                    x[i] /= norm;
                }
            }
            System.arraycopy(x, 0, z, k * n, n);
        }
        return z;
    }

    /** LU with partial pivoting of the tridiagonal {@code T - shift I} (LAPACK dgttrf layout), tiny pivots raised. */
    private static void factor(double[] diag, double[] off, double shift, double[] d, double[] dl, double[] du,
            double[] du2, boolean[] swap, double pivtol) {
        int n = diag.length;
        for (int i = 0; i < n; i++) {
            d[i] = diag[i] - shift;
            du2[i] = 0;
            swap[i] = false;
            if (i < n - 1) {
                dl[i] = off[i];
                du[i] = off[i];
            }
        }
        for (int i = 0; i < n - 1; i++) {
            if (Math.abs(d[i]) >= Math.abs(dl[i])) {
                double fact = d[i] != 0 ? dl[i] / d[i] : 0;
                dl[i] = fact;
                d[i + 1] -= fact * du[i];
            } else {
                double fact = d[i] / dl[i];
                d[i] = dl[i];
                dl[i] = fact;
                double temp = du[i];
                du[i] = d[i + 1];
                d[i + 1] = temp - fact * d[i + 1];
                if (i < n - 2) {
                    du2[i] = du[i + 1];
                    du[i + 1] = -fact * du[i + 1];
                }
                swap[i] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(d[i]) < pivtol) {
                d[i] = d[i] < 0 ? -pivtol : pivtol;
            }
        }
    }

    /** Solves {@code (T - shift I) x = b} in place with the factors from {@link #factor}. */
    private static void solve(double[] d, double[] dl, double[] du, double[] du2, boolean[] swap, double[] b) {
        int n = d.length;
        for (int i = 0; i < n - 1; i++) {
            if (!swap[i]) {
                b[i + 1] -= dl[i] * b[i];
            } else {
                double temp = b[i];
                b[i] = b[i + 1];
                b[i + 1] = temp - dl[i] * b[i];
            }
        }
        b[n - 1] /= d[n - 1];
        if (n > 1) {
            b[n - 2] = (b[n - 2] - du[n - 2] * b[n - 1]) / d[n - 2];
        }
        for (int i = n - 3; i >= 0; i--) {
            b[i] = (b[i] - du[i] * b[i + 1] - du2[i] * b[i + 2]) / d[i];
        }
    }
}
