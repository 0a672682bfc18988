package org.scattering4j.scattering.filters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.scattering4j.scattering.fft.Fft;

/**
 * The Fourier-domain filters of a Kymatio-compatible 1D scattering transform: a low-pass Gaussian
 * {@code phi} and two banks of Morlet wavelets ({@code psi1} with Q1 wavelets per octave, {@code psi2}
 * with Q2), all real-valued in frequency, sampled on the padded length, L1-normalised in time, and
 * copied to coarser resolutions ("levels") by summing their aliases.
 *
 * <p>Everything here follows Kymatio {@code main} (0.4.0.dev0, commit 11552ed5) as summarised in
 * section 1 of the project's {@code conventions.md}: the Andén centre-frequency generator
 * (geometric then linear part), the maximal dyadic subsampling {@code j} of each filter, the padding
 * rule derived from the temporal support of {@code phi}, and the level counts.
 *
 * <p>Instances are immutable; every accessor that returns an array returns a copy. The static helpers
 * ({@link #morlet}, {@link #gaussian}, {@link #periodize}) are public so tests and other transforms can
 * rebuild a single filter.
 *
 * <pre>{@code
 * MorletFilterBank1D bank = MorletFilterBank1D.create(6, 4096, 8, 1, 64);
 * int L = bank.paddedLength();                 // 8192
 * double[] psi = bank.psi1().get(0).level(0);  // the highest-frequency wavelet, length L
 * }</pre>
 */
public final class MorletFilterBank1D {
    /** Width of the low-pass at scale 1 (Kymatio's sigma0). */
    public static final double SIGMA0 = 0.1;
    /** Kymatio's alpha: how many widths above the centre frequency a wavelet is considered to reach. */
    public static final double ALPHA = 5.0;
    /** Kymatio's r_psi: the overlap of neighbouring wavelets at their crossing point. */
    public static final double R_PSI = Math.sqrt(0.5);
    /** Precision for the number of periods used when periodising a Gaussian. */
    public static final double EPS = 1e-7;
    /** Residual L1 mass of {@code phi} tolerated outside the support that fixes the padding. */
    public static final double CRITERION_AMPLITUDE = 1e-3;
    private static final int P_MAX = 5;
    /**
     * Gaussian terms exp(-a) with a above this (below 2e-22 of the peak) are skipped when periodising:
     * no filter value changes by more than about 1e-21, while most of the exponentials are saved.
     */
    private static final double EXP_CUTOFF = 50.0;

    /** One filter: its parameters and its Fourier transform at levels 0, 1, ... */
    public static final class Filter {
        private final double xi;
        private final double sigma;
        private final int j;
        private final double[][] levels;

        Filter(double xi, double sigma, int j, double[][] levels) {
            this.xi = xi;
            this.sigma = sigma;
            this.j = j;
            this.levels = levels;
        }

        /** Centre frequency in cycles per sample (0 for the low-pass). */
        public double xi() {
            return xi;
        }

        /** Frequency width (standard deviation of the Gaussian) in cycles per sample. */
        public double sigma() {
            return sigma;
        }

        /** log2 of the maximal subsampling this filter allows ({@code log2_T} for the low-pass). */
        public int j() {
            return j;
        }

        /** Number of stored levels. */
        public int levelCount() {
            return levels.length;
        }

        /** A copy of the level-{@code r} filter, length {@code paddedLength / 2^r}. */
        public double[] level(int r) {
            if (r < 0 || r >= levels.length) {
                throw new IllegalArgumentException("level r = " + r + " out of range [0, " + levels.length + ")");
            }
            return levels[r].clone();
        }
    }

    private final int J;
    private final int shape;
    private final int q1;
    private final int q2;
    private final int T;
    private final int log2T;
    private final int paddedLength;
    private final int padLeft;
    private final int padRight;
    private final int phiSupport;
    private final Filter phi;
    private final List<Filter> psi1;
    private final List<Filter> psi2;

    private MorletFilterBank1D(int J, int shape, int q1, int q2, int T) {
        this.J = J;
        this.shape = shape;
        this.q1 = q1;
        this.q2 = q2;
        this.T = T;
        this.log2T = floorLog2(T);

        // Padding: enough room on each side for three times the temporal support of phi, but never
        // more than 3N - 2 in total (so that one reflection of the signal fills each side).
        double phiSigma = SIGMA0 / T;
        this.phiSupport = temporalSupport(gaussian(shape, phiSigma), CRITERION_AMPLITUDE);
        int minToPad = 3 * phiSupport;
        int jPad = Math.min(ceilLog2((long) shape + 2L * minToPad), floorLog2(3L * shape - 2));
        this.paddedLength = 1 << jPad;
        this.padLeft = (paddedLength - shape) / 2;
        this.padRight = paddedLength - shape - padLeft;
        if (padLeft >= shape || padRight >= shape) {
            throw new IllegalArgumentException("padding " + padLeft + "/" + padRight + " must be smaller than shape N = "
                    + shape);
        }

        double[][] p1 = centerFrequencies(J, q1);
        double[][] p2 = centerFrequencies(J, q2);
        int maxJ1 = 0;
        int maxJ = 0;
        int[] j1 = new int[p1[0].length];
        int[] j2 = new int[p2[0].length];
        for (int n = 0; n < j1.length; n++) {
            j1[n] = maxSubsampling(p1[0][n], p1[1][n]);
            maxJ1 = Math.max(maxJ1, j1[n]);
        }
        maxJ = maxJ1;
        for (int n = 0; n < j2.length; n++) {
            j2[n] = maxSubsampling(p2[0][n], p2[1][n]);
            maxJ = Math.max(maxJ, j2[n]);
        }
        List<Filter> f1 = new ArrayList<>();
        for (int n = 0; n < j1.length; n++) {
            double[] level0 = morlet(paddedLength, p1[0][n], p1[1][n]);
            f1.add(new Filter(p1[0][n], p1[1][n], j1[n], new double[][] {level0}));
        }
        List<Filter> f2 = new ArrayList<>();
        for (int n = 0; n < j2.length; n++) {
            double[] level0 = morlet(paddedLength, p2[0][n], p2[1][n]);
            int count = Math.max(1, Math.min(Math.min(maxJ1, j2[n]), 1 + log2T));
            f2.add(new Filter(p2[0][n], p2[1][n], j2[n], levels(level0, count)));
        }
        double[] phi0 = gaussian(paddedLength, phiSigma);
        this.phi = new Filter(0.0, phiSigma, log2T, levels(phi0, Math.max(maxJ, 1 + log2T)));
        this.psi1 = Collections.unmodifiableList(f1);
        this.psi2 = Collections.unmodifiableList(f2);
    }

    /**
     * Builds the bank of a {@code Scattering1D(J, shape, Q=(q1, q2), T)}. Arguments are not validated
     * beyond what the formulas need; {@code Scattering1D} validates its parameters before calling this.
     *
     * @param J     log2 of the largest wavelet scale, &ge; 1
     * @param shape unpadded signal length N, &ge; 2
     * @param q1    first-order wavelets per octave, &ge; 1
     * @param q2    second-order wavelets per octave, &ge; 1
     * @param T     averaging scale in samples, 1 &le; T &le; N (use 2^J for global averaging)
     */
    public static MorletFilterBank1D create(int J, int shape, int q1, int q2, int T) {
        if (J < 1 || shape < 2 || q1 < 1 || q2 < 1 || T < 1 || T > shape) {
            throw new IllegalArgumentException("MorletFilterBank1D needs J >= 1, shape >= 2, q1, q2 >= 1 and "
                    + "1 <= T <= shape; got J = " + J + ", shape = " + shape + ", q1 = " + q1 + ", q2 = " + q2
                    + ", T = " + T);
        }
        return new MorletFilterBank1D(J, shape, q1, q2, T);
    }

    // ------------------------------------------------------------------------------------------------
    // The formulas (static, so that tests and the slow twin can use one filter at a time).

    /**
     * Kymatio's sigma_psi: the width of a wavelet at centre {@code xi} such that neighbours spaced by
     * 2^(1/Q) cross at amplitude r_psi.
     */
    public static double sigmaPsi(double xi, int q) {
        double factor = 1.0 / Math.pow(2.0, 1.0 / q);
        double term1 = (1.0 - factor) / (1.0 + factor);
        double term2 = 1.0 / Math.sqrt(2.0 * Math.log(1.0 / R_PSI));
        return xi * term1 * term2;
    }

    /**
     * The Andén generator: centre frequencies (row 0) and widths (row 1) of a bank with {@code q}
     * wavelets per octave, highest frequency first. A geometric part with constant quality factor is
     * followed by {@code q - 1} wavelets of constant width {@code sigma0 / 2^J} spaced linearly.
     */
    public static double[][] centerFrequencies(int J, int q) {
        double sigmaMin = SIGMA0 / Math.pow(2.0, J);
        double xiMax = Math.max(1.0 / (1.0 + Math.pow(2.0, 3.0 / q)), 0.35);
        double sigmaMax = sigmaPsi(xiMax, q);
        List<double[]> out = new ArrayList<>();
        double elbow;
        if (sigmaMax <= sigmaMin) {
            // Kymatio sets the elbow to sigma here (not xi); kept for compatibility, only reached for
            // very small J.
            elbow = sigmaMax;
        } else {
            double xi = xiMax;
            double sigma = sigmaMax;
            out.add(new double[] {xi, sigma});
            double step = Math.pow(2.0, 1.0 / q);
            while (sigma > sigmaMin * step) {
                xi = xi / step;
                sigma = sigma / step;
                out.add(new double[] {xi, sigma});
            }
            elbow = xi;
        }
        for (int k = 1; k < q; k++) {
            out.add(new double[] {elbow - k * elbow / q, sigmaMin});
        }
        double[][] r = new double[2][out.size()];
        for (int n = 0; n < out.size(); n++) {
            r[0][n] = out.get(n)[0];
            r[1][n] = out.get(n)[1];
        }
        return r;
    }

    /** log2 of the largest subsampling a filter allows: floor(-log2(min(xi + alpha sigma, 1/2))) - 1. */
    public static int maxSubsampling(double xi, double sigma) {
        double upper = Math.min(xi + ALPHA * sigma, 0.5);
        return (int) Math.floor(-log2(upper)) - 1;
    }

    /** Number of periods used to periodise a Gaussian of width sigma (at least 2, at most 5). */
    static int periods(double sigma) {
        double val = Math.sqrt(-2.0 * sigma * sigma * Math.log(EPS));
        return Math.min((int) Math.ceil(val + 1.0), P_MAX);
    }

    /**
     * The periodised Gaussian sum_{m=1-P}^{P-1} exp(-(k/L + m - center)^2 / (2 sigma^2)) on k = 0..L-1,
     * divided by 2P-1 (the mean over periods, as Kymatio computes it).
     */
    private static double[] periodizedGaussian(int L, double center, double sigma, int P) {
        double[] g = new double[L];
        double twoSigma2 = 2.0 * sigma * sigma;
        double reach = Math.sqrt(EXP_CUTOFF * twoSigma2);
        int nperiods = 2 * P - 1;
        long lo = (long) Math.floor((center - reach) * L) - 1;
        long hi = (long) Math.ceil((center + reach) * L) + 1;
        for (int p = 0; p < nperiods; p++) {
            long base = (long) (p + 1 - P) * L;
            int k0 = (int) Math.max(0, lo - base);
            int k1 = (int) Math.min(L - 1, hi - base);
            for (int k = k0; k <= k1; k++) {
                double w = (double) (base + k) / L;
                double d = w - center;
                double a = d * d / twoSigma2;
                if (a < EXP_CUTOFF) {
                    g[k] += Math.exp(-a);
                }
            }
        }
        for (int k = 0; k < L; k++) {
            g[k] /= nperiods;
        }
        return g;
    }

    /**
     * A Morlet wavelet in the Fourier domain on a length-{@code L} grid: a periodised Gabor minus the
     * multiple of a periodised Gaussian that makes its value at frequency 0 exactly zero, divided by the
     * L1 norm of its inverse DFT.
     */
    public static double[] morlet(int L, double xi, double sigma) {
        int P = periods(sigma);
        double[] gabor = periodizedGaussian(L, xi, sigma, P);
        double[] low = periodizedGaussian(L, 0.0, sigma, P);
        double kappa = gabor[0] / low[0];
        for (int k = 0; k < L; k++) {
            gabor[k] -= kappa * low[k];
        }
        scaleToUnitL1(gabor);
        return gabor;
    }

    /** The low-pass: a periodised Gaussian of width sigma, divided by the L1 norm of its inverse DFT. */
    public static double[] gaussian(int L, double sigma) {
        double[] g = periodizedGaussian(L, 0.0, sigma, periods(sigma));
        scaleToUnitL1(g);
        return g;
    }

    private static void scaleToUnitL1(double[] f) {
        int L = f.length;
        double[] z = new double[2 * L];
        for (int k = 0; k < L; k++) {
            z[2 * k] = f[k];
        }
        Fft.inverse(z, L);
        // Compensated (Neumaier) summation: a plain running sum over 2^14 terms drifts by ~1e-13
        // relative, which would show in every filter value; NumPy's pairwise sum is accurate to ~1e-16.
        double sum = 0;
        double comp = 0;
        for (int t = 0; t < L; t++) {
            double re = z[2 * t];
            double im = z[2 * t + 1];
            double v = Math.sqrt(re * re + im * im);
            double s = sum + v;
            comp += Math.abs(sum) >= v ? (sum - s) + v : (v - s) + sum;
            sum = s;
        }
        sum += comp;
        if (sum < 1e-7) {
            throw new IllegalStateException("filter has a vanishing L1 norm (" + sum + "); cannot normalise");
        }
        double s = 1.0 / sum;
        for (int k = 0; k < L; k++) {
            f[k] *= s;
        }
    }

    /**
     * The level-{@code r} copy of a Fourier-domain filter: its {@code 2^r} aliases summed,
     * {@code f_r[k] = sum_a f[k + a L / 2^r]}; in time this is {@code 2^r f[2^r t]}.
     */
    public static double[] periodize(double[] f, int r) {
        int len = f.length >> r;
        if (r < 0 || len << r != f.length || len < 1) {
            throw new IllegalArgumentException("cannot periodise a filter of length " + f.length + " to level " + r);
        }
        double[] out = new double[len];
        System.arraycopy(f, 0, out, 0, len);
        for (int a = 1, k = 1 << r; a < k; a++) {
            int off = a * len;
            for (int m = 0; m < len; m++) {
                out[m] += f[off + m];
            }
        }
        return out;
    }

    private static double[][] levels(double[] level0, int count) {
        double[][] l = new double[count][];
        l[0] = level0;
        for (int r = 1; r < count; r++) {
            l[r] = periodize(level0, r);
        }
        return l;
    }

    /**
     * Temporal support of a low-pass given in the Fourier domain: 1 + the first {@code k} at which the
     * L1 mass of its inverse DFT over {@code [k, L/2)} falls to {@code criterion} or below ({@code L/2}
     * if it never does).
     */
    public static int temporalSupport(double[] hHat, double criterion) {
        int L = hHat.length;
        double[] z = new double[2 * L];
        for (int k = 0; k < L; k++) {
            z[2 * k] = hHat[k];
        }
        Fft.inverse(z, L);
        int half = L / 2;
        double[] residual = new double[half];
        double r = 0;
        for (int t = half - 1; t >= 0; t--) {
            r += Math.sqrt(z[2 * t] * z[2 * t] + z[2 * t + 1] * z[2 * t + 1]);
            residual[t] = r;
        }
        for (int k = 0; k < half; k++) {
            if (residual[k] <= criterion) {
                return k + 1;
            }
        }
        return half;
    }

    /** log2 of x, exact for powers of two (as Python's math.log2). */
    static double log2(double x) {
        int e = Math.getExponent(x);
        if (x > 0 && Math.scalb(1.0, e) == x) {
            return e;
        }
        return Math.log(x) / Math.log(2.0);
    }

    /** floor(log2(n)) for n &ge; 1. */
    public static int floorLog2(long n) {
        return 63 - Long.numberOfLeadingZeros(n);
    }

    /** ceil(log2(n)) for n &ge; 1. */
    public static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    // ------------------------------------------------------------------------------------------------

    public int J() {
        return J;
    }

    /** The unpadded signal length N. */
    public int shape() {
        return shape;
    }

    public int q1() {
        return q1;
    }

    public int q2() {
        return q2;
    }

    /** The averaging scale T the low-pass was built for (sigma_phi = 0.1 / T). */
    public int T() {
        return T;
    }

    public int log2T() {
        return log2T;
    }

    /** The padded length 2^J_pad on which all filters are sampled. */
    public int paddedLength() {
        return paddedLength;
    }

    public int padLeft() {
        return padLeft;
    }

    public int padRight() {
        return padRight;
    }

    /** Temporal support of phi at the unpadded length (the padding is three times this, capped). */
    public int phiSupport() {
        return phiSupport;
    }

    public Filter phi() {
        return phi;
    }

    /** First-order wavelets, highest centre frequency first (index = Kymatio's n1). */
    public List<Filter> psi1() {
        return psi1;
    }

    /** Second-order wavelets, highest centre frequency first (index = Kymatio's n2). */
    public List<Filter> psi2() {
        return psi2;
    }

    /** Largest j over the first-order bank. */
    public int maxJ1() {
        int m = 0;
        for (Filter f : psi1) {
            m = Math.max(m, f.j);
        }
        return m;
    }
}
