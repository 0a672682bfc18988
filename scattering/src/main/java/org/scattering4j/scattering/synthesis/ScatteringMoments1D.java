package org.scattering4j.scattering.synthesis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jtransforms.fft.DoubleFFT_1D;
import org.scattering4j.scattering.Scattering1D;
import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.scattering.filters.MorletFilterBank1D;
import org.scattering4j.util.Parallel;

/**
 * Scattering moments of a 1D signal with their gradient: the outputs of
 * {@code Scattering1D.builder(J, N).q(Q1, Q2).globalAveraging().build()} (Kymatio's {@code T='global'}),
 * i.e. for every path the sum over all padded samples of
 * <ul>
 * <li>order 0: the reflect-padded signal x;</li>
 * <li>order 1: {@code U1 = |x * psi1|} at resolution 2^-j1;</li>
 * <li>order 2: {@code U2 = ||x * psi1| * psi2|} at resolution 2^-j2 (pairs with j2 &gt; j1),</li>
 * </ul>
 * in Kymatio's channel order. Dividing by the padded length gives time averages; the moments here are
 * kept as sums so that they equal the library transform's outputs exactly (to rounding), which a test
 * checks.
 *
 * <p>The forward pass is written out step by step (reflect padding, FFT, multiplication by a real
 * Fourier filter and folding of its aliases = subsampling, inverse FFT, modulus, sum) so that the
 * vector-Jacobian product {@link #vjp} mirrors it: the adjoint of the sum is a constant, of the modulus
 * the multiplication by {@code z/|z|} (taken as 0 where {@code z = 0}, a subgradient), of an
 * unscaled inverse DFT the unscaled forward DFT, of folding the replication of the spectrum, of the
 * forward FFT of a real signal the real part of the unscaled inverse DFT, of reflect padding the
 * accumulation of every padded sample onto its source sample. The backward pass recomputes the
 * forward intermediates path by path instead of storing them, so memory stays at a few signal-sized
 * buffers per thread. Paths are spread over {@link Parallel#threads()} threads.
 *
 * <pre>{@code
 * ScatteringMoments1D m = new ScatteringMoments1D(10, 220500, 8, 1);
 * double[] s = m.moments(x);                 // equals Scattering1D global outputs
 * double[] grad = m.vjp(x, dLossdS);          // d<dLossdS, s>/dx
 * }</pre>
 */
public final class ScatteringMoments1D implements MomentMap {
    private final int n;
    private final int J;
    private final int q1;
    private final int q2;
    private final int L;
    private final int padLeft;
    private final CompactFilter[] psi1;         // [n1], length L
    private final int[] j1;                     // [n1]
    private final int[][] kids;                 // [n1] -> child indices q
    private final CompactFilter[][] psi2;       // [n1][q] the child's filter at level j1, length L >> j1
    private final int[][] k2;                   // [n1][q] j2 - j1
    private final int[][] channel;              // [n1][q] output index
    private final int[] sizeByOrder;
    private final int[] parent;
    private final int size;
    private final ConcurrentLinkedQueue<Work> idle = new ConcurrentLinkedQueue<>();

    /**
     * @param J  log2 of the largest scale, 1 &le; J &le; log2 N
     * @param n  signal length N &ge; 2
     * @param q1 first-order wavelets per octave &ge; 1
     * @param q2 second-order wavelets per octave &ge; 1
     */
    public ScatteringMoments1D(int J, int n, int q1, int q2) {
        if (n < 2) {
            throw new IllegalArgumentException("signal length N = " + n + " is out of range: need N >= 2");
        }
        int maxJ = MorletFilterBank1D.floorLog2(n);
        if (J < 1 || J > maxJ) {
            throw new IllegalArgumentException("J = " + J + " is out of range for N = " + n + ": need 1 <= J <= "
                    + maxJ);
        }
        if (q1 < 1 || q2 < 1) {
            throw new IllegalArgumentException("Q = (" + q1 + ", " + q2 + ") is out of range: need Q1, Q2 >= 1");
        }
        this.n = n;
        this.J = J;
        this.q1 = q1;
        this.q2 = q2;
        MorletFilterBank1D bank = MorletFilterBank1D.create(J, n, q1, q2, 1 << J);
        this.L = bank.paddedLength();
        this.padLeft = bank.padLeft();
        List<MorletFilterBank1D.Filter> p1 = bank.psi1();
        List<MorletFilterBank1D.Filter> p2 = bank.psi2();
        int c1 = p1.size();
        psi1 = new CompactFilter[c1];
        j1 = new int[c1];
        kids = new int[c1][];
        psi2 = new CompactFilter[c1][];
        k2 = new int[c1][];
        channel = new int[c1][];
        List<Integer> par = new ArrayList<>();
        int ch = 1 + c1;
        for (int a = 0; a < c1; a++) {
            j1[a] = p1.get(a).j();
            psi1[a] = CompactFilter.of(p1.get(a).level(0));
            List<Integer> list = new ArrayList<>();
            for (int b = 0; b < p2.size(); b++) {
                if (p2.get(b).j() > j1[a]) {
                    list.add(b);
                }
            }
            int k = list.size();
            kids[a] = new int[k];
            psi2[a] = new CompactFilter[k];
            k2[a] = new int[k];
            channel[a] = new int[k];
            for (int q = 0; q < k; q++) {
                MorletFilterBank1D.Filter f = p2.get(list.get(q));
                kids[a][q] = list.get(q);
                int r = j1[a];
                // levels beyond those Kymatio stores follow the same periodisation rule (as in Scattering1D)
                double[] lev = r < f.levelCount() ? f.level(r) : MorletFilterBank1D.periodize(f.level(0), r);
                psi2[a][q] = CompactFilter.of(lev);
                k2[a][q] = f.j() - j1[a];
                channel[a][q] = ch++;
                par.add(1 + a);
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

    /** The library transform whose outputs {@link #moments} reproduces. */
    public Scattering1D libraryTransform() {
        return Scattering1D.builder(J, n).q(q1, q2).globalAveraging().build();
    }

    @Override
    public int inputSize() {
        return n;
    }

    @Override
    public int[] sizeByOrder() {
        return sizeByOrder.clone();
    }

    @Override
    public int[] parent() {
        return parent.clone();
    }

    /** Padded length (a power of two); the moments are sums over this many samples at full resolution. */
    public int paddedLength() {
        return L;
    }

    /** Per-thread buffers (interleaved complex unless noted). */
    private final class Work {
        final double[] y = new double[2 * L];
        final double[] z1 = new double[2 * L];
        final double[] u1 = new double[2 * L];
        final double[] gu = new double[2 * L];
        final double[] z2 = new double[2 * L];
    }

    private Work acquire() {
        Work w = idle.poll();
        return w == null ? new Work() : w;
    }

    private void check(double[] x) {
        if (x == null || x.length != n) {
            throw new IllegalArgumentException("x.length = " + (x == null ? "null" : x.length)
                    + " does not match N = " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("x[" + i + "] = " + x[i] + ": samples must be finite");
            }
        }
    }

    /** Source index of padded sample i (NumPy 'reflect'). */
    private int source(int i) {
        int t = i - padLeft;
        if (t < 0) {
            t = -t;
        } else if (t >= n) {
            t = 2 * n - 2 - t;
        }
        return t;
    }

    /** Spectrum of the padded signal, interleaved complex of length L; returns it and its sum in s0[0]. */
    private double[] paddedSpectrum(double[] x, double[] s0) {
        double[] X = new double[2 * L];
        double total = 0;
        for (int i = 0; i < L; i++) {
            double v = x[source(i)];
            X[2 * i] = v;
            total += v;
        }
        s0[0] = total;
        Fft.plan(L).complexForward(X);
        return X;
    }

    /** z1 = IDFT(fold(X psi1)) / L at length m1, u1 = |z1| as a complex array with zero imaginary part. */
    private void firstOrder(double[] X, int a, Work w) {
        int m1 = L >> j1[a];
        psi1[a].multiplyFold(X, w.z1, m1);
        Fft.plan(m1).complexInverse(w.z1, false);
        double s = 1.0 / L;
        for (int t = 0; t < m1; t++) {
            double re = w.z1[2 * t] * s;
            double im = w.z1[2 * t + 1] * s;
            w.z1[2 * t] = re;
            w.z1[2 * t + 1] = im;
            w.u1[2 * t] = Math.sqrt(re * re + im * im);
            w.u1[2 * t + 1] = 0;
        }
    }

    /** z2 = IDFT(fold(U1hat psi2)) / m1 at length m2 into w.z2; returns the sum of |z2|. */
    private double secondOrder(double[] u1hat, int a, int q, Work w) {
        int m1 = L >> j1[a];
        int m2 = m1 >> k2[a][q];
        psi2[a][q].multiplyFold(u1hat, w.z2, m2);
        Fft.plan(m2).complexInverse(w.z2, false);
        double s = 1.0 / m1;
        double sum = 0;
        for (int t = 0; t < m2; t++) {
            double re = w.z2[2 * t] * s;
            double im = w.z2[2 * t + 1] * s;
            w.z2[2 * t] = re;
            w.z2[2 * t + 1] = im;
            sum += Math.sqrt(re * re + im * im);
        }
        return sum;
    }

    @Override
    public double[] moments(double[] x) {
        check(x);
        double[] s0 = new double[1];
        double[] X = paddedSpectrum(x, s0);
        double[] out = new double[size];
        out[0] = s0[0];
        List<Work> used = new ArrayList<>();
        try {
            Parallel.forEach(psi1.length, () -> {
                Work w = acquire();
                synchronized (used) {
                    used.add(w);
                }
                return w;
            }, (a, w) -> {
                firstOrder(X, a, w);
                int m1 = L >> j1[a];
                double s1 = 0;
                for (int t = 0; t < m1; t++) {
                    s1 += w.u1[2 * t];
                }
                out[1 + a] = s1;
                if (kids[a].length == 0) {
                    return;
                }
                Fft.plan(m1).complexForward(w.u1);
                for (int q = 0; q < kids[a].length; q++) {
                    out[channel[a][q]] = secondOrder(w.u1, a, q, w);
                }
            });
        } finally {
            idle.addAll(used);
        }
        return out;
    }

    @Override
    public double[] vjp(double[] x, double[] g) {
        if (g == null || g.length != size) {
            throw new IllegalArgumentException("g.length = " + (g == null ? "null" : g.length)
                    + " does not match the number of moments " + size);
        }
        double[] gx = new double[n];
        momentsAndVjp(x, m -> g, gx);
        return gx;
    }

    /**
     * One forward pass keeping every path's intermediates (z1, U1^ and the z2 of its children: about
     * 4 complex signal-sized arrays in all), then the backward pass on them: the moments cost nothing
     * beyond what the gradient needs.
     */
    @Override
    public double[] momentsAndVjp(double[] x, java.util.function.Function<double[], double[]> cotangent,
            double[] gradient) {
        check(x);
        if (gradient == null || gradient.length != n) {
            throw new IllegalArgumentException("gradient.length = " + (gradient == null ? "null" : gradient.length)
                    + " does not match N = " + n);
        }
        double[] s0 = new double[1];
        double[] X = paddedSpectrum(x, s0);
        double[] out = new double[size];
        out[0] = s0[0];
        PathCache[] cache = new PathCache[psi1.length];
        List<Work> used = new ArrayList<>();
        double[][] local = new double[psi1.length][];
        try {
            Parallel.forEach(psi1.length, () -> {
                Work w = acquire();
                synchronized (used) {
                    used.add(w);
                }
                return w;
            }, (a, w) -> cache[a] = forwardPath(X, a, out));
            double[] g = cotangent.apply(out.clone());
            if (g == null || g.length != size) {
                throw new IllegalArgumentException("cotangent length " + (g == null ? "null" : g.length)
                        + " does not match the number of moments " + size);
            }
            Parallel.forEach(psi1.length, () -> {
                Work w = acquire();
                synchronized (used) {
                    used.add(w);
                }
                return w;
            }, (a, w) -> {
                local[a] = new double[2 * psi1[a].supportLength()];
                backwardPath(cache[a], a, g, w, local[a]);
                cache[a] = null;
            });
            // Contributions are summed in path order, so the result does not depend on the threads.
            double[] gX = new double[2 * L];
            for (int a = 0; a < psi1.length; a++) {
                psi1[a].addLocal(local[a], gX);
                local[a] = null;
            }
            // gradient w.r.t. the padded spectrum -> padded signal: Re(unscaled IDFT)
            Fft.plan(L).complexInverse(gX, false);
            java.util.Arrays.fill(gradient, 0.0);
            for (int i = 0; i < L; i++) {
                gradient[source(i)] += gX[2 * i] + g[0];
            }
            return out;
        } finally {
            idle.addAll(used);
        }
    }

    /** Forward intermediates of one first-order path and its children. */
    private static final class PathCache {
        double[] z1;        // x * psi1 at resolution 2^-j1 (scaled), interleaved
        double[] u1hat;     // DFT of |z1|, interleaved (only with children)
        double[][] z2;      // [q] U1 * psi2 at resolution 2^-j2 (scaled), interleaved
    }

    /** Forward pass of path a (writes its moments into out) keeping what the backward pass needs. */
    private PathCache forwardPath(double[] X, int a, double[] out) {
        int m1 = L >> j1[a];
        PathCache c = new PathCache();
        double[] z1 = new double[2 * m1];
        psi1[a].multiplyFold(X, z1, m1);
        Fft.plan(m1).complexInverse(z1, false);
        double s = 1.0 / L;
        double[] u = kids[a].length > 0 ? new double[2 * m1] : null;
        double s1 = 0;
        for (int t = 0; t < m1; t++) {
            double re = z1[2 * t] * s;
            double im = z1[2 * t + 1] * s;
            z1[2 * t] = re;
            z1[2 * t + 1] = im;
            double r = Math.sqrt(re * re + im * im);
            s1 += r;
            if (u != null) {
                u[2 * t] = r;
            }
        }
        out[1 + a] = s1;
        c.z1 = z1;
        if (u == null) {
            return c;
        }
        Fft.plan(m1).complexForward(u);
        c.u1hat = u;
        c.z2 = new double[kids[a].length][];
        double s2 = 1.0 / m1;
        for (int q = 0; q < kids[a].length; q++) {
            int m2 = m1 >> k2[a][q];
            double[] z2 = new double[2 * m2];
            psi2[a][q].multiplyFold(u, z2, m2);
            Fft.plan(m2).complexInverse(z2, false);
            double sum = 0;
            for (int t = 0; t < m2; t++) {
                double re = z2[2 * t] * s2;
                double im = z2[2 * t + 1] * s2;
                z2[2 * t] = re;
                z2[2 * t + 1] = im;
                sum += Math.sqrt(re * re + im * im);
            }
            out[channel[a][q]] = sum;
            c.z2[q] = z2;
        }
        return c;
    }

    /**
     * Path a's contribution (order 1 and its order-2 children) to the gradient w.r.t. X, written
     * support-local into {@code local}; consumes (overwrites) the cache.
     */
    private void backwardPath(PathCache c, int a, double[] g, Work w, double[] local) {
        int m1 = L >> j1[a];
        double[] gu = w.gu;
        java.util.Arrays.fill(gu, 0, 2 * m1, 0.0);
        if (kids[a].length > 0) {
            for (int q = 0; q < kids[a].length; q++) {
                int m2 = m1 >> k2[a][q];
                double gs = g[channel[a][q]];
                double[] z = c.z2[q];
                // d|z|/dz = z/|z| (0 at z = 0), times the scale 1/m1 of the inverse DFT, written in place
                for (int t = 0; t < m2; t++) {
                    double re = z[2 * t];
                    double im = z[2 * t + 1];
                    double r = Math.sqrt(re * re + im * im);
                    double f = r > 0 ? gs / (r * m1) : 0.0;
                    z[2 * t] = re * f;
                    z[2 * t + 1] = im * f;
                }
                Fft.plan(m2).complexForward(z);
                psi2[a][q].unfoldMultiplyAdd(z, m2, gu);
            }
            // adjoint of U1hat = FFT(u1), u1 real: Re(unscaled IDFT)
            Fft.plan(m1).complexInverse(gu, false);
        }
        double g1 = g[1 + a];
        double[] z = c.z1;
        for (int t = 0; t < m1; t++) {
            double re = z[2 * t];
            double im = z[2 * t + 1];
            double r = Math.sqrt(re * re + im * im);
            double f = r > 0 ? (gu[2 * t] + g1) / (r * L) : 0.0;
            z[2 * t] = re * f;
            z[2 * t + 1] = im * f;
        }
        Fft.plan(m1).complexForward(z);
        psi1[a].unfoldMultiplyLocal(z, m1, local);
    }

    /** Number of first-order paths. */
    public int firstOrderCount() {
        return psi1.length;
    }
}
