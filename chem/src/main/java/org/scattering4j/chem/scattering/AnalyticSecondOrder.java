package org.scattering4j.chem.scattering;

/**
 * First- and second-order solid-harmonic scattering integrals of a sum of Gaussians on a fixed periodic grid,
 * fast: first-order fields in closed form (as {@link AnalyticFirstOrder}) on lattices of stride {@code s_j}, second
 * order on coarse lattices through small FFTs. Matches Kymatio's circular-convolution integrals on the fixed grid
 * within about 1e-3 relative for q &ge; 1 and 1e-2 for q = 0.5 (measured on 50 QM7 molecules:
 * BENCHMARKS.md, "Order-2 fast path for QM7").
 *
 * <h2>Second order</h2>
 * Kymatio's {@code S2[(j1, j2), l, q] = sum_u U2(u)^q} with {@code U2 = sqrt(sum_m |U1_{j1,l} * psi_{j2,l,m}|^2)}
 * (same l; circular convolution on the full grid). The spectrum of {@code U1 * psi_{j2}} is that of
 * {@code U1} times the filter, whose Gaussian factor {@code exp(-sigma_{j2}^2 |k|^2 / 2)} is split into two
 * halves {@code exp(-g^2 |k|^2/2) exp(-(sigma_{j2}^2 - g^2) |k|^2/2)} with {@code g^2 = sigma_{j2}^2 / 2}:
 * <ol>
 * <li>{@code U1} is blurred in real space with the normalised Gaussian of variance {@code g^2} (separable,
 * sums over the lattice on which {@code U1} was evaluated, periodic distances) and the result {@code W} is
 * sampled only on a coarse lattice of spacing {@code h = min(sigma_{j2} / 2, 3)}; for {@code j2 > j1 + 1}
 * the blur is a cascade from the previous scale's {@code W}.</li>
 * <li>{@code W}'s samples are Fourier transformed on the coarse lattice, multiplied by the rest of the filter
 * {@code c_l sigma^l R_lm(k) exp(-(sigma^2 - g^2) |k|^2 / 2)} at the physical frequencies, inverse transformed;
 * {@code U2} is the modulus over m and the integrals are {@code h^3 sum |U2|^q} over the coarse lattice.</li>
 * </ol>
 * Sampling {@code W} at spacing h aliases its spectrum by multiples of {@code 2 pi / h}; an alias reaches the
 * band only through the product of the two Gaussian halves, at most
 * {@code exp(-(2 pi / h)^2 g^2 (sigma^2 - g^2) / (2 sigma^2)) = exp(-pi^2 sigma^2 / (2 h^2))}, {@code e^-19.7}
 * for {@code h = sigma / 2} (times the polynomial's growth). The coarse Riemann sums of {@code |U2|^q} are exact
 * for smooth fields up to {@code e^-(2 pi^2 V / h^2)} terms but not at the cone-like zeros of the modulus
 * (l &ge; 1), whose spectrum falls only like {@code |k|^-4}: that error is about {@code (h^2 / V)^2} and sets the
 * spacing cap of 3 grid units.
 *
 * <p>Where {@code U2} is compact compared with the grid (every pair on QM7 molecules: the cascaded pairs
 * {@code (j1, j2 > j1 + 1)} too, which shrinks pair (0, 2) from 64 x 48 x 32 to about 48 x 40 x 32), the coarse
 * lattice is a window around the molecule with a margin of {@link #WINDOW_WIDTHS} widths of {@code U2^{1/2}}
 * instead of the whole periodic grid (the smallest size with factors 2, 3, 5 only); its own circular FFT then
 * wraps only tails below the tolerance. Otherwise the lattice is the whole periodic grid (sizes with factors 2, 3,
 * 5 only), as in Kymatio.
 *
 * <p>The transforms ({@link CoarseFft}) are batched Stockham FFTs ({@code BatchFft}) on split real/imaginary rows;
 * two real fields share a forward transform and two filtered components an inverse one (both outputs real), and
 * the rest of the filter is evaluated per spectrum row (a separable Gaussian times a polynomial in the row's
 * frequency) instead of being stored.
 *
 * <h2>First order</h2>
 * As {@link AnalyticFirstOrder} with 2 samples per width ({@code s_j = floor(sqrt(A_j) / 2)}): fields in closed
 * form, periodised, visited in a box with margin {@code tailCutoff sqrt(2 A_j)}. For even strides two
 * interleaved lattices (body-centred cubic) are used: the lattice sums alias at {@code |k| = 2 pi sqrt2 / s}
 * instead of {@code 2 pi / s}, four times smaller errors at the cone-like zeros of {@code U1} for twice the
 * points; the blurred {@code U1} feeding the second order needs this too (with one lattice of stride 2 the
 * pair (1, 2) was 1.3e-3 off at q = 2 on QM7 molecules). Channels that are linear combinations of others
 * (core = nuclear charge - valence) are not evaluated separately: the responses are linear in the weights,
 * so the monomial sums are accumulated for an orthonormal basis of the channel weight vectors; the modulus is
 * then taken per channel. Per-axis factors below {@code e^-}{@value #FACTOR_CUTOFF} of an atom's peak are dropped,
 * so an atom costs nothing in the rows its field does not reach. The blur of {@code U1} runs with the fields
 * interleaved ({@link PlaneBlur}), so each of its three passes is a long contiguous multiply-add.
 *
 * <p>Immutable and thread-safe; work arrays (a few tens of MB for Kymatio's QM7 grid) are kept per thread and
 * reused from call to call. FFTs run on the calling thread (callers parallelise over molecules).
 *
 * <pre>{@code
 * AnalyticSecondOrder t = new AnalyticSecondOrder(KymatioQm7Preset.harmonicParams(), 2.0, 4.5);
 * AnalyticSecondOrder.Result r = t.compute(gridPositions, new double[][] {z, valence, core}, new int[] {192, 128, 96});
 * double s2 = r.second[0][0][3][1];   // nuclear charge, pair (j1=0, j2=1), l = 3, second power
 * }</pre>
 */
public final class AnalyticSecondOrder {
    /**
     * Second-order lattice spacing in units of sigma_{j2}: 0.5 puts the aliasing of the split filter at
     * {@code e^-(2 pi^2)} (class comment); 0.6 was measured to leave q = 1 errors of 6.6e-4 on 25 QM7 molecules.
     */
    static final double SPACING = 0.5;
    /**
     * Largest second-order spacing, grid units: the coarse Riemann sums err at the cone-like zeros of U2 by about
     * (h^2 / V)^2; with h = 4 at j2 = 2 the worst q = 1 coefficient was 1e-3 off on 15 QM7 molecules, with 3
     * (error about 0.3 times that) 3.5e-4 on 46.
     */
    static final double MAX_SPACING = 3;
    /**
     * Margin of the second-order windows in widths of U2^{1/2}: 3.5 leaves the q = 0.5 integrals about 3e-3 off
     * (measured, 46 molecules; 4 widths: 6e-4), q &ge; 1 unaffected (tails below e^-12).
     */
    static final double WINDOW_WIDTHS = 3.5;
    /**
     * Per-axis factors of an atom below {@code e^-FACTOR_CUTOFF} of its peak are dropped (so atoms are skipped
     * far from them): the box margin keeps fields down to about e^-20 of a single atom's peak (tail cutoff 4.5),
     * and a dropped term is below e^-30 times the growth of the solid harmonic, (2 * 30 / l)^(l / 2) &le; 120.
     */
    static final double FACTOR_CUTOFF = 30;
    /**
     * An atom's terms where its 3D Gaussian is below {@code e^-BALL_CUTOFF} of its peak are dropped as well (a ball
     * inside the box that the per-axis cutoff leaves): 5 more than {@link #FACTOR_CUTOFF}, so what this drops is
     * below 1/150 of what that one does.
     */
    static final double BALL_CUTOFF = FACTOR_CUTOFF + 5;
    private final HarmonicParams params;
    private final double densitySigma;
    private final double tailCutoff;
    private final int[][] mono;
    private final int[] monoStart;
    /** coef[l][m + l][t]: R_lm on the monomials of degree l. */
    private final double[][][] coef;
    private final SolidHarmonics harmonics;
    /** Work arrays per thread, reused across calls (a few tens of MB for Kymatio's QM7 grid). */
    private final ThreadLocal<Work> work = ThreadLocal.withInitial(Work::new);

    /** Result: {@code first[c][j][l][q]} and {@code second[c][pair][l][q]} (pairs j1 &lt; j2, lexicographic). */
    public static final class Result {
        public final double[][][][] first;
        public final double[][][][] second;

        Result(double[][][][] first, double[][][][] second) {
            this.first = first;
            this.second = second;
        }
    }

    /**
     * @param params       J, L, sigma0, powers
     * @param densitySigma Gaussian width of the density, grid units
     * @param tailCutoff   margin of the first-order boxes in widths of {@code U1^{1/2}}, in [3, 10]
     */
    public AnalyticSecondOrder(HarmonicParams params, double densitySigma, double tailCutoff) {
        if (!(densitySigma > 0) || Double.isInfinite(densitySigma)) {
            throw new IllegalArgumentException("densitySigma = " + densitySigma + " must be positive and finite");
        }
        if (!(tailCutoff >= 3 && tailCutoff <= 10)) {
            throw new IllegalArgumentException("tailCutoff = " + tailCutoff + " must be in [3, 10]");
        }
        this.params = params;
        this.densitySigma = densitySigma;
        this.tailCutoff = tailCutoff;
        int L = params.L();
        harmonics = new SolidHarmonics(L);
        monoStart = new int[L + 2];
        int total = 0;
        for (int l = 0; l <= L; l++) {
            monoStart[l] = total;
            total += (l + 1) * (l + 2) / 2;
        }
        monoStart[L + 1] = total;
        mono = new int[total][];
        coef = new double[L + 1][][];
        for (int l = 0; l <= L; l++) {
            int[][] e = SolidHarmonics.monomials(l);
            System.arraycopy(e, 0, mono, monoStart[l], e.length);
            coef[l] = new double[2 * l + 1][];
            for (int m = -l; m <= l; m++) {
                coef[l][m + l] = harmonics.coefficients(l, m);
            }
        }
    }

    public HarmonicParams params() {
        return params;
    }

    /** {@code A_j = s^2 + sigma_j^2}. */
    double variance(int j) {
        double sj = params.sigma(j);
        return densitySigma * densitySigma + sj * sj;
    }

    /** The largest h &le; max(1, floor(target)) dividing every grid size. */
    static int commonStride(double target, int[] shape) {
        int h = Math.max(1, (int) Math.floor(target));
        while (shape[0] % h != 0 || shape[1] % h != 0 || shape[2] % h != 0) {
            h--;
        }
        return h;
    }

    /** First-order stride at scale j: 2 samples per width of the field. */
    int firstStride(int j, int[] shape) {
        return commonStride(Math.sqrt(variance(j)) / 2, shape);
    }

    /**
     * Points per axis of the coarse grid of scale j2: spacing at most {@code SPACING sigma_{j2}}, sizes with
     * factors 2, 3 and 5 only (fast FFTs), at most the grid size.
     */
    int[] secondSizes(int j2, int[] shape) {
        int[] m = new int[3];
        for (int ax = 0; ax < 3; ax++) {
            int want = (int) Math.ceil(shape[ax] / Math.min(SPACING * params.sigma(j2), MAX_SPACING));
            m[ax] = Math.min(shape[ax], smooth(Math.max(2, want)));
        }
        return m;
    }

    /** The smallest even number &ge; n whose only prime factors are 2, 3 and 5. */
    static int smooth(int n) {
        for (int k = n + (n % 2); ; k += 2) {
            int r = k;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return k;
            }
        }
    }

    /**
     * Orders 1 and 2 on a fixed periodic grid.
     *
     * @param positions {@code {axis0, axis1, axis2}} per atom, grid units (Kymatio's wrapped coordinates; not
     *                  modified)
     * @param weights   {@code [channel][atom]} (not modified)
     * @param shape     grid shape, even sizes
     */
    public Result compute(double[][] positions, double[][] weights, int[] shape) {
        if (shape == null || shape.length != 3) {
            throw new IllegalArgumentException("shape must have 3 sizes");
        }
        for (int k = 0; k < 3; k++) {
            if (shape[k] < 2 || shape[k] % 2 != 0) {
                throw new IllegalArgumentException("shape[" + k + "] = " + shape[k] + " must be even and >= 2");
            }
        }
        int nAtoms = positions.length;
        if (nAtoms == 0) {
            throw new IllegalArgumentException("no atoms");
        }
        for (double[] w : weights) {
            if (w.length != nAtoms) {
                throw new IllegalArgumentException(w.length + " weights for " + nAtoms + " atoms");
            }
        }
        int J = params.J();
        int L = params.L();
        int nq = params.powerCount();
        int nc = weights.length;
        int nf = nc * (L + 1);
        boolean order2 = params.maxOrder() >= 2 && J >= 1;
        double[][][][] first = new double[nc][J + 1][L + 1][nq];
        int nPairs = order2 ? J * (J + 1) / 2 : 0;
        double[][][][] second = new double[nc][nPairs][L + 1][nq];
        Basis basis = Basis.of(weights);
        Work ws = work.get();
        // W[j1] = U1_{j1} blurred for scale j1 + 1, on that scale's coarse grid
        for (int j1 = 0; j1 <= J; j1++) {
            Coarse target = null;
            if (order2 && j1 < J) {
                target = target(j1, j1 + 1, positions, shape, nf, ws, 0);
            }
            firstOrder(j1, positions, basis, shape, first, target, ws);
            if (target == null) {
                continue;
            }
            Coarse w = target;
            for (int j2 = j1 + 1; j2 <= J; j2++) {
                if (j2 > j1 + 1) {
                    w = w.blurTo(target(j1, j2, positions, shape, nf, ws, 1 - w.slot), shape, ws);
                }
                int pair = pairIndex(j1, j2, J);
                secondOrder(w, j2, nc, second, pair, ws);
            }
        }
        return new Result(first, second);
    }

    /**
     * The coarse lattice that receives the blurred {@code U1_{j1}} for scale {@code j2}: a window around the
     * molecule (margin {@code WINDOW_WIDTHS} widths of {@code U2^{1/2}}, whose variance is about
     * {@code 2 (A_{j1} + sigma_{j2}^2)}) when that is smaller than the grid, else the whole periodic grid. Its
     * circular FFT then differs from the fixed grid's by the wrapped tails, below the tolerance by the margin.
     */
    Coarse target(int j1, int j2, double[][] positions, int[] shape, int nf, Work ws, int slot) {
        double sj2 = params.sigma(j2);
        int[] whole = secondSizes(j2, shape);
        double spacing = Math.min(SPACING * sj2, MAX_SPACING);
        double margin = WINDOW_WIDTHS * Math.sqrt(2 * (variance(j1) + sj2 * sj2));
        int[] m = new int[3];
        double[] origin = new double[3];
        double[] d = new double[3];
        boolean window = false;
        for (int ax = 0; ax < 3; ax++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double[] p : positions) {
                lo = Math.min(lo, p[ax]);
                hi = Math.max(hi, p[ax]);
            }
            int want = smooth((int) Math.ceil((hi - lo + 2 * margin) / spacing));
            if (want < whole[ax]) {
                window = true;
                m[ax] = want;
                d[ax] = spacing;
                origin[ax] = (lo + hi) / 2 - want * spacing / 2;
            } else {
                m[ax] = whole[ax];
                d[ax] = (double) shape[ax] / whole[ax];
                origin[ax] = 0;
            }
        }
        if (!window) {
            return new Coarse(shape, whole, sj2 * sj2 / 2, nf, ws, slot);
        }
        return new Coarse(shape, m, d, origin, sj2 * sj2 / 2, nf, ws, slot);
    }

    static int pairIndex(int j1, int j2, int J) {
        int p = 0;
        for (int a = 0; a <= J; a++) {
            for (int b = a + 1; b <= J; b++) {
                if (a == j1 && b == j2) {
                    return p;
                }
                p++;
            }
        }
        throw new IllegalArgumentException("no pair (" + j1 + ", " + j2 + ")");
    }

    /** Channel weight vectors as combinations of a basis of them (linearly dependent channels cost nothing). */
    static final class Basis {
        final double[][] vectors;
        /** alpha[c][b]: channel c = sum_b alpha[c][b] vectors[b]. */
        final double[][] alpha;

        private Basis(double[][] vectors, double[][] alpha) {
            this.vectors = vectors;
            this.alpha = alpha;
        }

        static Basis of(double[][] w) {
            int nc = w.length;
            int n = w[0].length;
            java.util.List<double[]> vec = new java.util.ArrayList<>();
            java.util.List<double[]> ortho = new java.util.ArrayList<>();
            double[][] alphaOrtho = new double[nc][];
            // Gram-Schmidt on the channel vectors; a channel whose residual vanishes is a combination
            double[][] rMatrix = new double[nc][nc];
            int[] basisOf = new int[nc];
            for (int c = 0; c < nc; c++) {
                double[] r = w[c].clone();
                double norm0 = 0;
                for (double v : r) {
                    norm0 += v * v;
                }
                double[] proj = new double[ortho.size()];
                for (int b = 0; b < ortho.size(); b++) {
                    double d = 0;
                    double[] q = ortho.get(b);
                    for (int i = 0; i < n; i++) {
                        d += q[i] * r[i];
                    }
                    proj[b] = d;
                    for (int i = 0; i < n; i++) {
                        r[i] -= d * q[i];
                    }
                }
                double norm = 0;
                for (double v : r) {
                    norm += v * v;
                }
                alphaOrtho[c] = proj;
                if (norm > 1e-24 * Math.max(norm0, 1e-300) && norm > 0) {
                    double s = Math.sqrt(norm);
                    for (int i = 0; i < n; i++) {
                        r[i] /= s;
                    }
                    double[] extended = java.util.Arrays.copyOf(proj, ortho.size() + 1);
                    extended[ortho.size()] = s;
                    alphaOrtho[c] = extended;
                    ortho.add(r);
                    vec.add(w[c]);
                }
                basisOf[c] = ortho.size();
            }
            // use the orthonormal vectors as the basis: channel c = sum_b alphaOrtho[c][b] ortho[b]
            int nb = ortho.size();
            double[][] alpha = new double[nc][nb];
            for (int c = 0; c < nc; c++) {
                System.arraycopy(alphaOrtho[c], 0, alpha[c], 0, alphaOrtho[c].length);
            }
            return new Basis(ortho.toArray(new double[0][]), alpha);
        }
    }

    /**
     * A set of fields on the coarse periodic lattice of stride h ({@code n/h} points per axis), receiving a
     * separable Gaussian blur (variance {@code g2} grid units squared) of fields given on another lattice.
     */
    final class Coarse {
        /** points per axis */
        final int[] m;
        /** spacing per axis, grid units (n / m) */
        final double[] d;
        /** total blur variance so far */
        final double g2;
        final double[][] data;
        /** coordinate of sample 0 per axis; NaN on a whole periodic axis */
        final double[] origin;
        /** whether the lattice is the whole periodic grid (else a window, whose FFT period is m d) */
        final boolean whole;
        /** the workspace slot holding {@link #data} */
        final int slot;
        /** number of fields (data may hold more arrays, and longer ones) */
        final int fields;

        /** The whole periodic grid with m points per axis. */
        Coarse(int[] shape, int[] m, double g2, int fields, Work ws, int slot) {
            this(shape, m, new double[] {(double) shape[0] / m[0], (double) shape[1] / m[1], (double) shape[2] / m[2]},
                    null, g2, fields, ws, slot);
        }

        /**
         * A window of m points per axis, spacing d, starting at origin (null: the whole grid); the (zeroed) data
         * arrays are the workspace's slot {@code slot}, valid until that slot is handed out again.
         */
        Coarse(int[] shape, int[] m, double[] d, double[] origin, double g2, int fields, Work ws, int slot) {
            this.m = m.clone();
            this.d = d.clone();
            this.origin = origin == null ? null : origin.clone();
            this.whole = origin == null;
            this.g2 = g2;
            this.slot = slot;
            this.fields = fields;
            this.data = ws.slot(slot, fields, m[0] * m[1] * m[2]);
        }

        /** The FFT period along an axis, grid units. */
        double period(int axis) {
            return m[axis] * d[axis];
        }

        /** Coordinates (grid units) of the coarse samples along an axis. */
        double[] coordinates(int axis, int[] shape) {
            double[] c = new double[m[axis]];
            for (int k = 0; k < c.length; k++) {
                if (whole) {
                    double x = k * d[axis];
                    c[k] = x < shape[axis] / 2.0 ? x : x - shape[axis];
                } else {
                    c[k] = origin[axis] + k * d[axis];
                }
            }
            return c;
        }

        /** This set blurred further into {@code out} (a fresh lattice of a larger total variance). */
        Coarse blurTo(Coarse out, int[] shape, Work ws) {
            double g2 = out.g2 - this.g2;
            Scatter[] sc = new Scatter[3];
            for (int ax = 0; ax < 3; ax++) {
                sc[ax] = new Scatter(coordinates(ax, shape), d[ax], out.coordinates(ax, shape), shape[ax], g2);
            }
            int a0 = m[0];
            int a1 = m[1];
            int a2 = m[2];
            PlaneBlur pb = new PlaneBlur(sc, a1, a2, out.m, fields, ws);
            for (int i0 = 0; i0 < a0; i0++) {
                for (int f = 0; f < fields; f++) {
                    double[] src = data[f];
                    for (int i1 = 0; i1 < a1; i1++) {
                        int o = (i0 * a1 + i1) * a2;
                        int col = i1 * fields + f;
                        for (int i2 = 0; i2 < a2; i2++) {
                            pb.planeU[i2][col] = src[o + i2];
                        }
                    }
                }
                pb.blurPlane(i0);
            }
            pb.writeTo(out);
            return out;
        }
    }

    /**
     * A separable blur of several fields from one lattice (n0 x n1 x n2, fed plane by plane) into a coarse one, the
     * fields interleaved (fastest) so that every pass is a long contiguous multiply-add (vectorised by the JIT)
     * instead of one short line per field: the caller fills {@link #planeU} (rows i2 of (i1, field)) for plane i0,
     * {@link #blurPlane} blurs it along axis 2 into rows k2, transposes to rows i1 of (k2, field), blurs along axis 1
     * into rows k1 and adds it, weighted, into the output planes k0 it reaches; {@link #writeTo} stores the sum as
     * one C-order array per field.
     */
    static final class PlaneBlur {
        final Scatter[] sc;
        final int n1;
        final int n2;
        final int b1;
        final int b2;
        final int nf;
        final double[][] planeU;
        final double[][] along2;
        final double[][] swapped;
        final double[][] along1;
        /** rows k0 b1 + k1 of (k2, field) */
        final double[][] blurred;

        PlaneBlur(Scatter[] sc, int n1, int n2, int[] out, int nf, Work ws) {
            this(sc, n1, n2, out, nf, ws, true);
        }

        /** @param fresh whether to zero the sum (else add to what a previous PlaneBlur left in the workspace) */
        PlaneBlur(Scatter[] sc, int n1, int n2, int[] out, int nf, Work ws, boolean fresh) {
            this.sc = sc;
            this.n1 = n1;
            this.n2 = n2;
            this.b1 = out[1];
            this.b2 = out[2];
            this.nf = nf;
            planeU = ws.table(1, n2, n1 * nf);
            along2 = ws.table(2, b2, n1 * nf);
            swapped = ws.table(3, n1, b2 * nf);
            along1 = ws.table(4, b1, b2 * nf);
            blurred = fresh ? ws.table(0, out[0] * b1, b2 * nf) : ws.tables[0];
        }

        /** Blurs plane i0 held in {@link #planeU} into the sum and zeroes {@link #planeU} for the next plane. */
        void blurPlane(int i0) {
            zero(along2, b2, n1 * nf);
            sc[2].applyTable(planeU, along2, n1 * nf);
            for (int k2 = 0; k2 < b2; k2++) {
                double[] src = along2[k2];
                for (int i1 = 0; i1 < n1; i1++) {
                    System.arraycopy(src, i1 * nf, swapped[i1], k2 * nf, nf);
                }
            }
            zero(along1, b1, b2 * nf);
            sc[1].applyTable(swapped, along1, b2 * nf);
            int[] tk = sc[0].targets[i0];
            double[] tw = sc[0].weights[i0];
            for (int i = 0; i < tk.length; i++) {
                int row = tk[i] * b1;
                for (int k1 = 0; k1 < b1; k1++) {
                    axpy(blurred[row + k1], tw[i], along1[k1], b2 * nf);
                }
            }
            zero(planeU, n2, n1 * nf);
        }

        /** The sum, back to one array per field in C order (the layout of the second-order transforms). */
        void writeTo(Coarse target) {
            int rows = target.m[0] * target.m[1];
            for (int r = 0; r < rows; r++) {
                double[] src = blurred[r];
                for (int fi = 0; fi < nf; fi++) {
                    double[] dst = target.data[fi];
                    int o = r * b2;
                    for (int k2 = 0; k2 < b2; k2++) {
                        dst[o + k2] = src[k2 * nf + fi];
                    }
                }
            }
        }
    }

    /**
     * The 1D blur weights from input samples {@code x_t} (spacing s) to output samples {@code y_k}:
     * {@code s G_g(y_k - x_t)} with periodic distances, stored per input (scatter form).
     */
    static final class Scatter {
        final int[][] targets;
        final double[][] weights;

        Scatter(double[] x, double s, double[] y, int period, double g2) {
            double reach = Math.sqrt(g2) * 4.6;
            double norm = s / Math.sqrt(2 * Math.PI * g2);
            targets = new int[x.length][];
            weights = new double[x.length][];
            int[] tk = new int[y.length];
            double[] tw = new double[y.length];
            for (int t = 0; t < x.length; t++) {
                int cnt = 0;
                for (int k = 0; k < y.length; k++) {
                    double d = y[k] - x[t];
                    d -= period * Math.floor(d / period + 0.5);
                    if (Math.abs(d) <= reach) {
                        tk[cnt] = k;
                        tw[cnt] = norm * Math.exp(-d * d / (2 * g2));
                        cnt++;
                    }
                }
                targets[t] = java.util.Arrays.copyOf(tk, cnt);
                weights[t] = java.util.Arrays.copyOf(tw, cnt);
            }
        }

        /** Blur along the row index of a table: {@code out[k] += sum_t w(t, k) in[t]}, rows of {@code width}. */
        void applyTable(double[][] in, double[][] out, int width) {
            for (int t = 0; t < targets.length; t++) {
                int[] tk = targets[t];
                double[] tw = weights[t];
                double[] x = in[t];
                for (int i = 0; i < tk.length; i++) {
                    axpy(out[tk[i]], tw[i], x, width);
                }
            }
        }

    }

    /**
     * First order at scale j: fields in closed form on the stride-s_j lattice, integrals into
     * {@code first[c][j]}, and (when {@code target != null}) {@code U1} blurred into the target's coarse grid
     * (field index {@code c (L+1) + l}).
     */
    private void firstOrder(int j, double[][] positions, Basis basis, int[] shape, double[][][][] first,
                            Coarse target, Work ws) {
        int L = params.L();
        int nq = params.powerCount();
        int nAtoms = positions.length;
        int nb = basis.vectors.length;
        int nc = basis.alpha.length;
        int nm = mono.length;
        double a = variance(j);
        double sj = params.sigma(j);
        double[] kl = new double[L + 1];
        for (int l = 0; l <= L; l++) {
            kl[l] = AnalyticFirstOrder.kappa(l) * Math.pow(sj, l) * Math.pow(a, -(l + 1.5));
        }
        int s = firstStride(j, shape);
        double margin = tailCutoff * Math.sqrt(2 * a);
        // two interleaved lattices (body-centred cubic) for strides >= 2: the sums and the blurred U1 alias at
        // |k| = 2 pi sqrt2 / s instead of 2 pi / s, and the cone-like zeros of U1 dominate that aliasing (their
        // spectrum falls like |k|^-4), so four times smaller errors for twice the points
        int lattices = s >= 2 && s % 2 == 0 ? 2 : 1;
        double[][] acc = new double[nc][(L + 1) * nq];
        // the blurred U1 with the fields interleaved (fastest): row k0 b1 + k1 holds (k2, field) pairs, so that
        // every blur pass is a long contiguous multiply-add (vectorised) instead of one short line per field
        int nf = target != null ? target.fields : 0;
        PlaneBlur pb = null;
        for (int lat = 0; lat < lattices; lat++) {
            double shift = lat * s / 2.0;
            double[][] coords = new double[3][];
            double[][][][] f = new double[3][][][];
            for (int ax = 0; ax < 3; ax++) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double[] p : positions) {
                    lo = Math.min(lo, p[ax]);
                    hi = Math.max(hi, p[ax]);
                }
                coords[ax] = AnalyticFirstOrder.sampleCoordinates(shape[ax], s, lo - margin, hi + margin);
                for (int t = 0; t < coords[ax].length; t++) {
                    coords[ax][t] += shift;
                }
                f[ax] = AnalyticFirstOrder.factors(coords[ax], positions, ax, a, L, shape[ax], FACTOR_CUTOFF);
            }
            int n0 = coords[0].length;
            int n1 = coords[1].length;
            int n2 = coords[2].length;
            Scatter[] sc = null;
            double[][] planeU = null;
            if (target != null) {
                sc = new Scatter[3];
                for (int ax = 0; ax < 3; ax++) {
                    sc[ax] = new Scatter(coords[ax], ax == 0 ? s / (double) lattices : s, target.coordinates(ax, shape),
                            shape[ax], target.g2);
                }
                pb = new PlaneBlur(sc, n1, n2, target.m, nf, ws, lat == 0);
                planeU = pb.planeU;
            }
            int[][] pairOf = new int[L + 1][L + 1];
            int np = 0;
            for (int jj = 0; jj <= L; jj++) {
                for (int kk = 0; jj + kk <= L; kk++) {
                    pairOf[jj][kk] = np++;
                }
            }
            int[] monoPair = new int[nm];
            for (int t = 0; t < nm; t++) {
                monoPair[t] = pairOf[mono[t][1]][mono[t][2]];
            }
            int[] from = new int[nAtoms];
            int[] to = new int[nAtoms];
            for (int at = 0; at < nAtoms; at++) {
                double[] f0 = f[2][at][0];
                int lo2 = 0;
                while (lo2 < n2 && f0[lo2] == 0) {
                    lo2++;
                }
                int hi2 = n2;
                while (hi2 > lo2 && f0[hi2 - 1] == 0) {
                    hi2--;
                }
                from[at] = lo2;
                to[at] = hi2;
            }
            // per row, an atom's span shrinks to where its 3D Gaussian exceeds e^-BALL_CUTOFF of its peak (a ball
            // instead of the box of the per-axis cutoff: about 60% of the visits)
            double ballLimit = Math.exp(-BALL_CUTOFF);
            double[] peak = new double[nAtoms];
            for (int at = 0; at < nAtoms; at++) {
                for (double v : f[2][at][0]) {
                    peak[at] = Math.max(peak[at], v);
                }
            }
            int[] rowFrom = new int[nAtoms];
            int[] rowTo = new int[nAtoms];
            int nh = (L + 1) * (L + 1);
            double[][][] tcoef = new double[nb][nAtoms][np];
            boolean[] active = new boolean[nAtoms];
            double[][][] g = new double[nb][nm][n2];
            double[][][] hf = new double[nb][nh][n2];
            double[] field = new double[n2];
            double[] u2 = new double[n2];
            double[] u = new double[n2];
            double[] root = new double[n2];
            double[][] alpha = basis.alpha;
            for (int i0 = 0; i0 < n0; i0++) {
                boolean planeAny = false;
                for (int i1 = 0; i1 < n1; i1++) {
                    boolean any = false;
                    for (int at = 0; at < nAtoms; at++) {
                        double bb = f[0][at][0][i0] * f[1][at][0][i1];
                        active[at] = bb != 0 && from[at] < to[at];
                        if (!active[at]) {
                            continue;
                        }
                        double thr = ballLimit / bb;
                        if (thr > peak[at]) {
                            active[at] = false;
                            continue;
                        }
                        double[] fx0 = f[2][at][0];
                        int lo2 = from[at];
                        int hi2 = to[at];
                        while (fx0[lo2] < thr) {
                            lo2++;
                        }
                        while (fx0[hi2 - 1] < thr) {
                            hi2--;
                        }
                        rowFrom[at] = lo2;
                        rowTo[at] = hi2;
                        any = true;
                        for (int jj = 0; jj <= L; jj++) {
                            double fy = f[1][at][jj][i1];
                            for (int kk = 0; jj + kk <= L; kk++) {
                                double fyz = fy * f[0][at][kk][i0];
                                int pi = pairOf[jj][kk];
                                for (int b = 0; b < nb; b++) {
                                    tcoef[b][at][pi] = basis.vectors[b][at] * fyz;
                                }
                            }
                        }
                    }
                    if (!any) {
                        continue;
                    }
                    planeAny = true;
                    // the span of the row that any active atom reaches (U1 is zero outside it)
                    int rowLo = n2;
                    int rowHi = 0;
                    for (int at = 0; at < nAtoms; at++) {
                        if (active[at]) {
                            rowLo = Math.min(rowLo, rowFrom[at]);
                            rowHi = Math.max(rowHi, rowTo[at]);
                        }
                    }
                    // monomial sums per basis vector (two at once: one read of each factor row for both)
                    for (int b = 0; b < nb; b++) {
                        for (int t = 0; t < nm; t++) {
                            java.util.Arrays.fill(g[b][t], rowLo, rowHi, 0);
                        }
                    }
                    for (int b = 0; b < nb; b += 2) {
                        boolean two = b + 1 < nb;
                        for (int at = 0; at < nAtoms; at++) {
                            if (!active[at]) {
                                continue;
                            }
                            double[] tc = tcoef[b][at];
                            double[] td = two ? tcoef[b + 1][at] : null;
                            double[][] fx = f[2][at];
                            int lo2 = rowFrom[at];
                            int hi2 = rowTo[at];
                            for (int t = 0; t < nm; t++) {
                                double c = tc[monoPair[t]];
                                double[] fxi = fx[mono[t][0]];
                                double[] gt = g[b][t];
                                if (two) {
                                    double d = td[monoPair[t]];
                                    double[] gu = g[b + 1][t];
                                    for (int i2 = lo2; i2 < hi2; i2++) {
                                        double v = fxi[i2];
                                        gt[i2] += c * v;
                                        gu[i2] += d * v;
                                    }
                                } else {
                                    for (int i2 = lo2; i2 < hi2; i2++) {
                                        gt[i2] += c * fxi[i2];
                                    }
                                }
                            }
                        }
                    }
                    // the harmonics of each degree
                    for (int b = 0; b < nb; b++) {
                        double[][] gb = g[b];
                        for (int l = 0; l <= L; l++) {
                            int m0 = monoStart[l];
                            int mc = monoStart[l + 1] - m0;
                            for (int m = 0; m < 2 * l + 1; m++) {
                                double[] cm = coef[l][m];
                                double[] out = hf[b][l * l + m];
                                java.util.Arrays.fill(out, rowLo, rowHi, 0);
                                for (int t = 0; t < mc; t++) {
                                    double ct = cm[t];
                                    if (ct == 0) {
                                        continue;
                                    }
                                    double[] gt = gb[m0 + t];
                                    for (int i2 = rowLo; i2 < rowHi; i2++) {
                                        out[i2] += ct * gt[i2];
                                    }
                                }
                            }
                        }
                    }
                    for (int c = 0; c < nc; c++) {
                        double[] al = alpha[c];
                        for (int l = 0; l <= L; l++) {
                            java.util.Arrays.fill(u2, 0);
                            for (int m = 0; m < 2 * l + 1; m++) {
                                int hm = l * l + m;
                                if (nb == 2) {
                                    double a0 = al[0];
                                    double a1 = al[1];
                                    double[] h0 = hf[0][hm];
                                    double[] h1 = hf[1][hm];
                                    for (int i2 = rowLo; i2 < rowHi; i2++) {
                                        double v = a0 * h0[i2] + a1 * h1[i2];
                                        u2[i2] += v * v;
                                    }
                                } else {
                                    java.util.Arrays.fill(field, 0);
                                    for (int b = 0; b < nb; b++) {
                                        double ab = al[b];
                                        if (ab == 0) {
                                            continue;
                                        }
                                        double[] hb = hf[b][hm];
                                        for (int i2 = rowLo; i2 < rowHi; i2++) {
                                            field[i2] += ab * hb[i2];
                                        }
                                    }
                                    for (int i2 = rowLo; i2 < rowHi; i2++) {
                                        u2[i2] += field[i2] * field[i2];
                                    }
                                }
                            }
                            double k = kl[l];
                            double k2 = k * k;
                            double[] ac = acc[c];
                            int base = l * nq;
                            for (int i2 = 0; i2 < n2; i2++) {
                                u[i2] = Math.sqrt(u2[i2]) * k;
                            }
                            rowPowerSums(u, u2, k2, rowLo, rowHi, params.powers(), ac, base, root);
                            if (sc != null) {
                                int col = i1 * nf + c * (L + 1) + l;
                                for (int i2 = 0; i2 < n2; i2++) {
                                    planeU[i2][col] = u[i2];
                                }
                            }
                        }
                    }
                }
                if (sc != null && planeAny) {
                    pb.blurPlane(i0);
                }
            }
        }
        if (pb != null) {
            pb.writeTo(target);
        }
        double vol = (double) s * s * s / lattices;
        for (int c = 0; c < nc; c++) {
            for (int l = 0; l <= L; l++) {
                for (int qi = 0; qi < nq; qi++) {
                    first[c][j][l][qi] = acc[c][l * nq + qi] * vol;
                }
            }
        }
    }

    /**
     * {@code acc[base + qi] += sum_{lo <= i < hi} u[i]^q_qi} with {@code u = sqrt(u2) k} ({@code u2 k2 = u^2}): the
     * usual powers with four partial sums (independent additions), square roots for q = 0.5 taken in a separate
     * (vectorised) loop into {@code root}.
     */
    static void rowPowerSums(double[] u, double[] u2, double k2, int lo, int hi, double[] powers, double[] acc,
            int base, double[] root) {
        for (int qi = 0; qi < powers.length; qi++) {
            double q = powers[qi];
            double[] x;
            double scale = 1;
            if (q == 1) {
                x = u;
            } else if (q == 2) {
                x = u2;
                scale = k2;
            } else if (q == 0.5) {
                for (int i = lo; i < hi; i++) {
                    root[i] = Math.sqrt(u[i]);
                }
                x = root;
            } else if (q == 3) {
                for (int i = lo; i < hi; i++) {
                    root[i] = u[i] * u2[i];
                }
                x = root;
                scale = k2;
            } else {
                // u is zero below lo (and 0^q = 0 for the positive powers of HarmonicParams)
                acc[base + qi] += powerSum(u, u2, k2, hi, q);
                continue;
            }
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int i = lo;
            for (; i + 3 < hi; i += 4) {
                s0 += x[i];
                s1 += x[i + 1];
                s2 += x[i + 2];
                s3 += x[i + 3];
            }
            for (; i < hi; i++) {
                s0 += x[i];
            }
            acc[base + qi] += ((s0 + s1) + (s2 + s3)) * scale;
        }
    }

    /** sum_i u[i]^q with u = sqrt(u2) k (u2 k2 = u^2); cheap paths for the usual powers. */
    static double powerSum(double[] u, double[] u2, double k2, int n, double q) {
        double s = 0;
        if (q == 1) {
            for (int i = 0; i < n; i++) {
                s += u[i];
            }
            return s;
        }
        if (q == 2) {
            for (int i = 0; i < n; i++) {
                s += u2[i];
            }
            return s * k2;
        }
        if (q == 0.5) {
            for (int i = 0; i < n; i++) {
                s += Math.sqrt(u[i]);
            }
            return s;
        }
        if (q == 3) {
            for (int i = 0; i < n; i++) {
                s += u[i] * u2[i];
            }
            return s * k2;
        }
        for (int i = 0; i < n; i++) {
            s += Math.pow(u[i], q);
        }
        return s;
    }

    /** {@code o[k] += w x[k]} for k &lt; len (vectorised by the JIT: one index expression). */
    static void axpy(double[] o, double w, double[] x, int len) {
        for (int k = 0; k < len; k++) {
            o[k] += w * x[k];
        }
    }

    /** Zeroes the first {@code len} values of the first {@code rows} rows. */
    static void zero(double[][] t, int rows, int len) {
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(t[r], 0, len, 0);
        }
    }

    /**
     * Per-thread work arrays of the second order, grown on demand and reused from molecule to molecule: row
     * tables (see {@link CoarseFft}) for the packed spectrum Z, the two unpacked spectra A and B, the filtered
     * spectrum Y and the two sums of squares, plus the blur targets (two slots for the cascade).
     */
    static final class Work {
        int rows;
        int len;
        double[][] zr;
        double[][] zi;
        double[][] ar;
        double[][] ai;
        double[][] br;
        double[][] bi;
        double[][] yr;
        double[][] yi;
        double[][] ua;
        double[][] ub;
        double[] fxRow;
        double[] fyRow;
        double[] tmpR;
        double[] tmpI;
        CoarseFft.Work fft;
        final double[][][] slots = new double[2][][];

        /** Tables for {@code fft}: at least its rows and row length (reallocated only when too small). */
        void ensure(CoarseFft f) {
            if (fft == null || rows < f.tableRows || len < f.rowLength) {
                rows = Math.max(rows, f.tableRows);
                len = Math.max(len, f.rowLength);
                zr = new double[rows][len];
                zi = new double[rows][len];
                ar = new double[rows][len];
                ai = new double[rows][len];
                br = new double[rows][len];
                bi = new double[rows][len];
                yr = new double[rows][len];
                yi = new double[rows][len];
                ua = new double[rows][len];
                ub = new double[rows][len];
                fxRow = new double[len];
                fyRow = new double[len];
                tmpR = new double[len];
                tmpI = new double[len];
                fft = new CoarseFft.Work(rows, len);
            }
        }

        final double[][][] tables = new double[5][][];

        /** Table {@code id}: at least {@code rows} rows of at least {@code len} values, those zeroed. */
        double[][] table(int id, int rows, int len) {
            double[][] t = tables[id];
            if (t == null || t.length < rows || t[0].length < len) {
                t = new double[Math.max(rows, t == null ? 0 : t.length)][Math.max(len, t == null ? 0 : t[0].length)];
                tables[id] = t;
                return t;
            }
            zero(t, rows, len);
            return t;
        }

        /** Blur-target slot {@code s}: {@code fields} zeroed arrays of at least {@code n} values. */
        double[][] slot(int s, int fields, int n) {
            double[][] d = slots[s];
            if (d == null || d.length < fields || d[0].length < n) {
                d = new double[Math.max(fields, d == null ? 0 : d.length)][Math.max(n, d == null ? 0 : d[0].length)];
                slots[s] = d;
                return d;
            }
            for (int f = 0; f < fields; f++) {
                java.util.Arrays.fill(d[f], 0, n, 0);
            }
            return d;
        }
    }

    /**
     * Second order for one (j1, j2): the blurred fields {@code w} (field {@code c (L+1) + l}) on the coarse
     * grid of scale j2; integrals into {@code second[c][pair]}. Two real fields per forward FFT, two filtered
     * components per inverse FFT (both outputs are real); the rest of the filter is evaluated on the fly per
     * spectrum row (separable Gaussian times a polynomial in the row's frequency).
     */
    private void secondOrder(Coarse w, int j2, int nc, double[][][][] second, int pair, Work ws) {
        int L = params.L();
        int nq = params.powerCount();
        int[] m = w.m;
        int m0 = m[0];
        int m1 = m[1];
        int m2 = m[2];
        int n = m0 * m1 * m2;
        CoarseFft fft = new CoarseFft(m);
        // the inverse transforms two at a time, side by side in the rows (twice the lanes per batched pass)
        CoarseFft fft2 = new CoarseFft(m, 2);
        ws.ensure(fft2);
        double sigma = params.sigma(j2);
        double rest = sigma * sigma - w.g2;
        // per axis: frequencies, the Gaussian factor of the rest of the filter, powers, index of -k
        double[][] freq = new double[3][];
        double[][] gauss = new double[3][];
        double[][][] pow = new double[3][L + 1][];
        int[][] neg = new int[3][];
        for (int ax = 0; ax < 3; ax++) {
            int mm = m[ax];
            freq[ax] = new double[mm];
            gauss[ax] = new double[mm];
            neg[ax] = new int[mm];
            for (int e = 0; e <= L; e++) {
                pow[ax][e] = new double[mm];
            }
            for (int i = 0; i < mm; i++) {
                int fi = i < (mm + 1) / 2 ? i : i - mm;
                double k = 2 * Math.PI * fi / w.period(ax);
                freq[ax][i] = k;
                gauss[ax][i] = Math.exp(-rest * k * k / 2);
                neg[ax][i] = (mm - i) % mm;
                double p = 1;
                for (int e = 0; e <= L; e++) {
                    pow[ax][e][i] = p;
                    p *= k;
                }
            }
        }
        // c_l sigma^l of the filter, and 1/n of the inverse transform
        double[] cl = new double[L + 1];
        double pre = Math.pow(2 * Math.PI, 1.5);
        for (int l = 0; l <= L; l++) {
            cl[l] = pre * AnalyticFirstOrder.kappa(l) * Math.pow(sigma, l) / n;
        }
        double[] sx = new double[L + 1];
        double[] sy = new double[L + 1];
        int nf = nc * (L + 1);
        double vol = w.d[0] * w.d[1] * w.d[2];
        int rowsR = m0 * m1;
        double[] sums = new double[nq];
        for (int fa = 0; fa < nf; fa += 2) {
            int fb = fa + 1 < nf ? fa + 1 : -1;
            double[] wa = w.data[fa];
            double[] wb = fb >= 0 ? w.data[fb] : null;
            for (int r = 0; r < rowsR; r++) {
                System.arraycopy(wa, r * m2, ws.zr[r], 0, m2);
                if (wb != null) {
                    System.arraycopy(wb, r * m2, ws.zi[r], 0, m2);
                } else {
                    java.util.Arrays.fill(ws.zi[r], 0, m2, 0);
                }
            }
            fft.forward(ws.zr, ws.zi, ws.fft);
            unpack(ws, m0, m1, m2, neg);
            for (int r = 0; r < rowsR; r++) {
                java.util.Arrays.fill(ws.ua[r], 0, 2 * m2, 0);
                java.util.Arrays.fill(ws.ub[r], 0, 2 * m2, 0);
            }
            // the components of both fields, packed two per inverse transform
            int la = fa % (L + 1);
            int lb = fb >= 0 ? fb % (L + 1) : -1;
            int count = 2 * la + 1 + (fb >= 0 ? 2 * lb + 1 : 0);
            // component it: field a (it < 2 la + 1) or b; groups of four: two per inverse transform (real and
            // imaginary parts), two transforms side by side
            for (int it = 0; it < count; it += 4) {
                for (int half = 0; half < 2; half++) {
                    int itX = it + 2 * half;
                    if (itX >= count) {
                        // no component left for this lattice: zeros (its transform is not used)
                        for (int r = 0; r < m0 * m2; r++) {
                            java.util.Arrays.fill(ws.yr[r], m1, 2 * m1, 0);
                            java.util.Arrays.fill(ws.yi[r], m1, 2 * m1, 0);
                        }
                        continue;
                    }
                    int itY = itX + 1 < count ? itX + 1 : -1;
                    filterComponents(ws, itX, itY, la, lb, half * m1, m0, m1, m2, pow, gauss, cl, sx, sy);
                }
                fft2.inverse(ws.yr, ws.yi, ws.fft);
                for (int half = 0; half < 2; half++) {
                    int itX = it + 2 * half;
                    if (itX >= count) {
                        continue;
                    }
                    // lattice h's squares go to values h m2 .. of the sums (one index expression per loop, so the
                    // JIT vectorises it); the halves are added at the end
                    int o = half * m2;
                    int e = o + m2;
                    double[][] ux = itX < 2 * la + 1 ? ws.ua : ws.ub;
                    for (int r = 0; r < rowsR; r++) {
                        double[] v = ws.yr[r];
                        double[] u = ux[r];
                        for (int c = o; c < e; c++) {
                            u[c] += v[c] * v[c];
                        }
                    }
                    int itY = itX + 1;
                    if (itY < count) {
                        double[][] uy = itY < 2 * la + 1 ? ws.ua : ws.ub;
                        for (int r = 0; r < rowsR; r++) {
                            double[] v = ws.yi[r];
                            double[] u = uy[r];
                            for (int c = o; c < e; c++) {
                                u[c] += v[c] * v[c];
                            }
                        }
                    }
                }
            }
            for (int r = 0; r < rowsR; r++) {
                double[] a = ws.ua[r];
                double[] b = ws.ub[r];
                for (int c = 0; c < m2; c++) {
                    a[c] += a[m2 + c];
                    b[c] += b[m2 + c];
                }
            }
            for (int side = 0; side < (fb >= 0 ? 2 : 1); side++) {
                int fi = side == 0 ? fa : fb;
                int c = fi / (L + 1);
                int l = fi % (L + 1);
                powerSums(side == 0 ? ws.ua : ws.ub, rowsR, m2, params.powers(), sums, ws.fxRow, ws.fyRow);
                for (int qi = 0; qi < nq; qi++) {
                    second[c][pair][l][qi] = sums[qi] * vol;
                }
            }
        }
    }

    /**
     * The filtered spectra of components {@code itX} and {@code itY} (-1: none) packed as X + i Y into values
     * {@code off ..} of the S rows of {@code ws.yr, ws.yi}: component it is {@code m = it} of field a (degree la) for
     * {@code it < 2 la + 1}, else {@code m = it - (2 la + 1)} of field b (degree lb). Both inverse transforms are
     * real (the filters are Hermitian up to the {@code (-i)^l} that {@code sg} undoes).
     */
    private void filterComponents(Work ws, int itX, int itY, int la, int lb, int off, int m0, int m1, int m2,
            double[][][] pow, double[][] gauss, double[] cl, double[] sx, double[] sy) {
        int sideX = itX < 2 * la + 1 ? 0 : 1;
        int mx = sideX == 0 ? itX : itX - (2 * la + 1);
        int lx = sideX == 0 ? la : lb;
        int sideY = -1;
        int my = 0;
        int ly = 0;
        if (itY >= 0) {
            sideY = itY < 2 * la + 1 ? 0 : 1;
            my = sideY == 0 ? itY : itY - (2 * la + 1);
            ly = sideY == 0 ? la : lb;
        }
        for (int k0 = 0; k0 < m0; k0++) {
            for (int k2 = 0; k2 < m2; k2++) {
                int r = k0 * m2 + k2;
                filterRow(lx, mx, k0, k2, pow, gauss, cl, sx, m1, ws.fxRow);
                double[] x1 = sideX == 0 ? (lx % 2 == 1 ? ws.ai[r] : ws.ar[r]) : (lx % 2 == 1 ? ws.bi[r] : ws.br[r]);
                double[] x2 = sideX == 0 ? (lx % 2 == 1 ? ws.ar[r] : ws.ai[r]) : (lx % 2 == 1 ? ws.br[r] : ws.bi[r]);
                double sgX = lx % 2 == 1 ? -1 : 1;
                double[] fx = ws.fxRow;
                // the second lattice's values are built in scratch rows and copied: loops with one index expression
                // (vectorised)
                double[] yr = off == 0 ? ws.yr[r] : ws.tmpR;
                double[] yi = off == 0 ? ws.yi[r] : ws.tmpI;
                if (sideY < 0) {
                    // (i^odd) S f: real part sgX f x1, imaginary part f x2
                    for (int c = 0; c < m1; c++) {
                        yr[c] = sgX * fx[c] * x1[c];
                        yi[c] = fx[c] * x2[c];
                    }
                } else {
                    filterRow(ly, my, k0, k2, pow, gauss, cl, sy, m1, ws.fyRow);
                    double[] y1 = sideY == 0 ? (ly % 2 == 1 ? ws.ai[r] : ws.ar[r]) : (ly % 2 == 1 ? ws.bi[r] : ws.br[r]);
                    double[] y2 = sideY == 0 ? (ly % 2 == 1 ? ws.ar[r] : ws.ai[r]) : (ly % 2 == 1 ? ws.br[r] : ws.bi[r]);
                    double sgY = ly % 2 == 1 ? -1 : 1;
                    double[] fy = ws.fyRow;
                    // X + i Y with X = (i^odd) S_x f_x, Y = (i^odd) S_y f_y
                    for (int c = 0; c < m1; c++) {
                        yr[c] = sgX * fx[c] * x1[c] - fy[c] * y2[c];
                        yi[c] = fx[c] * x2[c] + sgY * fy[c] * y1[c];
                    }
                }
                if (off != 0) {
                    System.arraycopy(yr, 0, ws.yr[r], off, m1);
                    System.arraycopy(yi, 0, ws.yi[r], off, m1);
                }
            }
        }
    }

    /**
     * The spectra of the two real fields packed in Z = a + i b (S layout): {@code A(k) = (Z(k) + conj Z(-k)) / 2},
     * {@code B(k) = (Z(k) - conj Z(-k)) / (2i)}.
     */
    private static void unpack(Work ws, int m0, int m1, int m2, int[][] neg) {
        for (int k0 = 0; k0 < m0; k0++) {
            for (int k2 = 0; k2 < m2; k2++) {
                int r = k0 * m2 + k2;
                int rn = neg[0][k0] * m2 + neg[2][k2];
                double[] zr = ws.zr[r];
                double[] zi = ws.zi[r];
                double[] nr = ws.zr[rn];
                double[] ni = ws.zi[rn];
                double[] ar = ws.ar[r];
                double[] ai = ws.ai[r];
                double[] br = ws.br[r];
                double[] bi = ws.bi[r];
                for (int c = 0; c < m1; c++) {
                    int cn = c == 0 ? 0 : m1 - c;
                    ar[c] = 0.5 * (zr[c] + nr[cn]);
                    ai[c] = 0.5 * (zi[c] - ni[cn]);
                    br[c] = 0.5 * (zi[c] + ni[cn]);
                    bi[c] = 0.5 * (nr[cn] - zr[c]);
                }
            }
        }
    }

    /**
     * The rest of filter (l, m) along spectrum row (k0, k2): {@code c_l exp(-rest |k|^2 / 2) R_lm(k)} at
     * {@code k = (kz, ky, kx) = (k0, c, k2)} for every column c, as a polynomial in ky whose coefficients
     * {@code s_b} are summed from the monomials, times the separable Gaussian.
     */
    private void filterRow(int l, int m, int k0, int k2, double[][][] pow, double[][] gauss, double[] cl, double[] s,
            int m1, double[] out) {
        java.util.Arrays.fill(s, 0, l + 1, 0);
        int ms = monoStart[l];
        int mc = monoStart[l + 1] - ms;
        double[] cm = coef[l][m];
        for (int t = 0; t < mc; t++) {
            double ct = cm[t];
            if (ct == 0) {
                continue;
            }
            int[] ex = mono[ms + t];
            s[ex[1]] += ct * pow[2][ex[0]][k2] * pow[0][ex[2]][k0];
        }
        double scale = cl[l] * gauss[0][k0] * gauss[2][k2];
        double[] ky = pow[1][1];
        double[] g1 = gauss[1];
        double top = s[l];
        for (int c = 0; c < m1; c++) {
            out[c] = top;
        }
        for (int b = l - 1; b >= 0; b--) {
            double sb = s[b];
            for (int c = 0; c < m1; c++) {
                out[c] = out[c] * ky[c] + sb;
            }
        }
        for (int c = 0; c < m1; c++) {
            out[c] *= scale * g1[c];
        }
    }

    /**
     * {@code out[q] = sum over the first len values of the first nRows rows of sqrt(u2)^q}; the square roots are
     * taken row by row into {@code r1, r2} (vectorised loops), the sums with four partial sums each.
     */
    static void powerSums(double[][] u2, int nRows, int len, double[] powers, double[] out, double[] r1, double[] r2) {
        java.util.Arrays.fill(out, 0);
        boolean usual = true;
        for (double q : powers) {
            usual &= q == 0.5 || q == 1 || q == 2 || q == 3;
        }
        for (int r = 0; r < nRows; r++) {
            double[] v = u2[r];
            if (!usual) {
                for (int qi = 0; qi < powers.length; qi++) {
                    double e = powers[qi] / 2;
                    for (int c = 0; c < len; c++) {
                        out[qi] += Math.pow(v[c], e);
                    }
                }
                continue;
            }
            for (int c = 0; c < len; c++) {
                r1[c] = Math.sqrt(v[c]);
            }
            for (int qi = 0; qi < powers.length; qi++) {
                double q = powers[qi];
                double[] x;
                if (q == 1) {
                    x = r1;
                } else if (q == 2) {
                    x = v;
                } else if (q == 0.5) {
                    for (int c = 0; c < len; c++) {
                        r2[c] = Math.sqrt(r1[c]);
                    }
                    x = r2;
                } else {
                    for (int c = 0; c < len; c++) {
                        r2[c] = r1[c] * v[c];
                    }
                    x = r2;
                }
                out[qi] += sum(x, len);
            }
        }
    }

    /** x[0] + ... + x[len - 1] with four partial sums. */
    static double sum(double[] x, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (; c + 3 < len; c += 4) {
            s0 += x[c];
            s1 += x[c + 1];
            s2 += x[c + 2];
            s3 += x[c + 3];
        }
        for (; c < len; c++) {
            s0 += x[c];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
