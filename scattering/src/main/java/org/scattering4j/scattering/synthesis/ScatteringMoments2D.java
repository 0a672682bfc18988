package org.scattering4j.scattering.synthesis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.scattering4j.scattering.fft.Fft2D;
import org.scattering4j.scattering.filters.MorletFilterBank2D;
import org.scattering4j.util.Parallel;

/**
 * Scattering moments of an image with their gradient: spatial means, over the image taken as
 * periodic (no padding), of
 * <ul>
 * <li>order 0: x;</li>
 * <li>order 1: {@code |x * psi_{j1,t1}|} for the J L wavelets of {@link MorletFilterBank2D} (Kymatio's
 * 2D Morlet bank built on the unpadded M x N grid);</li>
 * <li>order 2: {@code ||x * psi_{j1,t1}| * psi_{j2,t2}|} for j2 &gt; j1 and all L^2 angle pairs,</li>
 * </ul>
 * in {@code Scattering2D}'s channel order (S0, S1 by n1 = j1 L + t1, S2 by n1 then n2). Convolutions
 * are circular at full resolution.
 *
 * <p>Relation to {@code Scattering2D}: that transform reflect-pads the image, subsamples U1 by 2^j1 and
 * U2 by 2^j2 and then low-passes with phi (unit DC gain) and subsamples by 2^J. The spatial mean of
 * its channel is therefore the mean of the same modulus maps, but over the padded grid, on subsampled
 * samples and cropped after a finite low-pass; the moments here avoid all three (padding breaks
 * stationarity, which synthesis relies on), so the two agree only approximately (a test bounds the
 * order-1 difference for a smooth random field).
 *
 * <p>The vector-Jacobian product mirrors the forward pass: adjoint of the mean is a constant 1/(MN), of
 * the modulus the multiplication by {@code z/|z|} (0 where {@code z = 0}), of an unscaled inverse 2D DFT
 * the forward DFT, of the forward DFT of a real image the real part of the unscaled inverse DFT.
 * Intermediates are recomputed path by path; contributions are summed in a fixed order so the result
 * does not depend on the thread count. Immutable and thread-safe; inputs are never modified.
 *
 * <pre>{@code
 * ScatteringMoments2D m = new ScatteringMoments2D(4, 8, 256, 256);   // J = 4, L = 8
 * double[] s = m.moments(image);          // image row-major, 256 * 256 values
 * double[] grad = m.vjp(image, g);
 * }</pre>
 */
public final class ScatteringMoments2D implements MomentMap {
    private final int rows;
    private final int cols;
    private final int size2;
    private final int J;
    private final int L;
    private final double[][] psi;        // [n] level-0 Fourier filters, row-major rows x cols
    private final int[][] kids;          // [n1] -> n2 with j2 > j1
    private final int[][] channel;       // [n1][q]
    private final int[] sizeByOrder;
    private final int[] parent;
    private final int size;
    private final ConcurrentLinkedQueue<Work> idle = new ConcurrentLinkedQueue<>();

    /**
     * @param J    number of scales, &ge; 1, with 2^J dividing both sides
     * @param L    number of angles, &ge; 1
     * @param rows image rows M
     * @param cols image columns N
     */
    public ScatteringMoments2D(int J, int L, int rows, int cols) {
        if (J < 1 || J > 30) {
            throw new IllegalArgumentException("J = " + J + " is out of range: need J >= 1");
        }
        if (L < 1) {
            throw new IllegalArgumentException("L = " + L + " is out of range: need L >= 1");
        }
        int step = 1 << J;
        if (rows < step || rows % step != 0 || cols < step || cols % step != 0) {
            throw new IllegalArgumentException("image " + rows + " x " + cols + " is not allowed for J = " + J
                    + ": both sides must be positive multiples of 2^J = " + step);
        }
        this.rows = rows;
        this.cols = cols;
        this.size2 = rows * cols;
        this.J = J;
        this.L = L;
        MorletFilterBank2D bank = new MorletFilterBank2D(rows, cols, J, L);
        int c1 = J * L;
        psi = new double[c1][];
        for (int n = 0; n < c1; n++) {
            psi[n] = bank.psi(n, 0);
        }
        kids = new int[c1][];
        channel = new int[c1][];
        int ch = 1 + c1;
        List<Integer> par = new ArrayList<>();
        for (int n1 = 0; n1 < c1; n1++) {
            int j1 = n1 / L;
            int k = (J - 1 - j1) * L;
            kids[n1] = new int[k];
            channel[n1] = new int[k];
            for (int q = 0; q < k; q++) {
                kids[n1][q] = (j1 + 1) * L + q;
                channel[n1][q] = ch++;
                par.add(1 + n1);
            }
        }
        this.size = ch;
        this.sizeByOrder = new int[] {1, c1, ch - 1 - c1};
        this.parent = new int[ch];
        java.util.Arrays.fill(parent, -1);
        for (int i = 0; i < par.size(); i++) {
            parent[1 + c1 + i] = par.get(i);
        }
    }

    @Override
    public int inputSize() {
        return size2;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    @Override
    public int[] sizeByOrder() {
        return sizeByOrder.clone();
    }

    @Override
    public int[] parent() {
        return parent.clone();
    }

    private final class Work {
        final double[] zr = new double[size2];
        final double[] zi = new double[size2];
        final double[] ur = new double[size2];
        final double[] ui = new double[size2];
        final double[] wr = new double[size2];
        final double[] wi = new double[size2];
        final double[] gr = new double[size2];
        final double[] gi = new double[size2];
        final Fft2D.Workspace fft = new Fft2D.Workspace(size2);
    }

    private Work acquire() {
        Work w = idle.poll();
        return w == null ? new Work() : w;
    }

    private void check(double[] x) {
        if (x == null || x.length != size2) {
            throw new IllegalArgumentException("image has " + (x == null ? "null" : x.length) + " values, expected "
                    + rows + " x " + cols + " = " + size2);
        }
        for (int i = 0; i < size2; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] (row " + i / cols + ", col " + i % cols + ") = "
                        + x[i] + ": pixels must be finite");
            }
        }
    }

    /** re/im of the 2D spectrum of x. */
    private double[][] spectrum(double[] x) {
        double[] re = x.clone();
        double[] im = new double[size2];
        Fft2D.forward(re, im, rows, cols, new Fft2D.Workspace(size2));
        return new double[][] {re, im};
    }

    /** (dr, di) = IDFT(X f) / (rows cols), unscaled inverse then scaled; returns sum of |d|. */
    private double filterModulus(double[] xr, double[] xi, double[] f, double[] dr, double[] di, Work w) {
        for (int i = 0; i < size2; i++) {
            dr[i] = xr[i] * f[i];
            di[i] = xi[i] * f[i];
        }
        Fft2D.inverse(dr, di, rows, cols, w.fft);
        double s = 1.0 / size2;
        double sum = 0;
        for (int i = 0; i < size2; i++) {
            double a = dr[i] * s;
            double b = di[i] * s;
            dr[i] = a;
            di[i] = b;
            sum += Math.sqrt(a * a + b * b);
        }
        return sum;
    }

    /** After {@link #filterModulus} into (zr, zi): (ur, ui) = FFT(|z|). */
    private void modulusSpectrum(Work w) {
        for (int i = 0; i < size2; i++) {
            w.ur[i] = Math.sqrt(w.zr[i] * w.zr[i] + w.zi[i] * w.zi[i]);
            w.ui[i] = 0;
        }
        Fft2D.forward(w.ur, w.ui, rows, cols, w.fft);
    }

    private void run(List<Work> used, int count, Parallel.Body<Work> body) {
        try {
            Parallel.forEach(count, () -> {
                Work w = acquire();
                synchronized (used) {
                    used.add(w);
                }
                return w;
            }, body);
        } finally {
            idle.addAll(used);
        }
    }

    @Override
    public double[] moments(double[] x) {
        check(x);
        double[][] X = spectrum(x);
        double[] out = new double[size];
        double s0 = 0;
        for (double v : x) {
            s0 += v;
        }
        out[0] = s0 / size2;
        run(new ArrayList<>(), psi.length, (n1, w) -> {
            out[1 + n1] = filterModulus(X[0], X[1], psi[n1], w.zr, w.zi, w) / size2;
            if (kids[n1].length == 0) {
                return;
            }
            modulusSpectrum(w);
            for (int q = 0; q < kids[n1].length; q++) {
                out[channel[n1][q]] = filterModulus(w.ur, w.ui, psi[kids[n1][q]], w.wr, w.wi, w) / size2;
            }
        });
        return out;
    }

    @Override
    public double[] vjp(double[] x, double[] g) {
        check(x);
        if (g == null || g.length != size) {
            throw new IllegalArgumentException("g.length = " + (g == null ? "null" : g.length)
                    + " does not match the number of moments " + size);
        }
        double[][] X = spectrum(x);
        double[][] contribR = new double[psi.length][];
        double[][] contribI = new double[psi.length][];
        run(new ArrayList<>(), psi.length, (n1, w) -> {
            filterModulus(X[0], X[1], psi[n1], w.zr, w.zi, w);
            // gradient w.r.t. u1 = |z1|: g1/(MN) from the mean plus the children's contributions
            double base = g[1 + n1] / size2;
            java.util.Arrays.fill(w.gr, 0.0);
            java.util.Arrays.fill(w.gi, 0.0);
            if (kids[n1].length > 0) {
                modulusSpectrum(w);
                for (int q = 0; q < kids[n1].length; q++) {
                    double[] f = psi[kids[n1][q]];
                    filterModulus(w.ur, w.ui, f, w.wr, w.wi, w);
                    double gs = g[channel[n1][q]] / size2;
                    phaseTimes(w.wr, w.wi, gs / size2);
                    Fft2D.forward(w.wr, w.wi, rows, cols, w.fft);
                    for (int i = 0; i < size2; i++) {
                        w.gr[i] += w.wr[i] * f[i];
                        w.gi[i] += w.wi[i] * f[i];
                    }
                }
                Fft2D.inverse(w.gr, w.gi, rows, cols, w.fft);   // real part = gradient w.r.t. u1
            }
            double[] zr = w.zr;
            double[] zi = w.zi;
            double s = 1.0 / size2;
            for (int i = 0; i < size2; i++) {
                double r = Math.sqrt(zr[i] * zr[i] + zi[i] * zi[i]);
                double f = r > 0 ? (w.gr[i] + base) * s / r : 0.0;
                zr[i] *= f;
                zi[i] *= f;
            }
            Fft2D.forward(zr, zi, rows, cols, w.fft);
            double[] f = psi[n1];
            double[] cr = new double[size2];
            double[] ci = new double[size2];
            for (int i = 0; i < size2; i++) {
                cr[i] = zr[i] * f[i];
                ci[i] = zi[i] * f[i];
            }
            contribR[n1] = cr;
            contribI[n1] = ci;
        });
        double[] gr = new double[size2];
        double[] gi = new double[size2];
        for (int n1 = 0; n1 < psi.length; n1++) {
            for (int i = 0; i < size2; i++) {
                gr[i] += contribR[n1][i];
                gi[i] += contribI[n1][i];
            }
        }
        Fft2D.inverse(gr, gi, rows, cols, new Fft2D.Workspace(size2));
        double g0 = g[0] / size2;
        for (int i = 0; i < size2; i++) {
            gr[i] += g0;
        }
        return gr;
    }

    /** z <- scale z / |z| (0 where z = 0). */
    private static void phaseTimes(double[] re, double[] im, double scale) {
        for (int i = 0; i < re.length; i++) {
            double r = Math.sqrt(re[i] * re[i] + im[i] * im[i]);
            double f = r > 0 ? scale / r : 0.0;
            re[i] *= f;
            im[i] *= f;
        }
    }
}
