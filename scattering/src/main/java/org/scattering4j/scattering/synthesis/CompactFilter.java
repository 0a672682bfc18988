package org.scattering4j.scattering.synthesis;

/**
 * A real Fourier filter of length {@code n} stored only on the circular interval where it is not
 * negligible: {@code f[(lo + i) mod n] = v[i]}, zero elsewhere. Values at most {@code 1e-17} times
 * the filter's peak are dropped (Gaussian tails; they change no moment by more than ~1e-16 relative),
 * which keeps a Q = 8 bank on a 2^18 grid at a few megabytes instead of hundreds.
 */
final class CompactFilter {
    final int n;
    final int lo;
    final double[] v;

    private CompactFilter(int n, int lo, double[] v) {
        this.n = n;
        this.lo = lo;
        this.v = v;
    }

    static CompactFilter of(double[] f) {
        int n = f.length;
        double max = 0;
        for (double x : f) {
            max = Math.max(max, Math.abs(x));
        }
        double thr = 1e-17 * max;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (Math.abs(f[i]) > thr) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return new CompactFilter(n, 0, new double[0]);
        }
        // longest circular run of negligible values, searched from a significant index
        int bestLen = 0;
        int bestStart = 0;
        int run = 0;
        int runStart = 0;
        for (int s = 1; s <= n; s++) {
            int i = (first + s) % n;
            if (s == n || Math.abs(f[i]) > thr) {
                if (run > bestLen) {
                    bestLen = run;
                    bestStart = runStart;
                }
                run = 0;
            } else {
                if (run == 0) {
                    runStart = i;
                }
                run++;
            }
        }
        int lo = bestLen == 0 ? 0 : (bestStart + bestLen) % n;
        int len = n - bestLen;
        double[] v = new double[len];
        for (int i = 0; i < len; i++) {
            v[i] = f[(lo + i) % n];
        }
        return new CompactFilter(n, lo, v);
    }

    /**
     * Multiply-and-fold: {@code out[m] = sum_a X[m + a outLen] f[m + a outLen]} for interleaved
     * complex X of length n; out is interleaved of length outLen (a divisor of n), overwritten.
     */
    void multiplyFold(double[] x, double[] out, int outLen) {
        java.util.Arrays.fill(out, 0, 2 * outLen, 0.0);
        for (int i = 0; i < v.length; i++) {
            int k = lo + i;
            if (k >= n) {
                k -= n;
            }
            int m = k % outLen;
            double g = v[i];
            out[2 * m] += x[2 * k] * g;
            out[2 * m + 1] += x[2 * k + 1] * g;
        }
    }

    /**
     * Adjoint of {@link #multiplyFold}: {@code acc[k] += f[k] g[k mod gLen]} (replication of the
     * folded gradient, then the real filter), interleaved complex, acc of length n.
     */
    void unfoldMultiplyAdd(double[] g, int gLen, double[] acc) {
        for (int i = 0; i < v.length; i++) {
            int k = lo + i;
            if (k >= n) {
                k -= n;
            }
            int m = k % gLen;
            double f = v[i];
            acc[2 * k] += g[2 * m] * f;
            acc[2 * k + 1] += g[2 * m + 1] * f;
        }
    }

    /**
     * Like {@link #unfoldMultiplyAdd} but into a support-local array: {@code dst[2i], dst[2i+1]} is the
     * value at index {@code lo + i}; dst has length {@code 2 v.length} and is overwritten.
     */
    void unfoldMultiplyLocal(double[] g, int gLen, double[] dst) {
        for (int i = 0; i < v.length; i++) {
            int k = lo + i;
            if (k >= n) {
                k -= n;
            }
            int m = k % gLen;
            double f = v[i];
            dst[2 * i] = g[2 * m] * f;
            dst[2 * i + 1] = g[2 * m + 1] * f;
        }
    }

    /** Adds a support-local array (see {@link #unfoldMultiplyLocal}) into a full-length interleaved array. */
    void addLocal(double[] local, double[] acc) {
        for (int i = 0; i < v.length; i++) {
            int k = lo + i;
            if (k >= n) {
                k -= n;
            }
            acc[2 * k] += local[2 * i];
            acc[2 * k + 1] += local[2 * i + 1];
        }
    }

    int supportLength() {
        return v.length;
    }
}
