package org.scattering4j.scattering.fft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Many complex FFTs of one length {@code n} at once, on split real/imaginary arrays, with the batch
 * index fastest: element {@code i} of sequence {@code b} sits at {@code off + i*V + b}. That is exactly
 * the column layout of a row-major {@code n x V} matrix, so a column pass of a 2D FFT is one call, and
 * every butterfly's innermost loop runs over contiguous memory (which the JIT vectorises).
 *
 * <p>The algorithm is a mixed-radix Stockham autosort FFT (no bit reversal): radices 4, 2 and 3 have
 * dedicated butterflies; any other prime factor p uses a generic butterfly that pairs inputs r and
 * p-r, costing about p/2 multiply-adds per point. So every length is handled natively, without
 * JTransforms' Bluestein fallback, which allocates per call and is slow for lengths such as
 * 272 = 16*17 that Kymatio's padding produces. A plan is immutable and shared by all threads; the
 * caller passes the scratch arrays. Both directions are unscaled.
 *
 * <pre>{@code
 * BatchFft f = BatchFft.of(40);
 * f.transform(re, im, 0, 36, scratchRe, scratchIm, false); // 36 columns of length 40, in place
 * }</pre>
 */
public final class BatchFft {
    private static final ConcurrentHashMap<Integer, BatchFft> PLANS = new ConcurrentHashMap<>();
    /** Chunk of the contiguous axis processed at once by the generic butterfly (fits in L1). */
    private static final int CHUNK = 128;
    private static final ThreadLocal<double[]> GENERIC_SCRATCH = new ThreadLocal<>();

    private final int n;
    private final int[] radix;
    /** Per stage: twiddles w^(j*k) for j < m, k < p, flattened [j*p + k] (forward sign). */
    private final double[][] twRe;
    private final double[][] twIm;
    /** Per stage (generic radices only): cos and sin of 2*pi*r*k/p, flattened [r*p + k]. */
    private final double[][] rootRe;
    private final double[][] rootIm;

    private BatchFft(int n) {
        this.n = n;
        List<Integer> f = new ArrayList<>();
        int rest = n;
        while (rest % 4 == 0) {
            f.add(4);
            rest /= 4;
        }
        while (rest % 2 == 0) {
            f.add(2);
            rest /= 2;
        }
        for (int p = 3; (long) p * p <= rest; p += 2) {
            while (rest % p == 0) {
                f.add(p);
                rest /= p;
            }
        }
        if (rest > 1) {
            f.add(rest);
        }
        radix = f.stream().mapToInt(Integer::intValue).toArray();
        twRe = new double[radix.length][];
        twIm = new double[radix.length][];
        rootRe = new double[radix.length][];
        rootIm = new double[radix.length][];
        int len = n;
        for (int s = 0; s < radix.length; s++) {
            int p = radix[s];
            int m = len / p;
            twRe[s] = new double[m * p];
            twIm[s] = new double[m * p];
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < p; k++) {
                    double a = -2 * Math.PI * (((long) j * k) % len) / len;
                    twRe[s][j * p + k] = Math.cos(a);
                    twIm[s][j * p + k] = Math.sin(a);
                }
            }
            if (p > 4) {
                rootRe[s] = new double[p * p];
                rootIm[s] = new double[p * p];
                for (int r = 0; r < p; r++) {
                    for (int k = 0; k < p; k++) {
                        double a = 2 * Math.PI * ((r * k) % p) / p;
                        rootRe[s][r * p + k] = Math.cos(a);
                        rootIm[s][r * p + k] = Math.sin(a);
                    }
                }
            }
            len = m;
        }
    }

    /** The shared plan for length {@code n >= 1}. */
    public static BatchFft of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length n = " + n + " must be >= 1");
        }
        return PLANS.computeIfAbsent(n, BatchFft::new);
    }

    /** The transform length. */
    public int length() {
        return n;
    }

    /**
     * Transforms {@code V} interleaved sequences in place (unscaled; {@code inverse} flips the sign of
     * the exponent). Element {@code i} of sequence {@code b} is at {@code off + i*V + b}.
     *
     * @param re, im   input and output (modified)
     * @param sRe, sIm scratch, at least {@code n*V} long each (overwritten)
     */
    public void transform(double[] re, double[] im, int off, int vLen, double[] sRe, double[] sIm,
            boolean inverse) {
        if (n == 1) {
            return;
        }
        double[] xr = re;
        double[] xi = im;
        int xo = off;
        double[] yr = sRe;
        double[] yi = sIm;
        int yo = 0;
        int len = n;
        int w = vLen;
        for (int s = 0; s < radix.length; s++) {
            int p = radix[s];
            int m = len / p;
            switch (p) {
                case 2:
                    radix2(xr, xi, xo, yr, yi, yo, m, w, twRe[s], twIm[s], inverse);
                    break;
                case 3:
                    radix3(xr, xi, xo, yr, yi, yo, m, w, twRe[s], twIm[s], inverse);
                    break;
                case 4:
                    radix4(xr, xi, xo, yr, yi, yo, m, w, twRe[s], twIm[s], inverse);
                    break;
                default:
                    generic(p, xr, xi, xo, yr, yi, yo, m, w, s, inverse);
            }
            double[] t = xr;
            xr = yr;
            yr = t;
            t = xi;
            xi = yi;
            yi = t;
            int to = xo;
            xo = yo;
            yo = to;
            len = m;
            w *= p;
        }
        if (xr != re) {
            System.arraycopy(xr, xo, re, off, n * vLen);
            System.arraycopy(xi, xo, im, off, n * vLen);
        }
    }

    private static void radix2(double[] xr, double[] xi, int xo, double[] yr, double[] yi, int yo, int m,
            int w, double[] tr, double[] ti, boolean inv) {
        for (int j = 0; j < m; j++) {
            double w1r = tr[2 * j + 1];
            double w1i = inv ? -ti[2 * j + 1] : ti[2 * j + 1];
            int a0 = xo + j * w;
            int a1 = xo + (j + m) * w;
            int b0 = yo + 2 * j * w;
            int b1 = b0 + w;
            for (int t = 0; t < w; t++) {
                double ar = xr[a0 + t];
                double ai = xi[a0 + t];
                double br = xr[a1 + t];
                double bi = xi[a1 + t];
                yr[b0 + t] = ar + br;
                yi[b0 + t] = ai + bi;
                double dr = ar - br;
                double di = ai - bi;
                yr[b1 + t] = dr * w1r - di * w1i;
                yi[b1 + t] = dr * w1i + di * w1r;
            }
        }
    }

    private static void radix3(double[] xr, double[] xi, int xo, double[] yr, double[] yi, int yo, int m,
            int w, double[] tr, double[] ti, boolean inv) {
        // forward: w3 = exp(-2 pi i / 3) = -1/2 - i sqrt(3)/2
        final double h = inv ? Math.sqrt(3) / 2 : -Math.sqrt(3) / 2;
        for (int j = 0; j < m; j++) {
            double w1r = tr[3 * j + 1];
            double w1i = inv ? -ti[3 * j + 1] : ti[3 * j + 1];
            double w2r = tr[3 * j + 2];
            double w2i = inv ? -ti[3 * j + 2] : ti[3 * j + 2];
            int a0 = xo + j * w;
            int a1 = xo + (j + m) * w;
            int a2 = xo + (j + 2 * m) * w;
            int b0 = yo + 3 * j * w;
            int b1 = b0 + w;
            int b2 = b1 + w;
            for (int t = 0; t < w; t++) {
                double x0r = xr[a0 + t];
                double x0i = xi[a0 + t];
                double x1r = xr[a1 + t];
                double x1i = xi[a1 + t];
                double x2r = xr[a2 + t];
                double x2i = xi[a2 + t];
                double sr = x1r + x2r;
                double si = x1i + x2i;
                yr[b0 + t] = x0r + sr;
                yi[b0 + t] = x0i + si;
                double mr = x0r - 0.5 * sr;
                double mi = x0i - 0.5 * si;
                // (x1 - x2) * (i * h)
                double er = -(x1i - x2i) * h;
                double ei = (x1r - x2r) * h;
                double c1r = mr + er;
                double c1i = mi + ei;
                double c2r = mr - er;
                double c2i = mi - ei;
                yr[b1 + t] = c1r * w1r - c1i * w1i;
                yi[b1 + t] = c1r * w1i + c1i * w1r;
                yr[b2 + t] = c2r * w2r - c2i * w2i;
                yi[b2 + t] = c2r * w2i + c2i * w2r;
            }
        }
    }

    private static void radix4(double[] xr, double[] xi, int xo, double[] yr, double[] yi, int yo, int m,
            int w, double[] tr, double[] ti, boolean inv) {
        for (int j = 0; j < m; j++) {
            double w1r = tr[4 * j + 1];
            double w1i = inv ? -ti[4 * j + 1] : ti[4 * j + 1];
            double w2r = tr[4 * j + 2];
            double w2i = inv ? -ti[4 * j + 2] : ti[4 * j + 2];
            double w3r = tr[4 * j + 3];
            double w3i = inv ? -ti[4 * j + 3] : ti[4 * j + 3];
            int a0 = xo + j * w;
            int a1 = xo + (j + m) * w;
            int a2 = xo + (j + 2 * m) * w;
            int a3 = xo + (j + 3 * m) * w;
            int b0 = yo + 4 * j * w;
            int b1 = b0 + w;
            int b2 = b1 + w;
            int b3 = b2 + w;
            for (int t = 0; t < w; t++) {
                double x0r = xr[a0 + t];
                double x0i = xi[a0 + t];
                double x1r = xr[a1 + t];
                double x1i = xi[a1 + t];
                double x2r = xr[a2 + t];
                double x2i = xi[a2 + t];
                double x3r = xr[a3 + t];
                double x3i = xi[a3 + t];
                double s02r = x0r + x2r;
                double s02i = x0i + x2i;
                double d02r = x0r - x2r;
                double d02i = x0i - x2i;
                double s13r = x1r + x3r;
                double s13i = x1i + x3i;
                // forward: -i (x1 - x3); inverse: +i (x1 - x3)
                double d13r = inv ? -(x1i - x3i) : (x1i - x3i);
                double d13i = inv ? (x1r - x3r) : -(x1r - x3r);
                yr[b0 + t] = s02r + s13r;
                yi[b0 + t] = s02i + s13i;
                double c1r = d02r + d13r;
                double c1i = d02i + d13i;
                double c2r = s02r - s13r;
                double c2i = s02i - s13i;
                double c3r = d02r - d13r;
                double c3i = d02i - d13i;
                yr[b1 + t] = c1r * w1r - c1i * w1i;
                yi[b1 + t] = c1r * w1i + c1i * w1r;
                yr[b2 + t] = c2r * w2r - c2i * w2i;
                yi[b2 + t] = c2r * w2i + c2i * w2r;
                yr[b3 + t] = c3r * w3r - c3i * w3i;
                yi[b3 + t] = c3r * w3i + c3i * w3r;
            }
        }
    }

    /**
     * Odd prime radix p: with S_r = x_r + x_(p-r) and D_r = x_r - x_(p-r) (r = 1..h, h = (p-1)/2),
     * output k and p-k share A_k = x_0 + sum_r cos(2 pi r k / p) S_r and B_k = sum_r sin(...) D_r:
     * forward y_k = A_k - i B_k, y_(p-k) = A_k + i B_k (signs swap for the inverse).
     */
    private void generic(int p, double[] xr, double[] xi, int xo, double[] yr, double[] yi, int yo, int m,
            int w, int stage, boolean inv) {
        int h = (p - 1) / 2;
        int need = (4 * h + 4) * CHUNK;
        double[] g = GENERIC_SCRATCH.get();
        if (g == null || g.length < need) {
            g = new double[need];
            GENERIC_SCRATCH.set(g);
        }
        // layout of g: S_r re/im, D_r re/im for r = 1..h, then A re/im, B re/im
        final int oA = 4 * h * CHUNK;
        double[] cr = rootRe[stage];
        double[] ci = rootIm[stage];
        double[] tr = twRe[stage];
        double[] ti = twIm[stage];
        double sgn = inv ? -1 : 1;
        for (int j = 0; j < m; j++) {
            int b0 = yo + p * j * w;
            for (int t0 = 0; t0 < w; t0 += CHUNK) {
                int cnt = Math.min(CHUNK, w - t0);
                int a0 = xo + j * w + t0;
                for (int r = 1; r <= h; r++) {
                    int ar = xo + (j + r * m) * w + t0;
                    int aq = xo + (j + (p - r) * m) * w + t0;
                    int o = 4 * (r - 1) * CHUNK;
                    for (int t = 0; t < cnt; t++) {
                        double ur = xr[ar + t];
                        double ui = xi[ar + t];
                        double vr = xr[aq + t];
                        double vi = xi[aq + t];
                        g[o + t] = ur + vr;
                        g[o + CHUNK + t] = ui + vi;
                        g[o + 2 * CHUNK + t] = ur - vr;
                        g[o + 3 * CHUNK + t] = ui - vi;
                    }
                }
                // y_0 = x_0 + sum_r S_r (no twiddle: w^0 = 1)
                int y0 = b0 + t0;
                for (int t = 0; t < cnt; t++) {
                    yr[y0 + t] = xr[a0 + t];
                    yi[y0 + t] = xi[a0 + t];
                }
                for (int r = 1; r <= h; r++) {
                    int o = 4 * (r - 1) * CHUNK;
                    for (int t = 0; t < cnt; t++) {
                        yr[y0 + t] += g[o + t];
                        yi[y0 + t] += g[o + CHUNK + t];
                    }
                }
                for (int k = 1; k <= h; k++) {
                    for (int t = 0; t < cnt; t++) {
                        g[oA + t] = xr[a0 + t];
                        g[oA + CHUNK + t] = xi[a0 + t];
                        g[oA + 2 * CHUNK + t] = 0;
                        g[oA + 3 * CHUNK + t] = 0;
                    }
                    for (int r = 1; r <= h; r++) {
                        double c = cr[r * p + k];
                        double sn = ci[r * p + k];
                        int o = 4 * (r - 1) * CHUNK;
                        for (int t = 0; t < cnt; t++) {
                            g[oA + t] += c * g[o + t];
                            g[oA + CHUNK + t] += c * g[o + CHUNK + t];
                            g[oA + 2 * CHUNK + t] += sn * g[o + 2 * CHUNK + t];
                            g[oA + 3 * CHUNK + t] += sn * g[o + 3 * CHUNK + t];
                        }
                    }
                    double wkr = tr[j * p + k];
                    double wki = inv ? -ti[j * p + k] : ti[j * p + k];
                    double wqr = tr[j * p + p - k];
                    double wqi = inv ? -ti[j * p + p - k] : ti[j * p + p - k];
                    int yk = b0 + k * w + t0;
                    int yq = b0 + (p - k) * w + t0;
                    for (int t = 0; t < cnt; t++) {
                        double arr = g[oA + t];
                        double aii = g[oA + CHUNK + t];
                        // -i*sgn*B = sgn*(B_im, -B_re)
                        double br = sgn * g[oA + 3 * CHUNK + t];
                        double bi = -sgn * g[oA + 2 * CHUNK + t];
                        double ukr = arr + br;
                        double uki = aii + bi;
                        double uqr = arr - br;
                        double uqi = aii - bi;
                        yr[yk + t] = ukr * wkr - uki * wki;
                        yi[yk + t] = ukr * wki + uki * wkr;
                        yr[yq + t] = uqr * wqr - uqi * wqi;
                        yi[yq + t] = uqr * wqi + uqi * wqr;
                    }
                }
            }
        }
    }
}
