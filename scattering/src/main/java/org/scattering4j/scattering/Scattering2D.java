package org.scattering4j.scattering;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.scattering4j.scattering.fft.BatchFft;
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
 * over images on {@link Parallel#threads()} threads, a single image over groups of first-order angles
 * and then over its first-order paths (each carrying its second-order children). Scratch space is
 * pooled and reused, so steady-state calls allocate only their output (and small index arrays).
 *
 * <p>Implementation notes: spectra are kept transposed ({@code [k2][k1]}, one transpose per 2D FFT) in
 * the FFT's row buffers ({@link Fft2D#forwardRows}, no copies in and out); all L angles of one scale go
 * through one multi-array 2D FFT; real maps are paired in one complex FFT: first-order U1(2p) + i U1(2p+1)
 * (spectra split by Hermitian symmetry for order 2; the low-pass reads the packed pair), second-order
 * U2(t) + i U2(t + ceil(L/2)) (phi^ is real and even, so the low-pass of a pair gives both maps); in the
 * batch path of small images the second order of several first-order paths runs as one FFT batch (long
 * vector loops), with the U1 spectra in a split layout and tiled filters so that each fold by 2 is one
 * loop; every FFT length is handled by {@link org.scattering4j.scattering.fft.BatchFft} without
 * Bluestein. Pairings depend only on the angle indices, so the result does not depend on the thread count.
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
    /** psiAt[j][r]: the L filters psi[j*L + t][r] (t = 0..L-1); phiAt[r] = {phi[r]}: foldMultiply's filter lists. */
    private final double[][][][] psiAt;
    private final double[][][] phiAt;
    /** First-order paths per second-order batch (batch path): a batch of about 32K complex values. */
    private final int pathGroup;
    /** Tiled second-order filters for folds by 2 (see the constructor), or null rows. */
    private final double[][][] psi2Tile;
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
        this.psiAt = new double[J][][][];
        this.phiAt = new double[J][][];
        for (int j = 0; j < J; j++) {
            psiAt[j] = new double[psi[j * L].length][L][];
            for (int r = 0; r < psi[j * L].length; r++) {
                for (int t = 0; t < L; t++) {
                    psiAt[j][r][t] = psi[j * L + t][r];
                }
            }
            phiAt[j] = new double[][] {phi[j]};
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
        long half = (long) L * (mp / 2) * (np / 2);
        this.pathGroup = (int) Math.max(1, Math.min(L, 32768 / Math.max(1, half)));
        // psi2Tile[j1][a]: psi[(j1+1)*L + a] at level j1, each k1 half repeated pathGroup times (layout
        // [k2][half][t][k1 % h]), so that one loop folds a filter over all maps of a path group
        this.psi2Tile = new double[J][][];
        for (int j1 = 0; j1 + 1 < J && maxOrder > 1 && pathGroup > 1; j1++) {
            int rowsT = np >> j1;
            int h = (mp >> j1) / 2;
            psi2Tile[j1] = new double[L][];
            for (int a = 0; a < L; a++) {
                double[] f = psi[(j1 + 1) * L + a][j1];
                double[] tile = new double[rowsT * 2 * pathGroup * h];
                for (int r = 0; r < rowsT; r++) {
                    for (int q = 0; q < 2; q++) {
                        for (int t = 0; t < pathGroup; t++) {
                            System.arraycopy(f, r * 2 * h + q * h, tile, ((r * 2 + q) * pathGroup + t) * h, h);
                        }
                    }
                }
                psi2Tile[j1][a] = tile;
            }
        }
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

    /**
     * Scratch space, pooled and reused across calls. One Work serves one thread at a time; in the
     * single-image path the image's spectra (x, u1) are read by all threads, each with its own Work for
     * the rest. Spectra live in rows ({@code double[]} per frequency k2, see {@link Fft2D#forwardRows}) so
     * that the FFTs read and write them without copies.
     */
    private final class Work {
        /** Padded image spectrum X^, transposed: np rows of mp values. */
        final double[][] xRe = new double[np][mp];
        final double[][] xIm = new double[np][mp];
        /**
         * Spectra of U1 per scale j1 (kept for order 2 only), transposed, angles side by side in the split
         * layout of {@link #splitPairs}: row k2 &lt; (np&gt;&gt;j1) holds [k1 half][t][k1 % h].
         */
        final double[][][] u1Re = new double[bigJ][][];
        final double[][][] u1Im = new double[bigJ][][];
        final Fft2D.Workspace fft = new Fft2D.Workspace(0);
        /** Output channels of the packed second-order pairs of one call. */
        final int[] chRe = new int[(bigL + 1) / 2 * pathGroup];
        final int[] chIm = new int[(bigL + 1) / 2 * pathGroup];

        Work() {
            for (int j = 0; j + 1 < bigJ && maxOrder > 1; j++) {
                u1Re[j] = new double[np >> j][bigL * (mp >> j)];
                u1Im[j] = new double[np >> j][bigL * (mp >> j)];
            }
            fft.reserve(Math.max(mp, np), bigL * Math.max(Math.max(mp, np), pathGroup * Math.max(mp / 2, np / 2)));
        }
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
        int per = channels * outRows * outCols;
        try {
            if (images.length > 1 || Parallel.threads() == 1) {
                Parallel.forEach(images.length, () -> acquire(taken), (b, w) -> {
                    forwardImage(images[b], w, out, b * per);
                    for (int j1 = 0; j1 < bigJ; j1++) {
                        firstOrder(w, j1, 0, bigL, w, out, b * per);
                    }
                    for (int j1 = 0; maxOrder > 1 && j1 + 1 < bigJ; j1++) {
                        for (int ta = 0; ta < bigL; ta += pathGroup) {
                            secondOrder(w, j1, ta, Math.min(bigL, ta + pathGroup), w, out, b * per);
                        }
                    }
                });
            } else {
                // one image: split first-order angle groups, then second-order paths, over threads
                Work main = acquire(taken);
                forwardImage(images[0], main, out, 0);
                // groups start at even angles, so U1 maps are paired (firstOrder) exactly as in the batch path
                int chunk = ((bigL + 1) / 2 + 1) & ~1;
                int groups = (bigL + chunk - 1) / chunk;
                Parallel.forEach(bigJ * groups, () -> acquire(taken), (i, w) -> {
                    int t0 = (i % groups) * chunk;
                    firstOrder(main, i / groups, t0, Math.min(bigL, t0 + chunk), w, out, 0);
                });
                if (maxOrder > 1) {
                    Parallel.forEach(bigJ * bigL, () -> acquire(taken), (n1, w) -> secondOrder(main, n1 / bigL, n1 % bigL, n1 % bigL + 1, w,
                            out, 0));
                }
            }
        } finally {
            pool.addAll(taken);
        }
    }

    /**
     * Reflect-pads the image, X^ = FFT2(x_pad) into img.x (transposed), and S0 = Sub(X^ phi, 2^J) to
     * channel 0.
     */
    private void forwardImage(double[] src, Work img, double[] out, int base) {
        int period = 2 * (rows - 1);
        int cperiod = 2 * (cols - 1);
        BatchFft.Rows in = img.fft.free(null);
        for (int u = 0; u < mp; u++) {
            int r = reflect(u - padTop, rows, period);
            int s = r * cols;
            double[] row = in.re()[u];
            for (int v = 0; v < np; v++) {
                row[v] = src[s + reflect(v - padLeft, cols, cperiod)];
            }
            java.util.Arrays.fill(in.im()[u], 0, np, 0);
        }
        BatchFft.Rows f = Fft2D.forwardRows(in, mp, np, 1, img.fft);
        for (int k2 = 0; k2 < np; k2++) {
            System.arraycopy(f.re()[k2], 0, img.xRe[k2], 0, mp);
            System.arraycopy(f.im()[k2], 0, img.xIm[k2], 0, mp);
        }
        lowPass(f.re(), f.im(), 0, np, mp, phiAt[0], 1 << bigJ, 1, img.fft, f, out, base, new int[] {0}, null, 0);
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
     * First order for angles t0 .. t1-1 at scale j1: U1 = |IFFT2(Sub(X^ psi, 2^j1))| for the whole group
     * at once, forward-transformed in packed pairs U1(2p) + i U1(2p+1), their spectra split into
     * img.u1[j1] (kept for order 2), and S1 = Sub(U1^ phi, 2^(J-j1)) from the packed pairs.
     */
    private void firstOrder(Work img, int j1, int t0, int t1, Work w, double[] out, int base) {
        int m1 = mp >> j1;
        int c1 = np >> j1;
        int count = t1 - t0;
        BatchFft.Rows in = w.fft.free(null);
        foldMultiply(img.xRe, img.xIm, 0, np, mp, count == bigL ? psiAt[j1][0] : java.util.Arrays.copyOfRange(psiAt[j1][0], t0, t1), 1 << j1,
                in.re(), in.im(), 0, m1);
        BatchFft.Rows u = Fft2D.inverseRows(in, m1, c1, count, w.fft);
        // U1 is real: pack maps 2p and 2p+1 as U1(2p) + i U1(2p+1), one complex FFT per pair, then split
        int pairs = (count + 1) / 2;
        BatchFft.Rows z = w.fft.free(u);
        packModulus(u, z, m1, c1, count, 1.0 / ((double) mp * np));
        BatchFft.Rows f = Fft2D.forwardRows(z, m1, c1, pairs, w.fft);
        if (img.u1Re[j1] != null) {
            splitPairs(f, c1, m1, count, img.u1Re[j1], img.u1Im[j1], t0, bigL);
        }
        // the low-pass of a packed pair gives S1 of map 2p in its real part, of 2p+1 in its imaginary part
        int[] chRe = new int[pairs];
        int[] chIm = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            chRe[p] = 1 + j1 * bigL + t0 + 2 * p;
            chIm[p] = 2 * p + 1 < count ? chRe[p] + 1 : -1;
        }
        lowPass(f.re(), f.im(), 0, c1, m1, phiAt[j1], 1 << (bigJ - j1), pairs, w.fft, f, out, base, chRe, chIm, 0);
    }

    /**
     * Second-order packing: row u of {@code z} gets {@code [g][p][v]} = scale |y(g, p)| + i scale
     * |y(g, p + P)| (P = ceil(count/2); the imaginary part of p = P-1 is zero when count is odd) from row u
     * of {@code y} ({@code [g][a][v]}: groups of {@code count} complex maps of c values). Pairing a map
     * with the one P later makes each group's real and imaginary parts two contiguous runs (long loops).
     */
    private static void packHalves(BatchFft.Rows y, BatchFft.Rows z, int rows, int c, int count, int groups,
            double scale) {
        int pairs = (count + 1) / 2;
        int rest = count - pairs;
        for (int u = 0; u < rows; u++) {
            double[] yr = y.re()[u];
            double[] yi = y.im()[u];
            double[] zr = z.re()[u];
            double[] zi = z.im()[u];
            for (int g = 0; g < groups; g++) {
                int src = g * count * c;
                int dst = g * pairs * c;
                modulus(yr, yi, src, zr, dst, pairs * c, scale);
                modulus(yr, yi, src + pairs * c, zi, dst, rest * c, scale);
                if (rest < pairs) {
                    java.util.Arrays.fill(zi, dst + rest * c, dst + pairs * c, 0);
                }
            }
        }
    }

    /** {@code out[dst + i] = scale |y[src + i]|} for i &lt; n. */
    private static void modulus(double[] yr, double[] yi, int src, double[] out, int dst, int n, double scale) {
        for (int i = 0; i < n; i++) {
            double a = yr[src + i];
            double b = yi[src + i];
            out[dst + i] = scale * Math.sqrt(a * a + b * b);
        }
    }

    /**
     * First-order packing: row u of {@code z} gets {@code [p][v]} = scale |y(2p)| + i scale |y(2p+1)| from
     * row u of {@code y} ({@code [a][v]}, {@code count} complex maps of c values; the odd one out gets a
     * zero imaginary part). The modulus runs over the whole row in place (one long loop), then blocks are
     * copied.
     */
    private static void packModulus(BatchFft.Rows y, BatchFft.Rows z, int rows, int c, int count, double scale) {
        int pairs = (count + 1) / 2;
        for (int u = 0; u < rows; u++) {
            double[] yr = y.re()[u];
            double[] zr = z.re()[u];
            double[] zi = z.im()[u];
            modulus(yr, y.im()[u], 0, yr, 0, count * c, scale);
            for (int p = 0; p < pairs; p++) {
                System.arraycopy(yr, 2 * p * c, zr, p * c, c);
                if (2 * p + 1 < count) {
                    System.arraycopy(yr, (2 * p + 1) * c, zi, p * c, c);
                } else {
                    java.util.Arrays.fill(zi, p * c, (p + 1) * c, 0);
                }
            }
        }
    }

    /**
     * Splits transposed spectra Z of packed real pairs (row k2 &lt; m of {@code f} holding {@code [p][k1]},
     * k1 &lt; c) into the spectra of the two real maps, A = (Z(k) + conj Z(-k)) / 2 and
     * B = (Z(k) - conj Z(-k)) / 2i, written as maps t0+2p and t0+2p+1 (only those &lt; t0 + count) to row
     * k2 of {@code dRe/dIm} in the split layout: value k1 of map t at {@code ((k1 / h) L + t) h + k1 % h},
     * h = c/2 (each half of all L maps is one contiguous run, which the second-order folds by 2 read).
     */
    static void splitPairs(BatchFft.Rows f, int m, int c, int count, double[][] dRe, double[][] dIm, int t0, int L) {
        int pairs = (count + 1) / 2;
        int h = c / 2;
        for (int k2 = 0; k2 < m; k2++) {
            int n2 = k2 == 0 ? 0 : m - k2;
            double[] zr = f.re()[k2];
            double[] zi = f.im()[k2];
            double[] wr = f.re()[n2];
            double[] wi = f.im()[n2];
            double[] ar = dRe[k2];
            double[] ai = dIm[k2];
            for (int p = 0; p < pairs; p++) {
                int b = p * c;
                int ta = t0 + 2 * p;
                boolean two = 2 * p + 1 < count;
                for (int k1 = 0; k1 < c; k1++) {
                    int n1 = k1 == 0 ? 0 : c - k1;
                    // split layout: value k1 of map t at ((k1 / h) L + t) h + k1 % h
                    int da = k1 < h ? ta * h + k1 : (L + ta) * h + k1 - h;
                    int db = da + h;
                    double xr = zr[b + k1];
                    double xi = zi[b + k1];
                    double yr = wr[b + n1];
                    double yi = wi[b + n1];
                    ar[da] = 0.5 * (xr + yr);
                    ai[da] = 0.5 * (xi - yi);
                    if (two) {
                        ar[db] = 0.5 * (xi + yi);
                        ai[db] = -0.5 * (xr - yr);
                    }
                }
            }
        }
    }

    /**
     * Second order below the paths n1 = (j1, t1) for t1 = ta .. tb-1, reading U1^ from img.u1: for each
     * j2 &gt; j1, the (tb-ta) L maps U2 = |IFFT2(Sub(U1^ psi, 2^(j2-j1)))| in one batch, packed in pairs
     * as U2(t) + i U2(t+P) (phi^ is real and even, so one complex FFT and low-pass serve two real maps),
     * and S2 = Sub(U2^ phi, 2^(J-j2)). Several paths per batch make the FFT loops longer (small images).
     */
    private void secondOrder(Work img, int j1, int ta, int tb, Work w, double[] out, int base) {
        int m1 = mp >> j1;
        int c1 = np >> j1;
        double[][] ur = img.u1Re[j1];
        double[][] ui = img.u1Im[j1];
        int g = tb - ta;
        int per = (bigL + 1) / 2;
        for (int j2 = j1 + 1; j2 < bigJ; j2++) {
            int k = 1 << (j2 - j1);
            int m2 = m1 / k;
            int c2 = c1 / k;
            BatchFft.Rows in = w.fft.free(null);
            foldSecond(ur, ui, ta, g, c1, m1, psiAt[j2][j1], k == 2 && g > 1 ? psi2Tile[j1] : null, k, in.re(),
                    in.im());
            BatchFft.Rows y = Fft2D.inverseRows(in, m2, c2, g * bigL, w.fft);
            // U2 maps, row u holding [t][path][v]; pack t = p, p + P into row u of z as [p][path][v]
            BatchFft.Rows z = w.fft.free(y);
            packSecond(y, z, m2, c2, bigL, g, 1.0 / ((double) m1 * c1));
            BatchFft.Rows f = Fft2D.forwardRows(z, m2, c2, g * per, w.fft);
            // pair (p, path t): channels of (n1, n2) = (j1 L + ta + t, j2 L + p) and (.., j2 L + p + P)
            for (int p = 0; p < per; p++) {
                for (int t = 0; t < g; t++) {
                    int n1 = j1 * bigL + ta + t;
                    w.chRe[p * g + t] = order2Index[n1][j2 * bigL + p];
                    w.chIm[p * g + t] = p + per < bigL ? order2Index[n1][j2 * bigL + p + per] : -1;
                }
            }
            lowPass(f.re(), f.im(), 0, c2, m2, phiAt[j2], 1 << (bigJ - j2), g * per, w.fft, f, out, base, w.chRe,
                    w.chIm, 0);
        }
    }

    /**
     * Second-order fold: for each filter a of {@code fs} and path t = ta .. ta+g-1, the k x k fold of
     * U1^(t) .* psi_a (U1^ in img.u1's split layout, m rows of c values per map) into output row r at
     * values {@code (a*g + t - ta)*(c/k) ..}. With {@code tiles} (k = 2) one loop covers all g paths.
     * Adds the aliases in the same order as {@link #foldMultiply}.
     */
    private void foldSecond(double[][] ur, double[][] ui, int ta, int g, int m, int c, double[][] fs,
            double[][] tiles, int k, double[][] or, double[][] oi) {
        int sm = m / k;
        int sc = c / k;
        int h = c / 2;
        int halfK = k / 2;
        for (int r0 = 0; r0 < sm; r0++) {
            double[] outR = or[r0];
            double[] outI = oi[r0];
            for (int a = 0; a < fs.length; a++) {
                int o = a * g * sc;
                if (tiles != null) {
                    double[] ft = tiles[a];
                    int rs = 2 * pathGroup * h;
                    int r1 = r0 + sm;
                    int l0 = ta * h;
                    int l1 = (bigL + ta) * h;
                    fold2(ur[r0], ur[r1], l0, l1, ft, r0 * rs, r0 * rs + rs / 2, r1 * rs, r1 * rs + rs / 2, g * sc,
                            outR, o);
                    fold2(ui[r0], ui[r1], l0, l1, ft, r0 * rs, r0 * rs + rs / 2, r1 * rs, r1 * rs + rs / 2, g * sc,
                            outI, o);
                    continue;
                }
                double[] f = fs[a];
                for (int t = 0; t < g; t++) {
                    int ot = o + t * sc;
                    int tt = ta + t;
                    if (k == 2) {
                        int r1 = r0 + sm;
                        int l0 = tt * h;
                        int l1 = (bigL + tt) * h;
                        fold2(ur[r0], ur[r1], l0, l1, f, r0 * c, r0 * c + sc, r1 * c, r1 * c + sc, sc, outR, ot);
                        fold2(ui[r0], ui[r1], l0, l1, f, r0 * c, r0 * c + sc, r1 * c, r1 * c + sc, sc, outI, ot);
                        continue;
                    }
                    if (k == 4) {
                        // blocks 0, 1 in the first half of the split layout, 2, 3 in the second
                        int l0 = tt * h;
                        int l2 = (bigL + tt) * h;
                        for (int i = 0; i < 4; i++) {
                            int r = r0 + i * sm;
                            int fb = r * c;
                            fold4(ur[r], l0, l0 + sc, l2, l2 + sc, f, fb, fb + sc, fb + 2 * sc, fb + 3 * sc, sc, outR,
                                    ot, i == 0);
                            fold4(ui[r], l0, l0 + sc, l2, l2 + sc, f, fb, fb + sc, fb + 2 * sc, fb + 3 * sc, sc, outI,
                                    ot, i == 0);
                        }
                        continue;
                    }
                    for (int i = 0; i < k; i++) {
                        int r = r0 + i * sm;
                        double[] inR = ur[r];
                        double[] inI = ui[r];
                        for (int q = 0; q < k; q++) {
                            int ib = ((q / halfK) * bigL + tt) * h + (q % halfK) * sc;
                            int fb = r * c + q * sc;
                            if (i == 0 && q == 0) {
                                for (int b = 0; b < sc; b++) {
                                    double fv = f[fb + b];
                                    outR[ot + b] = inR[ib + b] * fv;
                                    outI[ot + b] = inI[ib + b] * fv;
                                }
                            } else {
                                for (int b = 0; b < sc; b++) {
                                    double fv = f[fb + b];
                                    outR[ot + b] += inR[ib + b] * fv;
                                    outI[ot + b] += inI[ib + b] * fv;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Second-order packing: maps {@code [t][path][v]} (L angles x g paths of c values per row) become pairs
     * {@code [p][path][v]} = scale |U(p, path)| + i scale |U(p + P, path)|, P = ceil(L/2) (zero imaginary
     * part for p = P-1 when L is odd): the real parts are one contiguous run, the imaginary parts another.
     */
    private static void packSecond(BatchFft.Rows y, BatchFft.Rows z, int rows, int c, int L, int g, double scale) {
        int per = (L + 1) / 2;
        int re = per * g * c;
        int im = (L - per) * g * c;
        for (int u = 0; u < rows; u++) {
            double[] yr = y.re()[u];
            double[] yi = y.im()[u];
            modulus(yr, yi, 0, z.re()[u], 0, re, scale);
            modulus(yr, yi, re, z.im()[u], 0, im, scale);
            if (im < re) {
                java.util.Arrays.fill(z.im()[u], im, re, 0);
            }
        }
    }


    /**
     * For {@code count} transposed spectra side by side in rows (array a's row r is {@code yr[r]} from
     * value {@code lane0 + a*c} on, m rows): S = IFFT2(Sub(Y phi, k)) / (m c), unpadded; real parts to
     * channels chRe[chOff + a], imaginary parts to chIm[chOff + a] when given and &ge; 0. {@code busy} is the buffer of
     * {@code ws} that holds Y, if any.
     */
    private void lowPass(double[][] yr, double[][] yi, int lane0, int m, int c, double[][] filter, int k, int count,
            Fft2D.Workspace ws, BatchFft.Rows busy, double[] out, int base, int[] chRe, int[] chIm, int chOff) {
        int sc = c / k; // = lowRows: the small spectra are transposed, lowCols rows of [a][lowRows]
        BatchFft.Rows s = ws.free(busy);
        for (int a = 0; a < count; a++) {
            foldMultiply(yr, yi, lane0 + a * c, m, c, filter, k, s.re(), s.im(), a * sc, 0);
        }
        BatchFft.Rows r = Fft2D.inverseRows(s, lowRows, lowCols, count, ws);
        double scale = 1.0 / ((double) m * c);
        int plane = outRows * outCols;
        for (int a = 0; a < count; a++) {
            for (int part = 0; part < 2; part++) {
                int ch = part == 0 ? chRe[chOff + a] : (chIm == null ? -1 : chIm[chOff + a]);
                if (ch < 0) {
                    continue;
                }
                double[][] rr = part == 0 ? r.re() : r.im();
                int o = base + ch * plane;
                int from = a * lowCols + 1;
                for (int y = 0; y < outRows; y++) {
                    double[] row = rr[y + 1];
                    for (int x = 0; x < outCols; x++) {
                        out[o + y * outCols + x] = row[from + x] * scale;
                    }
                }
            }
        }
    }

    /**
     * For each filter F_a of {@code fs}: {@code out_a = sum of the k x k aliases of (Y .* F_a)} for Y and
     * F_a of m x c (Y's row r is {@code yr[r]} from value {@code yLane} on), out_a of (m/k) x (c/k) (row r
     * is {@code or[r]} from value {@code oLane + a*oStep} on): Kymatio's Sub times k^2 (the 1/k^2 goes
     * into the caller's final scale). Output row by output row, so the k input rows it sums stay in
     * cache for all filters; the aliases are added in the order (row, column block) for every k.
     */
    static void foldMultiply(double[][] yr, double[][] yi, int yLane, int m, int c, double[][] fs, int k,
            double[][] or, double[][] oi, int oLane, int oStep) {
        int sm = m / k;
        int sc = c / k;
        for (int r0 = 0; r0 < sm; r0++) {
            double[] outR = or[r0];
            double[] outI = oi[r0];
            for (int a = 0; a < fs.length; a++) {
                double[] f = fs[a];
                int o = oLane + a * oStep;
                if (k == 1) {
                    double[] inR = yr[r0];
                    double[] inI = yi[r0];
                    int fb = r0 * c;
                    for (int b = 0; b < c; b++) {
                        double fv = f[fb + b];
                        outR[o + b] = inR[yLane + b] * fv;
                        outI[o + b] = inI[yLane + b] * fv;
                    }
                } else if (k == 2) {
                    int f0 = r0 * c;
                    int f1 = (r0 + sm) * c;
                    fold2(yr[r0], yr[r0 + sm], yLane, yLane + sc, f, f0, f0 + sc, f1, f1 + sc, sc, outR, o);
                    fold2(yi[r0], yi[r0 + sm], yLane, yLane + sc, f, f0, f0 + sc, f1, f1 + sc, sc, outI, o);
                } else if (k % 4 == 0) {
                    for (int i = 0; i < k; i++) {
                        int r = r0 + i * sm;
                        for (int q = 0; q < k; q += 4) {
                            boolean assign = i == 0 && q == 0;
                            int l = yLane + q * sc;
                            int fb = r * c + q * sc;
                            fold4(yr[r], l, l + sc, l + 2 * sc, l + 3 * sc, f, fb, fb + sc, fb + 2 * sc, fb + 3 * sc, sc,
                                    outR, o, assign);
                            fold4(yi[r], l, l + sc, l + 2 * sc, l + 3 * sc, f, fb, fb + sc, fb + 2 * sc, fb + 3 * sc, sc,
                                    outI, o, assign);
                        }
                    }
                } else {
                    for (int i = 0; i < k; i++) {
                        int r = r0 + i * sm;
                        double[] inR = yr[r];
                        double[] inI = yi[r];
                        for (int q = 0; q < k; q++) {
                            int ib = yLane + q * sc;
                            int fb = r * c + q * sc;
                            if (i == 0 && q == 0) {
                                for (int b = 0; b < sc; b++) {
                                    double fv = f[fb + b];
                                    outR[o + b] = inR[ib + b] * fv;
                                    outI[o + b] = inI[ib + b] * fv;
                                }
                            } else {
                                for (int b = 0; b < sc; b++) {
                                    double fv = f[fb + b];
                                    outR[o + b] += inR[ib + b] * fv;
                                    outI[o + b] += inI[ib + b] * fv;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Four column aliases of one input row and part (blocks at y lanes l0..l3, filter offsets f0..f3, sc
     * values each), added to (or, with {@code assign}, stored in) out in foldMultiply's order.
     */
    private static void fold4(double[] y, int l0, int l1, int l2, int l3, double[] f, int f0, int f1, int f2, int f3,
            int sc, double[] out, int o, boolean assign) {
        if (assign) {
            for (int b = 0; b < sc; b++) {
                double acc = y[l0 + b] * f[f0 + b];
                acc += y[l1 + b] * f[f1 + b];
                acc += y[l2 + b] * f[f2 + b];
                acc += y[l3 + b] * f[f3 + b];
                out[o + b] = acc;
            }
        } else {
            for (int b = 0; b < sc; b++) {
                double acc = out[o + b];
                acc += y[l0 + b] * f[f0 + b];
                acc += y[l1 + b] * f[f1 + b];
                acc += y[l2 + b] * f[f2 + b];
                acc += y[l3 + b] * f[f3 + b];
                out[o + b] = acc;
            }
        }
    }

    /**
     * The four aliases of a 2 x 2 fold, one part (real or imaginary), added in foldMultiply's order: input
     * rows y0, y1 with column blocks at l0 and l1, filter blocks at f00, f01 (row y0) and f10, f11 (row y1).
     */
    private static void fold2(double[] y0, double[] y1, int l0, int l1, double[] f, int f00, int f01, int f10,
            int f11, int len, double[] out, int o) {
        for (int b = 0; b < len; b++) {
            double acc = y0[l0 + b] * f[f00 + b];
            acc += y0[l1 + b] * f[f01 + b];
            acc += y1[l0 + b] * f[f10 + b];
            acc += y1[l1 + b] * f[f11 + b];
            out[o + b] = acc;
        }
    }
}
