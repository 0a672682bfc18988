package org.scattering4j.chem.density;

/**
 * How a molecule is placed before scaling to grid units.
 *
 * <p>{@link #PCA} is Kymatio's {@code _pca_align_positions}: subtract the (unweighted) mean position, then
 * rotate onto the eigenvectors of the 3x3 scatter matrix {@code P^T P}, largest eigenvalue first, so grid
 * axis 0 (the longest axis of Kymatio's 192 x 128 x 96 grid) carries the largest spread. Eigenvector signs
 * are fixed here (largest-magnitude component positive) where NumPy leaves them to LAPACK; the scattering
 * invariants do not depend on the signs (nor on the frame when eigenvalues are equal, up to the grid's
 * sampling), because the modulus over m is invariant under all rotations and reflections.
 */
public enum Alignment {
    /** Positions used as given (only scaled). */
    NONE,
    /** Centred on the mean position and rotated onto principal axes, largest variance first. */
    PCA;

    /**
     * Returns new aligned positions ({@code positions} is not modified).
     *
     * @param positions {@code {x, y, z}} per atom
     */
    public double[][] apply(double[][] positions) {
        int n = positions.length;
        double[][] out = new double[n][3];
        if (this == NONE) {
            for (int i = 0; i < n; i++) {
                out[i] = positions[i].clone();
            }
            return out;
        }
        double[] mean = new double[3];
        for (double[] p : positions) {
            for (int k = 0; k < 3; k++) {
                mean[k] += p[k];
            }
        }
        for (int k = 0; k < 3; k++) {
            mean[k] /= n;
        }
        double[][] c = new double[3][3];
        for (double[] p : positions) {
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    c[a][b] += (p[a] - mean[a]) * (p[b] - mean[b]);
                }
            }
        }
        double[][] v = new double[3][3];
        double[] ev = symmetricEigen(c, v);
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (a, b) -> Double.compare(ev[b], ev[a]));
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                int col = order[k];
                double s = 0;
                for (int a = 0; a < 3; a++) {
                    s += (positions[i][a] - mean[a]) * v[a][col];
                }
                out[i][k] = s;
            }
        }
        return out;
    }

    /**
     * Jacobi eigen-decomposition of a symmetric 3x3 matrix (not modified): returns the eigenvalues and
     * writes the eigenvectors as the columns of {@code vectors}, each with its largest-magnitude component
     * positive.
     */
    static double[] symmetricEigen(double[][] m, double[][] vectors) {
        double[][] a = {m[0].clone(), m[1].clone(), m[2].clone()};
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
            double scale = Math.abs(a[0][0]) + Math.abs(a[1][1]) + Math.abs(a[2][2]);
            if (off <= 1e-300 || off <= 1e-17 * scale) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(t * t + 1);
                    double sn = t * cs;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = cs * akp - sn * akq;
                        a[k][q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = cs * apk - sn * aqk;
                        a[q][k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = cs * vkp - sn * vkq;
                        v[k][q] = sn * vkp + cs * vkq;
                    }
                }
            }
        }
        for (int col = 0; col < 3; col++) {
            int big = 0;
            for (int k = 1; k < 3; k++) {
                if (Math.abs(v[k][col]) > Math.abs(v[big][col])) {
                    big = k;
                }
            }
            double sign = v[big][col] < 0 ? -1 : 1;
            for (int k = 0; k < 3; k++) {
                vectors[k][col] = sign * v[k][col];
            }
        }
        return new double[] {a[0][0], a[1][1], a[2][2]};
    }
}
