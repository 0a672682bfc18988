package org.scattering4j.scattering;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.scattering4j.scattering.fft.Fft2D;
import org.scattering4j.scattering.filters.MorletFilterBank2D;
import org.scattering4j.util.NdArray;
import org.scattering4j.util.Parallel;

/**
 * Kymatio-compatible 2D wavelet scattering ({@code kymatio.numpy.Scattering2D}, conventions.md
 * section 2), computed in double precision.
 *
 * <p>The cascade, for an image x of M x N (rows x columns):
 * <ol>
 * <li>reflect-pad (NumPy {@code 'reflect'}) to Mp x Np, Mp = (floor((M + 2^J)/2^J) + 1) 2^J, and FFT;</li>
 * <li>S0 = low-pass phi, subsampled by 2^J;</li>
 * <li>for every wavelet n1 = (j1, t1): U1 = |x * psi_n1| at resolution 2^-j1, S1 = U1 * phi subsampled
 * to 2^-J;</li>
 * <li>for every n2 = (j2, t2) with j2 &gt; j1 (all L^2 angle pairs): U2 = |U1 * psi_n2| at resolution
 * 2^-j2, S2 = U2 * phi subsampled to 2^-J;</li>
 * <li>unpad: drop the first and last row and column, leaving floor(M/2^J) x floor(N/2^J).</li>
 * </ol>
 * Subsampling by k is done as Kymatio does it: the product spectrum is folded (its k x k aliases are
 * summed) and inverse-transformed at the small size, which equals decimating the full-size circular
 * convolution. Convolutions are circular at exactly the padded size (FFTs of any length, see
 * {@link org.scattering4j.scattering.fft.BatchFft}).
 *
 * <p>Output layout: {@code transform} of one image gives shape {@code (C, M', N')}; of a batch,
 * {@code (B, C, M', N')}; C-order doubles. Channels: S0, then S1 for n1 = 0..JL-1 (j-major,
 * angle-minor), then S2 for n1 (outer) and n2 (inner) with j2 &gt; j1; see {@link #meta()}.
 * C = 1 + JL + L^2 J(J-1)/2 for max order 2, 1 + JL for max order 1.
 *
 * <p>Immutable and thread-safe: the filter bank is built once and shared read-only; a batch is split
 * over images on {@link Parallel#threads()} threads, a single image over its first-order paths. Per
 * thread scratch space is pooled and reused, so steady-state calls allocate only their output.
 *
 * <pre>{@code
 * Scattering2D s = new Scattering2D(2, 28, 28);          // J=2, L=8, max order 2
 * NdArray out = s.transform(image);                     // image: double[28][28] -> (81, 7, 7)
 * List<Map<String, Object>> meta = s.meta();            // order, n, j, theta of each channel
 * }</pre>
 *
 * <p>The forward pass keeps every linear step (pad, FFT, multiply, fold, inverse FFT, unpad) separate
 * from the modulus, so that its vector-Jacobian product can be written beside it: each linear step's
 * adjoint is the mirrored step (unfold = replicate, FFT adjoint = conjugate inverse), and the modulus
 * contributes z / |z|.
 */
public final class Scattering2D {
    private final int rows;
    private final int cols;
    private final int bigJ;
    private final int bigL;
    private final int maxOrder;
    private final int mp;
    private final int np;
    private final int padTop;
    private final int padLeft;
    private final int lowRows;
    private final int lowCols;
    private final int outRows;
    private final int outCols;
    private final int channels;
    /**
     * psi[n][level] and phi[level]: real Fourier filters (shared read-only), stored transposed
     * ({@code [k2][k1]}) because spectra are kept transposed (one transpose per 2D FFT instead of two).
     */
    private final double[][][] psi;
    private final double[][] phi;
    /** order2Index[n1][n2]: output channel of (n1, n2), or -1. */
    private final int[][] order2Index;
    private final ConcurrentLinkedQueue<Work> pool = new ConcurrentLinkedQueue<>();

    /** {@code Scattering2D(J, M, N, L=8, maxOrder=2)}. */
    public Scattering2D(int J, int M, int N) {
        this(J, M, N, 8, 2);
    }

    /**
     * @param J        number of scales, 1 &le; J with 2^J &le; M and 2^J &le; N
     * @param M        image rows
     * @param N        image columns
     * @param L        number of angles, &ge; 1
     * @param maxOrder 1 or 2
     */
    public Scattering2D(int J, int M, int N, int L, int maxOrder) {
        if (J < 1 || J > 30) {
            throw new IllegalArgumentException("J = " + J + " must be in [1, 30]");
        }
        if (M < 1 || (1L << J) > M) {
            throw new IllegalArgumentException("M = " + M + " (image rows) must be >= 2^J = " + (1L << J));
        }
        if (N < 1 || (1L << J) > N) {
            throw new IllegalArgumentException("N = " + N + " (image columns) must be >= 2^J = " + (1L << J));
        }
        if (L < 1 || L > 1024) {
            throw new IllegalArgumentException("L = " + L + " must be in [1, 1024]");
        }
        if (maxOrder != 1 && maxOrder != 2) {
            throw new IllegalArgumentException("maxOrder = " + maxOrder + " must be 1 or 2");
        }
        this.rows = M;
        this.cols = N;
        this.bigJ = J;
        this.bigL = L;
        this.maxOrder = maxOrder;
        this.mp = paddedSize(M, J);
        this.np = paddedSize(N, J);
        long cells = (long) mp * np;
        if (cells > (1 << 27)) {
            throw new IllegalArgumentException("padded size " + mp + " x " + np + " is too large (at most 2^27 values)");
        }
        this.padTop = (mp - M) / 2;
        this.padLeft = (np - N) / 2;
        this.lowRows = mp >> J;
        this.lowCols = np >> J;
        this.outRows = lowRows - 2;
        this.outCols = lowCols - 2;
        MorletFilterBank2D bank = new MorletFilterBank2D(mp, np, J, L);
        this.psi = new double[J * L][][];
        for (int n = 0; n < J * L; n++) {
            int lv = bank.levels(n / L);
            psi[n] = new double[lv][];
            for (int r = 0; r < lv; r++) {
                psi[n][r] = transposed(bank.psi(n, r), mp >> r, np >> r);
            }
        }
        this.phi = new double[J][];
        for (int r = 0; r < J; r++) {
            phi[r] = transposed(bank.phi(r), mp >> r, np >> r);
        }
        this.order2Index = new int[J * L][J * L];
        int c = 1 + J * L;
        for (int n1 = 0; n1 < J * L; n1++) {
            java.util.Arrays.fill(order2Index[n1], -1);
            if (maxOrder < 2) {
                continue;
            }
            for (int n2 = 0; n2 < J * L; n2++) {
                if (n2 / L > n1 / L) {
                    order2Index[n1][n2] = c++;
                }
            }
        }
        this.channels = c;
    }

    private static double[] transposed(double[] a, int m, int n) {
        double[] t = new double[a.length];
        Fft2D.transpose(a, t, m, n);
        return t;
    }

    /** Kymatio's padded length of a side of length {@code size}: (floor((size + 2^J)/2^J) + 1) 2^J. */
    public static int paddedSize(int size, int J) {
        int step = 1 << J;
        return ((size + step) / step + 1) * step;
    }

    public int J() {
        return bigJ;
    }

    public int L() {
        return bigL;
    }

    public int maxOrder() {
        return maxOrder;
    }

    /** Image rows M. */
    public int rows() {
        return rows;
    }

    /** Image columns N. */
    public int cols() {
        return cols;
    }

    /** Padded rows Mp. */
    public int paddedRows() {
        return mp;
    }

    /** Padded columns Np. */
    public int paddedCols() {
        return np;
    }

    /** Reflect padding above the image (the rest, Mp - M - top, goes below). */
    public int padTop() {
        return padTop;
    }

    /** Reflect padding left of the image. */
    public int padLeft() {
        return padLeft;
    }

    /** Number of output channels C. */
    public int channels() {
        return channels;
    }

    /** Output rows M' = floor(M / 2^J). */
    public int outputRows() {
        return outRows;
    }

    /** Output columns N' = floor(N / 2^J). */
    public int outputCols() {
        return outCols;
    }

    /** Output shape of one image, {C, M', N'} (Kymatio's {@code output_size} plus the spatial size). */
    public int[] outputSize() {
        return new int[] {channels, outRows, outCols};
    }

    /**
     * One description per output channel, in output order: {@code index}, {@code order} (0, 1, 2),
     * {@code n} (wavelet indices n = j*L + t), {@code j} (scales) and {@code theta} (angle indices), as in
     * Kymatio's meta. Angle index t has angle (int(L - L/2 - 1) - t) pi / L.
     */
    public List<Map<String, Object>> meta() {
        List<Map<String, Object>> out = new ArrayList<>(channels);
        out.add(channel(0, 0, new int[0]));
        for (int n1 = 0; n1 < bigJ * bigL; n1++) {
            out.add(channel(1 + n1, 1, new int[] {n1}));
        }
        for (int n1 = 0; n1 < bigJ * bigL; n1++) {
            for (int n2 = 0; n2 < bigJ * bigL; n2++) {
                if (order2Index[n1][n2] >= 0) {
                    out.add(channel(order2Index[n1][n2], 2, new int[] {n1, n2}));
                }
            }
        }
        return out;
    }

    private Map<String, Object> channel(int index, int order, int[] n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("order", order);
        List<Integer> nl = new ArrayList<>();
        List<Integer> jl = new ArrayList<>();
        List<Integer> tl = new ArrayList<>();
        for (int v : n) {
            nl.add(v);
            jl.add(v / bigL);
            tl.add(v % bigL);
        }
        m.put("n", nl);
        m.put("j", jl);
        m.put("theta", tl);
        return m;
    }

    // ------------------------------------------------------------------------------------------------
    // public transforms

    /** Transforms one image {@code image[row][col]} (M x N; not modified) to shape (C, M', N'). */
    public NdArray transform(double[][] image) {
        double[] flat = flatten(image, 0);
        double[] out = new double[channels * outRows * outCols];
        run(new double[][] {flat}, out);
        return new NdArray(new int[] {channels, outRows, outCols}, out);
    }

    /** Transforms one image given row-major as M*N values (not modified) to shape (C, M', N'). */
    public NdArray transform(double[] image) {
        checkFlat(image, 0);
        double[] out = new double[channels * outRows * outCols];
        run(new double[][] {image}, out);
        return new NdArray(new int[] {channels, outRows, outCols}, out);
    }

    /** Transforms a batch {@code batch[b][row][col]} (not modified) to shape (B, C, M', N'). */
    public NdArray transform(double[][][] batch) {
        double[][] flat = new double[batch.length][];
        for (int b = 0; b < batch.length; b++) {
            flat[b] = flatten(batch[b], b);
        }
        return transformFlat(flat);
    }

    /**
     * Transforms a batch of row-major flat images, each of {@code M*N} values (checked against this
     * transform's shape; not modified), to shape (B, C, M', N').
     */
    public NdArray transform(double[][] images, int M, int N) {
        if (M != rows || N != cols) {
            throw new IllegalArgumentException("image shape " + M + " x " + N + " must equal the transform's "
                    + rows + " x " + cols);
        }
        for (int b = 0; b < images.length; b++) {
            checkFlat(images[b], b);
        }
        return transformFlat(images);
    }

    /** Transforms an array of shape (M, N) to (C, M', N') or (B, M, N) to (B, C, M', N'). */
    public NdArray transform(NdArray x) {
        int[] s = x.shape();
        if (s.length == 2) {
            if (s[0] != rows || s[1] != cols) {
                throw new IllegalArgumentException("input shape (" + s[0] + ", " + s[1] + ") must be (" + rows + ", "
                        + cols + ")");
            }
            return transform(x.data().clone());
        }
        if (s.length != 3 || s[1] != rows || s[2] != cols) {
            throw new IllegalArgumentException("input shape " + java.util.Arrays.toString(s) + " must be (" + rows
                    + ", " + cols + ") or (batch, " + rows + ", " + cols + ")");
        }
        double[][] flat = new double[s[0]][];
        for (int b = 0; b < s[0]; b++) {
            flat[b] = x.row(b);
            checkFlat(flat[b], b);
        }
        return transformFlat(flat);
    }

    private NdArray transformFlat(double[][] flat) {
        double[] out = new double[flat.length * channels * outRows * outCols];
        run(flat, out);
        return new NdArray(new int[] {flat.length, channels, outRows, outCols}, out);
    }

    private double[] flatten(double[][] image, int b) {
        if (image == null || image.length != rows) {
            throw new IllegalArgumentException("image " + b + " has " + (image == null ? "no" : image.length)
                    + " rows, expected M = " + rows);
        }
        double[] flat = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            if (image[r] == null || image[r].length != cols) {
                throw new IllegalArgumentException("image " + b + " row " + r + " has "
                        + (image[r] == null ? "no" : image[r].length) + " columns, expected N = " + cols);
            }
            System.arraycopy(image[r], 0, flat, r * cols, cols);
        }
        checkFlat(flat, b);
        return flat;
    }

    private void checkFlat(double[] img, int b) {
        if (img == null || img.length != rows * cols) {
            throw new IllegalArgumentException("image " + b + " has " + (img == null ? "no" : img.length)
                    + " values, expected M*N = " + rows + "*" + cols + " = " + rows * cols);
        }
        for (int i = 0; i < img.length; i++) {
            if (!Double.isFinite(img[i])) {
                throw new IllegalArgumentException("image " + b + " row " + i / cols + " col " + i % cols
                        + " is " + img[i] + "; pixels must be finite");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------
    // the cascade

    /** Per-thread scratch space, pooled and reused across calls. */
    private final class Work {
        final Fft2D.Workspace fft = new Fft2D.Workspace(mp * np);
        final double[] xRe = new double[mp * np];
        final double[] xIm = new double[mp * np];
        final double[] aRe = new double[mp * np];
        final double[] aIm = new double[mp * np];
        final double[] bRe = new double[(mp >> 1) * (np >> 1)];
        final double[] bIm = new double[(mp >> 1) * (np >> 1)];
        final double[] zRe = new double[(mp >> 1) * (np >> 1)];
        final double[] zIm = new double[(mp >> 1) * (np >> 1)];
        final double[] sRe = new double[lowRows * lowCols];
        final double[] sIm = new double[lowRows * lowCols];
    }

    private Work acquire(List<Work> taken) {
        Work w = pool.poll();
        if (w == null) {
            w = new Work();
        }
        synchronized (taken) {
            taken.add(w);
        }
        return w;
    }

    private void run(double[][] images, double[] out) {
        List<Work> taken = new ArrayList<>();
        try {
            int per = channels * outRows * outCols;
            if (images.length > 1 || Parallel.threads() == 1) {
                Parallel.forEach(images.length, () -> acquire(taken), (b, w) -> {
                    forwardImage(images[b], w);
                    lowPass(w.xRe, w.xIm, np, mp, phi[0], 1 << bigJ, out, b * per, 0, w);
                    for (int n1 = 0; n1 < bigJ * bigL; n1++) {
                        path(w.xRe, w.xIm, n1, w, out, b * per);
                    }
                });
            } else {
                Work main = acquire(taken);
                forwardImage(images[0], main);
                lowPass(main.xRe, main.xIm, np, mp, phi[0], 1 << bigJ, out, 0, 0, main);
                Parallel.forEach(bigJ * bigL, () -> acquire(taken), (n1, w) -> path(main.xRe, main.xIm, n1, w, out, 0));
            }
        } finally {
            pool.addAll(taken);
        }
    }

    /** Reflect-pads the image into w.xRe (w.xIm = 0) and transforms it in place: X^ = FFT2(x_pad), transposed. */
    private void forwardImage(double[] img, Work w) {
        int period = 2 * (rows - 1);
        int cperiod = 2 * (cols - 1);
        for (int u = 0; u < mp; u++) {
            int r = reflect(u - padTop, rows, period);
            int src = r * cols;
            int dst = u * np;
            for (int v = 0; v < np; v++) {
                w.xRe[dst + v] = img[src + reflect(v - padLeft, cols, cperiod)];
            }
        }
        java.util.Arrays.fill(w.xIm, 0, mp * np, 0);
        Fft2D.forwardToTransposed(w.xRe, w.xIm, mp, np, w.fft);
    }

    /** NumPy 'reflect' index (mirror without repeating the edge), periodic for pads longer than the side. */
    private static int reflect(int i, int size, int period) {
        if (size == 1) {
            return 0;
        }
        int k = Math.floorMod(i, period);
        return k < size ? k : period - k;
    }

    /**
     * One first-order path n1 and all its second-order children, from the padded image's spectrum.
     * Writes channels 1 + n1 and order2Index[n1][*] of the image starting at {@code base}.
     */
    private void path(double[] xr, double[] xi, int n1, Work w, double[] out, int base) {
        int j1 = n1 / bigL;
        int m1 = mp >> j1;
        int c1 = np >> j1;
        // U1 = |IFFT2(Sub(X^ psi, 2^j1))|, its spectrum kept in w.a for S1 and order 2
        foldMultiply(xr, xi, np, mp, psi[n1][0], 1 << j1, w.aRe, w.aIm);
        Fft2D.inverseFromTransposed(w.aRe, w.aIm, m1, c1, w.fft);
        modulus(w.aRe, w.aIm, m1 * c1, 1.0 / ((double) mp * np), w.aRe);
        java.util.Arrays.fill(w.aIm, 0, m1 * c1, 0);
        Fft2D.forwardToTransposed(w.aRe, w.aIm, m1, c1, w.fft);
        lowPass(w.aRe, w.aIm, c1, m1, phi[j1], 1 << (bigJ - j1), out, base, 1 + n1, w);
        if (maxOrder < 2) {
            return;
        }
        for (int j2 = j1 + 1; j2 < bigJ; j2++) {
            int k = 1 << (j2 - j1);
            int m2 = m1 / k;
            int c2 = c1 / k;
            double scale = 1.0 / ((double) m1 * c1);
            // two real U2 maps share one complex FFT: U2(t) in the real part, U2(t+1) in the imaginary
            for (int t2 = 0; t2 < bigL; t2 += 2) {
                int n2 = j2 * bigL + t2;
                foldMultiply(w.aRe, w.aIm, c1, m1, psi[n2][j1], k, w.bRe, w.bIm);
                Fft2D.inverseFromTransposed(w.bRe, w.bIm, m2, c2, w.fft);
                modulus(w.bRe, w.bIm, m2 * c2, scale, w.zRe);
                boolean pair = t2 + 1 < bigL;
                if (pair) {
                    foldMultiply(w.aRe, w.aIm, c1, m1, psi[n2 + 1][j1], k, w.bRe, w.bIm);
                    Fft2D.inverseFromTransposed(w.bRe, w.bIm, m2, c2, w.fft);
                    modulus(w.bRe, w.bIm, m2 * c2, scale, w.zIm);
                } else {
                    java.util.Arrays.fill(w.zIm, 0, m2 * c2, 0);
                }
                Fft2D.forwardToTransposed(w.zRe, w.zIm, m2, c2, w.fft);
                lowPass(w.zRe, w.zIm, c2, m2, phi[j2], 1 << (bigJ - j2), out, base, order2Index[n1][n2],
                        pair ? order2Index[n1][n2 + 1] : -1, w);
            }
        }
    }

    private void lowPass(double[] yr, double[] yi, int m, int c, double[] filter, int k, double[] out, int base,
            int channel, Work w) {
        lowPass(yr, yi, m, c, filter, k, out, base, channel, -1, w);
    }

    /**
     * S = IFFT2(Sub(Y phi, k)) / (m c), unpadded, real part to channel {@code chRe}; the imaginary part to
     * {@code chIm} when &ge; 0 (valid because phi^ is real and even, so two real inputs packed as
     * re + i im stay separated).
     */
    private void lowPass(double[] yr, double[] yi, int m, int c, double[] filter, int k, double[] out, int base,
            int chRe, int chIm, Work w) {
        foldMultiply(yr, yi, m, c, filter, k, w.sRe, w.sIm);
        Fft2D.inverseFromTransposed(w.sRe, w.sIm, lowRows, lowCols, w.fft);
        double scale = 1.0 / ((double) m * c);
        int plane = outRows * outCols;
        int o = base + chRe * plane;
        for (int y = 0; y < outRows; y++) {
            int src = (y + 1) * lowCols + 1;
            for (int x = 0; x < outCols; x++) {
                out[o + y * outCols + x] = w.sRe[src + x] * scale;
            }
        }
        if (chIm >= 0) {
            o = base + chIm * plane;
            for (int y = 0; y < outRows; y++) {
                int src = (y + 1) * lowCols + 1;
                for (int x = 0; x < outCols; x++) {
                    out[o + y * outCols + x] = w.sIm[src + x] * scale;
                }
            }
        }
    }

    /**
     * {@code out = Sum of the k x k aliases of (Y .* F)}, Y and F of m x c, out of (m/k) x (c/k): Kymatio's
     * Sub times k^2 (the 1/k^2 is folded into the caller's final scale).
     */
    static void foldMultiply(double[] yr, double[] yi, int m, int c, double[] f, int k, double[] or,
            double[] oi) {
        if (k == 1) {
            int size = m * c;
            for (int i = 0; i < size; i++) {
                or[i] = yr[i] * f[i];
                oi[i] = yi[i] * f[i];
            }
            return;
        }
        int sm = m / k;
        int sc = c / k;
        java.util.Arrays.fill(or, 0, sm * sc, 0);
        java.util.Arrays.fill(oi, 0, sm * sc, 0);
        for (int r = 0; r < m; r++) {
            int orow = (r % sm) * sc;
            int irow = r * c;
            for (int q = 0; q < k; q++) {
                int ib = irow + q * sc;
                for (int b = 0; b < sc; b++) {
                    double fv = f[ib + b];
                    or[orow + b] += yr[ib + b] * fv;
                    oi[orow + b] += yi[ib + b] * fv;
                }
            }
        }
    }

    /** {@code dst[i] = scale * |z_i|} (dst may alias re). */
    static void modulus(double[] re, double[] im, int n, double scale, double[] dst) {
        for (int i = 0; i < n; i++) {
            double a = re[i];
            double b = im[i];
            dst[i] = scale * Math.sqrt(a * a + b * b);
        }
    }
}
