package org.scattering4j.chem.scattering;

/**
 * Zeroth-order invariants {@code integral rho^q} of a sum of normalised Gaussians
 * {@code rho(u) = sum_a w_a G_s(u - p_a)}, two ways.
 *
 * <p>{@link #analytic}: for whole q, {@code rho^q} expands into products of q Gaussians of equal width, and
 * {@code int prod_k G_s(u - p_k) du = (2 pi s^2)^{-3q/2} (2 pi s^2 / q)^{3/2} exp(-sum_k |p_k - c|^2 / (2 s^2))}
 * with {@code c} the mean of the q centres; the sum runs over all q-tuples of atoms (A^q terms).
 *
 * <p>{@link #onGrid}: Kymatio's {@code compute_integrals}, {@code sum_u rho(u)^q} over the voxels of a grid
 * with its wrapped coordinates (no periodisation, no voxel volume); only the box where {@code rho^q} exceeds
 * {@code e^-32} of its scale is visited (margin {@code 8 sqrt(2/q_min) s}), which leaves the sum unchanged
 * to rounding. With unit voxels and {@code s} of a few voxels both agree to far below float precision.
 */
public final class Order0 {
    private Order0() {
    }

    /**
     * {@code integral rho^q} in closed form for a whole power q (1 ... 6, at most 1e8 atom tuples).
     *
     * @param positions grid units, not modified
     */
    public static double analytic(double[][] positions, double[] weights, double sigma, int q) {
        if (q < 1 || q > 6) {
            throw new IllegalArgumentException("analytic order 0 needs a whole power q in 1..6, got " + q);
        }
        int n = positions.length;
        if (Math.pow(n, q) > 1e8) {
            throw new IllegalArgumentException(n + " atoms to the power q = " + q + " is too many terms; use onGrid");
        }
        double[] mean = new double[3];
        for (double[] p : positions) {
            for (int k = 0; k < 3; k++) {
                mean[k] += p[k] / n;
            }
        }
        double[][] c = new double[n][3];
        double[] sq = new double[n];
        for (int a = 0; a < n; a++) {
            for (int k = 0; k < 3; k++) {
                c[a][k] = positions[a][k] - mean[k];
            }
            sq[a] = c[a][0] * c[a][0] + c[a][1] * c[a][1] + c[a][2] * c[a][2];
        }
        double twoPiS2 = 2 * Math.PI * sigma * sigma;
        double pre = Math.pow(twoPiS2, -1.5 * q) * Math.pow(twoPiS2 / q, 1.5);
        return pre * tuples(c, sq, weights, q, q, 1.0, 0, 0, 0, 0, 1 / (2 * sigma * sigma));
    }

    /** Sum over the remaining {@code left} atoms of a q-tuple, carrying the weight product and centre sums. */
    private static double tuples(double[][] c, double[] sq, double[] w, int q, int left, double wp, double sx,
                                 double sy, double sz, double ss, double inv2s2) {
        double total = 0;
        for (int a = 0; a < c.length; a++) {
            if (w[a] == 0) {
                continue;
            }
            double nwp = wp * w[a];
            double nx = sx + c[a][0];
            double ny = sy + c[a][1];
            double nz = sz + c[a][2];
            double nss = ss + sq[a];
            if (left == 1) {
                // sum_k |p_k - mean|^2 = sum_k |p_k|^2 - |sum_k p_k|^2 / q
                double spread = nss - (nx * nx + ny * ny + nz * nz) / q;
                total += nwp * Math.exp(-Math.max(0, spread) * inv2s2);
            } else {
                total += tuples(c, sq, w, q, left - 1, nwp, nx, ny, nz, nss, inv2s2);
            }
        }
        return total;
    }

    /**
     * {@code sum_u rho_c(u)^q} over a grid, for each channel and power: {@code [channel][power]}.
     *
     * @param positions grid units (not modified)
     * @param weights   {@code [channel][atom]} (not modified)
     * @param shape     grid shape; voxel coordinates are the wrapped ones
     */
    public static double[][] onGrid(double[][] positions, double[][] weights, double sigma, int[] shape, double[] powers) {
        double qMin = Double.POSITIVE_INFINITY;
        for (double q : powers) {
            qMin = Math.min(qMin, q);
        }
        double margin = 8 * Math.sqrt(2 / Math.min(qMin, 2)) * sigma;
        double[][] coords = new double[3][];
        double[][][] f = new double[3][][];
        double inv = 1 / (2 * sigma * sigma);
        for (int ax = 0; ax < 3; ax++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] p : positions) {
                lo = Math.min(lo, p[ax]);
                hi = Math.max(hi, p[ax]);
            }
            coords[ax] = AnalyticFirstOrder.sampleCoordinates(shape[ax], 1, lo - margin, hi + margin);
            f[ax] = new double[positions.length][coords[ax].length];
            for (int a = 0; a < positions.length; a++) {
                for (int t = 0; t < coords[ax].length; t++) {
                    double d = coords[ax][t] - positions[a][ax];
                    f[ax][a][t] = Math.exp(-d * d * inv);
                }
            }
        }
        double norm = 1 / (Math.pow(2 * Math.PI, 1.5) * sigma * sigma * sigma);
        int nc = weights.length;
        int nAtoms = positions.length;
        int n2 = coords[2].length;
        // each atom is summed only inside the ball where its Gaussian exceeds e^-ATOM_CUTOFF of its peak: the rows
        // and columns beyond hold contributions below 1e-30 of the atom's peak, which change the sums by less than
        // rounding (the box already drops the tails of rho^q below e^-32 of the peak)
        double reach2 = ATOM_CUTOFF / inv;
        double x0 = n2 > 0 ? coords[2][0] : 0;
        int[] from = new int[nAtoms];
        int[] to = new int[nAtoms];
        double[] amp = new double[nAtoms];
        double[][] out = new double[nc][powers.length];
        double[] rho = new double[n2];
        for (int i0 = 0; i0 < coords[0].length; i0++) {
            for (int i1 = 0; i1 < coords[1].length; i1++) {
                int lo = n2;
                int hi = 0;
                for (int a = 0; a < nAtoms; a++) {
                    double d0 = coords[0][i0] - positions[a][0];
                    double d1 = coords[1][i1] - positions[a][1];
                    double rest = reach2 - d0 * d0 - d1 * d1;
                    from[a] = 0;
                    to[a] = 0;
                    if (rest < 0) {
                        continue;
                    }
                    double r = Math.sqrt(rest);
                    int f0 = (int) Math.max(0, Math.ceil(positions[a][2] - r - x0));
                    int t0 = (int) Math.min(n2, Math.floor(positions[a][2] + r - x0) + 1);
                    if (f0 >= t0) {
                        continue;
                    }
                    from[a] = f0;
                    to[a] = t0;
                    amp[a] = norm * f[0][a][i0] * f[1][a][i1];
                    lo = Math.min(lo, f0);
                    hi = Math.max(hi, t0);
                }
                if (lo >= hi) {
                    continue;
                }
                for (int c = 0; c < nc; c++) {
                    double[] w = weights[c];
                    java.util.Arrays.fill(rho, lo, hi, 0);
                    boolean any = false;
                    for (int a = 0; a < nAtoms; a++) {
                        double b = w[a] * amp[a];
                        if (b == 0 || from[a] >= to[a]) {
                            continue;
                        }
                        any = true;
                        double[] fx = f[2][a];
                        int end = to[a];
                        for (int i2 = from[a]; i2 < end; i2++) {
                            rho[i2] += b * fx[i2];
                        }
                    }
                    if (!any) {
                        continue;
                    }
                    for (int qi = 0; qi < powers.length; qi++) {
                        out[c][qi] += powerSum(rho, lo, hi, powers[qi]);
                    }
                }
            }
        }
        return out;
    }

    /** Per atom, Gaussian values below {@code e^-ATOM_CUTOFF} of its peak are not summed (1e-30). */
    static final double ATOM_CUTOFF = 69;

    private static double powerSum(double[] x, int lo, int n, double q) {
        double s = 0;
        if (q == 1) {
            for (int i = lo; i < n; i++) {
                s += x[i];
            }
        } else if (q == 2) {
            for (int i = lo; i < n; i++) {
                s += x[i] * x[i];
            }
        } else if (q == 0.5) {
            for (int i = lo; i < n; i++) {
                s += Math.sqrt(Math.max(0, x[i]));
            }
        } else if (q == 3) {
            for (int i = lo; i < n; i++) {
                s += x[i] * x[i] * x[i];
            }
        } else if (q == 4) {
            for (int i = lo; i < n; i++) {
                double v = x[i] * x[i];
                s += v * v;
            }
        } else {
            for (int i = lo; i < n; i++) {
                s += Math.pow(Math.max(0, x[i]), q);
            }
        }
        return s;
    }
}
