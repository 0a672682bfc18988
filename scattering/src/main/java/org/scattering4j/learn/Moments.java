package org.scattering4j.learn;

import org.ejml.data.DMatrixRMaj;

/**
 * Sufficient statistics of a least-squares problem on a set of rows: {@code X^T X}, column sums,
 * {@code X^T y}, sums of {@code y} and {@code y^2}. Statistics of a training set are those of all rows
 * minus those of the held-out fold, so an inner cross-validation costs one pass over the data plus one
 * p x p factorisation per fold. Rows are expected pre-shifted by a common column offset (the training
 * mean) so that centring by subtraction below does not cancel digits.
 */
final class Moments {
    final int n;
    final int p;
    final double[] gram;
    final double[] sx;
    final double[] sxy;
    final double sy;
    final double syy;

    private Moments(int n, int p, double[] gram, double[] sx, double[] sxy, double sy, double syy) {
        this.n = n;
        this.p = p;
        this.gram = gram;
        this.sx = sx;
        this.sxy = sxy;
        this.sy = sy;
        this.syy = syy;
    }

    /** Statistics of the given rows of the (shifted, row-major) matrix {@code xs}. */
    static Moments of(DMatrixRMaj xs, double[] y, int[] rows) {
        int p = xs.numCols;
        DMatrixRMaj sub = new DMatrixRMaj(rows.length, p);
        double[] sx = new double[p];
        double[] sxy = new double[p];
        double sy = 0;
        double syy = 0;
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(xs.data, rows[i] * p, sub.data, i * p, p);
            double yi = y[rows[i]];
            sy += yi;
            syy += yi * yi;
            int o = i * p;
            for (int j = 0; j < p; j++) {
                double v = sub.data[o + j];
                sx[j] += v;
                sxy[j] += v * yi;
            }
        }
        DMatrixRMaj g = Mat.gram(sub);
        return new Moments(rows.length, p, g.data, sx, sxy, sy, syy);
    }

    static Moments sum(Moments[] parts) {
        int p = parts[0].p;
        double[] g = new double[p * p];
        double[] sx = new double[p];
        double[] sxy = new double[p];
        double sy = 0;
        double syy = 0;
        int n = 0;
        for (Moments m : parts) {
            n += m.n;
            sy += m.sy;
            syy += m.syy;
            for (int k = 0; k < g.length; k++) {
                g[k] += m.gram[k];
            }
            for (int j = 0; j < p; j++) {
                sx[j] += m.sx[j];
                sxy[j] += m.sxy[j];
            }
        }
        return new Moments(n, p, g, sx, sxy, sy, syy);
    }

    Moments minus(Moments o) {
        double[] g = gram.clone();
        double[] a = sx.clone();
        double[] b = sxy.clone();
        for (int k = 0; k < g.length; k++) {
            g[k] -= o.gram[k];
        }
        for (int j = 0; j < p; j++) {
            a[j] -= o.sx[j];
            b[j] -= o.sxy[j];
        }
        return new Moments(n - o.n, p, g, a, b, sy - o.sy, syy - o.syy);
    }

    double[] meanX() {
        double[] m = new double[p];
        for (int j = 0; j < p; j++) {
            m[j] = sx[j] / n;
        }
        return m;
    }

    double meanY() {
        return sy / n;
    }

    /** Centred Gram matrix {@code Xc^T Xc} as a new p x p matrix (exactly symmetric). */
    DMatrixRMaj centredGram() {
        DMatrixRMaj g = new DMatrixRMaj(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double v = gram[i * p + j] - sx[i] * sx[j] / n;
                g.data[i * p + j] = v;
                g.data[j * p + i] = v;
            }
        }
        return g;
    }

    /** Centred {@code Xc^T yc}. */
    double[] centredXy() {
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = sxy[j] - sx[j] * sy / n;
        }
        return b;
    }

    /** Centred {@code yc^T yc}. */
    double centredYy() {
        return Math.max(0, syy - sy * sy / n);
    }
}
