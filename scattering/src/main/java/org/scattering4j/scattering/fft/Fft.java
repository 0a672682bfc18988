package org.scattering4j.scattering.fft;

import java.util.HashMap;
import java.util.Map;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Complex 1D FFTs on interleaved {@code [re0, im0, re1, im1, ...]} arrays, with NumPy's conventions:
 * the forward transform is unscaled, the inverse divides by the length.
 *
 * <p>Plans are cached per size and per thread (JTransforms plans hold scratch space and are not safe to
 * share between threads). JTransforms' own threading is switched off: the transforms in this library
 * parallelise over batch items or paths instead, which scales better for the sizes used here.
 *
 * <pre>{@code
 * double[] z = ...;            // 2n values
 * Fft.forward(z, n);           // in place
 * Fft.inverse(z, n);           // back, scaled by 1/n
 * }</pre>
 */
public final class Fft {
    static {
        org.jtransforms.utils.CommonUtils.setThreadsBeginN_1D_FFT_2Threads(Integer.MAX_VALUE);
        org.jtransforms.utils.CommonUtils.setThreadsBeginN_1D_FFT_4Threads(Integer.MAX_VALUE);
        org.visnow.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    private static final ThreadLocal<Map<Integer, DoubleFFT_1D>> PLANS = ThreadLocal.withInitial(HashMap::new);

    private Fft() {
    }

    /** The calling thread's plan for complex transforms of length {@code n}. */
    public static DoubleFFT_1D plan(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length n = " + n + " must be >= 1");
        }
        return PLANS.get().computeIfAbsent(n, DoubleFFT_1D::new);
    }

    /** In-place forward complex FFT of the first {@code n} interleaved values of {@code z}. */
    public static void forward(double[] z, int n) {
        plan(n).complexForward(z);
    }

    /** In-place forward complex FFT of {@code n} interleaved values starting at {@code offset}. */
    public static void forward(double[] z, int offset, int n) {
        plan(n).complexForward(z, offset);
    }

    /** In-place inverse complex FFT (scaled by 1/n, as NumPy's {@code ifft}). */
    public static void inverse(double[] z, int n) {
        plan(n).complexInverse(z, true);
    }

    /** In-place inverse complex FFT (scaled by 1/n) of {@code n} values starting at {@code offset}. */
    public static void inverse(double[] z, int offset, int n) {
        plan(n).complexInverse(z, offset, true);
    }

    /**
     * A slow, obvious O(n^2) DFT of interleaved data (forward, unscaled), the independent twin that
     * tests compare the fast path with.
     */
    public static double[] naiveDft(double[] z, int n, boolean inverse) {
        double[] r = new double[2 * n];
        double sign = inverse ? 1 : -1;
        for (int k = 0; k < n; k++) {
            double re = 0;
            double im = 0;
            for (int t = 0; t < n; t++) {
                double a = sign * 2 * Math.PI * ((long) k * t % n) / n;
                double c = Math.cos(a);
                double s = Math.sin(a);
                re += z[2 * t] * c - z[2 * t + 1] * s;
                im += z[2 * t] * s + z[2 * t + 1] * c;
            }
            r[2 * k] = inverse ? re / n : re;
            r[2 * k + 1] = inverse ? im / n : im;
        }
        return r;
    }
}
