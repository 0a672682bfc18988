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
 * The folds read filters cut into blocks and input blocks copied to index 0 of their own arrays (the only
 * form JDK 17's C2 vectorises, see {@link #blocks}); phi is separable, so low-passes fold one frequency axis
 * at a time, and the spectra of U2 (and of U1 not kept for order 2) are never formed in full: the first
 * FFT pass is folded along k1 before the second pass ({@link #separableLowPass}).
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
     * psiB[n][level] and phiB[level]: the real Fourier filters (shared read-only), stored transposed
     * ({@code [k2][k1]}, because spectra are kept transposed: one transpose per 2D FFT instead of two) and cut
     * into the blocks of the one fold they are used with (see {@link #blocks}): psi of scale j at level r is
     * only ever folded by 2^(j-r), phi at level r by 2^(J-r).
     */
    private final double[][][][] psiB;
    private final double[][][] phiB;
    /**
     * phi at level r as an outer product, phi^(k1, k2) = phiK1[r][k1] phiK2[r][k2] (a periodised isotropic
     * Gaussian is separable; checked to 1e-14 of its maximum at construction), or null where not: lets
     * {@link #separableLowPass} fold the first FFT axis before the second pass.
     */
    private final double[][] phiK1;
    private final double[][] phiK2;
    /** psiAt[j][r]: the L blocked filters psiB[j*L + t][r] (t = 0..L-1); phiAt[r] = {phiB[r]}: fold filter lists. */
    private final double[][][][][] psiAt;
    private final double[][][][] phiAt;
    /**
     * First-order paths per second-order call at least (the single-image path's tasks, and the batch path
     * when pathGroup is 1). Two paths fit the row buffers reserved for the first order, and halve the
     * filter traffic of the second-order folds, which for large images stream every filter from memory
     * once per call.
     */
    private static final int SINGLE_GROUP = 2;
    /** First-order paths per second-order batch (batch path): a batch of about 32K complex values. */
    private final int pathGroup;
    /** Tiled second-order filters for folds by 2 (see the constructor), or null rows. */
    private final double[][][][] psi2Tile;
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
        double[][][] psi = new double[J * L][][];
        this.psiB = new double[J * L][][][];
        for (int n = 0; n < J * L; n++) {
            int lv = bank.levels(n / L);
            psi[n] = new double[lv][];
            psiB[n] = new double[lv][][];
            for (int r = 0; r < lv; r++) {
                psi[n][r] = transposed(bank.psi(n, r), mp >> r, np >> r);
                psiB[n][r] = blocks(psi[n][r], np >> r, mp >> r, 1 << Math.max(0, n / L - r));
            }
        }
        this.phiB = new double[J][][];
        this.phiK1 = new double[J][];
        this.phiK2 = new double[J][];
        for (int r = 0; r < J; r++) {
            double[] t = transposed(bank.phi(r), mp >> r, np >> r);
            phiB[r] = blocks(t, np >> r, mp >> r, 1 << (J - r));
            separate(t, np >> r, mp >> r, r);
        }
        this.psiAt = new double[J][][][][];
        this.phiAt = new double[J][][][];
        for (int j = 0; j < J; j++) {
            psiAt[j] = new double[psi[j * L].length][L][][];
            for (int r = 0; r < psi[j * L].length; r++) {
                for (int t = 0; t < L; t++) {
                    psiAt[j][r][t] = psiB[j * L + t][r];
                }
            }
            phiAt[j] = new double[][][] {phiB[j]};
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
        // psi2Tile[j1][a][x]: block x of psiB[(j1+1)*L + a][j1] (cut for the fold by 2, in fold order: half q
        // of a row), repeated pathGroup times (layout [t][k1 % h], as the split layout of U1^), so that one loop
        // folds a filter over all maps of a path group
        this.psi2Tile = new double[J][][][];
        for (int j1 = 0; j1 + 1 < J && maxOrder > 1 && pathGroup > 1; j1++) {
            psi2Tile[j1] = new double[L][][];
            for (int a = 0; a < L; a++) {
                double[][] f = psiB[(j1 + 1) * L + a][j1];
                int h = f[0].length;
                double[][] tile = new double[f.length][pathGroup * h];
                for (int x = 0; x < f.length; x++) {
                    for (int t = 0; t < pathGroup; t++) {
                        System.arraycopy(f[x], 0, tile[x], t * h, h);
                    }
                }
                psi2Tile[j1][a] = tile;
            }
        }
    }

    /**
     * Splits the transposed low-pass {@code t} (rows k2 &lt; m, columns k1 &lt; c) at level r into
     * phiK1[r][k1] = t[0][k1] and phiK2[r][k2] = t[k2][0] / t[0][0] if their outer product reproduces every
     * value to within 1e-14 of the largest; leaves them null otherwise (then the 2D fold is used).
     */
    private void separate(double[] t, int m, int c, int r) {
        double t00 = t[0];
        if (!(t00 != 0)) {
            return;
        }
        double[] k1 = java.util.Arrays.copyOf(t, c);
        double[] k2 = new double[m];
        double max = 0;
        for (int i = 0; i < m; i++) {
            k2[i] = t[i * c] / t00;
        }
        for (double v : t) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < c; j++) {
                if (Math.abs(t[i * c + j] - k1[j] * k2[i]) > 1e-14 * max) {
                    return;
                }
            }
        }
        phiK1[r] = k1;
        phiK2[r] = k2;
    }

    /**
     * A filter of m x c (row-major) cut for a fold by k, in the order the fold reads it: block
     * {@code r0*k*k + i*k + q} is column block q ({@code c/k} values) of row {@code r0 + i*(m/k)}, so the k x k
     * blocks that go into output row r0 are one run from {@code r0*k*k} on. Every fold loop then reads its
     * filter values from index 0 of an array, as it reads the input blocks (see {@link Fold}): JDK 17's C2
     * vectorises a loop only when all its array accesses share one index expression, and a read at
     * {@code f[fb + b]} next to a store at {@code out[o + b]} keeps the loop scalar (measured: 3.6x slower
     * than the blocked loop).
     */
    private static double[][] blocks(double[] f, int m, int c, int k) {
        int sm = m / k;
        int sc = c / k;
        double[][] b = new double[m * k][sc];
        for (int r0 = 0; r0 < sm; r0++) {
            for (int i = 0; i < k; i++) {
                for (int q = 0; q < k; q++) {
                    System.arraycopy(f, (r0 + i * sm) * c + q * sc, b[(r0 * k + i) * k + q], 0, sc);
                }
            }
        }
        return b;
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
        return new NdArray(new int[] {channels, outRows, outCols}, run(new double[][] {flat}));
    }

    /** Transforms one image given row-major as M*N values (not modified) to shape (C, M', N'). */
    public NdArray transform(double[] image) {
        checkFlat(image, 0);
        return new NdArray(new int[] {channels, outRows, outCols}, run(new double[][] {image}));
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
        return new NdArray(new int[] {flat.length, channels, outRows, outCols}, run(flat));
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
        final Fold fold = new Fold();
        /** Output channels of the packed second-order pairs of one call. */
        final int[] chRe = new int[(bigL + 1) / 2 * Math.max(pathGroup, SINGLE_GROUP)];
        final int[] chIm = new int[(bigL + 1) / 2 * Math.max(pathGroup, SINGLE_GROUP)];

        /** The single-image path's output buffer (see {@link #runSingle}), made on first use. */
        private double[] output;

        double[] output(int size) {
            if (output == null) {
                output = new double[size];
            }
            return output;
        }

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

    /** The transform of {@code images} (B &ge; 1), C-order (B, C, M', N') in a new array. */
    private double[] run(double[][] images) {
        List<Work> taken = new ArrayList<>();
        int per = channels * outRows * outCols;
        int secondGroup = Math.max(pathGroup, SINGLE_GROUP);
        try {
            if (images.length > 1 || Parallel.threads() == 1) {
                double[] out = new double[images.length * per];
                Parallel.forEach(images.length, () -> acquire(taken), (b, w) -> {
                    lowPassImage(forwardImage(images[b], w, false), w, out, b * per);
                    for (int j1 = 0; j1 < bigJ; j1++) {
                        firstOrder(w, j1, 0, bigL, w, out, b * per);
                    }
                    for (int j1 = 0; maxOrder > 1 && j1 + 1 < bigJ; j1++) {
                        for (int ta = 0; ta < bigL; ta += secondGroup) {
                            secondOrder(w, j1, ta, Math.min(bigL, ta + secondGroup), w, out, b * per);
                        }
                    }
                });
                return out;
            }
            return runSingle(images[0], acquire(taken), taken);
        } finally {
            pool.addAll(taken);
        }
    }

    /**
     * One image on several threads: first-order angle groups, then second-order paths, split over the
     * threads. The channels are computed into {@code main}'s reused output buffer (warm in the caches, where a
     * fresh array per call is cold) and copied to the caller's fresh array by the thread that finished them,
     * while they are still in its cache; that array is allocated (and zeroed) by one more task of the
     * first-order step, beside the other threads' work, so no step of the call is serial for it.
     */
    private double[] runSingle(double[] image, Work main, List<Work> taken) {
        int plane = outRows * outCols;
        int per = channels * plane;
        double[] buf = main.output(per);
        double[][] result = new double[1][];
        BatchFft.Rows spectrum = forwardImage(image, main, true);
        // groups start at even angles, so U1 maps are paired (firstOrder) exactly as in the batch path; item 0
        // is S0 (from main's FFT buffers, which the first order does not use: it reads main.x) and the array
        int chunk = ((bigL + 1) / 2 + 1) & ~1;
        int groups = (bigL + chunk - 1) / chunk;
        Parallel.forEach(1 + bigJ * groups, () -> acquire(taken), (i, w) -> {
            if (i == 0) {
                lowPassImage(spectrum, main, buf, 0);
                result[0] = new double[per];
                return;
            }
            int t0 = ((i - 1) % groups) * chunk;
            firstOrder(main, (i - 1) / groups, t0, Math.min(bigL, t0 + chunk), w, buf, 0);
        });
        double[] out = result[0];
        int done = (1 + bigJ * bigL) * plane; // orders 0 and 1
        if (done == per) {
            System.arraycopy(buf, 0, out, 0, per);
            return out;
        }
        // SINGLE_GROUP paths per task: each filter block fetched from memory serves both paths' folds; the
        // channels of a task's paths are one run (n1 outer, n2 inner); item 0 copies orders 0 and 1
        int tasks = (bigL + SINGLE_GROUP - 1) / SINGLE_GROUP;
        Parallel.forEach(1 + (bigJ - 1) * tasks, () -> acquire(taken), (i, w) -> {
            if (i == 0) {
                System.arraycopy(buf, 0, out, 0, done);
                return;
            }
            int j1 = (i - 1) / tasks;
            int ta = ((i - 1) % tasks) * SINGLE_GROUP;
            int tb = Math.min(bigL, ta + SINGLE_GROUP);
            secondOrder(main, j1, ta, tb, w, buf, 0);
            int n2 = (j1 + 1) * bigL; // the first n2 below n1 = (j1, t)
            int from = order2Index[j1 * bigL + ta][n2] * plane;
            int to = (order2Index[j1 * bigL + tb - 1][n2] + (bigJ - 1 - j1) * bigL) * plane;
            System.arraycopy(buf, from, out, from, to - from);
        });
        return out;
    }

    /**
     * Reflect-pads the image and puts X^ = FFT2(x_pad) (transposed) into img.x and into the returned buffer
     * of img.fft.
     */
    private BatchFft.Rows forwardImage(double[] src, Work img, boolean parallel) {
        int period = 2 * (rows - 1);
        int cperiod = 2 * (cols - 1);
        BatchFft.Rows in = img.fft.free(null);
        for (int u = 0; u < mp; u++) {
            int r = reflect(u - padTop, rows, period);
            int s = r * cols;
            double[] row = in.re()[u];
            // the image row itself, then the reflected margins
            System.arraycopy(src, s, row, padLeft, cols);
            for (int v = 0; v < padLeft; v++) {
                row[v] = src[s + reflect(v - padLeft, cols, cperiod)];
            }
            for (int v = padLeft + cols; v < np; v++) {
                row[v] = src[s + reflect(v - padLeft, cols, cperiod)];
            }
            java.util.Arrays.fill(in.im()[u], 0, np, 0);
        }
        if (parallel) {
            // the single-image path: the other threads would idle during this FFT, so both passes are split
            // over the threads by columns (sequences); the same values as forwardRows
            BatchFft.Rows a = parallelPass(in, mp, np, img.fft, null, null);
            return parallelPass(Fft2D.transposeRows(a, mp, 1, np, img.fft), np, mp, img.fft, img.xRe, img.xIm);
        }
        BatchFft.Rows f = Fft2D.forwardRows(in, mp, np, 1, img.fft);
        copyLanes(f, img.xRe, img.xIm, 0, mp);
        return f;
    }

    /** {@code dRe/dIm[r][from .. to-1]} = the same values of the rows of {@code f}, for every row r of d. */
    private static void copyLanes(BatchFft.Rows f, double[][] dRe, double[][] dIm, int from, int to) {
        for (int r = 0; r < dRe.length; r++) {
            System.arraycopy(f.re()[r], from, dRe[r], from, to - from);
            System.arraycopy(f.im()[r], from, dIm[r], from, to - from);
        }
    }

    /** S0 = Sub(X^ phi, 2^J) to channel 0, from X^ in {@code f} (a buffer of img.fft, see {@link #forwardImage}). */
    private void lowPassImage(BatchFft.Rows f, Work img, double[] out, int base) {
        lowPass(f.re(), f.im(), 0, np, mp, 0, 1 << bigJ, 1, img.fft, img.fold, f, out, base, new int[] {0}, null,
                0);
    }

    /**
     * {@link Fft2D#pass} (forward) with the sequences split over the threads; with {@code keepRe} (n rows),
     * each thread also copies its sequences of the result there.
     */
    private static BatchFft.Rows parallelPass(BatchFft.Rows in, int n, int lanes, Fft2D.Workspace ws,
            double[][] keepRe, double[][] keepIm) {
        BatchFft.Rows o = ws.free(in);
        BatchFft plan = BatchFft.of(n);
        int parts = Math.max(1, Math.min(Parallel.threads(), lanes / 64));
        boolean[] inO = new boolean[parts];
        Parallel.forEach(parts, () -> null, (i, unused) -> {
            int from = (int) ((long) lanes * i / parts);
            int to = (int) ((long) lanes * (i + 1) / parts);
            inO[i] = plan.transformRows(in.re(), in.im(), o.re(), o.im(), from, to, false);
            if (keepRe != null) {
                copyLanes(inO[i] ? o : in, keepRe, keepIm, from, to);
            }
        });
        return inO[0] ? o : in;
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
                in.re(), in.im(), 0, m1, w.fold);
        BatchFft.Rows u = Fft2D.inverseRows(in, m1, c1, count, w.fft);
        // U1 is real: pack maps 2p and 2p+1 as U1(2p) + i U1(2p+1), one complex FFT per pair, then split
        int pairs = (count + 1) / 2;
        BatchFft.Rows z = w.fft.free(u);
        packModulus(u, z, m1, c1, count, 1.0 / ((double) mp * np));
        // the low-pass of a packed pair gives S1 of map 2p in its real part, of 2p+1 in its imaginary part
        int[] chRe = new int[pairs];
        int[] chIm = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            chRe[p] = 1 + j1 * bigL + t0 + 2 * p;
            chIm[p] = 2 * p + 1 < count ? chRe[p] + 1 : -1;
        }
        if (img.u1Re[j1] == null && phiK1[j1] != null) {
            // U1^ is not kept (no second order below this scale): only its low-pass is needed
            separableLowPass(z, m1, c1, pairs, j1, w, out, base, chRe, chIm);
            return;
        }
        BatchFft.Rows f = Fft2D.forwardRows(z, m1, c1, pairs, w.fft);
        if (img.u1Re[j1] != null) {
            splitPairs(f, c1, m1, count, img.u1Re[j1], img.u1Im[j1], t0, bigL);
        }
        lowPass(f.re(), f.im(), 0, c1, m1, j1, 1 << (bigJ - j1), pairs, w.fft, w.fold, f, out, base, chRe, chIm,
                0);
    }

    /**
     * {@code out[i] = scale |y[i]|} for i &lt; n (out may be yr). All arrays from index 0, so that C2
     * vectorises the loop (square roots included).
     */
    private static void modulus(double[] yr, double[] yi, double[] out, int n, double scale) {
        for (int i = 0; i < n; i++) {
            double a = yr[i];
            double b = yi[i];
            out[i] = scale * Math.sqrt(a * a + b * b);
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
            modulus(yr, y.im()[u], yr, count * c, scale);
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
                // split layout: value k1 of map t at ((k1 / h) L + t) h + k1 % h; -k1 is c - k1 (0 for k1 = 0)
                splitRun(zr, zi, wr, wi, b, b, 0, 1, ta * h, ar, ai, h, two);
                splitRun(zr, zi, wr, wi, b, b + c, 1, h, ta * h, ar, ai, h, two);
                splitRun(zr, zi, wr, wi, b, b + c, h, c, (L + ta - 1) * h, ar, ai, h, two);
            }
        }
    }

    /**
     * {@link #splitPairs} for k1 = from .. to-1 of one pair, without branches in the loop: Z(k) at
     * {@code z[b + k1]}, Z(-k) at {@code w[wb - k1]}, A to {@code a[d + k1]} and, when {@code two}, B to
     * {@code a[d + h + k1]}.
     */
    private static void splitRun(double[] zr, double[] zi, double[] wr, double[] wi, int b, int wb, int from,
            int to, int d, double[] ar, double[] ai, int h, boolean two) {
        if (!two) {
            for (int k1 = from; k1 < to; k1++) {
                ar[d + k1] = 0.5 * (zr[b + k1] + wr[wb - k1]);
                ai[d + k1] = 0.5 * (zi[b + k1] - wi[wb - k1]);
            }
            return;
        }
        for (int k1 = from; k1 < to; k1++) {
            double xr = zr[b + k1];
            double xi = zi[b + k1];
            double yr = wr[wb - k1];
            double yi = wi[wb - k1];
            ar[d + k1] = 0.5 * (xr + yr);
            ai[d + k1] = 0.5 * (xi - yi);
            ar[d + h + k1] = 0.5 * (xi + yi);
            ai[d + h + k1] = -0.5 * (xr - yr);
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
                    in.im(), w.fold);
            BatchFft.Rows y = Fft2D.inverseRows(in, m2, c2, g * bigL, w.fft);
            // U2 maps, row u holding [t][path][v]; pack t = p, p + P into row u of z as [p][path][v]
            BatchFft.Rows z = w.fft.free(y);
            packSecond(y, z, m2, c2, bigL, g, 1.0 / ((double) m1 * c1));
            // pair (p, path t): channels of (n1, n2) = (j1 L + ta + t, j2 L + p) and (.., j2 L + p + P)
            for (int p = 0; p < per; p++) {
                for (int t = 0; t < g; t++) {
                    int n1 = j1 * bigL + ta + t;
                    w.chRe[p * g + t] = order2Index[n1][j2 * bigL + p];
                    w.chIm[p * g + t] = p + per < bigL ? order2Index[n1][j2 * bigL + p + per] : -1;
                }
            }
            if (phiK1[j2] != null) {
                separableLowPass(z, m2, c2, g * per, j2, w, out, base, w.chRe, w.chIm);
            } else {
                BatchFft.Rows f = Fft2D.forwardRows(z, m2, c2, g * per, w.fft);
                lowPass(f.re(), f.im(), 0, c2, m2, j2, 1 << (bigJ - j2), g * per, w.fft, w.fold, f, out, base,
                        w.chRe, w.chIm, 0);
            }
        }
    }

    /**
     * Second-order fold: for each filter a of {@code fs} (blocked for the fold by k, see {@link #blocks})
     * and path t = ta .. ta+g-1, the k x k fold of U1^(t) .* psi_a (U1^ in img.u1's split layout, m rows of c
     * values per map) into output row r at values {@code (a*g + t - ta)*(c/k) ..}. With {@code tiles} (k =
     * 2) one loop covers all g paths. Adds the aliases in the same order as {@link #foldMultiply}.
     */
    private void foldSecond(double[][] ur, double[][] ui, int ta, int g, int m, int c, double[][][] fs,
            double[][][] tiles, int k, double[][] or, double[][] oi, Fold fd) {
        int sm = m / k;
        int sc = c / k;
        int h = c / 2;
        int halfK = k / 2;
        int nb = k * k;
        if (tiles != null) {
            // k = 2, so sc = h: block q of path ta.. is the run of g maps at (q L + ta) h in the split layout
            int len = g * sc;
            fd.ensure(4, len);
            for (int r0 = 0; r0 < sm; r0++) {
                int r1 = r0 + sm;
                for (int i = 0; i < 2; i++) {
                    for (int q = 0; q < 2; q++) {
                        int l = (q * bigL + ta) * h;
                        System.arraycopy(ur[i == 0 ? r0 : r1], l, fd.aRe[2 * i + q], 0, len);
                        System.arraycopy(ui[i == 0 ? r0 : r1], l, fd.aIm[2 * i + q], 0, len);
                    }
                }
                for (int a = 0; a < fs.length; a++) {
                    fd.fold(tiles[a], 4 * r0, 4, len, or[r0], oi[r0], a * len);
                }
            }
            return;
        }
        fd.ensure(nb, sc);
        for (int r0 = 0; r0 < sm; r0++) {
            for (int t = 0; t < g; t++) {
                int tt = ta + t;
                for (int i = 0; i < k; i++) {
                    int r = r0 + i * sm;
                    for (int q = 0; q < k; q++) {
                        // block q: half q / (k/2) of the split layout, then column block q % (k/2) within it
                        int l = ((q / halfK) * bigL + tt) * h + (q % halfK) * sc;
                        System.arraycopy(ur[r], l, fd.aRe[i * k + q], 0, sc);
                        System.arraycopy(ui[r], l, fd.aIm[i * k + q], 0, sc);
                    }
                }
                for (int a = 0; a < fs.length; a++) {
                    fd.fold(fs[a], r0 * nb, nb, sc, or[r0], oi[r0], (a * g + t) * sc);
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
            // the whole row in one loop from index 0 (vectorised), then the imaginary-part run moved over
            double[] zr = z.re()[u];
            modulus(y.re()[u], y.im()[u], zr, re + im, scale);
            System.arraycopy(zr, re, z.im()[u], 0, im);
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
    private void lowPass(double[][] yr, double[][] yi, int lane0, int m, int c, int level, int k, int count,
            Fft2D.Workspace ws, Fold fd, BatchFft.Rows busy, double[] out, int base, int[] chRe, int[] chIm, int chOff) {
        int sc = c / k; // = lowRows: the small spectra are transposed, lowCols rows of [a][lowRows]
        BatchFft.Rows s = ws.free(busy);
        if (phiK1[level] != null && lane0 == 0) {
            foldSeparable(yr, yi, m, c, k, count, phiK2[level], phiK1[level], s, fd);
        } else {
            for (int a = 0; a < count; a++) {
                foldMultiply(yr, yi, lane0 + a * c, m, c, phiAt[level], k, s.re(), s.im(), a * sc, 0, fd);
            }
        }
        emit(s, count, 1.0 / ((double) m * c), ws, out, base, chRe, chIm, chOff);
    }

    /**
     * The low-pass of {@code count} real maps (or packed pairs of real maps) at resolution j, given in space
     * ({@code z}: rows u &lt; m holding {@code [a][v]}, c values per map), with phi^ = phiK1 x phiK2: the
     * first FFT pass (along u), the fold by k = 2^(J-j) along k1 times phiK1, the transpose and second
     * pass on 1/k of the values, the fold along k2 times phiK2, then as {@link #lowPass}. Equals
     * FFT2 + the 2D fold up to rounding (the filter product and the order of the sums differ).
     */
    private void separableLowPass(BatchFft.Rows z, int m, int c, int count, int j, Work w, double[] out, int base,
            int[] chRe, int[] chIm) {
        int k = 1 << (bigJ - j);
        int sm = m / k;
        int sc = c / k;
        Fft2D.Workspace ws = w.fft;
        BatchFft.Rows a = Fft2D.pass(z, m, count * c, false, ws);
        BatchFft.Rows b = ws.free(a);
        foldRows(a, phiK1[j], sm, k, count * c, b);
        BatchFft.Rows d = Fft2D.transposeRows(b, sm, count, c, ws);
        BatchFft.Rows e = Fft2D.pass(d, c, count * sm, false, ws);
        BatchFft.Rows s = ws.free(e);
        foldRows(e, phiK2[j], sc, k, count * sm, s);
        emit(s, count, 1.0 / ((double) m * c), ws, out, base, chRe, chIm, 0);
    }

    /**
     * The k x k fold of Y .* (p2 x p1) for {@code count} transposed spectra side by side (Y's row r, r &lt; m,
     * holding {@code [a][k1]}, c values per map), into rows r0 &lt; m/k of {@code s} as {@code [a][c/k]}: the
     * rows are folded times p2 first (long loops from index 0), then each row's column blocks times p1.
     */
    private static void foldSeparable(double[][] yr, double[][] yi, int m, int c, int k, int count, double[] p2,
            double[] p1, BatchFft.Rows s, Fold fd) {
        int sm = m / k;
        int sc = c / k;
        int len = count * c;
        fd.ensure(1, len);
        double[] t = fd.aRe[0];
        for (int part = 0; part < 2; part++) {
            double[][] y = part == 0 ? yr : yi;
            double[][] o = part == 0 ? s.re() : s.im();
            for (int r0 = 0; r0 < sm; r0++) {
                foldRow(y, p2, r0, sm, k, len, t);
                double[] row = o[r0];
                for (int a = 0; a < count; a++) {
                    int ia = a * c;
                    int oa = a * sc;
                    for (int b = 0; b < sc; b++) {
                        double acc = t[ia + b] * p1[b];
                        for (int q = 1; q < k; q++) {
                            acc += t[ia + q * sc + b] * p1[q * sc + b];
                        }
                        row[oa + b] = acc;
                    }
                }
            }
        }
    }

    /** {@code o = sum over i < k of x[r + i*rows] * f[r + i*rows]} over len values (pairs of rows per loop). */
    private static void foldRow(double[][] x, double[] f, int r, int rows, int k, int len, double[] o) {
        double[] x0 = x[r];
        double f0 = f[r];
        if (k == 1) {
            for (int t = 0; t < len; t++) {
                o[t] = x0[t] * f0;
            }
            return;
        }
        double[] x1 = x[r + rows];
        double f1 = f[r + rows];
        for (int t = 0; t < len; t++) {
            o[t] = x0[t] * f0 + x1[t] * f1;
        }
        for (int i = 2; i < k; i += 2) {
            double[] xa = x[r + i * rows];
            double[] xb = x[r + (i + 1) * rows];
            double fa = f[r + i * rows];
            double fb = f[r + (i + 1) * rows];
            for (int t = 0; t < len; t++) {
                o[t] = o[t] + xa[t] * fa + xb[t] * fb;
            }
        }
    }

    /**
     * {@code dst[r] = sum over i < k of src[r + i*rows] * f[r + i*rows]} for r &lt; rows, over len values
     * (a fold by k along the row index, times a 1D filter).
     */
    private static void foldRows(BatchFft.Rows src, double[] f, int rows, int k, int len, BatchFft.Rows dst) {
        for (int r = 0; r < rows; r++) {
            foldRow(src.re(), f, r, rows, k, len, dst.re()[r]);
            foldRow(src.im(), f, r, rows, k, len, dst.im()[r]);
        }
    }

    /**
     * The small inverse FFTs of the folded low-pass spectra in {@code s} (lowCols rows of {@code [a][lowRows]}),
     * times {@code scale}, unpadded into the channels chRe[chOff + a] (real parts) and chIm[chOff + a]
     * (imaginary parts, when given and &ge; 0).
     */
    private void emit(BatchFft.Rows s, int count, double scale, Fft2D.Workspace ws, double[] out, int base,
            int[] chRe, int[] chIm, int chOff) {
        BatchFft.Rows r = Fft2D.inverseRows(s, lowRows, lowCols, count, ws);
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
     * For each filter F_a of {@code fs} (blocked for the fold by k, see {@link #blocks}): {@code out_a = sum
     * of the k x k aliases of (Y .* F_a)} for Y and F_a of m x c (Y's row r is {@code yr[r]} from value
     * {@code yLane} on), out_a of (m/k) x (c/k) (row r is {@code or[r]} from value {@code oLane + a*oStep}
     * on): Kymatio's Sub times k^2 (the 1/k^2 goes into the caller's final scale). Output row by output row:
     * the row's k x k input blocks are copied once (to index 0 of their own arrays, so that the loops
     * vectorise) and serve all filters; the aliases are added in the order (row, column block) for every k.
     */
    static void foldMultiply(double[][] yr, double[][] yi, int yLane, int m, int c, double[][][] fs, int k,
            double[][] or, double[][] oi, int oLane, int oStep, Fold fd) {
        int sm = m / k;
        int sc = c / k;
        int nb = k * k;
        fd.ensure(nb, sc);
        for (int r0 = 0; r0 < sm; r0++) {
            for (int i = 0; i < k; i++) {
                int r = r0 + i * sm;
                for (int q = 0; q < k; q++) {
                    System.arraycopy(yr[r], yLane + q * sc, fd.aRe[i * k + q], 0, sc);
                    System.arraycopy(yi[r], yLane + q * sc, fd.aIm[i * k + q], 0, sc);
                }
            }
            for (int a = 0; a < fs.length; a++) {
                fd.fold(fs[a], r0 * nb, nb, sc, or[r0], oi[r0], oLane + a * oStep);
            }
        }
    }

    /**
     * Scratch of the folds (one per thread): the input blocks of one output row, real and imaginary parts
     * each at index 0 of its own array ({@code aRe[b]}, {@code aIm[b]}), and the accumulators. The filter
     * blocks are read where they are stored (in fold order, see {@link #blocks}). The kernels keep at most two
     * products per loop body, since C2 unrolls (and so vectorises) only bodies under its LoopUnrollLimit.
     */
    static final class Fold {
        double[][] aRe = new double[0][];
        double[][] aIm = new double[0][];
        private double[] tRe = new double[0];
        private double[] tIm = new double[0];

        /** At least {@code blocks} input blocks of at least {@code len} values, and accumulators of len. */
        void ensure(int blocks, int len) {
            if (aRe.length < blocks || tRe.length < len) {
                int b = Math.max(blocks, aRe.length);
                int l = Math.max(len, tRe.length);
                aRe = new double[b][l];
                aIm = new double[b][l];
                tRe = new double[l];
                tIm = new double[l];
            }
        }

        /**
         * {@code sum_b aRe[b] .* f[f0 + b]} (and the imaginary part) for b &lt; nb, over len values, added in
         * the order b = 0, 1, ..., stored to {@code outR/outI} from value o on.
         */
        void fold(double[][] f, int f0, int nb, int len, double[] outR, double[] outI, int o) {
            double[] accR = o == 0 ? outR : tRe;
            double[] accI = o == 0 ? outI : tIm;
            sum(aRe, f, f0, nb, accR, len);
            sum(aIm, f, f0, nb, accI, len);
            if (o != 0) {
                System.arraycopy(tRe, 0, outR, o, len);
                System.arraycopy(tIm, 0, outI, o, len);
            }
        }

        /** acc = ((x0 f0 + x1 f1) + x2 f2) + x3 f3 ... (the summation order of the scalar folds). */
        private static void sum(double[][] x, double[][] f, int fb, int nb, double[] acc, int len) {
            if (nb == 1) {
                double[] x0 = x[0];
                double[] f0 = f[fb];
                for (int b = 0; b < len; b++) {
                    acc[b] = x0[b] * f0[b];
                }
                return;
            }
            mul2(x[0], f[fb], x[1], f[fb + 1], acc, len);
            int j = 2;
            for (; j + 1 < nb; j += 2) {
                mac2(x[j], f[fb + j], x[j + 1], f[fb + j + 1], acc, len);
            }
            if (j < nb) {
                double[] x0 = x[j];
                double[] f0 = f[fb + j];
                for (int b = 0; b < len; b++) {
                    acc[b] = acc[b] + x0[b] * f0[b];
                }
            }
        }

        private static void mul2(double[] x0, double[] f0, double[] x1, double[] f1, double[] acc, int len) {
            for (int b = 0; b < len; b++) {
                acc[b] = x0[b] * f0[b] + x1[b] * f1[b];
            }
        }

        private static void mac2(double[] x0, double[] f0, double[] x1, double[] f1, double[] acc, int len) {
            for (int b = 0; b < len; b++) {
                acc[b] = acc[b] + x0[b] * f0[b] + x1[b] * f1[b];
            }
        }
    }
}
