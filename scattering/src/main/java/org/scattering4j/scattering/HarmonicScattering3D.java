package org.scattering4j.scattering;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.scattering4j.scattering.fft.Fft3D;
import org.scattering4j.scattering.fft.TransposedInverse3D;
import org.scattering4j.scattering.filters.SolidHarmonicFilterBank3D;
import org.scattering4j.util.NdArray;
import org.scattering4j.util.Parallel;

/**
 * Solid harmonic wavelet scattering of 3D volumes, numerically compatible with Kymatio's
 * {@code HarmonicScattering3D} (NumPy frontend, {@code method='integral'}; conventions.md section 3).
 *
 * <p>For {@code l = 0..L} and {@code j1 = 0..J}: {@code U1 = sqrt(sum_m |x * psi_{l,m,j1}|^2)} (circular
 * convolutions on the grid, no padding), {@code S1[j1][l][q] = sum_u U1(u)^q}; for {@code j2 > j1},
 * {@code U2 = sqrt(sum_m |U1 * psi_{l,m,j2}|^2)} with the <em>same</em> {@code l}, and
 * {@code S2[(j1,j2)][l][q] = sum_u U2(u)^q}. With {@code rotationCovariant=false} only the {@code m = -l}
 * filter and a plain modulus are used. Output {@code [path][l][power]}: paths {@code 0..J} are first order
 * {@code j1 = p}, then the pairs {@code j1 < j2} in lexicographic order ({@link #meta()}). There is no
 * order 0 in the output (as in Kymatio); {@link #order0} computes Kymatio's separate
 * {@code sum_u x(u)^q}.
 *
 * <p>How it is computed (exact mode, the default). The filters are never stored: each is a polynomial
 * of degree {@code l} times a separable Gaussian ({@link SolidHarmonicFilterBank3D}), evaluated on the fly
 * while multiplying spectra. The {@code 2l+1} complex harmonics are replaced by the same number of real
 * components, which gives the same {@code sum_m |.|^2} exactly; for real input and a grid whose sizes are
 * all even, each real component's response is real except for the Nyquist planes (where Kymatio's grid
 * is not symmetric), so two responses are packed into one complex inverse FFT and the Nyquist planes are
 * added back exactly by 2D FFTs of the planes. Grids with an odd size (Kymatio's off-by-one frequency
 * labels) and the non-covariant variant use one complex FFT per (complex) filter instead. Spectral bins
 * where a rigorous bound of {@code |spectrum * filter|} (radial profile of the spectrum times the filter
 * envelope) is below {@code 2^-70 / (M N O)} of its maximum are skipped (pruned): they cannot change a
 * double of the result (see {@link #PRUNE}), but whole slabs and columns of the inverse FFTs then need no
 * work (at {@code j = 2} more than half of them). FFTs are batched separable passes ({@link Fft3D} on
 * {@code BatchFft}), split over {@link Parallel#threads()} threads; large buffers live in one per-calling-thread
 * workspace reused between calls and instances (about {@code 10 M N O} doubles; for the QM7 grid 192 x 128 x 96
 * this is 190 MB, plus about 56 MB for the intermediate slabs of the multi-resolution mode's grouped inverse
 * FFTs; softly referenced).
 *
 * <p>Multi-resolution mode ({@link Builder#multiresolution(boolean)}, an approximation): each
 * {@code x * psi_j} is nearly band-limited, so its spectrum is cropped to the smallest box outside which
 * a radial bound of the input spectrum times the filter envelope stays below {@code tolerance} (default
 * 1e-6) times its maximum; the modulus is computed on the correspondingly coarser grid, refined by
 * {@link Builder#multiresolutionOversampling(double)} (default 1.3; sizes even with prime factors 2, 3,
 * 5, 7) because the modulus is not band-limited, and the sums are weighted by the ratio of voxel volumes so
 * that they estimate the full-grid sums. On the oversampled grid the bins outside the cropped band are
 * zero (a pruned, zero-padded spectrum), which saves FFT work and the Nyquist-plane corrections. Second
 * order starts from the coarse {@code U1}; its forward FFT computes only the low-frequency box that the
 * second-order crops can read (decided before the FFT from the bound {@code |FFT(U1)| <= sum U1}, as
 * {@code U1 >= 0}; inside that box the measured profile refines the crops). On the cropped grids (no
 * Nyquist planes) the packed pairs of a degree group go through one {@link TransposedInverse3D} call:
 * axis 0 first on the active columns of the band, the slab passes last, the results left in a layout
 * with axes 1 and 2 swapped inside each slab. Nothing here needs the natural order: the sums over
 * {@code u} do not depend on it, each slab's squared moduli are summed over the pairs and integrated while
 * in cache, and the second order's forward FFT reads the swapped layout directly
 * ({@link Fft3D#forwardTransposedReal}). Measured on 20 QM7 molecules (Kymatio's preset): every
 * coefficient within 6.9e-4 of exact mode for q &ge; 1 and 5.6e-3 for q = 0.5, at about a fifth of the
 * CPU time of exact mode (single thread, QM7 grid: 0.45 s against 2.4 s; BENCHMARKS.md, section
 * "HarmonicScattering3D multi-resolution, third round").
 *
 * <p>Objects are immutable and thread-safe; concurrent calls from different threads each use their own
 * workspace.
 *
 * <pre>{@code
 * HarmonicScattering3D s = HarmonicScattering3D.builder(2, 192, 128, 96)
 *         .L(3).sigma0(2.0).integralPowers(0.5, 1, 2, 3).build();
 * NdArray out = s.transform(density);     // shape [6][4][4] = [path][l][power]
 * double[] s0 = s.order0(density);         // sum of density^q
 * }</pre>
 */
public final class HarmonicScattering3D {
    /** One output path: order 1 ({@code j2 = -1}) or order 2. */
    public static final class Path {
        public final int order;
        public final int j1;
        public final int j2;

        Path(int order, int j1, int j2) {
            this.order = order;
            this.j1 = j1;
            this.j2 = j2;
        }

        @Override
        public String toString() {
            return order == 1 ? "order1(j1=" + j1 + ")" : "order2(j1=" + j1 + ", j2=" + j2 + ")";
        }
    }

    private final int J;
    private final int L;
    private final int[] shape;
    private final double sigma0;
    private final int maxOrder;
    private final boolean rotationCovariant;
    private final double[] powers;
    private final boolean multiresolution;
    private final double tolerance;
    private final double oversampling;
    private final boolean pruneSecondOrderInput;
    private final boolean transposedInverse;
    /**
     * Multi-resolution: the first-order grid factor at scales {@code j >= 1}, a third more oversampling
     * than at {@code j = 0} (1.3 -> 1.4; 1 stays 1). Their grids are several times smaller than that of
     * {@code j = 0}, so this costs little, and their {@code U1} feeds the narrowest second-order filters,
     * whose sums were the most sensitive to aliasing (20 QM7 molecules, factor 1.3 everywhere: worst
     * q = 3 coefficient (j1, j2) = (1, 2) off by 9.3e-4; with 1.4 at j >= 1: 6.9e-4).
     */
    private final double coarseOversampling;
    private final SolidHarmonicFilterBank3D bank;
    private final Fft3D fft;
    /** Multi-resolution with an even first size: the half-size FFT of the real input, and its twiddles. */
    private final Fft3D halfFft;
    private final double[] halfTwiddles;
    private final int voxels;
    private final boolean packed;
    private final List<Path> paths;
    /** Degree groups processed together (their components are packed pairwise). */
    private final int[][] groups;
    /**
     * One workspace per calling thread, shared by all instances (grown when a larger grid needs it) and
     * softly referenced, so idle workspaces can be reclaimed under memory pressure.
     */
    private static final ThreadLocal<SoftReference<Workspace>> WORKSPACES = new ThreadLocal<>();
    /**
     * Exact mode skips the spectral bins where a rigorous bound of {@code |spectrum * filter|} is below
     * {@code PRUNE / (grid size)} times the bound's maximum. Why this cannot change a result: by
     * Parseval the largest response voxel is at least {@code max|bin| / N}, and the dropped bins add at
     * most {@code N * (PRUNE / N) * max|bin| / N} to any voxel, i.e. {@code 2^-70} of the largest voxel,
     * far below the rounding of the FFT itself (about {@code 2^-53 log N} of it).
     */
    static final double PRUNE = 0x1p-70;

    /** Kymatio's defaults: L = 3, sigma0 = 1, maxOrder = 2, rotation covariant, powers (0.5, 1, 2). */
    public HarmonicScattering3D(int J, int[] shape) {
        this(builder(J, shape));
    }

    /** All of Kymatio's parameters ({@code method='integral'}); exact mode. */
    public HarmonicScattering3D(int J, int[] shape, int L, double sigma0, int maxOrder, boolean rotationCovariant,
                                double[] integralPowers) {
        this(builder(J, shape).L(L).sigma0(sigma0).maxOrder(maxOrder).rotationCovariant(rotationCovariant)
                .integralPowers(integralPowers));
    }

    /** A builder with Kymatio's defaults for everything but {@code J} and the grid. */
    public static Builder builder(int J, int m, int n, int o) {
        return new Builder(J, new int[] {m, n, o});
    }

    /** A builder with Kymatio's defaults for everything but {@code J} and the grid {@code {M, N, O}}. */
    public static Builder builder(int J, int[] shape) {
        if (shape == null || shape.length != 3) {
            throw new IllegalArgumentException("shape = " + Arrays.toString(shape) + " must have 3 sizes (M, N, O)");
        }
        return new Builder(J, shape.clone());
    }

    /** Parameters with Kymatio's defaults; {@link #build()} validates them. */
    public static final class Builder {
        private final int J;
        private final int[] shape;
        private int L = 3;
        private double sigma0 = 1;
        private int maxOrder = 2;
        private boolean rotationCovariant = true;
        private double[] powers = {0.5, 1, 2};
        private boolean multiresolution;
        private double tolerance = 1e-6;
        private double oversampling = 1.3;
        private boolean pruneSecondOrderInput = true;
        private boolean transposedInverse = true;

        private Builder(int J, int[] shape) {
            this.J = J;
            this.shape = shape;
        }

        /** Largest degree {@code L} (degrees 0..L), default 3. */
        public Builder L(int value) {
            this.L = value;
            return this;
        }

        /** Width of scale 0 in voxels, default 1. */
        public Builder sigma0(double value) {
            this.sigma0 = value;
            return this;
        }

        /** 1 or 2, default 2. */
        public Builder maxOrder(int value) {
            this.maxOrder = value;
            return this;
        }

        /** Default true: sum over m of squared moduli; false: the m = -l filter only. */
        public Builder rotationCovariant(boolean value) {
            this.rotationCovariant = value;
            return this;
        }

        /** The exponents q of the integrals, each finite and &gt; 0; default (0.5, 1, 2). */
        public Builder integralPowers(double... value) {
            this.powers = value == null ? null : value.clone();
            return this;
        }

        /** Approximate multi-resolution mode (default false = exact). */
        public Builder multiresolution(boolean value) {
            this.multiresolution = value;
            return this;
        }

        /**
         * Relative spectral magnitude below which the multi-resolution mode crops, in (0, 0.1];
         * default 1e-6.
         */
        public Builder multiresolutionTolerance(double value) {
            this.tolerance = value;
            return this;
        }

        /**
         * Multi-resolution: factor in [1, 4] (default 1.3) by which the grid of every modulus map is made
         * finer than its response's band: the smallest even 7-smooth size at least this factor times the
         * band's size, per axis (first-order scales {@code j >= 1}: a third more, 1.3 -> 1.4, as they
         * cost little). The modulus is not band-limited (it has kinks where all components vanish), so
         * sampling it at the response's own rate leaves quadrature errors in the sums and aliasing in the
         * DFT that feeds the second order. Measured on 20 QM7 molecules (tolerance 1e-6), worst
         * coefficient for q = 1, 2, 3: with 1.0 off by 1.1e-3, 2.4e-3, 3.8e-3 (about 2x faster); with 1.3
         * by 4.5e-4, 4.3e-4, 6.9e-4; q = 0.5: 5.6e-3 for both (far-field noise floor).
         */
        public Builder multiresolutionOversampling(double value) {
            this.oversampling = value;
            return this;
        }

        /**
         * Test hook (default true): the forward FFT of the first-order modulus maps computes only the bins
         * that a second-order crop can read. False computes the whole spectrum, the slow twin of the
         * pruned path (same crops, same results up to rounding).
         */
        Builder pruneSecondOrderInput(boolean value) {
            this.pruneSecondOrderInput = value;
            return this;
        }

        /**
         * Test hook (default true): multi-resolution mode computes the packed responses of a degree group
         * with {@link TransposedInverse3D} (all components in one call, results left in the transposed
         * layout, which the sums and the second-order forward FFT accept). False takes the natural-layout
         * path of exact mode, one {@link Fft3D} inverse per packed pair: the slow twin (same results up to
         * rounding).
         */
        Builder transposedInverse(boolean value) {
            this.transposedInverse = value;
            return this;
        }

        public HarmonicScattering3D build() {
            return new HarmonicScattering3D(this);
        }
    }

    private HarmonicScattering3D(Builder b) {
        if (b.J < 0 || b.J > 30) {
            throw new IllegalArgumentException("J = " + b.J + " must be in [0, 30]");
        }
        for (int a = 0; a < 3; a++) {
            if (b.shape[a] < 1) {
                throw new IllegalArgumentException("shape = " + Arrays.toString(b.shape) + ": every size must be >= 1");
            }
        }
        if ((long) b.shape[0] * b.shape[1] * b.shape[2] > (1L << 27)) {
            throw new IllegalArgumentException("shape = " + Arrays.toString(b.shape)
                    + " has more than 2^27 voxels (the workspace would not fit in Java arrays)");
        }
        if (b.L < 0 || b.L > 20) {
            throw new IllegalArgumentException("L = " + b.L + " must be in [0, 20]");
        }
        if (!(b.sigma0 > 0) || Double.isInfinite(b.sigma0)) {
            throw new IllegalArgumentException("sigma0 = " + b.sigma0 + " must be a positive finite number");
        }
        if (b.maxOrder != 1 && b.maxOrder != 2) {
            throw new IllegalArgumentException("maxOrder = " + b.maxOrder + " must be 1 or 2");
        }
        checkPowers("integralPowers", b.powers);
        if (!(b.tolerance > 0 && b.tolerance <= 0.1)) {
            throw new IllegalArgumentException("multiresolutionTolerance = " + b.tolerance + " must be in (0, 0.1]");
        }
        if (!(b.oversampling >= 1 && b.oversampling <= 4)) {
            throw new IllegalArgumentException("multiresolutionOversampling = " + b.oversampling
                    + " must be in [1, 4]");
        }
        this.J = b.J;
        this.L = b.L;
        this.shape = b.shape.clone();
        this.sigma0 = b.sigma0;
        this.maxOrder = b.maxOrder;
        this.rotationCovariant = b.rotationCovariant;
        this.powers = b.powers.clone();
        this.multiresolution = b.multiresolution;
        this.tolerance = b.tolerance;
        this.oversampling = b.oversampling;
        this.pruneSecondOrderInput = b.pruneSecondOrderInput;
        this.transposedInverse = b.transposedInverse;
        this.coarseOversampling = Math.min(4, b.oversampling + (b.oversampling - 1) / 3);
        this.bank = new SolidHarmonicFilterBank3D(shape[0], shape[1], shape[2], J, L, sigma0);
        this.fft = new Fft3D(shape[0], shape[1], shape[2]);
        if (multiresolution && shape[0] % 2 == 0) {
            this.halfFft = new Fft3D(shape[0] / 2, shape[1], shape[2]);
            this.halfTwiddles = new double[shape[0]];
            for (int k = 0; k < shape[0] / 2; k++) {
                double a = -2 * Math.PI * k / shape[0];
                halfTwiddles[2 * k] = Math.cos(a);
                halfTwiddles[2 * k + 1] = Math.sin(a);
            }
        } else {
            this.halfFft = null;
            this.halfTwiddles = null;
        }
        this.voxels = shape[0] * shape[1] * shape[2];
        this.packed = rotationCovariant && shape[0] % 2 == 0 && shape[1] % 2 == 0 && shape[2] % 2 == 0;
        List<Path> p = new ArrayList<>();
        for (int j = 0; j <= J; j++) {
            p.add(new Path(1, j, -1));
        }
        if (maxOrder == 2) {
            for (int j1 = 0; j1 <= J; j1++) {
                for (int j2 = j1 + 1; j2 <= J; j2++) {
                    p.add(new Path(2, j1, j2));
                }
            }
        }
        this.paths = Collections.unmodifiableList(p);
        // pair degree l with L - l so that packed groups hold about the same number of components
        List<int[]> g = new ArrayList<>();
        for (int lo = 0, hi = L; lo <= hi; lo++, hi--) {
            g.add(lo == hi || !packed ? new int[] {lo} : new int[] {lo, hi});
            if (!packed && lo != hi) {
                g.add(new int[] {hi});
            }
        }
        this.groups = g.toArray(new int[0][]);
    }

    private static void checkPowers(String name, double[] q) {
        if (q == null || q.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one power, got " + Arrays.toString(q));
        }
        for (int i = 0; i < q.length; i++) {
            if (!(q[i] > 0) || Double.isInfinite(q[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + q[i] + " must be finite and > 0");
            }
        }
    }

    // ---- accessors ------------------------------------------------------------------------------------

    public int J() {
        return J;
    }

    public int L() {
        return L;
    }

    public int[] shape() {
        return shape.clone();
    }

    public double sigma0() {
        return sigma0;
    }

    public int maxOrder() {
        return maxOrder;
    }

    public boolean rotationCovariant() {
        return rotationCovariant;
    }

    public boolean multiresolution() {
        return multiresolution;
    }

    public double[] integralPowers() {
        return powers.clone();
    }

    /** The filter bank (shared, immutable). */
    public SolidHarmonicFilterBank3D filterBank() {
        return bank;
    }

    /** The output paths in order. */
    public List<Path> meta() {
        return paths;
    }

    /** Number of paths P: {@code J+1} (+ {@code J(J+1)/2} with second order). */
    public int pathCount() {
        return paths.size();
    }

    /** Output shape for one volume: {@code {P, L+1, powers}}. */
    public int[] outputShape() {
        return new int[] {paths.size(), L + 1, powers.length};
    }

    /** Values per volume: {@code P (L+1) powers}. */
    public int outputSize() {
        return paths.size() * (L + 1) * powers.length;
    }

    // ---- public entry points ----------------------------------------------------------------------------

    /**
     * Transforms one volume ({@code M N O} values, C order, not modified); returns {@code [P][L+1][powers]}.
     */
    public NdArray transform(double[] volume) {
        checkVolume(volume, "volume");
        double[] out = new double[outputSize()];
        Workspace w = workspace();
        forwardReal(volume, w.spec, w.z);
        scatter(w, out, 0);
        return new NdArray(outputShape(), out);
    }

    /** Transforms a batch; returns {@code [B][P][L+1][powers]}. No volume is modified. */
    public NdArray transform(double[][] volumes) {
        if (volumes == null) {
            throw new IllegalArgumentException("volumes must not be null");
        }
        for (int b = 0; b < volumes.length; b++) {
            checkVolume(volumes[b], "volumes[" + b + "]");
        }
        int size = outputSize();
        double[] out = new double[volumes.length * size];
        Workspace w = workspace();
        for (int b = 0; b < volumes.length; b++) {
            forwardReal(volumes[b], w.spec, w.z);
            scatter(w, out, b * size);
        }
        int[] s = outputShape();
        return new NdArray(new int[] {volumes.length, s[0], s[1], s[2]}, out);
    }

    /**
     * The full-grid spectrum of a real volume (NumPy {@code fftn}), interleaved complex, new array of
     * {@code 2 M N O} values. Feed it to {@link #transformSpectrum} or {@link #modulus}.
     */
    public double[] spectrum(double[] volume) {
        checkVolume(volume, "volume");
        double[] s = new double[2 * voxels];
        forwardReal(volume, s, workspace().z);
        return s;
    }

    /**
     * The scattering coefficients {@code [P][L+1][powers]} (flattened, new array) of the real volume whose
     * spectrum is given (as from {@link #spectrum}; must be the spectrum of a real volume; not modified).
     */
    public double[] transformSpectrum(double[] spectrum) {
        checkSpectrum(spectrum);
        Workspace w = workspace();
        System.arraycopy(spectrum, 0, w.spec, 0, 2 * voxels);
        double[] out = new double[outputSize()];
        scatter(w, out, 0);
        return out;
    }

    /**
     * The first-order modulus map {@code U1_{l,j}(u) = sqrt(sum_m |x * psi_{l,m,j}|^2)} (or
     * {@code |x * psi_{l,-l,j}|} when not rotation covariant) on the full grid, always exact, written into
     * {@code out} ({@code M N O} values). {@code spectrum} (from {@link #spectrum}) is not modified.
     */
    public void modulus(double[] spectrum, int l, int j, double[] out) {
        checkSpectrum(spectrum);
        if (l < 0 || l > L) {
            throw new IllegalArgumentException("l = " + l + " must be in [0, " + L + "]");
        }
        if (j < 0 || j > J) {
            throw new IllegalArgumentException("j = " + j + " must be in [0, " + J + "]");
        }
        if (out == null || out.length != voxels) {
            throw new IllegalArgumentException("out must hold " + voxels + " values");
        }
        Workspace w = workspace();
        System.arraycopy(spectrum, 0, w.spec, 0, 2 * voxels);
        Grid full = fullGrid();
        responses(w, full, full, w.spec, w.spec, new int[] {l}, j, w.accA, w.accA, 0, null, null);
        for (int i = 0; i < voxels; i++) {
            out[i] = Math.sqrt(w.accA[i]);
        }
    }

    /** Kymatio's order 0 with this object's powers: {@code sum_u x(u)^q} (see {@link #order0(double[], double...)}). */
    public double[] order0(double[] volume) {
        return order0(volume, powers);
    }

    /**
     * Kymatio's order 0, {@code sum_u x(u)^q} for each power ({@code Math.pow} semantics: a negative voxel
     * with a fractional power gives NaN, as NumPy does). Not part of {@link #transform}.
     */
    public double[] order0(double[] volume, double... q) {
        checkVolume(volume, "volume");
        checkPowers("powers", q);
        double[] r = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            double s = 0;
            double p = q[i];
            for (double v : volume) {
                s += p == 1 ? v : p == 2 ? v * v : p == 3 ? v * v * v : Math.pow(v, p);
            }
            r[i] = s;
        }
        return r;
    }

    /** Order 0 of a batch: {@code [B][powers]}. */
    public NdArray order0(double[][] volumes, double... q) {
        if (volumes == null) {
            throw new IllegalArgumentException("volumes must not be null");
        }
        double[] out = new double[volumes.length * q.length];
        for (int b = 0; b < volumes.length; b++) {
            System.arraycopy(order0(volumes[b], q), 0, out, b * q.length, q.length);
        }
        return new NdArray(new int[] {volumes.length, q.length}, out);
    }

    private void checkVolume(double[] v, String name) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (v.length != voxels) {
            throw new IllegalArgumentException(name + " has " + v.length + " values, the grid "
                    + Arrays.toString(shape) + " needs " + voxels);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v[i] + " is not finite");
            }
        }
    }

    private void checkSpectrum(double[] s) {
        if (s == null || s.length != 2 * voxels) {
            throw new IllegalArgumentException("spectrum must hold " + 2 * voxels + " values (interleaved complex), got "
                    + (s == null ? "null" : s.length));
        }
    }

    private Workspace workspace() {
        SoftReference<Workspace> r = WORKSPACES.get();
        Workspace w = r == null ? null : r.get();
        if (w == null || w.capacity < voxels) {
            w = null; // let the old one go before allocating the new one
            WORKSPACES.remove();
            w = new Workspace(voxels);
            WORKSPACES.set(new SoftReference<>(w));
        }
        return w;
    }

    /**
     * The spectrum of a real volume into {@code spec} ({@code scratch}: at least {@code voxels} values).
     * Multi-resolution mode with an even first size uses a complex FFT of half the size (slabs 2m and
     * 2m+1 as real and imaginary parts, see {@link #forwardRealHalf}); exact mode keeps the full complex
     * FFT, so that its results stay bit for bit those that were checked against Kymatio.
     */
    private void forwardReal(double[] volume, double[] spec, double[] scratch) {
        if (halfFft != null) {
            forwardRealHalf(volume, spec, scratch);
            return;
        }
        chunks(voxels, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                spec[2 * i] = volume[i];
                spec[2 * i + 1] = 0;
            }
        });
        fft.forward(spec);
    }

    /**
     * Real-input FFT by packing: with {@code z(m) = x(2m) + i x(2m+1)} (slabs along axis 0, a grid of
     * {@code M/2 x N x O}), {@code Z = fftn(z) = E + i O} where E, O are the spectra of the even and odd
     * slabs; both are Hermitian, so {@code E(k) = (Z(k) + conj Z(-k)) / 2},
     * {@code O(k) = (Z(k) - conj Z(-k)) / (2i)}, and the full spectrum is
     * {@code X(k0) = E(k0) + t^k0 O(k0)}, {@code X(k0 + M/2) = E(k0) - t^k0 O(k0)} with
     * {@code t = exp(-2 pi i / M)}. Half the FFT work, one extra pass.
     */
    private void forwardRealHalf(double[] volume, double[] spec, double[] z) {
        int h = shape[0] / 2;
        int slab = shape[1] * shape[2];
        int n1 = shape[1];
        int n2 = shape[2];
        chunks(h * slab, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                int m = i / slab;
                int c = i - m * slab;
                z[2 * i] = volume[2 * m * slab + c];
                z[2 * i + 1] = volume[(2 * m + 1) * slab + c];
            }
        });
        halfFft.forward(z);
        double[] tw = halfTwiddles;
        Parallel.forEach(h, () -> null, (k0, ws) -> {
            int m0 = k0 == 0 ? 0 : h - k0;
            double tr = tw[2 * k0];
            double ti = tw[2 * k0 + 1];
            for (int k1 = 0; k1 < n1; k1++) {
                int m1 = k1 == 0 ? 0 : n1 - k1;
                int row = (k0 * n1 + k1) * n2;
                int mrow = (m0 * n1 + m1) * n2;
                int out = (k0 * n1 + k1) * n2;
                int out2 = ((k0 + h) * n1 + k1) * n2;
                for (int k2 = 0; k2 < n2; k2++) {
                    int m2 = k2 == 0 ? 0 : n2 - k2;
                    int p = 2 * (row + k2);
                    int q = 2 * (mrow + m2);
                    double zr = z[p];
                    double zi = z[p + 1];
                    double cr = z[q];
                    double ci = -z[q + 1];
                    double er = 0.5 * (zr + cr);
                    double ei = 0.5 * (zi + ci);
                    // O = (Z - conj Zm) / (2i)
                    double or = 0.5 * (zi - ci);
                    double oi = -0.5 * (zr - cr);
                    double wr = tr * or - ti * oi;
                    double wi = tr * oi + ti * or;
                    int a = 2 * (out + k2);
                    int b = 2 * (out2 + k2);
                    spec[a] = er + wr;
                    spec[a + 1] = ei + wi;
                    spec[b] = er - wr;
                    spec[b + 1] = ei - wi;
                }
            }
        });
    }

    /** A range {@code [lo, hi)} of a parallel loop. */
    @FunctionalInterface
    private interface Range {
        void run(int lo, int hi);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks split over the worker threads: the simple
     * grid-sized loops (copies, zeroing) would otherwise leave one core idle.
     */
    private static void chunks(int n, Range body) {
        int per = 1 << 16;
        int count = (n + per - 1) / per;
        Parallel.forEach(count, () -> null, (c, ws) -> body.run(c * per, Math.min(n, (c + 1) * per)));
    }

    private static void zero(double[] a, int n) {
        chunks(n, (lo, hi) -> Arrays.fill(a, lo, hi, 0));
    }

    // ---- the cascade ----------------------------------------------------------------------------------

    /** Large per-thread buffers, reused across calls. */
    private static final class Workspace {
        final double[] spec;
        final double[] z;
        final double[] ua;
        final double[] ub;
        final double[] accA;
        final double[] accB;
        final double[] partial;
        /** Intermediate slabs of the grouped transposed inverse FFTs (multi-resolution), grown on demand. */
        private double[] slabs = new double[0];

        final int capacity;

        Workspace(int n) {
            capacity = n;
            spec = new double[2 * n];
            z = new double[2 * n];
            ua = new double[2 * n];
            ub = new double[2 * n];
            accA = new double[n];
            accB = new double[n];
            partial = new double[4096];
        }

        double[] slabs(int n) {
            if (slabs.length < n) {
                slabs = new double[0]; // let the old one go first
                slabs = new double[n];
            }
            return slabs;
        }
    }

    /**
     * A grid on which spectra live (source) or responses are computed (target). For a target, {@code map[a][t]}
     * gives the source index of target index {@code t} (or -1: the bin is dropped).
     */
    private static final class Grid {
        final int[] n;
        final double[][] freq; // source grids: the filter frequency of each index
        final int[][] map;     // target grids: source index of each target index
        final int size;

        Grid(int[] n, double[][] freq, int[][] map) {
            this.n = n;
            this.freq = freq;
            this.map = map;
            this.size = n[0] * n[1] * n[2];
        }
    }

    private Grid fullGrid() {
        int[][] id = new int[3][];
        double[][] f = new double[3][];
        for (int a = 0; a < 3; a++) {
            id[a] = new int[shape[a]];
            for (int i = 0; i < shape[a]; i++) {
                id[a][i] = i;
            }
            f[a] = bank.frequencies(a);
        }
        return new Grid(shape.clone(), f, id);
    }

    /** A coarse grid of sizes {@code c} (each even and below the full size, or equal to it). */
    private Grid coarseGrid(int[] c) {
        double[][] f = new double[3][];
        for (int a = 0; a < 3; a++) {
            if (c[a] == shape[a]) {
                f[a] = bank.frequencies(a);
            } else {
                int odd = shape[a] % 2;
                f[a] = new double[c[a]];
                for (int i = 0; i < c[a]; i++) {
                    f[a][i] = 2 * Math.PI * (wrap(i, c[a]) - odd) / shape[a];
                }
            }
        }
        return new Grid(c.clone(), f, null);
    }

    /** True DFT frequency of index i on a grid of n (for even n the Nyquist bin is -n/2). */
    private static int wrap(int i, int n) {
        return i < (n + 1) / 2 ? i : i - n;
    }

    /** Target grid of sizes {@code t} cropped from source {@code src} (same size: identity). */
    private static Grid target(Grid src, int[] t) {
        int[][] map = new int[3][];
        for (int a = 0; a < 3; a++) {
            map[a] = new int[t[a]];
            for (int i = 0; i < t[a]; i++) {
                if (t[a] == src.n[a]) {
                    map[a][i] = i;
                } else {
                    int g = wrap(i, t[a]);
                    map[a][i] = (t[a] % 2 == 0 && g == -t[a] / 2) ? -1 : Math.floorMod(g, src.n[a]);
                }
            }
        }
        return new Grid(t.clone(), src.freq, map);
    }

    private void scatter(Workspace w, double[] out, int offset) {
        Grid full = fullGrid();
        int nq = powers.length;
        double[] prof = profile(full, w.spec);
        double[][] profs = {prof, prof};
        for (int j1 = 0; j1 <= J; j1++) {
            for (int[] group : groups) {
                Grid t1 = full;
                if (multiresolution) {
                    int[] c = cropSizes(full, profs, group, j1, j1 == 0 ? oversampling : coarseOversampling);
                    t1 = prune(target(full, c), cutoff(profs, group, j1, tolerance));
                } else {
                    t1 = prune(target(full, full.n), cutoff(profs, group, j1, PRUNE / full.size));
                }
                double weight = (double) voxels / t1.size;
                int[] offs1 = new int[group.length];
                for (int g = 0; g < group.length; g++) {
                    offs1[g] = offset + (j1 * (L + 1) + group[g]) * nq;
                }
                boolean transposed = responses(w, full, t1, w.spec, w.spec, group, j1, w.accA, w.accB, weight, out,
                        offs1);
                for (int g = 0; g < group.length && !transposed; g++) {
                    integrate(w, g == 0 ? w.accA : w.accB, t1.size, weight, out, offs1[g]);
                }
                if (maxOrder < 2 || j1 == J) {
                    continue;
                }
                // spectra of the U1 maps (sqrt taken in integrate), two packed into one FFT
                Grid src2 = coarseGrid(t1.n);
                double[][] profs2;
                double[][] dc2 = null;
                double keep = 0;
                if (multiresolution) {
                    // only the bins that some second-order crop can read are transformed
                    keep = keepRadius(src2, group, j1);
                    boolean[][] masks = pruneSecondOrderInput ? keepMasks(src2, keep) : null;
                    spectraOf(w, t1, group.length, masks, transposed);
                    dc2 = dcProfiles(src2, w, group.length);
                    profs2 = profiles(src2, w.ua, group.length == 1 ? null : w.ub, masks);
                    // shells that reach beyond the kept ball: the DC bound (2 shells of margin for the
                    // rounding of the shell index); the same with or without pruning, so that the unpruned
                    // twin makes the same crops
                    double dw = shellWidth();
                    for (int g = 0; g < profs2.length; g++) {
                        for (int sh = 0; sh < profs2[g].length; sh++) {
                            if ((sh + 2) * dw > keep) {
                                profs2[g][sh] = dc2[g][sh];
                            }
                        }
                    }
                } else {
                    spectraOf(w, t1, group.length, null, transposed);
                    profs2 = profiles(src2, w.ua, group.length == 1 ? null : w.ub);
                }
                for (int j2 = j1 + 1; j2 <= J; j2++) {
                    // the measured profile inside the kept ball, unless its cutoff leaves the ball (then
                    // the DC bound, whose cutoff is inside it)
                    double[][] p2 = multiresolution && cutoff(profs2, group, j2, tolerance) > keep ? dc2 : profs2;
                    int[] c2 = multiresolution ? cropSizes(src2, p2, group, j2, oversampling) : null;
                    Grid t2 = multiresolution
                            ? prune(target(src2, c2),
                                cutoff(p2, group, j2, tolerance))
                            : prune(target(src2, src2.n), cutoff(profs2, group, j2, PRUNE / src2.size));
                    double weight2 = (double) voxels / t2.size;
                    int p = pathIndex(j1, j2);
                    int[] offs2 = new int[group.length];
                    for (int g = 0; g < group.length; g++) {
                        offs2[g] = offset + (p * (L + 1) + group[g]) * nq;
                    }
                    boolean integrated = responses(w, src2, t2, w.ua, w.ub, group, j2, w.accA, w.accB, weight2, out,
                            offs2);
                    for (int g = 0; g < group.length && !integrated; g++) {
                        integrate(w, g == 0 ? w.accA : w.accB, t2.size, weight2, out, offs2[g]);
                    }
                }
            }
        }
    }

    private int pathIndex(int j1, int j2) {
        int p = J + 1;
        for (int a = 0; a < j1; a++) {
            p += J - a;
        }
        return p + (j2 - j1 - 1);
    }

    /**
     * Replaces {@code acc[i]} (a squared modulus) by its square root and adds
     * {@code weight * sum_i acc[i]^q} for every power into {@code out[off + q]}. Partial sums per slab are
     * reduced in a fixed order, so results do not depend on the thread count.
     */
    private void integrate(Workspace w, double[] acc, int n, double weight, double[] out, int off) {
        int nq = powers.length;
        int chunks = Math.min(w.partial.length / nq, Math.max(1, n / 16384));
        int per = (n + chunks - 1) / chunks;
        double[] part = w.partial;
        Parallel.forEach(chunks, () -> null, (c, ws) -> {
            int lo = c * per;
            powerSums(acc, lo, Math.min(n, lo + per), part, c * nq, false);
        });
        for (int k = 0; k < nq; k++) {
            double s = 0;
            for (int c = 0; c < chunks; c++) {
                s += part[c * nq + k];
            }
            out[off + k] = weight * s;
        }
    }

    /**
     * Replaces {@code acc[lo..hi)} (squared moduli) by their square roots and writes (or, with {@code add},
     * adds) the sums of {@code acc[i]^q} over the range into {@code part[at + k]} for every power k.
     */
    private void powerSums(double[] acc, int lo, int hi, double[] part, int at, boolean add) {
        int nq = powers.length;
        double[] q = powers;
        boolean standard = true;
        for (double p : q) {
            standard &= p == 0.5 || p == 1 || p == 2 || p == 3;
        }
        boolean fused = standard;
        if (fused) {
            // one pass for the usual powers; each sum still runs over i in order, so the values are
            // those of the per-power loops below
            double s05 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int i = lo; i < hi; i++) {
                double u = Math.sqrt(acc[i]);
                acc[i] = u;
                s05 += Math.sqrt(u);
                s1 += u;
                s2 += u * u;
                s3 += u * u * u;
            }
            for (int k = 0; k < nq; k++) {
                double v = q[k] == 0.5 ? s05 : q[k] == 1 ? s1 : q[k] == 2 ? s2 : s3;
                part[at + k] = add ? part[at + k] + v : v;
            }
            return;
        }
        for (int k = 0; k < nq; k++) {
            double p = q[k];
            double s = 0;
            if (k == 0) {
                for (int i = lo; i < hi; i++) {
                    acc[i] = Math.sqrt(acc[i]);
                }
            }
            if (p == 1) {
                for (int i = lo; i < hi; i++) {
                    s += acc[i];
                }
            } else if (p == 0.5) {
                for (int i = lo; i < hi; i++) {
                    s += Math.sqrt(acc[i]);
                }
            } else if (p == 2) {
                for (int i = lo; i < hi; i++) {
                    s += acc[i] * acc[i];
                }
            } else if (p == 3) {
                for (int i = lo; i < hi; i++) {
                    double u = acc[i];
                    s += u * u * u;
                }
            } else if (p == 1.5) {
                for (int i = lo; i < hi; i++) {
                    double u = acc[i];
                    s += u * Math.sqrt(u);
                }
            } else if (p == 4) {
                for (int i = lo; i < hi; i++) {
                    double u = acc[i] * acc[i];
                    s += u * u;
                }
            } else {
                for (int i = lo; i < hi; i++) {
                    s += Math.pow(acc[i], p);
                }
            }
            part[at + k] = add ? part[at + k] + s : s;
        }
    }

    /**
     * FFT of the modulus maps of a group (in {@code accA}, {@code accB} on grid {@code t}; in the layout of
     * {@link TransposedInverse3D} if {@code transposed}) into {@code ua}, {@code ub} (natural layout): two
     * real maps share one complex FFT and are separated by Hermitian symmetry.
     */
    private void spectraOf(Workspace w, Grid t, int count, boolean[][] keep, boolean transposed) {
        int n = t.size;
        double[] z = w.z;
        double[] a = w.accA;
        double[] b = w.accB;
        Fft3D f = new Fft3D(t.n[0], t.n[1], t.n[2]);
        int n0 = t.n[0];
        int n1 = t.n[1];
        int n2 = t.n[2];
        boolean[] keep0 = keep == null ? null : keep[0];
        boolean[] keep1 = keep == null ? null : keep[1];
        boolean[] keep2 = keep == null ? null : keep[2];
        if (transposed) {
            f.forwardTransposedReal(a, count > 1 ? b : null, z, keep0, keep1, keep2);
        } else {
            chunks(n, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    z[2 * i] = a[i];
                    z[2 * i + 1] = count > 1 ? b[i] : 0;
                }
            });
            if (keep == null) {
                f.forward(z);
            } else {
                f.forward(z, keep0, keep1, keep2);
            }
        }
        double[] ua = w.ua;
        double[] ub = w.ub;
        // kept bins only (the masks are symmetric, so the mirror of a kept bin is kept)
        Parallel.forEach(n0, () -> null, (i0, ws) -> {
            if (keep0 != null && !keep0[i0]) {
                return;
            }
            int m0 = i0 == 0 ? 0 : n0 - i0;
            for (int i1 = 0; i1 < n1; i1++) {
                if (keep1 != null && !keep1[i1]) {
                    continue;
                }
                int m1 = i1 == 0 ? 0 : n1 - i1;
                int row = (i0 * n1 + i1) * n2;
                int mrow = (m0 * n1 + m1) * n2;
                for (int i2 = 0; i2 < n2; i2++) {
                    if (keep2 != null && !keep2[i2]) {
                        continue;
                    }
                    int p = 2 * (row + i2);
                    if (count == 1) {
                        ua[p] = z[p];
                        ua[p + 1] = z[p + 1];
                        continue;
                    }
                    int m2 = i2 == 0 ? 0 : n2 - i2;
                    int q = 2 * (mrow + m2);
                    double zr = z[p];
                    double zi = z[p + 1];
                    double cr = z[q];
                    double ci = -z[q + 1];
                    // A = (Z + conj Zm) / 2 ; B = (Z - conj Zm) / (2i)
                    ua[p] = 0.5 * (zr + cr);
                    ua[p + 1] = 0.5 * (zi + ci);
                    double dr = zr - cr;
                    double di = zi - ci;
                    ub[p] = 0.5 * di;
                    ub[p + 1] = -0.5 * dr;
                }
            }
        });
    }

    // ---- responses ------------------------------------------------------------------------------------

    /** One filter term: real component (l, k) times the complex constant (cr + i ci), applied to a spectrum. */
    private static final class Term {
        final int l;
        final int k;
        final double cr;
        final double ci;
        final boolean second; // applied to the second source spectrum

        Term(int l, int k, double cr, double ci, boolean second) {
            this.l = l;
            this.k = k;
            this.cr = cr;
            this.ci = ci;
            this.second = second;
        }
    }

    /**
     * Writes the squared moduli of the responses of the group's degrees at scale j into {@code accA}
     * (first degree) and {@code accB} (second degree; previous contents are overwritten), on target grid
     * {@code t} cropped from {@code src}.
     * {@code specA}, {@code specB}: source spectra for the first and second degree (may be the same).
     * With {@code out != null} (multi-resolution mode only) the responses may instead be computed by
     * {@link #groupResponses}, which leaves the moduli (not their squares) in the transposed layout of
     * {@link TransposedInverse3D} and has already integrated them into {@code out[offs[g] + k]}
     * ({@code weight * sum U^q}); the return value says whether it did.
     */
    private boolean responses(Workspace w, Grid src, Grid t, double[] specA, double[] specB, int[] group, int j,
                              double[] accA, double[] accB, double weight, double[] out, int[] offs) {
        double scale = (double) t.size / src.size;
        if (!rotationCovariant || !packed) {
            // these paths accumulate
            zero(accA, t.size);
            if (group.length > 1) {
                zero(accB, t.size);
            }
        }
        if (!rotationCovariant) {
            for (int g = 0; g < group.length; g++) {
                int l = group[g];
                double[] acc = g == 0 ? accA : accB;
                double[] spec = g == 0 ? specA : specB;
                Term[] terms = l == 0
                        ? new Term[] {new Term(0, 0, 1, 0, false)}
                        : new Term[] {new Term(l, 2 * l - 1, Math.sqrt(0.5), 0, false),
                            new Term(l, 2 * l, 0, -Math.sqrt(0.5), false)};
                new Fft3D(t.n[0], t.n[1], t.n[2]).inverse(w.z, new Product(src, t, spec, spec, terms, j, scale, null),
                        Product.scratchSize(terms.length, L), complexSink(t, acc), active(t, 0), active(t, 2));
            }
            return false;
        }
        // the group's real components, each tagged with its accumulator
        List<int[]> comps = new ArrayList<>();
        for (int g = 0; g < group.length; g++) {
            for (int k = 0; k <= 2 * group[g]; k++) {
                comps.add(new int[] {group[g], k, g});
            }
        }
        Fft3D f = new Fft3D(t.n[0], t.n[1], t.n[2]);
        if (!packed) {
            for (int[] c : comps) {
                f.inverse(w.z, new Product(src, t, c[2] == 0 ? specA : specB, specB,
                        new Term[] {new Term(c[0], c[1], 1, 0, false)}, j, scale, null),
                        Product.scratchSize(1, L), complexSink(t, c[2] == 0 ? accA : accB), active(t, 0), active(t, 2));
            }
            return false;
        }
        if (multiresolution && transposedInverse && out != null && !Planes.present(t)) {
            groupResponses(w, src, t, specA, specB, comps, j, scale, accA, accB, weight, out, offs);
            return true;
        }
        Planes planes = new Planes(t);
        boolean[] written = new boolean[2];
        for (int i = 0; i < comps.size(); i += 2) {
            int[] a = comps.get(i);
            int[] b = i + 1 < comps.size() ? comps.get(i + 1) : null;
            // real response r = IFFT(S * P) for even l, i * r for odd l; so P * i^(l mod 2) is Hermitian
            double ar = a[0] % 2 == 0 ? 1 : 0;
            double ai = a[0] % 2 == 0 ? 0 : 1;
            Term ta = new Term(a[0], a[1], ar, ai, a[2] == 1);
            Term[] terms;
            if (b == null) {
                terms = new Term[] {ta};
            } else {
                // times i: lands in the imaginary part of the inverse FFT
                double br = b[0] % 2 == 0 ? 0 : -1;
                double bi = b[0] % 2 == 0 ? 1 : 0;
                terms = new Term[] {ta, new Term(b[0], b[1], br, bi, b[2] == 1)};
            }
            planes.clear();
            Product prod = new Product(src, t, specA, specB, terms, j, scale, planes);
            double[] pa = a[2] == 0 ? accA : accB;
            double[] pb = b == null ? null : (b[2] == 0 ? accA : accB);
            // the first write to an accumulator assigns (no zeroing pass, no read); A before B in the sink
            boolean setA = !written[a[2]];
            written[a[2]] = true;
            boolean setB = b != null && !written[b[2]];
            if (b != null) {
                written[b[2]] = true;
            }
            f.inverse(w.z, prod, Product.scratchSize(terms.length, L), packedSink(t, planes, pa, pb, setA, setB),
                    active(t, 0), active(t, 2));
        }
        return false;
    }

    /**
     * The packed responses of a group on a target grid without Nyquist planes (every cropped grid of the
     * multi-resolution mode), all in one {@link TransposedInverse3D} call: the components in the order
     * of {@link #responses}, paired (first component of a pair in the real part, second times i in the
     * imaginary part), one spectrum per pair. The pairs share the passes, the filler computes a line of
     * every pair at once, and each slab of {@code accA}, {@code accB} is written for all pairs while in
     * cache and then integrated there ({@link #powerSums}; per-slab partial sums reduced in slab order, so
     * the results do not depend on the thread count): {@code out[offs[g] + k]} gets
     * {@code weight * sum U^q}, and the maps are left as moduli {@code U} in the transposed layout.
     */
    private void groupResponses(Workspace w, Grid src, Grid t, double[] specA, double[] specB, List<int[]> comps,
                                int j, double scale, double[] accA, double[] accB, double weight, double[] out,
                                int[] offs) {
        int count = (comps.size() + 1) / 2;
        Term[] terms = new Term[comps.size()];
        double[][] reAcc = new double[count][];
        double[][] imAcc = new double[count][];
        boolean[] setRe = new boolean[count];
        boolean[] setIm = new boolean[count];
        boolean[] written = new boolean[2];
        for (int p = 0; p < count; p++) {
            int[] a = comps.get(2 * p);
            // real response r = IFFT(S * P) for even l, i * r for odd l; so P * i^(l mod 2) is Hermitian
            terms[2 * p] = new Term(a[0], a[1], a[0] % 2 == 0 ? 1 : 0, a[0] % 2 == 0 ? 0 : 1, a[2] == 1);
            reAcc[p] = a[2] == 0 ? accA : accB;
            setRe[p] = !written[a[2]];
            written[a[2]] = true;
            if (2 * p + 1 < comps.size()) {
                int[] b = comps.get(2 * p + 1);
                // times i: lands in the imaginary part of the inverse FFT
                terms[2 * p + 1] = new Term(b[0], b[1], b[0] % 2 == 0 ? 0 : -1, b[0] % 2 == 0 ? 1 : 0, b[2] == 1);
                imAcc[p] = b[2] == 0 ? accA : accB;
                setIm[p] = !written[b[2]];
                written[b[2]] = true;
            }
        }
        TransposedInverse3D f = new TransposedInverse3D(t.n[0], t.n[1], t.n[2]);
        Product prod = new Product(src, t, specA, specB, terms, j, scale, null);
        int n0 = t.n[0];
        int n1 = t.n[1];
        int n2 = t.n[2];
        int slab = n1 * n2;
        int members = offs.length;
        int nq = powers.length;
        double[] part = new double[n0 * members * nq];
        TransposedInverse3D.SlabConsumer sink = (s, u0, re, im) -> {
            double[] da = reAcc[s];
            double[] db = imAcc[s];
            for (int u2 = 0; u2 < n2; u2++) {
                int o = u0 * slab + u2 * n1;
                if (da == db) {
                    // both parts into one map: one pass, same sums in the same order
                    double[] r = re[u2];
                    double[] m = im[u2];
                    if (setRe[s]) {
                        for (int c = 0; c < n1; c++) {
                            da[o + c] = r[c] * r[c] + m[c] * m[c];
                        }
                    } else {
                        for (int c = 0; c < n1; c++) {
                            da[o + c] = da[o + c] + r[c] * r[c] + m[c] * m[c];
                        }
                    }
                    continue;
                }
                squares(re[u2], da, o, n1, setRe[s]);
                if (db != null) {
                    squares(im[u2], db, o, n1, setIm[s]);
                }
            }
            if (s == count - 1) {
                // the slab is complete: moduli and their power sums
                for (int g = 0; g < members; g++) {
                    powerSums(g == 0 ? accA : accB, u0 * slab, (u0 + 1) * slab, part, (u0 * members + g) * nq, false);
                }
            }
        };
        boolean[] active1 = active(t, 1);
        boolean[] active2 = active(t, 2);
        f.inverse(count, w.slabs(f.workSize(count, active1, active2)), prod, Product.scratchSize(terms.length, L),
                sink, active(t, 0), active1, active2);
        for (int g = 0; g < members; g++) {
            for (int k = 0; k < nq; k++) {
                double sum = 0;
                for (int at = g * nq + k; at < part.length; at += members * nq) {
                    sum += part[at];
                }
                out[offs[g] + k] = weight * sum;
            }
        }
    }

    /** {@code dst[o + c] = src[c]^2} (or {@code +=} unless {@code set}) for {@code c < n}. */
    private static void squares(double[] src, double[] dst, int o, int n, boolean set) {
        if (set) {
            for (int c = 0; c < n; c++) {
                dst[o + c] = src[c] * src[c];
            }
        } else {
            for (int c = 0; c < n; c++) {
                dst[o + c] += src[c] * src[c];
            }
        }
    }

    /** The indices along {@code axis} of target {@code t} that hold kept bins (the others are zero). */
    private static boolean[] active(Grid t, int axis) {
        boolean[] a = new boolean[t.n[axis]];
        for (int i = 0; i < a.length; i++) {
            a[i] = t.map[axis][i] >= 0;
        }
        return a;
    }

    /** Last-pass consumer: {@code acc += re^2 + im^2}. */
    private static Fft3D.BlockConsumer complexSink(Grid t, double[] acc) {
        int n0 = t.n[0];
        int slab = t.n[1] * t.n[2];
        return (c0, cnt, re, im) -> {
            for (int i0 = 0; i0 < n0; i0++) {
                double[] r = re[i0];
                double[] m = im[i0];
                int o = i0 * slab + c0;
                for (int c = 0; c < cnt; c++) {
                    acc[o + c] += r[c] * r[c] + m[c] * m[c];
                }
            }
        };
    }

    /**
     * Last-pass consumer of a packed pair: {@code accA += |Re z + cA|^2}, {@code accB += |Im z + cB|^2},
     * where {@code cA}, {@code cB} are the (complex) contributions of the Nyquist planes that were taken
     * out of the packed spectrum (zero when the grid has none).
     */
    private static Fft3D.BlockConsumer packedSink(Grid t, Planes pl, double[] accA, double[] accB, boolean setA,
                                                  boolean setB) {
        int n0 = t.n[0];
        int n1 = t.n[1];
        int n2 = t.n[2];
        int slab = n1 * n2;
        return (c0, cnt, re, im) -> {
            if (!pl.any || !pl.prepare()) {
                for (int i0 = 0; i0 < n0; i0++) {
                    int o = i0 * slab + c0;
                    squares(re[i0], accA, o, cnt, setA);
                    if (accB != null) {
                        squares(im[i0], accB, o, cnt, setB);
                    }
                }
                return;
            }
            double[] p0a = pl.a[0];
            double[] p0b = pl.b[0];
            double[] p1a = pl.a[1];
            double[] p1b = pl.b[1];
            double[] p2a = pl.a[2];
            double[] p2b = pl.b[2];
            for (int i0 = 0; i0 < n0; i0++) {
                double s0 = (i0 & 1) == 0 ? 1 : -1;
                double[] r = re[i0];
                double[] m = im[i0];
                int o = i0 * slab + c0;
                int i1 = c0 / n2;
                int i2 = c0 - i1 * n2;
                for (int c = 0; c < cnt; c++) {
                    // plane 2 term depends on (i0, i1) only, with sign (-1)^i2; plane 0 on (i1, i2),
                    // plane 1 on (i0, i2)
                    double s1 = (i1 & 1) == 0 ? 1 : -1;
                    double s2 = (i2 & 1) == 0 ? 1 : -1;
                    int q2 = 2 * (i0 * n1 + i1);
                    int k0 = 2 * (i1 * n2 + i2);
                    int k1 = 2 * (i0 * n2 + i2);
                    double car = s2 * p2a[q2] + s0 * p0a[k0] + s1 * p1a[k1];
                    double cai = s2 * p2a[q2 + 1] + s0 * p0a[k0 + 1] + s1 * p1a[k1 + 1];
                    double ra = r[c] + car;
                    accA[o + c] = (setA ? 0 : accA[o + c]) + (ra * ra + cai * cai);
                    if (accB != null) {
                        double cbr = s2 * p2b[q2] + s0 * p0b[k0] + s1 * p1b[k1];
                        double cbi = s2 * p2b[q2 + 1] + s0 * p0b[k0 + 1] + s1 * p1b[k1 + 1];
                        double rb = m[c] + cbr;
                        accB[o + c] = (setB ? 0 : accB[o + c]) + (rb * rb + cbi * cbi);
                    }
                    if (++i2 == n2) {
                        i2 = 0;
                        i1++;
                    }
                }
            }
        };
    }

    /**
     * The Nyquist planes of a packed target grid. Kymatio labels the Nyquist bin of an even axis -n/2 on
     * both sides, so there the filters are not Hermitian and a response is not exactly real. Those bins
     * are taken out of the packed spectrum, kept per term ({@code a}: first term, {@code b}: second term
     * divided by i), transformed with 2D FFTs and added back voxel by voxel: a spectrum supported on the
     * plane {@code i0 = n0/2} has the inverse transform {@code (-1)^u0 / n0 * ifft2(plane)(u1, u2)}.
     * The planes are disjoint: plane 1 excludes plane 0, plane 2 excludes planes 0 and 1.
     */
    private static final class Planes {
        final boolean[] has = new boolean[3];
        final boolean any;
        final int[] n;
        final double[][] a = new double[3][];
        final double[][] b = new double[3][];

        Planes(Grid t) {
            n = t.n;
            boolean any = false;
            for (int ax = 0; ax < 3; ax++) {
                has[ax] = has(t, ax);
                any |= has[ax];
            }
            this.any = any;
            rowMax = new double[n[0] * n[1]];
            // all three are allocated (zeros where an axis has no plane) so the consumer needs no branches
            a[0] = new double[2 * n[1] * n[2]];
            b[0] = new double[2 * n[1] * n[2]];
            a[1] = new double[2 * n[0] * n[2]];
            b[1] = new double[2 * n[0] * n[2]];
            a[2] = new double[2 * n[0] * n[1]];
            b[2] = new double[2 * n[0] * n[1]];
        }

        /** Whether axis {@code ax} of target {@code t} has a kept Nyquist plane. */
        private static boolean has(Grid t, int ax) {
            int n = t.n[ax];
            return n % 2 == 0 && n > 1 && t.map[ax][n / 2] >= 0;
        }

        /** Whether target {@code t} has any Nyquist plane (without allocating the plane buffers). */
        static boolean present(Grid t) {
            return has(t, 0) || has(t, 1) || has(t, 2);
        }

        /** Largest |re|, |im| of the packed spectrum per line (i0, i1), written by the line producer. */
        final double[] rowMax;
        private boolean prepared;
        private boolean needed;

        /**
         * Called by every last-pass consumer (every line, and so every plane bin, has been filled by then,
         * because the passes are separated by joins). The first call decides whether the correction can
         * change anything: it cannot when the plane values' L1 norm is below {@code 2^-59} times the
         * largest spectral value, because the correction is then bounded, at every voxel, by
         * {@code L1 / N}, under a 64th of the rounding unit of the largest term of the inverse FFT itself.
         * Otherwise it transforms the planes. Returns whether the correction must be applied.
         */
        synchronized boolean prepare() {
            if (!prepared) {
                double l1 = 0;
                double max = 0;
                for (int ax = 0; ax < 3; ax++) {
                    for (double[] p : new double[][] {a[ax], b[ax]}) {
                        for (double v : p) {
                            l1 += Math.abs(v);
                            max = Math.max(max, Math.abs(v));
                        }
                    }
                }
                for (double v : rowMax) {
                    max = Math.max(max, v);
                }
                needed = l1 > 0x1p-59 * max;
                if (needed) {
                    transform();
                }
                prepared = true;
            }
            return needed;
        }

        void clear() {
            prepared = false;
            Arrays.fill(rowMax, 0); // lines of skipped slabs are never written
            for (int ax = 0; ax < 3; ax++) {
                Arrays.fill(a[ax], 0);
                Arrays.fill(b[ax], 0);
            }
        }

        /** Which plane bin (i0, i1, i2) belongs to: 0, 1, 2, or -1 (none). */
        int plane(int i0, int i1, int i2) {
            if (has[0] && i0 == n[0] / 2) {
                return 0;
            }
            if (has[1] && i1 == n[1] / 2) {
                return 1;
            }
            if (has[2] && i2 == n[2] / 2) {
                return 2;
            }
            return -1;
        }

        int index(int plane, int i0, int i1, int i2) {
            switch (plane) {
                case 0: return 2 * (i1 * n[2] + i2);
                case 1: return 2 * (i0 * n[2] + i2);
                default: return 2 * (i0 * n[1] + i1);
            }
        }

        /** Inverse 2D FFTs, scaled so that the per-voxel sum with signs (-1)^u gives the 3D inverse. */
        void transform() {
            int[][] dims = {{n[1], n[2]}, {n[0], n[2]}, {n[0], n[1]}};
            for (int ax = 0; ax < 3; ax++) {
                if (!has[ax]) {
                    continue;
                }
                for (double[] p : new double[][] {a[ax], b[ax]}) {
                    Fft3D.inverse2D(p, dims[ax][0], dims[ax][1]);
                    double s = 1.0 / n[ax];
                    for (int i = 0; i < p.length; i++) {
                        p[i] *= s;
                    }
                }
            }
        }
    }

    /**
     * First-pass line producer:
     * {@code z[t] = sum_terms (cr + i ci) * spec_term[map(t)] * scale * |c_l| sigma_j^l G_j(w) P_{l,k}(w)}
     * over the target grid; bins dropped by the crop are zero. With {@code planes}, the Nyquist-plane bins
     * are stored there per term instead (and zeroed in {@code z}). Per line, the polynomial is reduced to
     * one in {@code w2} (Horner in the innermost loop).
     */
    private final class Product implements Fft3D.RowFiller, TransposedInverse3D.LineFiller {
        final Term[] terms;
        final int nt;
        final int deg;
        final double[] specA;
        final double[] specB;
        final Planes planes;
        final double[][] g = new double[3][];
        final double[][] coef;
        final int[][] pw;
        final double[] amp;
        final double[] f0;
        final double[] f1;
        final int[] m0;
        final int[] m1;
        final int n1;
        final int n2;
        final int s1n;
        final int s2n;
        final double[] xw;
        final double[] xg;
        final int[] xs;
        /** Source index of each kept column (the lanes of {@link TransposedInverse3D}). */
        final int[] ls;
        /** {@code lanePowers[e][k] = w2^e G2(w2)} at kept column k. */
        final double[][] lanePowers;

        static int scratchSize(int terms, int L) {
            return terms * (L + 1);
        }

        Product(Grid src, Grid t, double[] specA, double[] specB, Term[] terms, int j, double scale, Planes planes) {
            this.terms = terms;
            this.nt = terms.length;
            this.deg = L + 1;
            this.specA = specA;
            this.specB = specB;
            this.planes = planes != null && planes.any ? planes : null;
            double s = bank.sigma(j);
            for (int a = 0; a < 3; a++) {
                double[] f = src.freq[a];
                g[a] = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    g[a][i] = Math.exp(-0.5 * s * s * f[i] * f[i]);
                }
            }
            coef = new double[nt][];
            pw = new int[nt][];
            amp = new double[nt];
            for (int k = 0; k < nt; k++) {
                coef[k] = bank.componentCoefficients(terms[k].l, terms[k].k);
                pw[k] = bank.componentPowers(terms[k].l, terms[k].k);
                amp[k] = bank.amplitude(terms[k].l, j) * scale;
            }
            n1 = t.n[1];
            n2 = t.n[2];
            s1n = src.n[1];
            s2n = src.n[2];
            f0 = src.freq[0];
            f1 = src.freq[1];
            m0 = t.map[0];
            m1 = t.map[1];
            int[] m2 = t.map[2];
            xw = new double[n2];
            xg = new double[n2];
            xs = new int[n2];
            for (int i2 = 0; i2 < n2; i2++) {
                xs[i2] = m2[i2];
                xw[i2] = m2[i2] >= 0 ? src.freq[2][m2[i2]] : 0;
                xg[i2] = m2[i2] >= 0 ? g[2][m2[i2]] : 0;
            }
            int kept = 0;
            for (int i2 = 0; i2 < n2; i2++) {
                kept += m2[i2] >= 0 ? 1 : 0;
            }
            ls = new int[kept];
            lanePowers = new double[deg][kept];
            for (int i2 = 0, k = 0; i2 < n2; i2++) {
                if (m2[i2] >= 0) {
                    for (int e = 0; e < deg; e++) {
                        lanePowers[e][k] = ipow(xw[i2], e) * xg[i2];
                    }
                    ls[k++] = xs[i2];
                }
            }
        }

        /**
         * Line {@code (i0, i1)} (both kept) of every pair of terms ({@code 2p}, {@code 2p + 1}; the last
         * may be single) into {@code re[p]}, {@code im[p]}, kept columns only. No Nyquist planes; every
         * term's constant is 1, i, -1 or -i (the packing of {@link #groupResponses}). The
         * powers of {@code w2} are tabulated ({@link #lanePowers}) and every loop runs over the lanes with
         * separate arrays, so that they vectorise.
         */
        @Override
        public void fill(int i0, int i1, double[][] re, double[][] im, double[] rc) {
            int srow = rowPolynomials(m0[i0], m1[i1], rc);
            int kept = ls.length;
            double[][] ln = laneScratch(kept);
            double[] ar = ln[0];
            double[] ai = ln[1];
            double[] br = ln[2];
            double[] bi = ln[3];
            double[] ha = ln[4];
            double[] hb = ln[5];
            boolean two = specB != specA;
            for (int k = 0; k < kept; k++) {
                int si = srow + 2 * ls[k];
                ar[k] = specA[si];
                ai[k] = specA[si + 1];
            }
            if (two) {
                for (int k = 0; k < kept; k++) {
                    int si = srow + 2 * ls[k];
                    br[k] = specB[si];
                    bi[k] = specB[si + 1];
                }
            }
            // the packing constants are 1, i, -1 or -i: (c * x) picks a part of x with a sign, folded into h
            for (int p = 0; 2 * p < nt; p++) {
                Term ta = terms[2 * p];
                double[] xa = ta.ci == 0 ? (ta.second && two ? br : ar) : (ta.second && two ? bi : ai);
                double[] ya = ta.ci == 0 ? (ta.second && two ? bi : ai) : (ta.second && two ? br : ar);
                double sa = ta.ci == 0 ? ta.cr : -ta.ci;
                double fa = (ta.ci == 0 ? ta.cr : ta.ci) * sa;
                lineFactor(rc, 2 * p, sa, ha, kept);
                double[] r = re[p];
                double[] m = im[p];
                if (2 * p + 1 == nt) {
                    for (int k = 0; k < kept; k++) {
                        r[k] = ha[k] * xa[k];
                        m[k] = fa * ha[k] * ya[k];
                    }
                    continue;
                }
                Term tb = terms[2 * p + 1];
                double[] xb = tb.ci == 0 ? (tb.second && two ? br : ar) : (tb.second && two ? bi : ai);
                double[] yb = tb.ci == 0 ? (tb.second && two ? bi : ai) : (tb.second && two ? br : ar);
                double sb = tb.ci == 0 ? tb.cr : -tb.ci;
                double fb = (tb.ci == 0 ? tb.cr : tb.ci) * sb;
                lineFactor(rc, 2 * p + 1, sb, hb, kept);
                for (int k = 0; k < kept; k++) {
                    r[k] = ha[k] * xa[k] + hb[k] * xb[k];
                    m[k] = fa * ha[k] * ya[k] + fb * hb[k] * yb[k];
                }
            }
        }

        /**
         * {@code h[k] = sign * sum_e rc[t, e] w2(k)^e G2(k)}: the filter factor of term t along the line
         * ({@code sign} = +-1, exact).
         */
        private void lineFactor(double[] rc, int t, double sign, double[] h, int kept) {
            Arrays.fill(h, 0, kept, 0);
            for (int e = 0; e < deg; e++) {
                double c = sign * rc[t * deg + e];
                if (c == 0) {
                    continue;
                }
                double[] pe = lanePowers[e];
                for (int k = 0; k < kept; k++) {
                    h[k] += c * pe[k];
                }
            }
        }

        /**
         * The row polynomials in {@code w2} of source line {@code (s0, sr1)} into {@code rc}
         * ({@code rc[k * deg + e2]} for term k, amplitude and the Gaussians of axes 0 and 1 included);
         * returns the offset of the source line.
         */
        private int rowPolynomials(int s0, int sr1, double[] rc) {
            double w0 = f0[s0];
            double w1 = f1[sr1];
            double gg = g[0][s0] * g[1][sr1];
            Arrays.fill(rc, 0, nt * deg, 0);
            for (int k = 0; k < nt; k++) {
                double[] c = coef[k];
                int[] p = pw[k];
                for (int m = 0; m < c.length; m++) {
                    rc[k * deg + p[3 * m + 2]] += c[m] * ipow(w0, p[3 * m]) * ipow(w1, p[3 * m + 1]);
                }
                for (int e = 0; e < deg; e++) {
                    rc[k * deg + e] *= amp[k] * gg;
                }
            }
            return 2 * ((s0 * s1n + sr1) * s2n);
        }

        @Override
        public void fill(int i0, int i1, double[] z, int row, double[] rc) {
            int s0 = m0[i0];
            int sr1 = m1[i1];
            if (s0 < 0 || sr1 < 0) {
                Arrays.fill(z, row, row + 2 * n2, 0);
                if (planes != null) {
                    planes.rowMax[i0 * n1 + i1] = 0;
                }
                return;
            }
            int srow = rowPolynomials(s0, sr1, rc);
            int rowPlane = planes == null ? -1 : planes.plane(i0, i1, -1);
            if (nt == 2 && rowPlane < 0) {
                fill2(z, row, rc, srow, i0, i1);
            } else {
                fillGeneral(z, row, rc, srow, i0, i1, rowPlane);
            }
            if (planes != null) {
                double m = 0;
                for (int o = row; o < row + 2 * n2; o++) {
                    m = Math.max(m, Math.abs(z[o]));
                }
                planes.rowMax[i0 * n1 + i1] = m;
            }
        }

        private void fillGeneral(double[] z, int row, double[] rc, int srow, int i0, int i1, int rowPlane) {
            for (int i2 = 0; i2 < n2; i2++) {
                int sx = xs[i2];
                int o = row + 2 * i2;
                if (sx < 0) {
                    z[o] = 0;
                    z[o + 1] = 0;
                    continue;
                }
                double x = xw[i2];
                double gx = xg[i2];
                int si = srow + 2 * sx;
                double zr = 0;
                double zi = 0;
                int plane = rowPlane >= 0 ? rowPlane
                        : (planes != null && planes.has[2] && i2 == n2 / 2 ? 2 : -1);
                for (int k = 0; k < nt; k++) {
                    int base = k * deg;
                    double h = rc[base + deg - 1];
                    for (int e = deg - 2; e >= 0; e--) {
                        h = h * x + rc[base + e];
                    }
                    h *= gx;
                    Term tm = terms[k];
                    double[] sp = tm.second ? specB : specA;
                    double ar = sp[si];
                    double ai = sp[si + 1];
                    // (cr + i ci) * h * (ar + i ai)
                    double vr = h * (tm.cr * ar - tm.ci * ai);
                    double vi = h * (tm.cr * ai + tm.ci * ar);
                    if (plane >= 0) {
                        int q = planes.index(plane, i0, i1, i2);
                        if (k == 0) {
                            planes.a[plane][q] = vr;
                            planes.a[plane][q + 1] = vi;
                        } else {
                            // stored divided by i: the second term was multiplied by i for packing
                            planes.b[plane][q] = vi;
                            planes.b[plane][q + 1] = -vr;
                        }
                    } else {
                        zr += vr;
                        zi += vi;
                    }
                }
                z[o] = zr;
                z[o + 1] = zi;
            }
        }

        /** The common case (two terms, a line off the planes 0 and 1), specialised for speed. */
        private void fill2(double[] z, int row, double[] rc, int srow, int i0, int i1) {
            Term ta = terms[0];
            Term tb = terms[1];
            double[] sa = ta.second ? specB : specA;
            double[] sb = tb.second ? specB : specA;
            double acr = ta.cr;
            double aci = ta.ci;
            double bcr = tb.cr;
            double bci = tb.ci;
            int d = deg;
            int half = planes != null && planes.has[2] ? n2 / 2 : -1;
            for (int i2 = 0; i2 < n2; i2++) {
                int sx = xs[i2];
                int o = row + 2 * i2;
                if (sx < 0 || i2 == half) {
                    z[o] = 0;
                    z[o + 1] = 0;
                    continue;
                }
                double x = xw[i2];
                double gx = xg[i2];
                double ha = rc[d - 1];
                double hb = rc[2 * d - 1];
                for (int e = d - 2; e >= 0; e--) {
                    ha = ha * x + rc[e];
                    hb = hb * x + rc[d + e];
                }
                ha *= gx;
                hb *= gx;
                int si = srow + 2 * sx;
                double ar = sa[si];
                double ai = sa[si + 1];
                double br = sb[si];
                double bi = sb[si + 1];
                z[o] = ha * (acr * ar - aci * ai) + hb * (bcr * br - bci * bi);
                z[o + 1] = ha * (acr * ai + aci * ar) + hb * (bcr * bi + bci * br);
            }
            if (half >= 0 && xs[half] >= 0) {
                // Nyquist bin of axis 2: kept per term for the plane correction
                int si = srow + 2 * xs[half];
                double x = xw[half];
                double gx = xg[half];
                double ha = rc[d - 1];
                double hb = rc[2 * d - 1];
                for (int e = d - 2; e >= 0; e--) {
                    ha = ha * x + rc[e];
                    hb = hb * x + rc[d + e];
                }
                ha *= gx;
                hb *= gx;
                int q = planes.index(2, i0, i1, half);
                planes.a[2][q] = ha * (acr * sa[si] - aci * sa[si + 1]);
                planes.a[2][q + 1] = ha * (acr * sa[si + 1] + aci * sa[si]);
                double vr = hb * (bcr * sb[si] - bci * sb[si + 1]);
                double vi = hb * (bcr * sb[si + 1] + bci * sb[si]);
                planes.b[2][q] = vi;
                planes.b[2][q + 1] = -vr;
            }
        }
    }

    /** Per-thread lane arrays of {@link Product#fill(int, int, double[][], double[][], double[])}. */
    private static final ThreadLocal<double[][]> LANES = ThreadLocal.withInitial(() -> new double[6][0]);

    private static double[][] laneScratch(int n) {
        double[][] l = LANES.get();
        if (l[0].length < n) {
            for (int i = 0; i < l.length; i++) {
                l[i] = new double[n];
            }
        }
        return l;
    }

    private static double ipow(double x, int p) {
        double r = 1;
        for (int i = 0; i < p; i++) {
            r *= x;
        }
        return r;
    }

    // ---- multi-resolution crop ----------------------------------------------------------------------------

    /** Width of the radial shells of the crop profiles: the finest frequency step of the grid. */
    private double shellWidth() {
        int n = Math.max(shape[0], Math.max(shape[1], shape[2]));
        return 2 * Math.PI / n;
    }

    /**
     * The radial profile of a spectrum: {@code profile[s]} = the largest modulus over the bins whose
     * frequency radius lies in shell {@code s} (width {@link #shellWidth()}). One pass over the grid;
     * the crops of every scale are then decided from it.
     */
    private double[] profile(Grid src, double[] spec) {
        return profiles(src, spec, null)[0];
    }

    /** Number of radial shells (width {@link #shellWidth()}) that cover every bin of {@code src}. */
    private int shells(Grid src) {
        double rmax = 0;
        for (int a = 0; a < 3; a++) {
            double m = 0;
            for (double f : src.freq[a]) {
                m = Math.max(m, Math.abs(f));
            }
            rmax += m * m;
        }
        return (int) (Math.sqrt(rmax) / shellWidth()) + 2;
    }

    /**
     * Multi-resolution, second order: profiles of the spectra of the {@code U1} maps (in {@code w.ua},
     * {@code w.ub}) bounded by their value at frequency 0. A modulus map is non-negative, so
     * {@code |sum_u U(u) e^{-i w u}| <= sum_u U(u)}, the DC bin: a rigorous bound that needs no pass over
     * the spectrum and lets the crops be decided before the forward FFT (see {@link #keepMasks}).
     */
    private double[][] dcProfiles(Grid src, Workspace w, int count) {
        double[][] out = new double[count][shells(src)];
        for (int g = 0; g < count; g++) {
            double[] sp = g == 0 ? w.ua : w.ub;
            Arrays.fill(out[g], Math.abs(sp[0]));
        }
        return out;
    }

    /**
     * Multi-resolution: the bins (per axis) of the {@code U1} spectra on {@code src} that a second-order
     * crop ({@code j2 > j1}) may read. With profiles that are constant in the radius (the DC bound of
     * {@link #dcProfiles}), the group's cutoff is at most the largest single-degree cutoff, which does not
     * depend on the constant: a bin beyond every degree's cutoff has a bound below {@code tolerance} times
     * that degree's maximum, so below {@code tolerance} times the group's maximum. Symmetric under
     * {@code i -> -i} (the packed spectra are separated with the mirrored bins) and always holding bin 0.
     */
    private double keepRadius(Grid src, int[] group, int j1) {
        double[] flat = new double[shells(src)];
        Arrays.fill(flat, 1);
        double rc = 0;
        for (int j2 = j1 + 1; j2 <= J; j2++) {
            for (int l : group) {
                rc = Math.max(rc, cutoff(new double[][] {flat}, new int[] {l}, j2, tolerance));
            }
        }
        return rc;
    }

    /** Per axis: the bins with {@code |w| <= rc} or {@code |w(-i)| <= rc}, and bin 0. */
    private static boolean[][] keepMasks(Grid src, double rc) {
        boolean[][] keep = new boolean[3][];
        for (int a = 0; a < 3; a++) {
            int n = src.n[a];
            double[] f = src.freq[a];
            keep[a] = new boolean[n];
            for (int i = 0; i < n; i++) {
                keep[a][i] = i == 0 || Math.abs(f[i]) <= rc || Math.abs(f[(n - i) % n]) <= rc;
            }
        }
        return keep;
    }

    /**
     * The radial profiles of one or two spectra ({@code specB} may be null) in one pass, sharing the
     * radius (one square root per bin).
     */
    private double[][] profiles(Grid src, double[] specA, double[] specB) {
        return profiles(src, specA, specB, null);
    }

    /** As {@link #profiles(Grid, double[], double[])} over the bins kept by the masks (null: all). */
    private double[][] profiles(Grid src, double[] specA, double[] specB, boolean[][] keep) {
        int n0 = src.n[0];
        int n1 = src.n[1];
        int n2 = src.n[2];
        double inv = 1 / shellWidth();
        int shells = shells(src);
        int count = specB == null ? 1 : 2;
        double[] w2sq = new double[n2];
        for (int i2 = 0; i2 < n2; i2++) {
            w2sq[i2] = src.freq[2][i2] * src.freq[2][i2];
        }
        double[][] per = new double[n0][];
        Parallel.forEach(n0, () -> null, (i0, ws) -> {
            double[] pr = new double[count * shells];
            per[i0] = pr;
            if (keep != null && !keep[0][i0]) {
                return;
            }
            double w0 = src.freq[0][i0];
            for (int i1 = 0; i1 < n1; i1++) {
                if (keep != null && !keep[1][i1]) {
                    continue;
                }
                double w1 = src.freq[1][i1];
                double r01 = w0 * w0 + w1 * w1;
                int p = 2 * ((i0 * n1 + i1) * n2);
                for (int i2 = 0; i2 < n2; i2++, p += 2) {
                    if (keep != null && !keep[2][i2]) {
                        continue;
                    }
                    // multiply by 1/dw: at a shell boundary this may round either way, which moves the
                    // bound by a relative 1e-16 at most
                    int sh = (int) (Math.sqrt(r01 + w2sq[i2]) * inv);
                    double m2 = specA[p] * specA[p] + specA[p + 1] * specA[p + 1];
                    if (m2 > pr[sh]) {
                        pr[sh] = m2;
                    }
                    if (specB != null) {
                        double b2 = specB[p] * specB[p] + specB[p + 1] * specB[p + 1];
                        if (b2 > pr[shells + sh]) {
                            pr[shells + sh] = b2;
                        }
                    }
                }
            }
        });
        double[][] out = new double[count][shells];
        for (double[] pr : per) {
            for (int c = 0; c < count; c++) {
                for (int s = 0; s < shells; s++) {
                    out[c][s] = Math.max(out[c][s], pr[c * shells + s]);
                }
            }
        }
        for (double[] o : out) {
            for (int s = 0; s < shells; s++) {
                o[s] = Math.sqrt(o[s]);
            }
        }
        return out;
    }

    /**
     * Smallest target sizes (FFT-friendly, even, at most the source size) whose box holds every bin where
     * an upper bound of {@code |spectrum| * |filter component|} exceeds {@code tolerance} times the largest
     * such bound. The bound is radial: the profile's shell maximum times
     * {@code |c_l| sigma^l r^l sqrt((2l+1)/(4 pi)) exp(-sigma^2 r^2 / 2)} (which bounds every real
     * component of degree l), taken at the shell's outer radius for the power and inner radius for the
     * Gaussian.
     */
    private int[] cropSizes(Grid src, double[][] profiles, int[] group, int j, double factor) {
        double rc = cutoff(profiles, group, j, tolerance);
        int[] size = new int[3];
        for (int a = 0; a < 3; a++) {
            // bins with |frequency label| <= rc; +1 covers the odd-size label offset
            int e = (int) Math.floor(rc * shape[a] / (2 * Math.PI)) + 1;
            int c = niceEven((int) Math.ceil((2 * e + 2) * factor));
            size[a] = c >= src.n[a] ? src.n[a] : c;
        }
        return size;
    }

    /**
     * The radius beyond which the radial bound of {@code |spectrum| * |filter component|} (see
     * {@link #cropSizes}) stays below {@code tol} times its largest value.
     */
    private double cutoff(double[][] profiles, int[] group, int j, double tol) {
        double s = bank.sigma(j);
        double dw = shellWidth();
        int shells = profiles[0].length;
        double[] bound = new double[shells];
        double max = 0;
        for (int sh = 0; sh < shells; sh++) {
            double rlo = sh * dw;
            double rhi = (sh + 1) * dw;
            double v = 0;
            for (int g = 0; g < group.length; g++) {
                int l = group[g];
                double cl = bank.amplitude(l, j) * Math.sqrt((2 * l + 1) / (4 * Math.PI));
                v = Math.max(v, profiles[g].length > sh ? profiles[g][sh] * cl * Math.pow(rhi, l) : 0);
            }
            bound[sh] = v * Math.exp(-0.5 * s * s * rlo * rlo);
            max = Math.max(max, bound[sh]);
        }
        double rc = 0;
        for (int sh = 0; sh < shells; sh++) {
            if (bound[sh] > tol * max) {
                rc = (sh + 1) * dw;
            }
        }
        return rc;
    }

    /**
     * Target {@code t} (cropped from a source grid, or the source itself) with every bin whose source
     * frequency has a component {@code |w_a| > rc} dropped (map -1): such a bin has radius above
     * {@code rc}, so the bound of {@link #cutoff} puts it below that cutoff's tolerance. Exact mode prunes
     * with {@link #PRUNE}; the multi-resolution mode with its tolerance, which on an oversampled grid
     * leaves the spectrum's own band and zero padding around it.
     */
    private static Grid prune(Grid t, double rc) {
        int[][] map = new int[3][];
        for (int a = 0; a < 3; a++) {
            map[a] = t.map[a].clone();
            for (int i = 0; i < map[a].length; i++) {
                if (map[a][i] >= 0 && Math.abs(t.freq[a][map[a][i]]) > rc) {
                    map[a][i] = -1;
                }
            }
        }
        return new Grid(t.n.clone(), t.freq, map);
    }

    /**
     * Smallest even number &ge; n whose prime factors are 2, 3, 5 and 7 (fast {@code BatchFft} sizes:
     * with 7 the sizes are finer-grained, e.g. 168 x 112 instead of 180 x 120, and per point a 7-smooth
     * 3D FFT costs about the same as a 5-smooth one: 168 x 112 x 90 18.2 ns, 180 x 120 x 90 20.1 ns).
     */
    static int niceEven(int n) {
        for (int c = Math.max(2, n + (n & 1)); ; c += 2) {
            int r = c;
            for (int p : new int[] {2, 3, 5, 7}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return c;
            }
        }
    }
}
