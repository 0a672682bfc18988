package org.scattering4j.scattering;

import java.util.ArrayList;
import java.util.List;
import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.scattering.filters.MorletFilterBank1D;

/**
 * A slow, obvious 1D scattering transform for small N: filters brought to the time domain by a
 * direct DFT, naive circular convolutions, decimation by keeping every k-th sample, modulus, and
 * the same padding/cropping rules written out from conventions.md. It shares nothing with the fast
 * path except the Fourier-domain filters at level 0 (which are tested against Kymatio separately).
 */
final class Scattering1DSlowTwin {
    private Scattering1DSlowTwin() {
    }

    /** Returns {@code [channel][time]} in Kymatio's channel order. */
    static double[][] transform(Scattering1D s, double[] x) {
        MorletFilterBank1D bank = s.filterBank();
        int n = x.length;
        int L = bank.paddedLength();
        int padLeft = bank.padLeft();
        boolean global = s.isGlobal();
        int sLog = global ? -1 : Integer.numberOfTrailingZeros(s.stride());

        // numpy 'reflect' padding, written as the three pieces
        double[] xp = new double[L];
        for (int i = 0; i < padLeft; i++) {
            xp[i] = x[padLeft - i];
        }
        System.arraycopy(x, 0, xp, padLeft, n);
        for (int i = padLeft + n, r = 2; i < L; i++, r++) {
            xp[i] = x[n - r];
        }
        double[][] xpc = {xp, new double[L]};

        double[][] phiT = timeFilter(bank.phi().level(0));
        List<MorletFilterBank1D.Filter> p1 = bank.psi1();
        List<MorletFilterBank1D.Filter> p2 = bank.psi2();

        int start = padLeft;
        int end = padLeft + n;
        for (int i = 0; i < Math.max(sLog, 0); i++) {
            start = (int) Math.ceil(start / 2.0);
            end = (int) Math.ceil(end / 2.0);
        }
        List<double[]> order0 = new ArrayList<>();
        List<double[]> order1 = new ArrayList<>();
        List<double[]> order2 = new ArrayList<>();
        if (global) {
            order0.add(new double[] {sum(xp)});
        } else {
            order0.add(crop(re(decimate(conv(xpc, atLevel(phiT, 0)), 1 << sLog)), start, end));
        }
        for (MorletFilterBank1D.Filter f1 : p1) {
            int j1 = f1.j();
            int k1 = global ? j1 : Math.min(j1, sLog);
            double[] u1 = abs(decimate(conv(xpc, atLevel(timeFilter(f1.level(0)), 0)), 1 << k1));
            if (global) {
                order1.add(new double[] {sum(u1)});
            } else {
                double[][] y = decimate(conv(complex(u1), atLevel(phiT, k1)), 1 << (sLog - k1));
                order1.add(crop(re(y), start, end));
            }
            if (s.maxOrder() < 2) {
                continue;
            }
            for (MorletFilterBank1D.Filter f2 : p2) {
                int j2 = f2.j();
                if (j2 <= j1) {
                    continue;
                }
                int k2 = global ? j2 - j1 : Math.max(Math.min(j2, sLog) - k1, 0);
                double[] u2 = abs(decimate(conv(complex(u1), atLevel(timeFilter(f2.level(0)), k1)), 1 << k2));
                if (global) {
                    order2.add(new double[] {sum(u2)});
                } else {
                    double[][] y = decimate(conv(complex(u2), atLevel(phiT, k1 + k2)), 1 << (sLog - k1 - k2));
                    order2.add(crop(re(y), start, end));
                }
            }
        }
        List<double[]> all = new ArrayList<>(order0);
        all.addAll(order1);
        all.addAll(order2);
        return all.toArray(new double[0][]);
    }

    /** Complex time-domain filter {re, im} = naive inverse DFT of a real spectrum. */
    static double[][] timeFilter(double[] hat) {
        int L = hat.length;
        double[] z = new double[2 * L];
        for (int k = 0; k < L; k++) {
            z[2 * k] = hat[k];
        }
        double[] t = Fft.naiveDft(z, L, true);
        double[][] r = new double[2][L];
        for (int i = 0; i < L; i++) {
            r[0][i] = t[2 * i];
            r[1][i] = t[2 * i + 1];
        }
        return r;
    }

    /** Level-r filter in time: 2^r h[2^r t] (the inverse DFT of the sum of 2^r aliases). */
    static double[][] atLevel(double[][] h, int r) {
        int len = h[0].length >> r;
        double[][] g = new double[2][len];
        for (int t = 0; t < len; t++) {
            g[0][t] = (1 << r) * h[0][t << r];
            g[1][t] = (1 << r) * h[1][t << r];
        }
        return g;
    }

    /** Circular convolution (u * g)[t] = sum_tau u[tau] g[(t - tau) mod M]. */
    static double[][] conv(double[][] u, double[][] g) {
        int m = u[0].length;
        if (g[0].length != m) {
            throw new IllegalStateException("length mismatch " + m + " vs " + g[0].length);
        }
        double[][] r = new double[2][m];
        for (int t = 0; t < m; t++) {
            double re = 0;
            double im = 0;
            for (int tau = 0; tau < m; tau++) {
                int i = t - tau;
                if (i < 0) {
                    i += m;
                }
                re += u[0][tau] * g[0][i] - u[1][tau] * g[1][i];
                im += u[0][tau] * g[1][i] + u[1][tau] * g[0][i];
            }
            r[0][t] = re;
            r[1][t] = im;
        }
        return r;
    }

    static double[][] decimate(double[][] y, int k) {
        int m = y[0].length / k;
        double[][] r = new double[2][m];
        for (int t = 0; t < m; t++) {
            r[0][t] = y[0][t * k];
            r[1][t] = y[1][t * k];
        }
        return r;
    }

    static double[] abs(double[][] y) {
        double[] r = new double[y[0].length];
        for (int t = 0; t < r.length; t++) {
            r[t] = Math.hypot(y[0][t], y[1][t]);
        }
        return r;
    }

    static double[] re(double[][] y) {
        return y[0];
    }

    static double[][] complex(double[] u) {
        return new double[][] {u, new double[u.length]};
    }

    static double[] crop(double[] y, int start, int end) {
        return java.util.Arrays.copyOfRange(y, start, end);
    }

    static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }
}
