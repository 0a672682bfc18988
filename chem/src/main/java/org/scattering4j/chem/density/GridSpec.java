package org.scattering4j.chem.density;

/**
 * The sampling grid of the densities, in Kymatio's convention: voxel {@code (i0, i1, i2)} sits at the
 * wrapped integer coordinate {@code g_k = ((i_k + n_k/2) mod n_k) - n_k/2}, so the origin (where aligned
 * molecules are centred) is voxel 0 and convolutions are circular.
 *
 * <p>Two kinds:
 * <ul>
 * <li>{@link #fixed(int, int, int)}: one shape for every molecule (Kymatio's QM7 example uses 192 x 128 x 96).
 * Features are then exactly those of a circular convolution on that grid.</li>
 * <li>{@link #adaptive(double)}: each molecule gets the smallest even, FFT-friendly (2-3-5-smooth) shape whose
 * wrapped box {@code [-n/2, n/2)} holds every atom plus a margin {@code R = cutoff * sqrt(sigma^2 + sigma_J^2)}
 * on each side, {@code sigma} the density width and {@code sigma_J = sigma_0 2^J} the widest wavelet: the
 * first-order field (a Gaussian of variance {@code sigma^2 + sigma_J^2} times a polynomial of degree l) has
 * decayed by {@code exp(-cutoff^2 / 2)} at the border (cutoff 6: 1.5e-8). Measured with cutoff 6 against the
 * fixed 192 x 128 x 96 grid: integrals with q &ge; 1 agree to about 4e-6 relative (the {@code r^3} tail of
 * l = 3), q = 0.5 to about 1e-3 (its integrand is still {@code e^-9} of its peak at the border). Scattering
 * integrals are translation
 * invariant, so a molecule-sized grid gives the same features (up to that tail) at a fraction of the cost;
 * features of different molecules stay comparable because the voxel size (the scale) is fixed.</li>
 * </ul>
 */
public final class GridSpec {
    private final int[] shape;
    private final double cutoff;

    private GridSpec(int[] shape, double cutoff) {
        this.shape = shape;
        this.cutoff = cutoff;
    }

    /** A fixed grid; even sizes (odd sizes shift Kymatio's filters by one bin). */
    public static GridSpec fixed(int m, int n, int o) {
        for (int s : new int[] {m, n, o}) {
            if (s < 2 || s % 2 != 0) {
                throw new IllegalArgumentException("grid size " + s + " must be even and >= 2 (shape " + m + "x" + n
                        + "x" + o + ")");
            }
        }
        return new GridSpec(new int[] {m, n, o}, Double.NaN);
    }

    /** A per-molecule grid with margin {@code cutoff} standard deviations of the widest first-order field. */
    public static GridSpec adaptive(double cutoff) {
        if (!(cutoff >= 1 && cutoff <= 20)) {
            throw new IllegalArgumentException("adaptive grid cutoff = " + cutoff + " must be in [1, 20]");
        }
        return new GridSpec(null, cutoff);
    }

    /** Whether the shape depends on the molecule. */
    public boolean isAdaptive() {
        return shape == null;
    }

    /** The margin cutoff of an adaptive grid (NaN for a fixed grid). */
    public double cutoff() {
        return cutoff;
    }

    /** The fixed shape (copy), or {@code null} for an adaptive grid. */
    public int[] fixedShape() {
        return shape == null ? null : shape.clone();
    }

    /**
     * The grid shape for positions in grid units.
     *
     * @param widestSigma {@code sqrt(sigma^2 + sigma_J^2)}, grid units (used by adaptive grids)
     */
    public int[] shapeFor(double[][] gridPositions, double widestSigma) {
        if (shape != null) {
            return shape.clone();
        }
        int[] s = new int[3];
        double margin = cutoff * widestSigma;
        for (int k = 0; k < 3; k++) {
            double ext = 0;
            for (double[] p : gridPositions) {
                ext = Math.max(ext, Math.abs(p[k]));
            }
            // box [-n/2, n/2 - 1] must hold [-ext - margin, ext + margin]
            int need = 2 * (int) Math.ceil(ext + margin + 1);
            s[k] = smooth235(need);
        }
        return s;
    }

    /** The smallest even 2-3-5-smooth integer &ge; n. */
    static int smooth235(int n) {
        for (int v = Math.max(2, n + (n & 1)); ; v += 2) {
            int r = v;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return v;
            }
        }
    }

    /** {@code fixed:192x128x96} or {@code adaptive:6.0}; used in descriptions and cache keys. */
    @Override
    public String toString() {
        return shape != null ? "fixed:" + shape[0] + "x" + shape[1] + "x" + shape[2] : "adaptive:" + cutoff;
    }
}
