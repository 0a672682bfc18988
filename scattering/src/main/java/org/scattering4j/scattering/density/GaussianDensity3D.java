package org.scattering4j.scattering.density;

/**
 * Sums of normalised 3D Gaussians sampled on a grid, with Kymatio's placement convention: voxel
 * {@code (i0, i1, i2)} sits at the wrapped coordinate {@code g_k = ((i_k + n_k/2) mod n_k) - n_k/2}, so
 * the origin is voxel 0 and negative coordinates live at the far end of each axis. The Gaussians are
 * <em>not</em> periodised: one near the far edge is cut, not wrapped (as in Kymatio's helper).
 *
 * <p>{@code rho(i) = sum_a w_a exp(-|g(i) - p_a|^2 / (2 sigma^2)) / ((2 pi)^(3/2) sigma^3)}.
 *
 * <pre>{@code
 * double[] rho = GaussianDensity3D.render(192, 128, 96, positions, weights, 2.0);  // C order
 * }</pre>
 */
public final class GaussianDensity3D {
    private GaussianDensity3D() {
    }

    /** The wrapped coordinate of index {@code i} on an axis of length {@code n}. */
    public static int wrapped(int i, int n) {
        return Math.floorMod(i + n / 2, n) - n / 2;
    }

    /**
     * Renders the density into a new array of {@code m*n*o} values (C order, axis 2 fastest).
     *
     * @param positions one {@code {z, y, x}} triple per Gaussian, in grid units (axis 0, 1, 2)
     * @param weights   one weight per Gaussian
     * @param sigma     the common width in grid units, &gt; 0
     */
    public static double[] render(int m, int n, int o, double[][] positions, double[] weights, double sigma) {
        double[] out = new double[Math.multiplyExact(Math.multiplyExact(m, n), o)];
        render(m, n, o, positions, weights, sigma, out);
        return out;
    }

    /**
     * Renders into {@code out} (overwritten, length {@code m*n*o}). Each Gaussian is evaluated as a
     * separable product of three 1D factors, so the cost is one multiply-add per voxel per atom.
     */
    public static void render(int m, int n, int o, double[][] positions, double[] weights, double sigma,
                              double[] out) {
        if (m < 1 || n < 1 || o < 1) {
            throw new IllegalArgumentException("grid shape (" + m + ", " + n + ", " + o + ") must be positive");
        }
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma = " + sigma + " must be a positive finite number");
        }
        if (positions.length != weights.length) {
            throw new IllegalArgumentException(positions.length + " positions but " + weights.length + " weights");
        }
        if (out.length != (long) m * n * o) {
            throw new IllegalArgumentException("output has " + out.length + " values, grid needs " + (long) m * n * o);
        }
        java.util.Arrays.fill(out, 0);
        double norm = 1 / (Math.pow(2 * Math.PI, 1.5) * sigma * sigma * sigma);
        double inv2s2 = 1 / (2 * sigma * sigma);
        double[] fz = new double[m];
        double[] fy = new double[n];
        double[] fx = new double[o];
        for (int a = 0; a < positions.length; a++) {
            double[] p = positions[a];
            if (p.length != 3) {
                throw new IllegalArgumentException("position " + a + " has " + p.length + " coordinates, expected 3");
            }
            for (int k = 0; k < 3; k++) {
                if (!Double.isFinite(p[k])) {
                    throw new IllegalArgumentException("position " + a + " has a non-finite coordinate " + p[k]);
                }
            }
            if (!Double.isFinite(weights[a])) {
                throw new IllegalArgumentException("weight " + a + " = " + weights[a] + " is not finite");
            }
            if (weights[a] == 0) {
                continue;
            }
            factor(fz, m, p[0], inv2s2);
            factor(fy, n, p[1], inv2s2);
            factor(fx, o, p[2], inv2s2);
            double w = weights[a] * norm;
            for (int i = 0; i < m; i++) {
                double wz = w * fz[i];
                if (wz == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    double wzy = wz * fy[j];
                    if (wzy == 0) {
                        continue;
                    }
                    int base = (i * n + j) * o;
                    for (int k = 0; k < o; k++) {
                        out[base + k] += wzy * fx[k];
                    }
                }
            }
        }
    }

    private static void factor(double[] f, int n, double c, double inv2s2) {
        for (int i = 0; i < n; i++) {
            double d = wrapped(i, n) - c;
            f[i] = Math.exp(-d * d * inv2s2);
        }
    }
}
