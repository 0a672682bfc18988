package org.scattering4j.scattering.filters;

import org.scattering4j.scattering.fft.Fft2D;
import org.scattering4j.util.Parallel;

/**
 * Kymatio's 2D Morlet filter bank in the Fourier domain (conventions.md section 2.2-2.4), in double
 * precision: wavelets psi_n for n = j*L + t (j &lt; J, t &lt; L) and one low-pass phi, each as real
 * Fourier filters on the padded grid {@code Mp x Np} and on the coarser levels that the transform
 * needs (level r = the low-frequency crop of size {@code (Mp/2^r) x (Np/2^r)}).
 *
 * <p>Atoms are built in space as Kymatio does: a Gabor function summed over the 5 x 5 shifted copies
 * (a, b in -2..2) of the padded grid, normalised by {@code 2 * 3.1415 * sigma^2 / slant} (Kymatio's
 * literal 3.1415), Morlet = Gabor minus K times its envelope with K chosen for zero sum, then
 * {@code Re(FFT2)}. For speed the exponential is evaluated only where {@code Q(x, y) <= 60}, i.e.
 * where the Gaussian envelope exceeds {@code e^-60 ~ 1e-26} of its peak (row by row, solving the
 * quadratic for the y range); the omitted terms are below double rounding of the filters. Filters are
 * built in parallel; the 272 x 272, J=3, L=8 bank takes a few tens of milliseconds.
 *
 * <p>Immutable and thread-safe; accessors return copies.
 *
 * <pre>{@code
 * MorletFilterBank2D bank = new MorletFilterBank2D(40, 40, 2, 8);
 * double[] psi = bank.psi(3, 0);   // theta index 3 (angle 0) at j = 0, level 0, 40*40 values
 * }</pre>
 */
public final class MorletFilterBank2D {
    /** Exponent cut-off: terms with exp(-Q) below e^-60 of the peak are not evaluated. */
    private static final double Q_MAX = 60;
    /** Kymatio's normalisation uses this literal instead of pi. */
    private static final double KYMATIO_PI = 3.1415;

    private final int mp;
    private final int np;
    private final int bigJ;
    private final int bigL;
    private final double[][][] psi;
    private final double[][] phi;

    /**
     * @param paddedRows Mp, a multiple of 2^J
     * @param paddedCols Np, a multiple of 2^J
     * @param J          number of scales, &ge; 1
     * @param L          number of angles, &ge; 1
     */
    public MorletFilterBank2D(int paddedRows, int paddedCols, int J, int L) {
        if (J < 1 || J > 30) {
            throw new IllegalArgumentException("J = " + J + " must be in [1, 30]");
        }
        if (L < 1) {
            throw new IllegalArgumentException("L = " + L + " must be >= 1");
        }
        int step = 1 << J;
        if (paddedRows < step || paddedRows % step != 0) {
            throw new IllegalArgumentException("paddedRows = " + paddedRows + " must be a positive multiple of 2^J = "
                    + step);
        }
        if (paddedCols < step || paddedCols % step != 0) {
            throw new IllegalArgumentException("paddedCols = " + paddedCols + " must be a positive multiple of 2^J = "
                    + step);
        }
        this.mp = paddedRows;
        this.np = paddedCols;
        this.bigJ = J;
        this.bigL = L;
        this.psi = new double[J * L][][];
        this.phi = new double[J][];
        int count = J * L + 1;
        Parallel.forEach(count, () -> new Work(mp * np), (i, w) -> {
            if (i == J * L) {
                w.atom(sigmaPhi(), 0, 0, 1, false);
                double[] full = w.fourierReal();
                for (int r = 0; r < J; r++) {
                    phi[r] = crop(full, r);
                }
            } else {
                int j = i / L;
                w.atom(0.8 * Math.pow(2, j), angle(i % L), xi(j), slant(), true);
                double[] full = w.fourierReal();
                int levels = levels(j);
                double[][] lv = new double[levels][];
                for (int r = 0; r < levels; r++) {
                    lv[r] = crop(full, r);
                }
                psi[i] = lv;
            }
        });
    }

    /** Padded rows Mp. */
    public int paddedRows() {
        return mp;
    }

    /** Padded columns Np. */
    public int paddedCols() {
        return np;
    }

    public int J() {
        return bigJ;
    }

    public int L() {
        return bigL;
    }

    /** Number of wavelets, J*L. */
    public int size() {
        return bigJ * bigL;
    }

    /** Scale index j of wavelet n. */
    public int j(int n) {
        checkN(n);
        return n / bigL;
    }

    /** Angle index t of wavelet n. */
    public int theta(int n) {
        checkN(n);
        return n % bigL;
    }

    /** Angle in radians of angle index t: (int(L - L/2 - 1) - t) * pi / L. */
    public double angle(int t) {
        // Kymatio: int(L - L/2 - 1) with true division, truncated toward zero
        int base = (int) (bigL - bigL / 2.0 - 1);
        return (base - t) * Math.PI / bigL;
    }

    /** Spatial width sigma of wavelets at scale j: 0.8 * 2^j. */
    public double sigma(int j) {
        return 0.8 * Math.pow(2, j);
    }

    /** Centre frequency (radians per sample) at scale j: (3 pi / 4) / 2^j. */
    public double xi(int j) {
        return 3.0 / 4.0 * Math.PI / Math.pow(2, j);
    }

    /** Slant 4 / L of the wavelets. */
    public double slant() {
        return 4.0 / bigL;
    }

    /** Spatial width of the low-pass: 0.8 * 2^(J-1). */
    public double sigmaPhi() {
        return 0.8 * Math.pow(2, bigJ - 1);
    }

    /** Number of levels kept for wavelets at scale j: min(j + 1, max(J - 1, 1)). */
    public int levels(int j) {
        return Math.min(j + 1, Math.max(bigJ - 1, 1));
    }

    /** A copy of wavelet n's Fourier filter at level r, row-major (Mp/2^r) x (Np/2^r). */
    public double[] psi(int n, int level) {
        checkN(n);
        if (level < 0 || level >= psi[n].length) {
            throw new IllegalArgumentException("level = " + level + " must be in [0, " + psi[n].length
                    + ") for wavelet n = " + n);
        }
        return psi[n][level].clone();
    }

    /** A copy of the low-pass Fourier filter at level r (0 &le; r &lt; J). */
    public double[] phi(int level) {
        if (level < 0 || level >= bigJ) {
            throw new IllegalArgumentException("level = " + level + " must be in [0, " + bigJ + ")");
        }
        return phi[level].clone();
    }

    private void checkN(int n) {
        if (n < 0 || n >= bigJ * bigL) {
            throw new IllegalArgumentException("n = " + n + " must be in [0, " + bigJ * bigL + ")");
        }
    }

    /** Level r: keep rows/cols with |frequency| below 1/2^(r+1) of the sampling rate (a crop). */
    private double[] crop(double[] full, int r) {
        int m = mp >> r;
        int n = np >> r;
        double[] out = new double[m * n];
        for (int a = 0; a < m; a++) {
            int ra = a < m / 2 ? a : a + mp - m;
            for (int b = 0; b < n; b++) {
                int cb = b < n / 2 ? b : b + np - n;
                out[a * n + b] = full[ra * np + cb];
            }
        }
        return out;
    }

    /** Per-thread buffers for building one atom. */
    private final class Work {
        final double[] re;
        final double[] im;
        final double[] env;
        final Fft2D.Workspace fft;

        Work(int size) {
            re = new double[size];
            im = new double[size];
            env = new double[size];
            fft = new Fft2D.Workspace(size);
        }

        /**
         * Fills re/im with the periodised Gabor (morlet = false) or Morlet atom, divided by Kymatio's
         * normalisation.
         */
        void atom(double sigma, double theta, double xi, double slant, boolean morlet) {
            java.util.Arrays.fill(re, 0);
            java.util.Arrays.fill(im, 0);
            java.util.Arrays.fill(env, 0);
            double c = Math.cos(theta);
            double s = Math.sin(theta);
            double sl2 = slant * slant;
            double two = 2 * sigma * sigma;
            // Q(x, y) = (A x^2 + 2 B x y + C y^2) / (2 sigma^2): R diag(1, slant^2) R^T
            double qa = (c * c + sl2 * s * s) / two;
            double qb = (c * s * (1 - sl2)) / two;
            double qc = (s * s + sl2 * c * c) / two;
            double kx = xi * c;
            double ky = xi * s;
            double det = qa * qc - qb * qb; // > 0
            int xLo = -2 * mp;
            int xHi = 3 * mp - 1;
            int yLo = -2 * np;
            int yHi = 3 * np - 1;
            for (int x = xLo; x <= xHi; x++) {
                // min over y of Q is det/qc * x^2
                if (det / qc * (double) x * x > Q_MAX) {
                    continue;
                }
                // qc y^2 + 2 qb x y + qa x^2 - Q_MAX <= 0
                double disc = qb * qb * x * (double) x - qc * (qa * x * (double) x - Q_MAX);
                if (disc < 0) {
                    continue;
                }
                double sq = Math.sqrt(disc);
                int y0 = Math.max(yLo, (int) Math.floor((-qb * x - sq) / qc));
                int y1 = Math.min(yHi, (int) Math.ceil((-qb * x + sq) / qc));
                int u = Math.floorMod(x, mp);
                int row = u * np;
                double ax = qa * x * (double) x;
                double bx = 2 * qb * x;
                double px = kx * x;
                for (int y = y0; y <= y1; y++) {
                    double e = Math.exp(-(ax + (bx + qc * y) * y));
                    int idx = row + Math.floorMod(y, np);
                    env[idx] += e;
                    if (xi != 0) {
                        double ph = px + ky * y;
                        re[idx] += e * Math.cos(ph);
                        im[idx] += e * Math.sin(ph);
                    }
                }
            }
            int size = mp * np;
            if (xi == 0) {
                System.arraycopy(env, 0, re, 0, size);
            }
            double norm = 2 * KYMATIO_PI * sigma * sigma / slant;
            if (morlet) {
                double sr = 0;
                double si = 0;
                double se = 0;
                for (int i = 0; i < size; i++) {
                    sr += re[i];
                    si += im[i];
                    se += env[i];
                }
                double kr = sr / se;
                double ki = si / se;
                for (int i = 0; i < size; i++) {
                    re[i] -= kr * env[i];
                    im[i] -= ki * env[i];
                }
            }
            double inv = 1 / norm;
            for (int i = 0; i < size; i++) {
                re[i] *= inv;
                im[i] *= inv;
            }
        }

        /** Re(FFT2) of the atom in re/im, as a fresh array. */
        double[] fourierReal() {
            Fft2D.forward(re, im, mp, np, fft);
            return re.clone();
        }
    }
}
