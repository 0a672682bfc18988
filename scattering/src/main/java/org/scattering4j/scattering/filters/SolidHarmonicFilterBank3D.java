package org.scattering4j.scattering.filters;

/**
 * Kymatio's solid harmonic wavelets on an {@code M x N x O} Fourier grid, held as formulas rather than
 * arrays: nothing of grid size is stored, so the bank costs a few kilobytes whatever the grid.
 *
 * <p>For {@code l = 0..L}, {@code j = 0..J} ({@code J+1} scales, {@code sigma_j = sigma0 2^j}) and
 * {@code m = -l..l}, Kymatio's filter is (conventions 3.3)
 * <pre>
 *   psi_{l,m,j}(w) = c_l (sigma_j |w|)^l exp(-sigma_j^2 |w|^2 / 2) Y_l^m(theta', phi)
 *                  = c_l sigma_j^l exp(-sigma_j^2 |w|^2 / 2) |w|^l Y_l^m(theta', phi),
 * </pre>
 * and {@code |w|^l Y_l^m} is a homogeneous polynomial of degree {@code l} in the frequency components (a
 * solid harmonic), so every filter is a polynomial times a <em>separable</em> Gaussian: evaluating it at
 * a voxel costs a few multiply-adds, no {@code exp} and no trigonometry.
 *
 * <p>Rotation-covariant scattering only needs {@code sum_m |x * psi_{l,m,j}|^2}. Because the complex
 * harmonics are a unitary combination of the {@code 2l+1} <em>real</em> harmonics (with the same
 * coefficients at every frequency), that sum equals {@code sum_k |x * f_{l,k,j}|^2} over the real
 * components {@code f_{l,k,j} = |c_l| sigma_j^l G_j(w) P_{l,k}(w)}, {@link #componentCoefficients}.
 * Component {@code k = 0} is {@code m = 0}; {@code k = 2m-1} and {@code k = 2m} are {@code sqrt 2} times
 * the real and imaginary parts of the {@code m > 0} harmonic, so
 * {@code Y_l^m = (P_{2m-1} + i P_{2m}) / sqrt 2} and {@code Y_l^{-m} = (-1)^m (P_{2m-1} - i P_{2m}) / sqrt 2}.
 * The real components make real responses for real input (up to the constant phase {@code (-i)^l}),
 * which lets a transform pack two of them into one complex FFT.
 *
 * <p>Conventions reproduced exactly (conventions 3.2): axis 0 is z, axis 1 y, axis 2 x; frequencies are
 * {@code 2 pi g / n} with Kymatio's labels {@code g} (for odd {@code n} shifted by one bin, see
 * {@link #frequencyLabel}); the "polar" angle quirk evaluates {@code Y} at {@code (x, y, -z)}, which is
 * folded into the polynomial coefficients.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * SolidHarmonicFilterBank3D bank = new SolidHarmonicFilterBank3D(32, 32, 32, 2, 2, 1.0);
 * double[] psi = bank.complexFilter(2, -1, 1);   // Kymatio's psi_{l=2, m=-1, j=1}, interleaved complex
 * }</pre>
 */
public final class SolidHarmonicFilterBank3D {
    private final int[] shape;
    private final int maxScale;
    private final int maxDegree;
    private final double sigma0;
    private final double[][] frequencies;
    /** coefficients[l][k][t] and powers[l][k][3t + axis] of the monomials of component (l, k). */
    private final double[][][] coefficients;
    private final int[][][] powers;
    private final double[] constants;

    /**
     * @param m      grid size along axis 0 (z), &ge; 1
     * @param n      grid size along axis 1 (y), &ge; 1
     * @param o      grid size along axis 2 (x), &ge; 1
     * @param J      largest scale index, &ge; 0 (scales {@code 0..J})
     * @param L      largest degree, 0 &le; L &le; 20
     * @param sigma0 width of scale 0 in voxels, &gt; 0 and finite
     */
    public SolidHarmonicFilterBank3D(int m, int n, int o, int J, int L, double sigma0) {
        if (m < 1 || n < 1 || o < 1) {
            throw new IllegalArgumentException("shape = (" + m + ", " + n + ", " + o + ") must have every size >= 1");
        }
        if (J < 0 || J > 30) {
            throw new IllegalArgumentException("J = " + J + " must be in [0, 30]");
        }
        if (L < 0 || L > 20) {
            throw new IllegalArgumentException("L = " + L + " must be in [0, 20]");
        }
        if (!(sigma0 > 0) || Double.isInfinite(sigma0)) {
            throw new IllegalArgumentException("sigma0 = " + sigma0 + " must be a positive finite number");
        }
        this.shape = new int[] {m, n, o};
        this.maxScale = J;
        this.maxDegree = L;
        this.sigma0 = sigma0;
        this.frequencies = new double[3][];
        for (int a = 0; a < 3; a++) {
            int len = shape[a];
            frequencies[a] = new double[len];
            for (int i = 0; i < len; i++) {
                frequencies[a][i] = 2 * Math.PI * frequencyLabel(i, len) / len;
            }
        }
        coefficients = new double[L + 1][][];
        powers = new int[L + 1][][];
        constants = new double[L + 1];
        for (int l = 0; l <= L; l++) {
            constants[l] = Math.pow(2 * Math.PI, 1.5) * kappa(l);
            coefficients[l] = new double[2 * l + 1][];
            powers[l] = new int[2 * l + 1][];
            for (int k = 0; k <= 2 * l; k++) {
                buildComponent(l, k);
            }
        }
    }

    /**
     * Kymatio's frequency label {@code g} of index {@code i} on an axis of length {@code n}:
     * {@code ifftshift(arange(floor(-n/2), floor(-n/2) + n))[i]}. For even {@code n} this is NumPy's
     * {@code fftfreq} order; for odd {@code n} it is one less than the true DFT frequency (the odd-size
     * quirk: index 0 is labelled -1).
     */
    public static int frequencyLabel(int i, int n) {
        int start = Math.floorDiv(-n, 2);
        return start + Math.floorMod(i + n / 2, n);
    }

    /** Kymatio's {@code kappa_l}: {@code c_l = (2 pi)^(3/2) (-i)^l kappa_l} (conventions 3.3). */
    static double kappa(int l) {
        if (l % 2 == 0) {
            double dfact = 1;
            for (int t = l + 1; t > 1; t -= 2) {
                dfact *= t;
            }
            return 1 / (2 * Math.PI * Math.sqrt(l + 0.5) * dfact);
        }
        double fact = 1;
        for (int t = 2; t <= (l + 1) / 2; t++) {
            fact *= t;
        }
        return 1 / (Math.pow(2, (l + 3) / 2.0) * Math.sqrt(Math.PI * (2 * l + 1)) * fact);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int shape(int axis) {
        return shape[axis];
    }

    /** {@code J}: scales run {@code 0..J}. */
    public int maxScale() {
        return maxScale;
    }

    /** {@code L}: degrees run {@code 0..L}. */
    public int maxDegree() {
        return maxDegree;
    }

    public double sigma0() {
        return sigma0;
    }

    /** {@code sigma_j = sigma0 2^j}. */
    public double sigma(int j) {
        checkScale(j);
        return sigma0 * Math.pow(2, j);
    }

    /** The angular frequency (radians per voxel) the filters use at {@code index} of {@code axis}. */
    public double frequency(int axis, int index) {
        return frequencies[axis][index];
    }

    /** A copy of the frequencies of one axis. */
    public double[] frequencies(int axis) {
        return frequencies[axis].clone();
    }

    /** {@code |c_l| sigma_j^l}, the constant in front of component {@code (l, k)} at scale {@code j}. */
    public double amplitude(int l, int j) {
        checkDegree(l);
        return constants[l] * Math.pow(sigma(j), l);
    }

    /**
     * The separable Gaussian factor of scale {@code j} along {@code axis}: {@code exp(-sigma_j^2 w_i^2 / 2)}
     * for every index {@code i} (new array).
     */
    public double[] gaussian(int j, int axis) {
        double s = sigma(j);
        double[] w = frequencies[axis];
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            g[i] = Math.exp(-0.5 * s * s * w[i] * w[i]);
        }
        return g;
    }

    /** Number of real components of degree {@code l}: {@code 2l+1}. */
    public int components(int l) {
        checkDegree(l);
        return 2 * l + 1;
    }

    /**
     * The coefficients of the monomials of real component {@code P_{l,k}} as a polynomial in the axis
     * frequencies {@code (w0, w1, w2)} (the quirks folded in); {@link #componentPowers} gives the exponents.
     */
    public double[] componentCoefficients(int l, int k) {
        checkComponent(l, k);
        return coefficients[l][k].clone();
    }

    /** Exponents {@code (e0, e1, e2)} of each monomial, flattened: monomial {@code t} uses entries {@code 3t..3t+2}. */
    public int[] componentPowers(int l, int k) {
        checkComponent(l, k);
        return powers[l][k].clone();
    }

    /** {@code P_{l,k}(w0, w1, w2)}: the real solid harmonic component (no Gaussian, no constant). */
    public double component(int l, int k, double w0, double w1, double w2) {
        checkComponent(l, k);
        double[] c = coefficients[l][k];
        int[] p = powers[l][k];
        double v = 0;
        for (int t = 0; t < c.length; t++) {
            v += c[t] * pow(w0, p[3 * t]) * pow(w1, p[3 * t + 1]) * pow(w2, p[3 * t + 2]);
        }
        return v;
    }

    /**
     * The real component filter {@code |c_l| sigma_j^l G_j(w) P_{l,k}(w)} on the whole grid (new array of
     * {@code M N O} values, C order). Kymatio's complex filters are combinations of these times
     * {@code (-i)^l}. Allocates a full grid: for tests and inspection, not for hot paths.
     */
    public double[] componentFilter(int l, int k, int j) {
        checkComponent(l, k);
        double amp = amplitude(l, j);
        double[] g0 = gaussian(j, 0);
        double[] g1 = gaussian(j, 1);
        double[] g2 = gaussian(j, 2);
        double[] out = new double[shape[0] * shape[1] * shape[2]];
        int idx = 0;
        for (int i0 = 0; i0 < shape[0]; i0++) {
            for (int i1 = 0; i1 < shape[1]; i1++) {
                for (int i2 = 0; i2 < shape[2]; i2++) {
                    out[idx++] = amp * g0[i0] * g1[i1] * g2[i2]
                            * component(l, k, frequencies[0][i0], frequencies[1][i1], frequencies[2][i2]);
                }
            }
        }
        return out;
    }

    /**
     * Kymatio's complex filter {@code psi_{l,m,j}} on the whole grid, interleaved {@code [re, im]} (new
     * array of {@code 2 M N O} values). For tests, interop and inspection; allocates a full grid.
     */
    public double[] complexFilter(int l, int m, int j) {
        checkDegree(l);
        if (m < -l || m > l) {
            throw new IllegalArgumentException("m = " + m + " must be in [" + -l + ", " + l + "] for l = " + l);
        }
        int am = Math.abs(m);
        double[] re = componentFilter(l, am == 0 ? 0 : 2 * am - 1, j);
        double[] im = am == 0 ? new double[re.length] : componentFilter(l, 2 * am, j);
        double s = am == 0 ? 1 : Math.sqrt(0.5);
        double imSign = 1;
        if (m < 0) {
            s *= (am % 2 == 0) ? 1 : -1;
            imSign = -1;
        }
        // phase (-i)^l
        double pr;
        double pi;
        switch (l % 4) {
            case 0: pr = 1; pi = 0; break;
            case 1: pr = 0; pi = -1; break;
            case 2: pr = -1; pi = 0; break;
            default: pr = 0; pi = 1; break;
        }
        double[] out = new double[2 * re.length];
        for (int i = 0; i < re.length; i++) {
            double a = s * re[i];
            double b = s * imSign * im[i];
            out[2 * i] = pr * a - pi * b;
            out[2 * i + 1] = pr * b + pi * a;
        }
        return out;
    }

    private static double pow(double x, int p) {
        double r = 1;
        for (int i = 0; i < p; i++) {
            r *= x;
        }
        return r;
    }

    private void checkScale(int j) {
        if (j < 0 || j > maxScale) {
            throw new IllegalArgumentException("j = " + j + " must be in [0, " + maxScale + "]");
        }
    }

    private void checkDegree(int l) {
        if (l < 0 || l > maxDegree) {
            throw new IllegalArgumentException("l = " + l + " must be in [0, " + maxDegree + "]");
        }
    }

    private void checkComponent(int l, int k) {
        checkDegree(l);
        if (k < 0 || k > 2 * l) {
            throw new IllegalArgumentException("k = " + k + " must be in [0, " + 2 * l + "] for l = " + l);
        }
    }

    // ---- building the polynomials -------------------------------------------------------------------

    /**
     * Component (l, k) as a polynomial in (x, y, z) = (w2, w1, -w0):
     * {@code |w|^l Y_l^m = N_lm (-1)^m (x + i y)^m Q_lm(z, r^2)} with
     * {@code Q_lm = r^(l-m) P_l^(m)(z / r)} (the m-th derivative of the Legendre polynomial), which is a
     * polynomial because {@code P_l^(m)} has the parity of {@code l - m}.
     */
    private void buildComponent(int l, int k) {
        int m = k == 0 ? 0 : (k + 1) / 2;
        boolean imaginary = k != 0 && k % 2 == 0;
        int d = l + 1;
        double[] poly = new double[d * d * d]; // index (px * d + py) * d + pz, powers of x, y, z
        // Q_lm: sum_q a_q z^(l-m-2q) (x^2 + y^2 + z^2)^q
        for (int q = 0; 2 * q <= l - m; q++) {
            double a = Math.pow(-1, q) * binom(l, q) * binom(2 * l - 2 * q, l) / Math.pow(2, l)
                    * factorial(l - 2 * q) / factorial(l - 2 * q - m);
            int zp = l - m - 2 * q;
            for (int ax = 0; ax <= q; ax++) {
                for (int ay = 0; ax + ay <= q; ay++) {
                    int az = q - ax - ay;
                    double multi = factorial(q) / (factorial(ax) * factorial(ay) * factorial(az));
                    // times (x + i y)^m: sum_s C(m, s) x^(m-s) (i y)^s
                    for (int s = 0; s <= m; s++) {
                        boolean sImag = s % 2 == 1;
                        if (sImag != imaginary) {
                            continue;
                        }
                        double sign = ((s / 2) % 2 == 0) ? 1 : -1; // i^s = (-1)^(s/2) or i (-1)^((s-1)/2)
                        int px = 2 * ax + m - s;
                        int py = 2 * ay + s;
                        int pz = 2 * az + zp;
                        poly[(px * d + py) * d + pz] += a * multi * binom(m, s) * sign;
                    }
                }
            }
        }
        double norm = Math.sqrt((2 * l + 1) / (4 * Math.PI) * factorial(l - m) / factorial(l + m));
        if (m > 0) {
            norm *= Math.sqrt(2) * (m % 2 == 0 ? 1 : -1);
        }
        int count = 0;
        for (double v : poly) {
            if (v != 0) {
                count++;
            }
        }
        double[] c = new double[count];
        int[] p = new int[3 * count];
        int t = 0;
        for (int px = 0; px < d; px++) {
            for (int py = 0; py < d; py++) {
                for (int pz = 0; pz < d; pz++) {
                    double v = poly[(px * d + py) * d + pz];
                    if (v != 0) {
                        // z = -w0 (polar quirk), y = w1, x = w2
                        c[t] = norm * v * (pz % 2 == 0 ? 1 : -1);
                        p[3 * t] = pz;
                        p[3 * t + 1] = py;
                        p[3 * t + 2] = px;
                        t++;
                    }
                }
            }
        }
        coefficients[l][k] = c;
        powers[l][k] = p;
    }

    private static double factorial(int n) {
        double r = 1;
        for (int i = 2; i <= n; i++) {
            r *= i;
        }
        return r;
    }

    private static double binom(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        return factorial(n) / (factorial(k) * factorial(n - k));
    }
}
