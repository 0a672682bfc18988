package org.scattering4j.learn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.scattering4j.util.Parallel;

/** Small dense helpers on row-major flat arrays, shared by the models. */
final class Mat {
    private Mat() {
    }

    /** Copies the selected rows of {@code x} into a new row-major matrix, subtracting {@code shift} per column. */
    static DMatrixRMaj rows(double[][] x, int[] rows, double[] shift) {
        int p = x[0].length;
        DMatrixRMaj m = new DMatrixRMaj(rows.length, p);
        double[] d = m.data;
        for (int i = 0; i < rows.length; i++) {
            double[] r = x[rows[i]];
            int o = i * p;
            if (shift == null) {
                System.arraycopy(r, 0, d, o, p);
            } else {
                for (int j = 0; j < p; j++) {
                    d[o + j] = r[j] - shift[j];
                }
            }
        }
        return m;
    }

    static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    static double[] columnMeans(double[][] x, int[] rows) {
        int p = x[0].length;
        double[] m = new double[p];
        for (int i : rows) {
            double[] r = x[i];
            for (int j = 0; j < p; j++) {
                m[j] += r[j];
            }
        }
        for (int j = 0; j < p; j++) {
            m[j] /= rows.length;
        }
        return m;
    }

    /** {@code a^T a} (p x p), multi-threaded when the pool has more than one thread. */
    static DMatrixRMaj gram(DMatrixRMaj a) {
        return multTransA(a, a);
    }

    /** {@code a b}, multi-threaded when worthwhile. */
    static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        if (Parallel.threads() > 1 && (long) a.numRows * a.numCols * b.numCols > 2_000_000L) {
            CommonOps_MT_DDRM.mult(a, b, c);
        } else {
            CommonOps_DDRM.mult(a, b, c);
        }
        return c;
    }

    /** {@code a^T b}, multi-threaded when worthwhile. */
    static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numCols, b.numCols);
        if (Parallel.threads() > 1 && (long) a.numRows * a.numCols * b.numCols > 2_000_000L) {
            CommonOps_MT_DDRM.multTransA(a, b, c);
        } else {
            CommonOps_DDRM.multTransA(a, b, c);
        }
        return c;
    }

    /** {@code a b^T}, multi-threaded when worthwhile. */
    static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numRows);
        if (Parallel.threads() > 1 && (long) a.numRows * a.numCols * b.numRows > 2_000_000L) {
            CommonOps_MT_DDRM.multTransB(a, b, c);
        } else {
            CommonOps_DDRM.multTransB(a, b, c);
        }
        return c;
    }

    /** Log-spaced grid {@code 10^lo .. 10^hi} with {@code count} points. */
    static double[] logspace(double lo, double hi, int count) {
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            double e = count == 1 ? lo : lo + (hi - lo) * i / (count - 1);
            g[i] = Math.pow(10, e);
        }
        return g;
    }

    static double dot(double[] a, int ao, double[] b, int bo, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += a[ao + j] * b[bo + j];
        }
        return s;
    }

    static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    /** Sum of squared errors of {@code xs[r] . w + b} against {@code y[r]} over the given rows. */
    static double sse(DMatrixRMaj xs, double[] y, int[] rows, double[] w, double b) {
        int p = xs.numCols;
        double[] d = xs.data;
        double s = 0;
        for (int r : rows) {
            double e = y[r] - b - dot(d, r * p, w, 0, p);
            s += e * e;
        }
        return s;
    }

    /** Index of the smallest value; ties (within {@code relTol} of the minimum) go to the earliest index. */
    static int argminFirst(double[] v, double relTol) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        double limit = v[best] + relTol * Math.abs(v[best]);
        for (int i = 0; i < v.length; i++) {
            if (v[i] <= limit) {
                return i;
            }
        }
        return best;
    }
}
