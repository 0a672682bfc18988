package org.scattering4j.scattering.fft;

import org.jtransforms.fft.DoubleFFT_1D;
import org.scattering4j.util.Parallel;

/**
 * In-place complex 3D FFT of an {@code n0 x n1 x n2} grid stored as interleaved {@code [re, im]} pairs in
 * C order (axis 2 fastest), with NumPy's {@code fftn}/{@code ifftn} scaling (forward unscaled, inverse
 * divided by {@code n0 n1 n2}).
 *
 * <p>Why not JTransforms' {@code DoubleFFT_3D}: for mixed-radix sizes such as 192 x 128 x 96 it allocates
 * tens of megabytes per call. Here the transform is three separable passes of cached 1D plans
 * ({@link Fft#plan}); the strided axes are gathered slab by slab into a small per-thread scratch (a few
 * hundred kB, cache resident), so a call allocates nothing after the first one on a thread. The lines of
 * each pass are split over {@link Parallel#threads()} workers.
 *
 * <p>Instances are immutable and thread-safe (scratch is per thread).
 *
 * <pre>{@code
 * Fft3D f = new Fft3D(192, 128, 96);
 * double[] z = new double[2 * 192 * 128 * 96];   // interleaved complex
 * f.forward(z);
 * f.inverse(z);                                  // back to the input
 * }</pre>
 */
public final class Fft3D {
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][0]);
    private static final ThreadLocal<double[][]> PLANE_SCRATCH = ThreadLocal.withInitial(() -> new double[1][0]);
    /** Columns gathered together in the strided passes: few write streams, whole cache lines read. */
    private static final int BLOCK = 8;

    private final int n0;
    private final int n1;
    private final int n2;

    /** A transform of shape {@code n0 x n1 x n2} (each &ge; 1, product below 2^30). */
    public Fft3D(int n0, int n1, int n2) {
        if (n0 < 1 || n1 < 1 || n2 < 1) {
            throw new IllegalArgumentException("FFT shape (" + n0 + ", " + n1 + ", " + n2 + ") must be positive");
        }
        if ((long) n0 * n1 * n2 >= (1L << 30)) {
            throw new IllegalArgumentException("FFT shape (" + n0 + ", " + n1 + ", " + n2
                    + ") has more than 2^30 points");
        }
        this.n0 = n0;
        this.n1 = n1;
        this.n2 = n2;
    }

    /** Number of grid points {@code n0 n1 n2}. */
    public int size() {
        return n0 * n1 * n2;
    }

    /** In-place forward transform of {@code z} (at least {@code 2 n0 n1 n2} values, interleaved). */
    public void forward(double[] z) {
        run(z, false);
    }

    /** In-place inverse transform, scaled by {@code 1/(n0 n1 n2)}. */
    public void inverse(double[] z) {
        run(z, true);
    }

    /** Produces one contiguous axis-2 line of the spectrum to be transformed (fused with the first pass). */
    @FunctionalInterface
    public interface RowFiller {
        /**
         * Writes the {@code n2} interleaved values of line {@code (i0, i1)} into {@code z} at {@code offset}.
         * {@code scratch} is the calling worker's own array of the size asked for.
         */
        void fill(int i0, int i1, double[] z, int offset, double[] scratch);
    }

    /** Receives the result plane by plane instead of having it written back (fused with the last pass). */
    @FunctionalInterface
    public interface PlaneConsumer {
        /**
         * Plane {@code i1} of the result: value {@code (i0, i1, i2)} is at {@code plane[2 (i2 n0 + i0)]}
         * (real) and the next index (imaginary). Valid only during the call.
         */
        void accept(int i1, double[] plane);
    }

    /**
     * Inverse transform whose input lines come from {@code filler} (the previous content of {@code z} is
     * ignored) and whose output planes go to {@code consumer}; {@code z} is used as the work array and
     * its final content is unspecified. Saves two passes over memory compared with fill, transform, read.
     */
    public void inverse(double[] z, RowFiller filler, int scratchSize, PlaneConsumer consumer) {
        if (z.length < 2L * size()) {
            throw new IllegalArgumentException("array has " + z.length + " values, shape needs " + 2L * size());
        }
        Parallel.forEach(n0, Fft3D::scratch, (i0, ws) -> {
            double[] sc = ensure(ws, 1, scratchSize);
            DoubleFFT_1D p = Fft.plan(n2);
            int base = 2 * i0 * n1 * n2;
            for (int i1 = 0; i1 < n1; i1++) {
                filler.fill(i0, i1, z, base + 2 * i1 * n2, sc);
                if (n2 > 1) {
                    line(p, z, base + 2 * i1 * n2, true);
                }
            }
        });
        if (n1 > 1) {
            pass1(z, true);
        }
        Parallel.forEach(n1, Fft3D::scratch, (i1, ws) -> {
            double[] s = ensure(ws, 0, 2 * n0 * n2);
            DoubleFFT_1D p = Fft.plan(n0);
            gather0(z, s, i1);
            if (n0 > 1) {
                for (int i2 = 0; i2 < n2; i2++) {
                    line(p, s, 2 * i2 * n0, true);
                }
            }
            consumer.accept(i1, s);
        });
    }

    private void run(double[] z, boolean inverse) {
        if (z.length < 2L * size()) {
            throw new IllegalArgumentException("array has " + z.length + " values, shape needs " + 2L * size());
        }
        // axis 2: contiguous lines, one slab of n1 lines per work item
        if (n2 > 1) {
            Parallel.forEach(n0, () -> null, (i0, ws) -> {
                DoubleFFT_1D p = Fft.plan(n2);
                int base = 2 * i0 * n1 * n2;
                for (int i1 = 0; i1 < n1; i1++) {
                    line(p, z, base + 2 * i1 * n2, inverse);
                }
            });
        }
        if (n1 > 1) {
            pass1(z, inverse);
        }
        // axis 0: per i1 plane (i0, i2), gathered as rows of length n0
        if (n0 > 1) {
            Parallel.forEach(n1, Fft3D::scratch, (i1, ws) -> {
                double[] s = ensure(ws, 0, 2 * n0 * n2);
                DoubleFFT_1D p = Fft.plan(n0);
                gather0(z, s, i1);
                for (int i2 = 0; i2 < n2; i2++) {
                    line(p, s, 2 * i2 * n0, inverse);
                }
                scatter0(s, z, i1);
            });
        }
    }

    /** Axis 1: per i0 slab, transpose (i1, i2) -> (i2, i1) into scratch, transform rows, transpose back. */
    private void pass1(double[] z, boolean inverse) {
        Parallel.forEach(n0, Fft3D::scratch, (i0, ws) -> {
            double[] s = ensure(ws, 0, 2 * n1 * BLOCK);
            DoubleFFT_1D p = Fft.plan(n1);
            int base = 2 * i0 * n1 * n2;
            for (int c0 = 0; c0 < n2; c0 += BLOCK) {
                int bw = Math.min(BLOCK, n2 - c0);
                for (int i1 = 0; i1 < n1; i1++) {
                    int src = base + 2 * (i1 * n2 + c0);
                    for (int b = 0; b < bw; b++) {
                        int d = 2 * (b * n1 + i1);
                        s[d] = z[src + 2 * b];
                        s[d + 1] = z[src + 2 * b + 1];
                    }
                }
                for (int b = 0; b < bw; b++) {
                    line(p, s, 2 * b * n1, inverse);
                }
                for (int i1 = 0; i1 < n1; i1++) {
                    int dst = base + 2 * (i1 * n2 + c0);
                    for (int b = 0; b < bw; b++) {
                        int d = 2 * (b * n1 + i1);
                        z[dst + 2 * b] = s[d];
                        z[dst + 2 * b + 1] = s[d + 1];
                    }
                }
            }
        });
    }

    /** Plane i1 of z into s as rows of length n0 ({@code s[2 (i2 n0 + i0)]}), blocked over i2. */
    private void gather0(double[] z, double[] s, int i1) {
        for (int c0 = 0; c0 < n2; c0 += BLOCK) {
            int bw = Math.min(BLOCK, n2 - c0);
            for (int i0 = 0; i0 < n0; i0++) {
                int src = 2 * ((i0 * n1 + i1) * n2 + c0);
                for (int b = 0; b < bw; b++) {
                    int d = 2 * ((c0 + b) * n0 + i0);
                    s[d] = z[src + 2 * b];
                    s[d + 1] = z[src + 2 * b + 1];
                }
            }
        }
    }

    /** Inverse of {@link #gather0}. */
    private void scatter0(double[] s, double[] z, int i1) {
        for (int c0 = 0; c0 < n2; c0 += BLOCK) {
            int bw = Math.min(BLOCK, n2 - c0);
            for (int i0 = 0; i0 < n0; i0++) {
                int dst = 2 * ((i0 * n1 + i1) * n2 + c0);
                for (int b = 0; b < bw; b++) {
                    int d = 2 * ((c0 + b) * n0 + i0);
                    z[dst + 2 * b] = s[d];
                    z[dst + 2 * b + 1] = s[d + 1];
                }
            }
        }
    }

    private static void line(DoubleFFT_1D p, double[] a, int off, boolean inverse) {
        if (inverse) {
            p.complexInverse(a, off, true);
        } else {
            p.complexForward(a, off);
        }
    }

    private static double[][] scratch() {
        return SCRATCH.get();
    }

    private static double[] ensure(double[][] holder, int which, int n) {
        if (holder[which].length < n) {
            holder[which] = new double[n];
        }
        return holder[which];
    }

    /**
     * In-place inverse complex 2D FFT (scaled by {@code 1/(a b)}) of an {@code a x b} interleaved block,
     * single-threaded; used for small planes.
     */
    public static void inverse2D(double[] z, int a, int b) {
        double[] s = ensure(PLANE_SCRATCH.get(), 0, 2 * a);
        DoubleFFT_1D pb = Fft.plan(b);
        for (int i = 0; i < a; i++) {
            pb.complexInverse(z, 2 * i * b, true);
        }
        DoubleFFT_1D pa = Fft.plan(a);
        for (int k = 0; k < b; k++) {
            for (int i = 0; i < a; i++) {
                s[2 * i] = z[2 * (i * b + k)];
                s[2 * i + 1] = z[2 * (i * b + k) + 1];
            }
            pa.complexInverse(s, 0, true);
            for (int i = 0; i < a; i++) {
                z[2 * (i * b + k)] = s[2 * i];
                z[2 * (i * b + k) + 1] = s[2 * i + 1];
            }
        }
    }
}
