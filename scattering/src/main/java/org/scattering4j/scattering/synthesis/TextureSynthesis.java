package org.scattering4j.scattering.synthesis;

import java.util.Random;
import org.scattering4j.learn.Lbfgs;
import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.scattering.fft.Fft2D;

/**
 * Texture synthesis from scattering moments (Bruna and Mallat 2013): start from Gaussian white noise
 * with the target's mean and standard deviation (or a given start, such as the Gaussian baseline) and
 * minimise {@link MomentLoss} with L-BFGS. Also the
 * Gaussian baseline: a signal with exactly the target's power spectrum and uniformly random phases.
 * Both are deterministic for a given seed (the gradient is summed in a fixed order whatever the
 * thread count).
 *
 * <pre>{@code
 * MomentMap map = new ScatteringMoments1D(10, x0.length, 8, 1);
 * TextureSynthesis.Result r = TextureSynthesis.synthesize(map, x0, true, 100, 1L, null);
 * double[] x = r.x();                               // synthesised texture
 * double[] g = TextureSynthesis.gaussianBaseline1D(x0, 1L);
 * // faster for sounds: start from the baseline, optimise in preconditioned coordinates
 * TextureSynthesis.Result s = TextureSynthesis.synthesize(map, x0, true, 500, 1L, null, g,
 *         SpectralPreconditioner.of1D(x0.length, Math.pow(2, -10), 0.5));
 * }</pre>
 */
public final class TextureSynthesis {
    private TextureSynthesis() {
    }

    /** Progress callback: iteration number, current loss; return false to stop. */
    @FunctionalInterface
    public interface Listener {
        boolean iteration(int iteration, double loss);
    }

    /** Outcome of a synthesis. */
    public static final class Result {
        private final double[] x;
        private final double[] initialErrors;
        private final double[] errors;
        private final double loss;
        private final int iterations;
        private final String reason;

        Result(double[] x, double[] initialErrors, double[] errors, double loss, int iterations, String reason) {
            this.x = x;
            this.initialErrors = initialErrors;
            this.errors = errors;
            this.loss = loss;
            this.iterations = iterations;
            this.reason = reason;
        }

        /** The synthesised signal (a copy). */
        public double[] x() {
            return x.clone();
        }

        /** Relative moment errors (order 1, order 2) of the initial noise. */
        public double[] initialErrors() {
            return initialErrors.clone();
        }

        /** Relative moment errors (order 1, order 2) of the result. */
        public double[] errors() {
            return errors.clone();
        }

        public double loss() {
            return loss;
        }

        public int iterations() {
            return iterations;
        }

        /** Why L-BFGS stopped. */
        public String reason() {
            return reason;
        }
    }

    /**
     * Synthesises a texture whose moments match those of {@code target}.
     *
     * @param map        moment map (its input size must equal {@code target.length})
     * @param target     the texture to imitate, finite; not modified
     * @param normalised compare order-2 moments divided by their order-1 parent
     * @param iterations maximal L-BFGS iterations, &ge; 0
     * @param seed       seed of the initial white noise
     * @param listener   progress callback, may be null
     */
    public static Result synthesize(MomentMap map, double[] target, boolean normalised, int iterations, long seed,
            Listener listener) {
        return synthesize(map, target, normalised, iterations, seed, listener, null);
    }

    /**
     * As {@link #synthesize(MomentMap, double[], boolean, int, long, Listener)} from a given starting
     * point, e.g. {@link #gaussianBaseline1D} (noise coloured with the target's power spectrum: every
     * frequency starts at the right power, including those no wavelet reaches, and order 1 starts near
     * its target).
     *
     * @param start starting point of length {@code target.length}, finite, not modified; null for white
     *              noise with the target's mean and standard deviation (from {@code seed})
     */
    public static Result synthesize(MomentMap map, double[] target, boolean normalised, int iterations, long seed,
            Listener listener, double[] start) {
        return synthesize(map, target, normalised, iterations, seed, listener, start, null);
    }

    /**
     * As {@link #synthesize(MomentMap, double[], boolean, int, long, Listener, double[])}, with L-BFGS
     * run on y where {@code x = P y} (see {@link SpectralPreconditioner}): same loss, same start,
     * faster convergence for sounds.
     *
     * @param preconditioner null for none; its size must equal {@code target.length}
     */
    public static Result synthesize(MomentMap map, double[] target, boolean normalised, int iterations, long seed,
            Listener listener, double[] start, SpectralPreconditioner preconditioner) {
        if (preconditioner != null && target != null && preconditioner.size() != target.length) {
            throw new IllegalArgumentException("preconditioner size " + preconditioner.size()
                    + " does not match target.length = " + target.length);
        }
        if (map == null || target == null || target.length != map.inputSize()) {
            throw new IllegalArgumentException("target.length = " + (target == null ? "null" : target.length)
                    + " does not match the moment map's input size " + (map == null ? "?" : map.inputSize()));
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations = " + iterations + " is out of range: need >= 0");
        }
        double[] s0 = map.moments(target);   // validates finiteness
        MomentLoss loss = new MomentLoss(map, s0, normalised);
        if (start != null) {
            checkFinite(start, "start");
            if (start.length != target.length) {
                throw new IllegalArgumentException("start.length = " + start.length + " does not match target.length = "
                        + target.length);
            }
        }
        double[] x0 = start == null ? whiteNoise(target, seed) : start.clone();
        double[] e0 = loss.relativeErrors(map.moments(x0));
        Lbfgs.Options opt = Lbfgs.Options.defaults().maxIterations(iterations).gradientTolerance(0)
                .functionTolerance(0).memory(20);
        if (listener != null) {
            opt = opt.listener((it, x, value, gnorm) -> listener.iteration(it, value));
        }
        Lbfgs.Result r;
        double[] x;
        if (preconditioner == null) {
            r = Lbfgs.minimize(loss::valueAndGradient, x0, opt);
            x = r.x();
        } else {
            SpectralPreconditioner p = preconditioner;
            r = Lbfgs.minimize((y, gy) -> {
                double[] gx = new double[y.length];
                double v = loss.valueAndGradient(p.apply(y), gx);
                // x = P y with P symmetric: dL/dy = P dL/dx
                System.arraycopy(p.apply(gx), 0, gy, 0, y.length);
                return v;
            }, p.applyInverse(x0), opt);
            x = p.apply(r.x());
        }
        double[] e = loss.relativeErrors(map.moments(x));
        return new Result(x, e0, e, r.value(), r.iterations(), r.reason());
    }

    /** White Gaussian noise with the mean and standard deviation of {@code like}. */
    public static double[] whiteNoise(double[] like, long seed) {
        double mean = 0;
        for (double v : like) {
            mean += v;
        }
        mean /= like.length;
        double var = 0;
        for (double v : like) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / like.length);
        Random rnd = new Random(seed);
        double[] x = new double[like.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = mean + std * rnd.nextGaussian();
        }
        return x;
    }

    /**
     * Gaussian baseline of a 1D signal: the DFT magnitudes of {@code x} (so the same periodic power
     * spectrum, mean and variance) with the phases of the DFT of white noise (uniform and Hermitian, so
     * the result is real). The DC term keeps its value.
     *
     * @param x finite samples, length &ge; 1; not modified
     */
    public static double[] gaussianBaseline1D(double[] x, long seed) {
        checkFinite(x, "x");
        int n = x.length;
        double[] X = new double[2 * n];
        double[] W = new double[2 * n];
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            X[2 * i] = x[i];
            W[2 * i] = rnd.nextGaussian();
        }
        Fft.forward(X, n);
        Fft.forward(W, n);
        randomisePhases(X, W, n);
        Fft.inverse(X, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = X[2 * i];
        }
        return out;
    }

    /** Gaussian baseline of a row-major {@code rows x cols} image (2D DFT, as {@link #gaussianBaseline1D}). */
    public static double[] gaussianBaseline2D(double[] x, int rows, int cols, long seed) {
        if (rows < 1 || cols < 1 || x == null || x.length != rows * cols) {
            throw new IllegalArgumentException("image of " + (x == null ? "null" : x.length) + " values does not match "
                    + rows + " x " + cols);
        }
        checkFinite(x, "x");
        int n = rows * cols;
        double[] X = new double[2 * n];
        double[] W = new double[2 * n];
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            X[2 * i] = x[i];
            W[2 * i] = rnd.nextGaussian();
        }
        Fft2D.forward(X, rows, cols);
        Fft2D.forward(W, rows, cols);
        randomisePhases(X, W, n);
        Fft2D.inverse(X, rows, cols);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = X[2 * i];
        }
        return out;
    }

    /** X[k] <- |X[k]| W[k]/|W[k]| for k != 0; W is the DFT of real noise, so Hermitian symmetry is kept. */
    private static void randomisePhases(double[] X, double[] W, int n) {
        for (int k = 1; k < n; k++) {
            double xr = X[2 * k];
            double xi = X[2 * k + 1];
            double wr = W[2 * k];
            double wi = W[2 * k + 1];
            double a = Math.sqrt(xr * xr + xi * xi);
            double b = Math.sqrt(wr * wr + wi * wi);
            if (b > 0) {
                X[2 * k] = a * wr / b;
                X[2 * k + 1] = a * wi / b;
            } else {
                X[2 * k] = a;
                X[2 * k + 1] = 0;
            }
        }
    }

    static void checkFinite(double[] x, String name) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty array");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + x[i] + ": values must be finite");
            }
        }
    }
}
