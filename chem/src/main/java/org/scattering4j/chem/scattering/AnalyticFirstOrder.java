package org.scattering4j.chem.scattering;

/**
 * First-order solid-harmonic scattering integrals of a sum of Gaussians, evaluated in closed form voxel by
 * voxel, without FFTs.
 *
 * <h2>Derivation</h2>
 * The density is {@code rho(u) = sum_a w_a G_s(u - p_a)} with normalised Gaussians of width {@code s}
 * (Fourier transform {@code exp(-s^2 |w|^2 / 2)}, convention {@code f^(w) = int f(u) e^{-i w.u} du}). Kymatio's
 * wavelet (conventions sheet, section 3.3) is
 * {@code psi^_{l,m,j}(w) = c_l (sigma_j |w|)^l exp(-sigma_j^2 |w|^2 / 2) Y_l^m(w/|w|)}, with
 * {@code c_l = (2 pi)^{3/2} (-i)^l kappa_l}. So {@code (rho * psi)^ = sum_a w_a e^{-i w.p_a} c_l sigma_j^l
 * |w|^l Y_l^m e^{-A |w|^2 / 2}} with {@code A = s^2 + sigma_j^2}: the Gaussian widths add.
 *
 * <p>The inverse transform of {@code |w|^l Y_l^m(w) e^{-A|w|^2/2}}: expanding the plane wave,
 * {@code e^{i w.r} = 4 pi sum_l i^l j_l(|w| r) sum_m Y_l^m*(w) Y_l^m(r)}, the angular integral keeps one term and
 * <pre>
 *   (2 pi)^-3 int |w|^l Y_l^m(w) e^{-A|w|^2/2} e^{i w.r} dw
 *     = (2 pi)^-3 4 pi i^l Y_l^m(r) int_0^inf k^{l+2} j_l(k r) e^{-A k^2/2} dk
 *     = (2 pi)^-3 4 pi i^l Y_l^m(r) sqrt(pi/2) r^l A^{-(l+3/2)} e^{-r^2/(2A)}
 *     = i^l (2 pi)^{-3/2} A^{-(l+3/2)} r^l Y_l^m(r/|r|) e^{-r^2/(2A)},
 * </pre>
 * using {@code int_0^inf k^{l+2} j_l(k r) e^{-p k^2} dk = sqrt(pi) r^l e^{-r^2/(4p)} / (2^{l+2} p^{l+3/2})}.
 * The {@code i^l} cancels the {@code (-i)^l} of {@code c_l}, so
 * <pre>
 *   (rho * psi_{l,m,j})(u) = kappa_l sigma_j^l A^{-(l+3/2)} sum_a w_a R_l^m(u - p_a) e^{-|u - p_a|^2 / (2A)},
 * </pre>
 * {@code R_l^m = r^l Y_l^m} the regular solid harmonic: again a Gaussian times a solid harmonic. For l = 0
 * this is the normalised Gaussian of variance A, as it must be. Then
 * {@code U1_{l,j}(u) = sqrt(sum_m |(rho * psi_{l,m,j})(u)|^2)} and {@code S1[j, l, q] = sum_u U1(u)^q}.
 *
 * <h2>Kymatio's quirks and what survives the modulus</h2>
 * Kymatio evaluates {@code Y_l^m} at the point reflected through the xy-plane (polar angle {@code pi - theta}),
 * uses complex harmonics with the Condon-Shortley phase and multiplies by {@code (-i)^l}. Each of these
 * multiplies a whole m-component by a unit constant or maps the harmonics of degree l onto themselves by an
 * orthogonal change of frame, and {@code sum_m |.|^2} is invariant under both; so is the choice of which grid
 * axis is "z" and the use of real harmonics ({@link SolidHarmonics}) instead of complex ones. They would matter
 * for Kymatio's {@code rotation_covariant=False} mode (single m), which this class does not offer. What
 * does matter and is reproduced: the normalisation {@code kappa_l}, the factor {@code sigma_j^l}, orthonormal
 * harmonics and sums over voxels without a voxel volume.
 *
 * <h2>Grids</h2>
 * On a fixed grid the FFT convolution is circular: the closed form is periodised (images at multiples of the
 * grid size, added per axis since everything is separable). The result then equals the FFT computation up to
 * aliasing, {@code exp(-A pi^2 / 2)} (below 1e-17 for Kymatio's QM7 settings), and float rounding; the FFT
 * path has a noise floor of about 1e-16 of the peak that the q = 0.5 integrals pick up over millions of voxels
 * (conventions sheet 3.6), which this path does not have. On an adaptive grid no images are added (the box
 * holds the field).
 *
 * <p>Only voxels where {@code U1^q} can matter are visited: per scale, a box around the atoms with margin
 * {@code tailCutoff * sqrt(2A)} (the width of {@code U1^{1/2}}), clipped to the grid; the default cutoff 8
 * neglects {@code e^{-32}} relative tails. Optionally, scales with wide fields are summed on a coarser lattice
 * (stride h, every h-th voxel, times the voxel volume h^3): {@code h_j = max(1, floor(sqrt(A) / samplesPerWidth))}
 * (reduced to a divisor of the grid size on fixed grids). {@code samplesPerWidth = +inf} (the default) keeps
 * every voxel; the Riemann sum error of a smooth field decays like {@code exp(-2 pi^2 A / h^2)}, but
 * {@code U1} has cone-like zeros where all m-components vanish, so small q are less accurate.
 *
 * <h2>Cost</h2>
 * Separable: per voxel row, each atom costs (L+1)(L+2)(L+3)/6 monomials times the channels, plus the
 * combination of monomials into the (L+1)^2 harmonics. Immutable and thread-safe; work arrays are allocated
 * per call.
 */
public final class AnalyticFirstOrder {
    private final HarmonicParams params;
    private final double densitySigma;
    private final double samplesPerWidth;
    private final double tailCutoff;
    private final SolidHarmonics harmonics;
    /** monomial list of degrees 0..L: exponents {i, j, k} */
    private final int[][] mono;
    /** for each degree l: start index of its monomials in {@link #mono} */
    private final int[] monoStart;
    /** coef[l][m+l][t]: R_lm on monomials of degree l */
    private final double[][][] coef;

    /**
     * @param params          J, L, sigma0, powers (the order is ignored here)
     * @param densitySigma    Gaussian width of the density, grid units
     * @param samplesPerWidth see the class comment; {@code Double.POSITIVE_INFINITY} for every voxel
     * @param tailCutoff      margin of the visited box in widths of {@code U1^{1/2}} (&ge; 3; 8 by default)
     */
    public AnalyticFirstOrder(HarmonicParams params, double densitySigma, double samplesPerWidth, double tailCutoff) {
        if (!(densitySigma > 0) || Double.isInfinite(densitySigma)) {
            throw new IllegalArgumentException("densitySigma = " + densitySigma + " must be positive and finite");
        }
        if (!(samplesPerWidth > 0)) {
            throw new IllegalArgumentException("samplesPerWidth = " + samplesPerWidth + " must be > 0 (or +inf)");
        }
        if (!(tailCutoff >= 3) || Double.isInfinite(tailCutoff)) {
            throw new IllegalArgumentException("tailCutoff = " + tailCutoff + " must be finite and >= 3");
        }
        this.params = params;
        this.densitySigma = densitySigma;
        this.samplesPerWidth = samplesPerWidth;
        this.tailCutoff = tailCutoff;
        int L = params.L();
        this.harmonics = new SolidHarmonics(L);
        int total = 0;
        monoStart = new int[L + 2];
        for (int l = 0; l <= L; l++) {
            monoStart[l] = total;
            total += (l + 1) * (l + 2) / 2;
        }
        monoStart[L + 1] = total;
        mono = new int[total][];
        coef = new double[L + 1][][];
        for (int l = 0; l <= L; l++) {
            int[][] e = SolidHarmonics.monomials(l);
            System.arraycopy(e, 0, mono, monoStart[l], e.length);
            coef[l] = new double[2 * l + 1][];
            for (int m = -l; m <= l; m++) {
                coef[l][m + l] = harmonics.coefficients(l, m);
            }
        }
    }

    /** Every voxel, tails beyond e^-32 neglected. */
    public AnalyticFirstOrder(HarmonicParams params, double densitySigma) {
        this(params, densitySigma, Double.POSITIVE_INFINITY, 8);
    }

    public HarmonicParams params() {
        return params;
    }

    /** {@code kappa_l} of Kymatio's normalisation (conventions 3.3). */
    public static double kappa(int l) {
        if (l % 2 == 0) {
            double df = 1;
            for (int k = l + 1; k > 1; k -= 2) {
                df *= k;
            }
            return 1 / (2 * Math.PI * Math.sqrt(l + 0.5) * df);
        }
        double f = 1;
        for (int k = 2; k <= (l + 1) / 2; k++) {
            f *= k;
        }
        return 1 / (Math.pow(2, (l + 3) / 2.0) * Math.sqrt(Math.PI * (2 * l + 1)) * f);
    }

    /** The variance {@code A = s^2 + sigma_j^2} of the first-order field at scale j. */
    public double variance(int j) {
        double sj = params.sigma(j);
        return densitySigma * densitySigma + sj * sj;
    }

    /** The stride used at scale j on an axis of n voxels (a divisor of n when periodic). */
    public int stride(int j, int n, boolean periodic) {
        if (Double.isInfinite(samplesPerWidth)) {
            return 1;
        }
        int h = Math.max(1, (int) Math.floor(Math.sqrt(variance(j)) / samplesPerWidth));
        if (periodic) {
            while (n % h != 0) {
                h--;
            }
        }
        return h;
    }

    /**
     * The integrals {@code S1[c][j][l][q] = sum_u U1_{l,j}(u)^{q}} for each channel.
     *
     * @param positions {@code {axis0, axis1, axis2}} per atom, grid units (not modified)
     * @param weights   {@code [channel][atom]} (not modified)
     * @param shape     grid shape (even sizes); voxel coordinates are Kymatio's wrapped ones
     * @param periodic  add periodic images (a fixed grid, matching circular FFT convolution)
     */
    public double[][][][] integrals(double[][] positions, double[][] weights, int[] shape, boolean periodic) {
        int nAtoms = positions.length;
        int nc = weights.length;
        for (double[] w : weights) {
            if (w.length != nAtoms) {
                throw new IllegalArgumentException(w.length + " weights for " + nAtoms + " atoms");
            }
        }
        int J = params.J();
        int L = params.L();
        int nq = params.powerCount();
        double[][][][] out = new double[nc][J + 1][L + 1][nq];
        int nm = mono.length;
        for (int j = 0; j <= J; j++) {
            double a = variance(j);
            double sj = params.sigma(j);
            double[] k2 = new double[L + 1];
            for (int l = 0; l <= L; l++) {
                double k = kappa(l) * Math.pow(sj, l) * Math.pow(a, -(l + 1.5));
                k2[l] = k * k;
            }
            double margin = tailCutoff * Math.sqrt(2 * a);
            // per axis: sample coordinates and 1D factors f[axis][atom][power][sample]
            double[][] coords = new double[3][];
            double[][][][] f = new double[3][][][];
            int h3 = 1;
            for (int ax = 0; ax < 3; ax++) {
                int n = shape[ax];
                int h = stride(j, n, periodic);
                h3 *= h;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double[] p : positions) {
                    lo = Math.min(lo, p[ax]);
                    hi = Math.max(hi, p[ax]);
                }
                coords[ax] = sampleCoordinates(n, h, lo - margin, hi + margin);
                f[ax] = factors(coords[ax], positions, ax, a, L, periodic ? n : 0);
            }
            double vol = h3;
            int n0 = coords[0].length;
            int n1 = coords[1].length;
            int n2 = coords[2].length;
            // pair index of (j, k) exponents of axes 1 and 0 with j + k <= L
            int[][] pairOf = new int[L + 1][L + 1];
            int np = 0;
            for (int jj = 0; jj <= L; jj++) {
                for (int kk = 0; jj + kk <= L; kk++) {
                    pairOf[jj][kk] = np++;
                }
            }
            int[] monoPair = new int[nm];
            for (int t = 0; t < nm; t++) {
                monoPair[t] = pairOf[mono[t][1]][mono[t][2]];
            }
            double[][][] tcoef = new double[nc][nAtoms][np];
            boolean[] active = new boolean[nAtoms];
            int[] from = new int[nAtoms];
            int[] to = new int[nAtoms];
            for (int at = 0; at < nAtoms; at++) {
                double[] f0 = f[2][at][0];
                int lo2 = 0;
                while (lo2 < n2 && f0[lo2] == 0) {
                    lo2++;
                }
                int hi2 = n2;
                while (hi2 > lo2 && f0[hi2 - 1] == 0) {
                    hi2--;
                }
                from[at] = lo2;
                to[at] = hi2;
            }
            double[][][] g = new double[nc][nm][n2];
            double[] field = new double[n2];
            double[] u2 = new double[n2];
            double[][] acc = new double[nc][(L + 1) * nq];
            for (int i0 = 0; i0 < n0; i0++) {
                for (int i1 = 0; i1 < n1; i1++) {
                    boolean any = false;
                    for (int at = 0; at < nAtoms; at++) {
                        double b = f[0][at][0][i0] * f[1][at][0][i1];
                        active[at] = b != 0 && from[at] < to[at];
                        if (!active[at]) {
                            continue;
                        }
                        any = true;
                        for (int jj = 0; jj <= L; jj++) {
                            double fy = f[1][at][jj][i1];
                            for (int kk = 0; jj + kk <= L; kk++) {
                                double fyz = fy * f[0][at][kk][i0];
                                int pi = pairOf[jj][kk];
                                for (int c = 0; c < nc; c++) {
                                    tcoef[c][at][pi] = weights[c][at] * fyz;
                                }
                            }
                        }
                    }
                    if (!any) {
                        continue;
                    }
                    for (int c = 0; c < nc; c++) {
                        double[][] gc = g[c];
                        for (int t = 0; t < nm; t++) {
                            java.util.Arrays.fill(gc[t], 0);
                        }
                        for (int at = 0; at < nAtoms; at++) {
                            if (!active[at]) {
                                continue;
                            }
                            double[] tc = tcoef[c][at];
                            double[][] fx = f[2][at];
                            for (int t = 0; t < nm; t++) {
                                double s = tc[monoPair[t]];
                                if (s == 0) {
                                    continue;
                                }
                                double[] fxi = fx[mono[t][0]];
                                double[] gt = gc[t];
                                int hiA = to[at];
                                for (int i2 = from[at]; i2 < hiA; i2++) {
                                    gt[i2] += s * fxi[i2];
                                }
                            }
                        }
                        for (int l = 0; l <= L; l++) {
                            java.util.Arrays.fill(u2, 0);
                            int m0 = monoStart[l];
                            int mc = monoStart[l + 1] - m0;
                            for (int m = 0; m < 2 * l + 1; m++) {
                                double[] cm = coef[l][m];
                                java.util.Arrays.fill(field, 0);
                                for (int t = 0; t < mc; t++) {
                                    double ct = cm[t];
                                    if (ct == 0) {
                                        continue;
                                    }
                                    double[] gt = gc[m0 + t];
                                    for (int i2 = 0; i2 < n2; i2++) {
                                        field[i2] += ct * gt[i2];
                                    }
                                }
                                for (int i2 = 0; i2 < n2; i2++) {
                                    u2[i2] += field[i2] * field[i2];
                                }
                            }
                            double kk2 = k2[l];
                            for (int qi = 0; qi < nq; qi++) {
                                acc[c][l * nq + qi] += powerSum(u2, n2, kk2, params.power(qi));
                            }
                        }
                    }
                }
            }
            for (int c = 0; c < nc; c++) {
                for (int l = 0; l <= L; l++) {
                    for (int qi = 0; qi < nq; qi++) {
                        out[c][j][l][qi] = acc[c][l * nq + qi] * vol;
                    }
                }
            }
        }
        return out;
    }

    /** sum_i (k2 * u2[i])^(q/2), with cheap paths for the usual powers. */
    private static double powerSum(double[] u2, int n, double k2, double q) {
        double s = 0;
        if (q == 2) {
            for (int i = 0; i < n; i++) {
                s += u2[i];
            }
            return s * k2;
        }
        if (q == 1) {
            for (int i = 0; i < n; i++) {
                s += Math.sqrt(u2[i]);
            }
            return s * Math.sqrt(k2);
        }
        if (q == 0.5) {
            for (int i = 0; i < n; i++) {
                s += Math.sqrt(Math.sqrt(u2[i]));
            }
            return s * Math.sqrt(Math.sqrt(k2));
        }
        if (q == 3) {
            for (int i = 0; i < n; i++) {
                s += u2[i] * Math.sqrt(u2[i]);
            }
            return s * k2 * Math.sqrt(k2);
        }
        if (q == 4) {
            for (int i = 0; i < n; i++) {
                s += u2[i] * u2[i];
            }
            return s * k2 * k2;
        }
        double e = q / 2;
        for (int i = 0; i < n; i++) {
            s += Math.pow(u2[i], e);
        }
        return s * Math.pow(k2, e);
    }

    /**
     * The coordinates of the visited samples along one axis: multiples of h within [lo, hi] and within
     * the grid's wrapped range [-n/2, n/2); the whole (strided) axis when the range covers it.
     */
    static double[] sampleCoordinates(int n, int h, double lo, double hi) {
        int first = -n / 2;
        int last = n / 2 - 1;
        int a = (int) Math.max(first, Math.ceil(lo));
        int b = (int) Math.min(last, Math.floor(hi));
        a = Math.floorDiv(a + h - 1, h) * h;
        if (a > b) {
            return new double[0];
        }
        int count = (b - a) / h + 1;
        double[] c = new double[count];
        for (int i = 0; i < count; i++) {
            c[i] = a + (double) i * h;
        }
        return c;
    }

    /**
     * {@code f[atom][i][t] = sum_images (x_t - p)^i exp(-(x_t - p)^2 / (2A))}, images at multiples of
     * {@code period} (none when 0).
     */
    static double[][][] factors(double[] x, double[][] positions, int axis, double a, int maxPower, int period) {
        // factors below e^-80 of an atom's peak are dropped (set to exactly 0): inside the visited box the field
        // is at least about e^-64 of its peak (tail cutoff 8), so what is dropped is below 1e-7 of the smallest
        // value that is summed, and the sparsity lets whole rows and runs of voxels be skipped
        return factors(x, positions, axis, a, maxPower, period, 80);
    }

    /**
     * As {@link #factors(double[], double[][], int, double, int, int)}, dropping the factors below
     * {@code e^-cutoff} of the atom's peak (set to exactly 0).
     */
    static double[][][] factors(double[] x, double[][] positions, int axis, double a, int maxPower, int period,
            double cutoff) {
        double[][][] f = new double[positions.length][maxPower + 1][x.length];
        double inv = 1 / (2 * a);
        double reach = Math.sqrt(2 * a * cutoff);
        int images = period > 0 ? (int) Math.ceil(reach / period) + 1 : 0;
        for (int at = 0; at < positions.length; at++) {
            double p = positions[at][axis];
            double[][] fa = f[at];
            for (int t = 0; t < x.length; t++) {
                for (int k = -images; k <= images; k++) {
                    double d = x[t] - p - (double) k * period;
                    if (Math.abs(d) > reach) {
                        continue;
                    }
                    double e = Math.exp(-d * d * inv);
                    double pw = e;
                    for (int i = 0; i <= maxPower; i++) {
                        fa[i][t] += pw;
                        pw *= d;
                    }
                }
            }
        }
        return f;
    }

    /**
     * {@code U1_{l,j}} at arbitrary points, evaluated term by term from the closed form (no periodic images):
     * the slow, obvious twin of {@link #integrals}.
     */
    public double[] field(double[][] positions, double[] weights, int j, int l, double[][] points) {
        double a = variance(j);
        double k = kappa(l) * Math.pow(params.sigma(j), l) * Math.pow(a, -(l + 1.5));
        double[] u = new double[points.length];
        for (int p = 0; p < points.length; p++) {
            double s2 = 0;
            for (int m = -l; m <= l; m++) {
                double v = 0;
                for (int at = 0; at < positions.length; at++) {
                    double dz = points[p][0] - positions[at][0];
                    double dy = points[p][1] - positions[at][1];
                    double dx = points[p][2] - positions[at][2];
                    double r2 = dx * dx + dy * dy + dz * dz;
                    v += weights[at] * harmonics.value(l, m, dx, dy, dz) * Math.exp(-r2 / (2 * a));
                }
                s2 += v * v;
            }
            u[p] = k * Math.sqrt(s2);
        }
        return u;
    }
}
