package org.scattering4j.scattering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jtransforms.fft.DoubleFFT_1D;
import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.scattering.filters.MorletFilterBank1D;
import org.scattering4j.util.NdArray;
import org.scattering4j.util.Parallel;

/**
 * The 1D wavelet scattering transform, numerically compatible with Kymatio's {@code Scattering1D}
 * (branch {@code main}, 0.4.0.dev0; see section 1 of the project's {@code conventions.md}).
 *
 * <p>For a real signal x of length N the transform returns, for every path, the low-passed modulus
 * cascade {@code S0 = x * phi}, {@code S1 = |x * psi1| * phi}, {@code S2 = ||x * psi1| * psi2| * phi},
 * subsampled by {@code stride} and cropped to the unpadded signal. The signal is first padded by
 * reflection (NumPy's {@code 'reflect'}) to a power of two; all convolutions are circular on that
 * padded length and are done in the Fourier domain, each path at the coarsest resolution its filters
 * allow. With global averaging the low-pass is replaced by a plain sum of every path over all its
 * samples (padding included), as Kymatio does for {@code T='global'}.
 *
 * <p>Channels are ordered as Kymatio orders them: order 0, then order 1 by n1 (high to low frequency),
 * then order 2 by (n1, n2) for the pairs with j2 &gt; j1. {@link #meta()} describes each channel.
 *
 * <p>Objects are immutable and thread-safe: the filter bank is built once in the constructor and only
 * read afterwards; every call gets its own work buffers. A batch is spread over
 * {@link Parallel#threads()} threads, one set of buffers per thread. Input arrays are never modified.
 *
 * <pre>{@code
 * Scattering1D s = new Scattering1D(6, 4096, 8);          // J = 6, N = 4096, Q = 8 (Q2 = 1)
 * double[][] S = s.transform(x);                           // [126 channels][64 time steps]
 * NdArray Sb = s.transform(batch);                         // batch double[B][4096] -> [B][126][64]
 * Scattering1D g = Scattering1D.builder(6, 4096).q(8, 2).globalAveraging().build();
 * }</pre>
 *
 * <p>The forward pass is a chain of linear steps (reflect padding, FFT, multiplication by a real
 * Fourier filter with folding of aliases, inverse FFT, cropping) and moduli; each step is a small
 * static method here so a vector-Jacobian product can be written beside it step by step (the adjoint
 * of folding is replication of the spectrum divided by the fold factor, of the padding the
 * accumulation of reflected samples, of the modulus the multiplication by the phase).
 */
public final class Scattering1D {
    private final int J;
    private final int shape;
    private final int q1;
    private final int q2;
    private final int T;
    private final int log2T;
    private final boolean global;
    private final int maxOrder;
    private final int stride;
    private final int logStride;
    private final MorletFilterBank1D bank;

    private final int paddedLength;
    private final int padLeft;
    private final int padRight;
    private final int[] indStart;
    private final int[] indEnd;
    private final int outStart;
    private final int outLength;
    private final int channels;
    private final int[] sizeByOrder;

    // Filters as the transform reads them (copies of the bank's levels, never modified).
    private final Band[] phiHat;              // [level], length L >> level
    private final Band[] psi1Hat;             // [n1], length L
    private final Band[][] psi2Hat;           // [n2][level], length L >> level (only the levels used)
    private final int[] k1;                   // per n1: log2 of the subsampling of U1
    private final int[][] children;           // per n1: the n2 with j2 > j1, ascending
    private final int[][] childK2;            // per n1 and child: extra log2 subsampling of U2
    private final int[][] childChannel;       // per n1 and child: output channel
    private final List<Channel> meta;
    /** Idle workspaces kept for reuse between calls (bounded); a cache, not state. */
    private final ConcurrentLinkedQueue<Workspace> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private static final int MAX_IDLE = 16;

    /** {@code Scattering1D(J, shape, Q=1)} with Kymatio's other defaults. */
    public Scattering1D(int J, int shape) {
        this(new Builder(J, shape));
    }

    /** {@code Scattering1D(J, shape, Q)}: Q first-order wavelets per octave, one per octave at order 2. */
    public Scattering1D(int J, int shape, int Q) {
        this(new Builder(J, shape).q(Q));
    }

    /** Starts a builder for the less common parameters ((Q1, Q2), T, global averaging, order, stride). */
    public static Builder builder(int J, int shape) {
        return new Builder(J, shape);
    }

    /**
     * Parameters of a {@link Scattering1D}, with Kymatio's defaults: Q = (1, 1), T = 2^J, max order 2,
     * stride = 2^floor(log2 T).
     */
    public static final class Builder {
        private final int J;
        private final int shape;
        private int q1 = 1;
        private int q2 = 1;
        private Integer T;
        private boolean global;
        private int maxOrder = 2;
        private Integer stride;

        private Builder(int J, int shape) {
            this.J = J;
            this.shape = shape;
        }

        /** Q first-order wavelets per octave; second order keeps 1 (Kymatio's integer Q). */
        public Builder q(int q) {
            this.q1 = q;
            this.q2 = 1;
            return this;
        }

        /** Wavelets per octave at order 1 and order 2 (Kymatio's tuple Q). */
        public Builder q(int q1, int q2) {
            this.q1 = q1;
            this.q2 = q2;
            return this;
        }

        /** Local averaging over T samples (1 &le; T &le; N); replaces global averaging. */
        public Builder T(int T) {
            this.T = T;
            this.global = false;
            return this;
        }

        /** Kymatio's {@code T='global'}: every path summed over time, one output sample. */
        public Builder globalAveraging() {
            this.global = true;
            this.T = null;
            return this;
        }

        /** 1 or 2. */
        public Builder maxOrder(int maxOrder) {
            this.maxOrder = maxOrder;
            return this;
        }

        /** Output subsampling, a power of two, at most 2^floor(log2 T); not with global averaging. */
        public Builder stride(int stride) {
            this.stride = stride;
            return this;
        }

        public Scattering1D build() {
            return new Scattering1D(this);
        }
    }

    private Scattering1D(Builder b) {
        // ---- validation (messages name the parameter, the value and the allowed range)
        if (b.shape < 2) {
            throw new IllegalArgumentException("shape N = " + b.shape + " is out of range: need N >= 2");
        }
        int maxJ = MorletFilterBank1D.floorLog2(b.shape);
        if (b.J < 1 || b.J > maxJ) {
            throw new IllegalArgumentException("J = " + b.J + " is out of range for shape N = " + b.shape
                    + ": need 1 <= J <= " + maxJ + " (2^J <= N)");
        }
        if (b.q1 < 1) {
            throw new IllegalArgumentException("Q1 = " + b.q1 + " is out of range: need Q1 >= 1");
        }
        if (b.q2 < 1) {
            throw new IllegalArgumentException("Q2 = " + b.q2 + " is out of range: need Q2 >= 1");
        }
        if (b.T != null && (b.T < 1 || b.T > b.shape)) {
            throw new IllegalArgumentException("T = " + b.T + " is out of range for shape N = " + b.shape
                    + ": need 1 <= T <= " + b.shape);
        }
        if (b.maxOrder != 1 && b.maxOrder != 2) {
            throw new IllegalArgumentException("maxOrder = " + b.maxOrder + " is out of range: need 1 or 2");
        }
        this.J = b.J;
        this.shape = b.shape;
        this.q1 = b.q1;
        this.q2 = b.q2;
        this.global = b.global;
        this.T = b.global || b.T == null ? 1 << b.J : b.T;
        this.log2T = MorletFilterBank1D.floorLog2(T);
        this.maxOrder = b.maxOrder;
        if (b.stride != null) {
            if (global) {
                throw new IllegalArgumentException("stride = " + b.stride
                        + " is not allowed with global averaging (the output has one sample per channel)");
            }
            int st = b.stride;
            if (st < 1 || (st & (st - 1)) != 0 || st > (1 << log2T)) {
                throw new IllegalArgumentException("stride = " + st + " is out of range: need a power of two in [1, "
                        + (1 << log2T) + "] (2^floor(log2 T), T = " + T + ")");
            }
            this.stride = st;
        } else {
            this.stride = global ? 0 : 1 << log2T;
        }
        this.logStride = global ? -1 : MorletFilterBank1D.floorLog2(stride);

        // ---- filters and geometry
        this.bank = MorletFilterBank1D.create(J, shape, q1, q2, T);
        this.paddedLength = bank.paddedLength();
        this.padLeft = bank.padLeft();
        this.padRight = bank.padRight();
        int levels = Math.max(log2T, J) + 1;
        this.indStart = new int[levels];
        this.indEnd = new int[levels];
        int i0 = padLeft;
        int i1 = padLeft + shape;
        for (int r = 0; r < levels; r++) {
            indStart[r] = i0;
            indEnd[r] = i1;
            i0 = (i0 + 1) / 2;
            i1 = (i1 + 1) / 2;
        }
        if (global) {
            outStart = 0;
            outLength = 1;
        } else {
            outStart = indStart[logStride];
            outLength = indEnd[logStride] - indStart[logStride];
        }

        List<MorletFilterBank1D.Filter> p1 = bank.psi1();
        List<MorletFilterBank1D.Filter> p2 = bank.psi2();
        int n1Count = p1.size();
        int n2Count = p2.size();
        psi1Hat = new Band[n1Count];
        k1 = new int[n1Count];
        children = new int[n1Count][];
        childK2 = new int[n1Count][];
        childChannel = new int[n1Count][];
        int[] psi2Levels = new int[n2Count];
        int channel = 1 + n1Count;
        for (int n1 = 0; n1 < n1Count; n1++) {
            int j1 = p1.get(n1).j();
            psi1Hat[n1] = new Band(p1.get(n1).level(0));
            k1[n1] = global ? j1 : Math.min(j1, logStride);
            List<Integer> kids = new ArrayList<>();
            if (maxOrder >= 2) {
                for (int n2 = 0; n2 < n2Count; n2++) {
                    if (p2.get(n2).j() > j1) {
                        kids.add(n2);
                    }
                }
            }
            children[n1] = new int[kids.size()];
            childK2[n1] = new int[kids.size()];
            childChannel[n1] = new int[kids.size()];
            for (int q = 0; q < kids.size(); q++) {
                int n2 = kids.get(q);
                int j2 = p2.get(n2).j();
                children[n1][q] = n2;
                childK2[n1][q] = global ? j2 - j1 : Math.max(Math.min(j2, logStride) - k1[n1], 0);
                childChannel[n1][q] = channel++;
                psi2Levels[n2] = Math.max(psi2Levels[n2], k1[n1] + 1);
            }
        }
        this.channels = channel;
        this.sizeByOrder = maxOrder == 1 ? new int[] {1, n1Count} : new int[] {1, n1Count, channel - 1 - n1Count};
        psi2Hat = new Band[n2Count][];
        for (int n2 = 0; n2 < n2Count; n2++) {
            psi2Hat[n2] = new Band[psi2Levels[n2]];
            MorletFilterBank1D.Filter f = p2.get(n2);
            for (int r = 0; r < psi2Levels[n2]; r++) {
                // Kymatio stores at most min(maxj1, j2, 1 + log2 T) levels; a level beyond those (only
                // reachable with Q2 > Q1) is derived by the same summing rule.
                psi2Hat[n2][r] = new Band(r < f.levelCount() ? f.level(r)
                        : MorletFilterBank1D.periodize(f.level(0), r));
            }
        }
        int phiLevels = global ? 0 : logStride + 1;
        MorletFilterBank1D.Filter phi = bank.phi();
        phiHat = new Band[phiLevels];
        for (int r = 0; r < phiLevels; r++) {
            phiHat[r] = new Band(r < phi.levelCount() ? phi.level(r) : MorletFilterBank1D.periodize(phi.level(0), r));
        }
        this.meta = buildMeta(p1, p2);
    }

    // ------------------------------------------------------------------------------------------------
    // Meta

    /**
     * Description of one output channel, as in Kymatio's {@code meta()}: the order, the key (n1) or
     * (n1, n2), and per order the filter index {@code n}, centre frequency {@code xi} (cycles/sample),
     * width {@code sigma} and subsampling exponent {@code j}; entries beyond the channel's order are NaN.
     */
    public static final class Channel {
        private final int order;
        private final int[] key;
        private final double[] n;
        private final double[] xi;
        private final double[] sigma;
        private final double[] j;

        Channel(int order, int[] key, double[] n, double[] xi, double[] sigma, double[] j) {
            this.order = order;
            this.key = key;
            this.n = n;
            this.xi = xi;
            this.sigma = sigma;
            this.j = j;
        }

        public int order() {
            return order;
        }

        /** The filter indices of the path: {@code []}, {@code [n1]} or {@code [n1, n2]}. */
        public int[] key() {
            return key.clone();
        }

        /** Length maxOrder; NaN beyond the channel's order. */
        public double[] n() {
            return n.clone();
        }

        public double[] xi() {
            return xi.clone();
        }

        public double[] sigma() {
            return sigma.clone();
        }

        public double[] j() {
            return j.clone();
        }

        @Override
        public String toString() {
            return "Channel{order=" + order + ", key=" + Arrays.toString(key) + "}";
        }
    }

    private List<Channel> buildMeta(List<MorletFilterBank1D.Filter> p1, List<MorletFilterBank1D.Filter> p2) {
        List<Channel> m = new ArrayList<>(channels);
        m.add(channel(new int[0], p1, p2));
        for (int a = 0; a < p1.size(); a++) {
            m.add(channel(new int[] {a}, p1, p2));
        }
        for (int a = 0; a < p1.size(); a++) {
            for (int b : children[a]) {
                m.add(channel(new int[] {a, b}, p1, p2));
            }
        }
        return Collections.unmodifiableList(m);
    }

    private Channel channel(int[] key, List<MorletFilterBank1D.Filter> p1, List<MorletFilterBank1D.Filter> p2) {
        double[] n = new double[maxOrder];
        double[] xi = new double[maxOrder];
        double[] sigma = new double[maxOrder];
        double[] j = new double[maxOrder];
        Arrays.fill(n, Double.NaN);
        Arrays.fill(xi, Double.NaN);
        Arrays.fill(sigma, Double.NaN);
        Arrays.fill(j, Double.NaN);
        for (int o = 0; o < key.length; o++) {
            MorletFilterBank1D.Filter f = (o == 0 ? p1 : p2).get(key[o]);
            n[o] = key[o];
            xi[o] = f.xi();
            sigma[o] = f.sigma();
            j[o] = f.j();
        }
        return new Channel(key.length, key, n, xi, sigma, j);
    }

    /** One description per output channel, in output order (unmodifiable). */
    public List<Channel> meta() {
        return meta;
    }

    /**
     * The meta as JSON-ready maps (the {@code channels} array of the reference meta files): keys
     * {@code index, order, key, n, j, xi, sigma}; NaN entries are {@code null}.
     */
    public List<Map<String, Object>> metaJson() {
        List<Map<String, Object>> out = new ArrayList<>(channels);
        for (int c = 0; c < channels; c++) {
            Channel ch = meta.get(c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", c);
            m.put("order", ch.order);
            List<Object> key = new ArrayList<>();
            for (int k : ch.key) {
                key.add(k);
            }
            m.put("key", key);
            m.put("n", nullable(ch.n));
            m.put("j", nullable(ch.j));
            m.put("xi", nullable(ch.xi));
            m.put("sigma", nullable(ch.sigma));
            out.add(m);
        }
        return out;
    }

    private static List<Object> nullable(double[] a) {
        List<Object> l = new ArrayList<>(a.length);
        for (double v : a) {
            l.add(Double.isNaN(v) ? null : (Object) v);
        }
        return l;
    }

    // ------------------------------------------------------------------------------------------------
    // Transform

    /**
     * Work buffers and FFT plans of one thread; never used by two threads at once. Sizes: packed real
     * spectra need their length, complex arrays twice theirs.
     */
    private final class Workspace {
        final double[] xhat = new double[paddedLength];
        final double[] y = new double[2 * paddedLength];
        final double[] u = new double[paddedLength];
        final double[] u2 = new double[paddedLength];
        final double[] low = new double[2 * (global ? 1 : paddedLength >> logStride)];
        final double[] lowHalf = new double[global ? 1 : paddedLength >> logStride];
        final DoubleFFT_1D[] plans = new DoubleFFT_1D[31];

        /**
         * The plan for length n, owned by this workspace: workspaces are pooled and may move between
         * threads, so they must not use the per-thread plans of {@link Fft}. (The bank's construction has
         * already run {@link Fft}'s static set-up, which switches JTransforms' own threading off.)
         */
        DoubleFFT_1D plan(int n) {
            int l = MorletFilterBank1D.floorLog2(n);
            DoubleFFT_1D p = plans[l];
            if (p == null) {
                p = new DoubleFFT_1D(n);
                plans[l] = p;
            }
            return p;
        }
    }

    /**
     * Transforms one signal of length N.
     *
     * @param x input, length N, finite values; not modified
     * @return a new array {@code [channel][time]} of shape {@code [outputSize()][outputLength()]}
     */
    public double[][] transform(double[] x) {
        if (x == null || x.length != shape) {
            throw new IllegalArgumentException("x.length = " + (x == null ? "null" : x.length)
                    + " does not match shape N = " + shape);
        }
        checkFinite(x, 0, "x", -1);
        double[] flat = new double[channels * outLength];
        Workspace w = acquire();
        forward(x, 0, flat, 0, w);
        release(w);
        double[][] out = new double[channels][];
        for (int c = 0; c < channels; c++) {
            out[c] = Arrays.copyOfRange(flat, c * outLength, (c + 1) * outLength);
        }
        return out;
    }

    /**
     * Transforms a batch of signals on all threads.
     *
     * @param batch {@code [B][N]}, finite values; not modified
     * @return shape {@code [B, outputSize(), outputLength()]}, C order (batch, channel, time)
     */
    public NdArray transform(double[][] batch) {
        if (batch == null) {
            throw new IllegalArgumentException("batch is null");
        }
        for (int b = 0; b < batch.length; b++) {
            if (batch[b] == null || batch[b].length != shape) {
                throw new IllegalArgumentException("batch[" + b + "].length = "
                        + (batch[b] == null ? "null" : batch[b].length) + " does not match shape N = " + shape);
            }
            checkFinite(batch[b], 0, "batch", b);
        }
        NdArray out = NdArray.zeros(batch.length, channels, outLength);
        double[] o = out.data();
        int per = channels * outLength;
        runParallel(batch.length, (b, w) -> forward(batch[b], 0, o, b * per, w));
        return out;
    }

    /**
     * Transforms an array whose last axis has length N (any leading shape, e.g. {@code (B, N)} or
     * {@code (N)}) on all threads.
     *
     * @param x input; not modified
     * @return shape {@code x.shape[:-1] + [outputSize(), outputLength()]}
     */
    public NdArray transform(NdArray x) {
        if (x == null || x.rank() < 1 || x.dim(x.rank() - 1) != shape) {
            throw new IllegalArgumentException("x has shape " + (x == null ? "null" : Arrays.toString(x.shape()))
                    + ": its last axis must have length N = " + shape);
        }
        int rows = x.size() / shape;
        double[] in = x.data();
        for (int r = 0; r < rows; r++) {
            checkFinite(in, r * shape, "x", r);
        }
        int[] s = x.shape();
        int[] os = Arrays.copyOf(s, s.length + 1);
        os[s.length - 1] = channels;
        os[s.length] = outLength;
        NdArray out = NdArray.zeros(os);
        double[] o = out.data();
        int per = channels * outLength;
        runParallel(rows, (r, w) -> forward(in, r * shape, o, r * per, w));
        return out;
    }

    private Workspace acquire() {
        Workspace w = idle.poll();
        if (w == null) {
            return new Workspace();
        }
        idleCount.decrementAndGet();
        return w;
    }

    private void release(Workspace w) {
        if (idleCount.incrementAndGet() <= MAX_IDLE) {
            idle.offer(w);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** Runs items on {@link Parallel}, one workspace per worker, returned to the pool afterwards. */
    private void runParallel(int count, Parallel.Body<Workspace> body) {
        ConcurrentLinkedQueue<Workspace> used = new ConcurrentLinkedQueue<>();
        try {
            Parallel.forEach(count, () -> {
                Workspace w = acquire();
                used.add(w);
                return w;
            }, body);
        } finally {
            for (Workspace w : used) {
                release(w);
            }
        }
    }

    private void checkFinite(double[] x, int off, String name, int row) {
        for (int i = 0; i < shape; i++) {
            double v = x[off + i];
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                String where = row < 0 ? name + "[" + i + "]" : name + "[row " + row + "][sample " + i + "]";
                throw new IllegalArgumentException(where + " = " + v + ": samples must be finite");
            }
        }
    }

    /**
     * The cascade for one signal {@code x[xOff .. xOff+N)}, written to
     * {@code out[outOff .. outOff + channels*outLength)} as [channel][time].
     *
     * <p>Spectra of real signals (the padded input, U1, U2) are kept in JTransforms' packed half-spectrum
     * layout (see {@link #multiplyFold}); inverse FFTs are unscaled and the 1/length factor is applied
     * together with the fold average in the following modulus or crop.
     */
    private void forward(double[] x, int xOff, double[] out, int outOff, Workspace w) {
        final int L = paddedLength;
        final double[] xh = w.xhat;
        double total = padReflect(x, xOff, shape, padLeft, L, xh);
        w.plan(L).realForward(xh);

        if (global) {
            out[outOff] = total;
        } else {
            lowPass(xh, L, 0, out, outOff, w);
        }
        final double[] u = w.u;
        final double[] y = w.y;
        for (int n1 = 0; n1 < psi1Hat.length; n1++) {
            int kk1 = k1[n1];
            int m1 = L >> kk1;
            // U1 = |x * psi1| at resolution 2^-k1
            multiplyFold(xh, L, psi1Hat[n1], m1, y);
            w.plan(m1).complexInverse(y, false);
            modulus(y, u, m1, 1.0 / L);
            int c1 = outOff + (1 + n1) * outLength;
            int[] kids = children[n1];
            if (global) {
                out[c1] = sum(u, m1);
                if (kids.length == 0) {
                    continue;
                }
            }
            // One FFT of U1 serves its low-pass and all its second-order children.
            w.plan(m1).realForward(u);
            if (!global) {
                lowPass(u, m1, kk1, out, c1, w);
            }
            for (int q = 0; q < kids.length; q++) {
                int kk2 = childK2[n1][q];
                int m2 = m1 >> kk2;
                multiplyFold(u, m1, psi2Hat[kids[q]][kk1], m2, y);
                w.plan(m2).complexInverse(y, false);
                modulus(y, w.u2, m2, 1.0 / m1);
                int c2 = outOff + childChannel[n1][q] * outLength;
                if (global) {
                    out[c2] = sum(w.u2, m2);
                } else {
                    w.plan(m2).realForward(w.u2);
                    lowPass(w.u2, m2, kk1 + kk2, out, c2, w);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Vector-Jacobian product

    /**
     * The vector-Jacobian product of the transform: the gradient with respect to x of
     * {@code <g, S x>} (sum over every channel and time sample of {@code g[c][t] * S[c][t]}).
     *
     * <p>It mirrors {@link #transform(double[])} step by step, on full complex spectra: the adjoint of
     * cropping and taking the real part after the low-pass is zero-filling into the real part; of an
     * unscaled inverse DFT the unscaled forward DFT; of folding (subsampling) the replication of the
     * folded spectrum; of the multiplication by a real filter the same multiplication; of the forward
     * DFT of a real signal the real part of the unscaled inverse DFT; of the modulus the multiplication
     * by {@code z/|z|} (0 where {@code z = 0}: a subgradient, the modulus is not differentiable there);
     * of the global sum a constant; of the reflect padding the accumulation of each padded sample onto
     * the sample it copies. Intermediates are recomputed path by path (memory: a few padded-length
     * buffers per thread); the first-order paths run on {@link Parallel#threads()} threads and their
     * contributions are summed in path order, so the result does not depend on the thread count.
     *
     * <pre>{@code
     * Scattering1D s = new Scattering1D(6, 4096, 8);
     * double[][] S = s.transform(x);
     * double[][] g = dLoss_dS(S);                 // same shape as S
     * double[] dLoss_dx = s.vjp(x, g);
     * }</pre>
     *
     * @param x input, length N, finite; not modified
     * @param g cotangent {@code [outputSize()][outputLength()]}, finite; not modified
     * @return a new array of length N
     */
    public double[] vjp(double[] x, double[][] g) {
        if (g == null || g.length != channels) {
            throw new IllegalArgumentException("g has " + (g == null ? "null" : g.length) + " channels, expected "
                    + channels);
        }
        double[] flat = new double[channels * outLength];
        for (int c = 0; c < channels; c++) {
            if (g[c] == null || g[c].length != outLength) {
                throw new IllegalArgumentException("g[" + c + "].length = " + (g[c] == null ? "null" : g[c].length)
                        + " does not match the output length " + outLength);
            }
            System.arraycopy(g[c], 0, flat, c * outLength, outLength);
        }
        return vjp(x, flat);
    }

    /**
     * {@link #vjp(double[], double[][])} with the cotangent flattened as [channel][time] (C order,
     * length {@code outputSize() * outputLength()}).
     */
    public double[] vjp(double[] x, double[] g) {
        if (x == null || x.length != shape) {
            throw new IllegalArgumentException("x.length = " + (x == null ? "null" : x.length)
                    + " does not match shape N = " + shape);
        }
        checkFinite(x, 0, "x", -1);
        if (g == null || g.length != channels * outLength) {
            throw new IllegalArgumentException("g.length = " + (g == null ? "null" : g.length)
                    + " does not match outputSize() * outputLength() = " + channels * outLength);
        }
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new IllegalArgumentException("g[" + i + "] = " + g[i] + ": values must be finite");
            }
        }
        final int L = paddedLength;
        // X = DFT(pad(x)), full interleaved complex spectrum
        double[] xp = new double[L];
        padReflect(x, 0, shape, padLeft, L, xp);
        double[] X = new double[2 * L];
        for (int i = 0; i < L; i++) {
            X[2 * i] = xp[i];
        }
        Fft.plan(L).complexForward(X);
        double[][] local = new double[psi1Hat.length][];
        Parallel.forEach(psi1Hat.length, () -> new double[5][], (n1, buf) -> {
            local[n1] = backwardFirstOrder(X, n1, g, buf);
        });
        // gX: gradient w.r.t. the padded spectrum; contributions summed in path order (deterministic)
        double[] gX = new double[2 * L];
        for (int n1 = 0; n1 < psi1Hat.length; n1++) {
            addLocal(psi1Hat[n1], local[n1], gX);
            local[n1] = null;
        }
        double[] gPad = new double[L];
        if (global) {
            Arrays.fill(gPad, g[0]);
        } else {
            lowPassAdjoint(g, 0, L, 0, gX);
        }
        Fft.plan(L).complexInverse(gX, false);
        for (int i = 0; i < L; i++) {
            gPad[i] += gX[2 * i];
        }
        double[] gx = new double[shape];
        for (int i = 0; i < L; i++) {
            int t = i - padLeft;
            if (t < 0) {
                t = -t;
            } else if (t >= shape) {
                t = 2 * shape - 2 - t;
            }
            gx[t] += gPad[i];
        }
        return gx;
    }

    /**
     * Backward pass of first-order path n1 and its second-order children: returns the gradient w.r.t.
     * the padded spectrum restricted to the support of psi1 (see {@link #addLocal}). {@code buf} holds
     * this thread's scratch arrays, grown on demand.
     */
    private double[] backwardFirstOrder(double[] X, int n1, double[] g, double[][] buf) {
        final int L = paddedLength;
        int kk1 = k1[n1];
        int m1 = L >> kk1;
        int c1 = (1 + n1) * outLength;
        // forward: z1 = IDFT_u(fold(X psi1)) / L, u1 = |z1|
        double[] z1 = scratch(buf, 0, 2 * m1);
        multiplyFoldComplex(X, L, psi1Hat[n1], m1, z1);
        Fft.plan(m1).complexInverse(z1, false);
        double[] gu1 = scratch(buf, 1, 2 * m1);          // gradient w.r.t. U1^ (complex), then u1 (real part)
        Arrays.fill(gu1, 0, 2 * m1, 0.0);
        int[] kids = children[n1];
        boolean needU1hat = !global || kids.length > 0;
        double[] u1hat = null;
        if (needU1hat) {
            u1hat = scratch(buf, 2, 2 * m1);
            for (int t = 0; t < m1; t++) {
                double re = z1[2 * t] / L;
                double im = z1[2 * t + 1] / L;
                u1hat[2 * t] = Math.sqrt(re * re + im * im);
                u1hat[2 * t + 1] = 0;
            }
            Fft.plan(m1).complexForward(u1hat);
            if (!global) {
                lowPassAdjoint(g, c1, m1, kk1, gu1);
            }
        }
        for (int q = 0; q < kids.length; q++) {
            int kk2 = childK2[n1][q];
            int m2 = m1 >> kk2;
            Band f2 = psi2Hat[kids[q]][kk1];
            int c2 = childChannel[n1][q] * outLength;
            double[] z2 = scratch(buf, 3, 2 * m2);
            multiplyFoldComplex(u1hat, m1, f2, m2, z2);
            Fft.plan(m2).complexInverse(z2, false);
            // gu2 = gradient w.r.t. u2 = |z2| / m1 (real)
            double[] gu2 = scratch(buf, 4, 2 * m2);
            if (global) {
                for (int t = 0; t < m2; t++) {
                    gu2[2 * t] = g[c2];
                }
            } else {
                double[] gU2 = gu2;
                Arrays.fill(gU2, 0, 2 * m2, 0.0);
                lowPassAdjoint(g, c2, m2, kk1 + kk2, gU2);
                Fft.plan(m2).complexInverse(gU2, false);
            }
            // adjoint of u2 = |z2| / m1: gz2 = gu2 z2 / (|z2| m1); then of the unscaled IDFT: forward DFT
            for (int t = 0; t < m2; t++) {
                double re = z2[2 * t];
                double im = z2[2 * t + 1];
                double r = Math.sqrt(re * re + im * im);
                double h = r > 0 ? gu2[2 * t] / (r * m1) : 0.0;
                z2[2 * t] = re * h;
                z2[2 * t + 1] = im * h;
            }
            Fft.plan(m2).complexForward(z2);
            unfoldMultiplyAdd(f2, z2, m2, gu1, m1);
        }
        // gu1 holds the gradient w.r.t. U1^ = DFT(u1): back to u1 by Re(unscaled IDFT)
        if (needU1hat) {
            Fft.plan(m1).complexInverse(gu1, false);
        }
        double g1 = global ? g[c1] : 0.0;
        for (int t = 0; t < m1; t++) {
            double re = z1[2 * t];
            double im = z1[2 * t + 1];
            double r = Math.sqrt(re * re + im * im);
            // u1 = |z1| / L; z1 here is unscaled (L times the forward's), which the ratio re / r absorbs
            double h = r > 0 ? (gu1[2 * t] + g1) / (r * L) : 0.0;
            z1[2 * t] = re * h;
            z1[2 * t + 1] = im * h;
        }
        Fft.plan(m1).complexForward(z1);
        double[] local = new double[2 * supportLength(psi1Hat[n1])];
        unfoldMultiplyLocal(psi1Hat[n1], z1, m1, local);
        return local;
    }

    private static double[] scratch(double[][] buf, int i, int n) {
        if (buf[i] == null || buf[i].length < n) {
            buf[i] = new double[n];
        }
        return buf[i];
    }

    /**
     * Adjoint of the low-pass of a real signal's spectrum V (length m, at level {@code level}) followed by
     * the crop of the real part into channel row {@code g[gOff .. gOff + outLength)}: adds the gradient
     * w.r.t. V (full interleaved complex, length m) to {@code gV}.
     */
    private void lowPassAdjoint(double[] g, int gOff, int m, int level, double[] gV) {
        int mOut = paddedLength >> logStride;
        double[] a = new double[2 * mOut];
        double scale = 1.0 / m;
        for (int t = 0; t < outLength; t++) {
            a[2 * (outStart + t)] = g[gOff + t] * scale;
        }
        Fft.plan(mOut).complexForward(a);
        unfoldMultiplyAdd(phiHat[level], a, mOut, gV, m);
    }

    /**
     * {@link #multiplyFold} on a full interleaved complex spectrum of length {@code len}:
     * {@code out[m] = sum_a X[m + a outLen] f[m + a outLen]}.
     */
    static void multiplyFoldComplex(double[] spec, int len, Band band, int outLen, double[] out) {
        Arrays.fill(out, 0, 2 * outLen, 0.0);
        final double[] f = band.f;
        final int[] r = band.ranges;
        for (int p = 0; p < r.length; p += 2) {
            for (int k = r[p]; k < r[p + 1]; k++) {
                int m = 2 * (k % outLen);
                double v = f[k];
                out[m] += spec[2 * k] * v;
                out[m + 1] += spec[2 * k + 1] * v;
            }
        }
    }

    /**
     * Adjoint of {@link #multiplyFoldComplex}: {@code acc[k] += f[k] gy[k mod gLen]} for k in the
     * filter's support, acc interleaved complex of length {@code len}.
     */
    static void unfoldMultiplyAdd(Band band, double[] gy, int gLen, double[] acc, int len) {
        final double[] f = band.f;
        final int[] r = band.ranges;
        for (int p = 0; p < r.length; p += 2) {
            for (int k = r[p]; k < r[p + 1]; k++) {
                int m = 2 * (k % gLen);
                double v = f[k];
                acc[2 * k] += gy[m] * v;
                acc[2 * k + 1] += gy[m + 1] * v;
            }
        }
    }

    private static int supportLength(Band band) {
        int s = 0;
        for (int p = 0; p < band.ranges.length; p += 2) {
            s += band.ranges[p + 1] - band.ranges[p];
        }
        return s;
    }

    /** {@link #unfoldMultiplyAdd} into a support-local array (ranges concatenated), overwritten. */
    private static void unfoldMultiplyLocal(Band band, double[] gy, int gLen, double[] dst) {
        final double[] f = band.f;
        final int[] r = band.ranges;
        int i = 0;
        for (int p = 0; p < r.length; p += 2) {
            for (int k = r[p]; k < r[p + 1]; k++) {
                int m = 2 * (k % gLen);
                double v = f[k];
                dst[i++] = gy[m] * v;
                dst[i++] = gy[m + 1] * v;
            }
        }
    }

    /** Adds a support-local array (see {@link #unfoldMultiplyLocal}) into a full interleaved array. */
    private static void addLocal(Band band, double[] local, double[] acc) {
        final int[] r = band.ranges;
        int i = 0;
        for (int p = 0; p < r.length; p += 2) {
            for (int k = r[p]; k < r[p + 1]; k++) {
                acc[2 * k] += local[i++];
                acc[2 * k + 1] += local[i++];
            }
        }
    }

    /**
     * Low-pass a packed real-signal spectrum of length m (at level {@code level}), fold it to
     * resolution 2^-s, inverse FFT and write the real part of the unpadded samples.
     */
    private void lowPass(double[] spec, int m, int level, double[] out, int outOff, Workspace w) {
        int mOut = paddedLength >> logStride;
        double[] a = w.low;
        multiplyFold(spec, m, phiHat[level], mOut, a);
        // Only the real part of the inverse DFT is kept, and Re IDFT(A) = IDFT(H) with H the Hermitian
        // part of A, H[k] = (A[k] + conj A[-k]) / 2: a real inverse FFT of half the cost. H goes to
        // a separate buffer in JTransforms' packed half-spectrum layout.
        double[] h = w.lowHalf;
        int half = mOut / 2;
        h[0] = a[0];
        h[1] = a[2 * half];
        for (int k = 1; k < half; k++) {
            int i = 2 * k;
            int j = 2 * (mOut - k);
            h[i] = 0.5 * (a[i] + a[j]);
            h[i + 1] = 0.5 * (a[i + 1] - a[j + 1]);
        }
        w.plan(mOut).realInverse(h, false);
        // JTransforms' unscaled real inverse returns mOut/2 times the inverse DFT.
        double scale = 2.0 / m;
        for (int t = 0; t < outLength; t++) {
            out[outOff + t] = h[outStart + t] * scale;
        }
    }

    /**
     * Reflect-pads {@code x[off .. off+n)} (NumPy {@code 'reflect'}: the edge sample is not repeated)
     * to length {@code L} with {@code padLeft} samples on the left, into {@code dst[0..L)}; returns the
     * sum of the padded signal. Requires both pads &lt; n.
     */
    static double padReflect(double[] x, int off, int n, int padLeft, int L, double[] dst) {
        double total = 0;
        for (int i = 0; i < L; i++) {
            int t = i - padLeft;
            if (t < 0) {
                t = -t;
            } else if (t >= n) {
                t = 2 * n - 2 - t;
            }
            double v = x[off + t];
            dst[i] = v;
            total += v;
        }
        return total;
    }

    /**
     * A real Fourier filter with the index ranges where it is not negligible. Values below
     * {@link #NEGLIGIBLE} times the filter's peak (Gaussian tails, down to 1e-300) are skipped: they
     * change no output by more than about 1e-15 of the largest output, far below the 1e-10 at which the
     * transform is checked against Kymatio, and skipping them saves most of the multiplications for the
     * narrow filters (the low-pass in particular).
     */
    static final class Band {
        final double[] f;
        /** Half-open index ranges {@code [r[2i], r[2i+1])} within {@code [0, f.length)}. */
        final int[] ranges;

        Band(double[] f) {
            this.f = f;
            this.ranges = support(f, NEGLIGIBLE);
        }
    }

    /** Relative level below which a filter value is treated as zero. */
    static final double NEGLIGIBLE = 1e-17;

    /**
     * The smallest circular interval containing every index where {@code |f| > eps max|f|}, as one or
     * two linear ranges.
     */
    static int[] support(double[] f, double eps) {
        int n = f.length;
        double max = 0;
        for (double v : f) {
            max = Math.max(max, Math.abs(v));
        }
        double thr = eps * max;
        // Find the longest circular run of negligible values; the support is its complement.
        int bestLen = 0;
        int bestStart = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (Math.abs(f[i]) > thr) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return new int[0];
        }
        int run = 0;
        int runStart = 0;
        for (int s = 1; s <= n; s++) {
            int i = (first + s) % n;
            if (Math.abs(f[i]) > thr || s == n) {
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
        if (bestLen == 0) {
            return new int[] {0, n};
        }
        int lo = (bestStart + bestLen) % n;
        int len = n - bestLen;
        if (lo + len <= n) {
            return new int[] {lo, lo + len};
        }
        return new int[] {lo, n, 0, lo + len - n};
    }

    /**
     * Multiplies the spectrum of a real signal of length {@code len} by a real filter and sums its
     * aliases down to length {@code outLen}: {@code out[m] = sum_a Y[m + a outLen]} with
     * {@code Y[k] = X[k] f[k]}. The inverse DFT of this sum is {@code len/outLen} times the product's
     * inverse DFT decimated by {@code len/outLen}; callers apply that factor (and the FFT's 1/length)
     * afterwards. {@code spec} is JTransforms' packed half spectrum ({@code spec[2k], spec[2k+1]} = Re, Im
     * of X[k] for 0 &lt; k &lt; len/2, {@code spec[0]} = X[0], {@code spec[1]} = X[len/2]; the other
     * half follows from X[len-k] = conj X[k]). {@code out} is interleaved complex.
     */
    static void multiplyFold(double[] spec, int len, Band band, int outLen, double[] out) {
        java.util.Arrays.fill(out, 0, 2 * outLen, 0.0);
        final double[] f = band.f;
        final int[] r = band.ranges;
        final int half = len / 2;
        for (int p = 0; p < r.length; p += 2) {
            int lo = r[p];
            int hi = r[p + 1];
            if (lo == 0) {
                out[0] += spec[0] * f[0];
                lo = 1;
            }
            // direct half: 1 <= k < half
            int a0 = lo;
            int a1 = Math.min(hi, half);
            while (a0 < a1) {
                int base = (a0 / outLen) * outLen;
                int end = Math.min(a1, base + outLen);
                for (int k = a0; k < end; k++) {
                    double g = f[k];
                    int m = 2 * (k - base);
                    out[m] += spec[2 * k] * g;
                    out[m + 1] += spec[2 * k + 1] * g;
                }
                a0 = end;
            }
            if (lo <= half && half < hi) {
                int m = half % outLen;
                out[2 * m] += spec[1] * f[half];
            }
            // mirrored half: half < k < len, X[k] = conj X[len - k]
            a0 = Math.max(lo, half + 1);
            a1 = hi;
            while (a0 < a1) {
                int base = (a0 / outLen) * outLen;
                int end = Math.min(a1, base + outLen);
                for (int k = a0; k < end; k++) {
                    double g = f[k];
                    int m = 2 * (k - base);
                    int mk = 2 * (len - k);
                    out[m] += spec[mk] * g;
                    out[m + 1] -= spec[mk + 1] * g;
                }
                a0 = end;
            }
        }
    }

    /** {@code dst[t] = scale |z[t]|} for interleaved complex z, t &lt; n. */
    static void modulus(double[] z, double[] dst, int n, double scale) {
        // Two passes: the strided squares cannot be vectorised, the contiguous square roots can.
        double s2 = scale * scale;
        for (int t = 0; t < n; t++) {
            double re = z[2 * t];
            double im = z[2 * t + 1];
            dst[t] = (re * re + im * im) * s2;
        }
        for (int t = 0; t < n; t++) {
            dst[t] = Math.sqrt(dst[t]);
        }
    }

    private static double sum(double[] a, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[i];
        }
        return s;
    }

    // ------------------------------------------------------------------------------------------------
    // Resolved parameters

    public int J() {
        return J;
    }

    /** The signal length N. */
    public int shape() {
        return shape;
    }

    public int q1() {
        return q1;
    }

    public int q2() {
        return q2;
    }

    /** The averaging scale T (2^J when averaging globally, as Kymatio uses it for filter design). */
    public int T() {
        return T;
    }

    public int log2T() {
        return log2T;
    }

    /** True for Kymatio's {@code T='global'}. */
    public boolean isGlobal() {
        return global;
    }

    public int maxOrder() {
        return maxOrder;
    }

    /** The output subsampling factor; 0 with global averaging (one output sample, no stride). */
    public int stride() {
        return stride;
    }

    /** The padded length N_padded = 2^J_pad. */
    public int paddedLength() {
        return paddedLength;
    }

    public int padLeft() {
        return padLeft;
    }

    public int padRight() {
        return padRight;
    }

    /** First unpadded sample at resolution 2^-level, level in [0, max(log2 T, J)]. */
    public int indStart(int level) {
        return indStart[level];
    }

    /** End (exclusive) of the unpadded samples at resolution 2^-level. */
    public int indEnd(int level) {
        return indEnd[level];
    }

    /** Number of levels for which {@link #indStart}/{@link #indEnd} are defined. */
    public int indLevels() {
        return indStart.length;
    }

    /** Number of first-order wavelets. */
    public int nPsi1() {
        return psi1Hat.length;
    }

    /** Number of second-order wavelets (built even when maxOrder is 1). */
    public int nPsi2() {
        return psi2Hat.length;
    }

    /** Number of output channels C. */
    public int outputSize() {
        return channels;
    }

    /** Channels per order: {@code [1, |psi1|]} or {@code [1, |psi1|, #pairs with j2 > j1]}. */
    public int[] outputSizeByOrder() {
        return sizeByOrder.clone();
    }

    /** Number of output time samples per channel (1 with global averaging). */
    public int outputLength() {
        return outLength;
    }

    /** The filter bank (shared, immutable). */
    public MorletFilterBank1D filterBank() {
        return bank;
    }

    @Override
    public String toString() {
        return "Scattering1D{J=" + J + ", N=" + shape + ", Q=(" + q1 + ", " + q2 + "), T="
                + (global ? "global" : String.valueOf(T)) + ", maxOrder=" + maxOrder
                + (global ? "" : ", stride=" + stride) + ", channels=" + channels + ", length=" + outLength + "}";
    }
}
