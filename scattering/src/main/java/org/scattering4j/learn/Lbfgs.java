package org.scattering4j.learn;

/**
 * Limited-memory BFGS minimiser with a strong-Wolfe line search (Nocedal and Wright, Numerical
 * Optimization, 2nd ed., algorithms 7.4, 3.5 and 3.6), for smooth unconstrained problems.
 *
 * <p>Stops when {@code ||g||_inf <= gradientTolerance * max(1, |f|)}, when the relative decrease of
 * {@code f} over one iteration is below {@code functionTolerance}, after {@code maxIterations}, when the
 * line search fails to find a Wolfe point, or when the listener asks to stop. The starting point is not
 * modified. Deterministic.
 *
 * <pre>{@code
 * Lbfgs.Result r = Lbfgs.minimize((x, g) -> {
 *     double a = 1 - x[0], b = x[1] - x[0] * x[0];
 *     g[0] = -2 * a - 400 * x[0] * b;
 *     g[1] = 200 * b;
 *     return a * a + 100 * b * b;
 * }, new double[] {-1.2, 1}, Lbfgs.Options.defaults().gradientTolerance(1e-10));
 * }</pre>
 */
public final class Lbfgs {
    private Lbfgs() {
    }

    /** A differentiable function: returns f(x) and writes its gradient into {@code gradient}. */
    @FunctionalInterface
    public interface Function {
        double valueAndGradient(double[] x, double[] gradient);
    }

    /** Called after each accepted iteration; return {@code false} to stop. Arrays must not be kept. */
    @FunctionalInterface
    public interface Listener {
        boolean iteration(int iteration, double[] x, double value, double gradientNorm);
    }

    /** Options (immutable; each setter returns a modified copy). */
    public static final class Options {
        private final int memory;
        private final int maxIterations;
        private final double gradientTolerance;
        private final double functionTolerance;
        private final int maxLineSearch;
        private final Listener listener;

        private Options(int memory, int maxIterations, double gradientTolerance, double functionTolerance,
                int maxLineSearch, Listener listener) {
            this.memory = memory;
            this.maxIterations = maxIterations;
            this.gradientTolerance = gradientTolerance;
            this.functionTolerance = functionTolerance;
            this.maxLineSearch = maxLineSearch;
            this.listener = listener;
        }

        /** memory 10, 1000 iterations, gradient tolerance 1e-8, function tolerance 0 (off), 40 line-search steps. */
        public static Options defaults() {
            return new Options(10, 1000, 1e-8, 0, 40, null);
        }

        public Options memory(int m) {
            return new Options(Checks.atLeast("memory", m, 1), maxIterations, gradientTolerance, functionTolerance,
                    maxLineSearch, listener);
        }

        public Options maxIterations(int m) {
            return new Options(memory, Checks.atLeast("maxIterations", m, 0), gradientTolerance, functionTolerance,
                    maxLineSearch, listener);
        }

        public Options gradientTolerance(double t) {
            return new Options(memory, maxIterations, Checks.nonNegative("gradientTolerance", t), functionTolerance,
                    maxLineSearch, listener);
        }

        /** Stop when {@code (f_prev - f) <= tol * max(1, |f|)}; 0 disables the test. */
        public Options functionTolerance(double t) {
            return new Options(memory, maxIterations, gradientTolerance, Checks.nonNegative("functionTolerance", t),
                    maxLineSearch, listener);
        }

        public Options maxLineSearch(int m) {
            return new Options(memory, maxIterations, gradientTolerance, functionTolerance,
                    Checks.atLeast("maxLineSearch", m, 1), listener);
        }

        public Options listener(Listener l) {
            return new Options(memory, maxIterations, gradientTolerance, functionTolerance, maxLineSearch, l);
        }
    }

    /** Outcome of a minimisation. */
    public static final class Result {
        private final double[] x;
        private final double value;
        private final double gradientNorm;
        private final int iterations;
        private final int evaluations;
        private final boolean converged;
        private final String reason;

        Result(double[] x, double value, double gradientNorm, int iterations, int evaluations, boolean converged,
                String reason) {
            this.x = x;
            this.value = value;
            this.gradientNorm = gradientNorm;
            this.iterations = iterations;
            this.evaluations = evaluations;
            this.converged = converged;
            this.reason = reason;
        }

        /** The final point (a copy). */
        public double[] x() {
            return x.clone();
        }

        public double value() {
            return value;
        }

        /** Infinity norm of the final gradient. */
        public double gradientNorm() {
            return gradientNorm;
        }

        public int iterations() {
            return iterations;
        }

        /** Number of function evaluations. */
        public int evaluations() {
            return evaluations;
        }

        /** True when a gradient or function tolerance was met. */
        public boolean converged() {
            return converged;
        }

        /** Why the iteration stopped. */
        public String reason() {
            return reason;
        }

        @Override
        public String toString() {
            return "Lbfgs.Result[f=" + value + ", |g|=" + gradientNorm + ", iterations=" + iterations + ", "
                    + reason + "]";
        }
    }

    private static final double C1 = 1e-4;
    private static final double C2 = 0.9;

    /** Minimises {@code f} from {@code x0} (not modified). */
    public static Result minimize(Function f, double[] x0, Options options) {
        if (f == null || options == null) {
            throw new IllegalArgumentException("function and options must not be null");
        }
        if (x0 == null || x0.length == 0) {
            throw new IllegalArgumentException("x0 must hold at least one value");
        }
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException("x0[" + i + "] = " + x0[i] + " is not finite");
            }
        }
        int n = x0.length;
        int m = options.memory;
        double[] x = x0.clone();
        double[] g = new double[n];
        int[] evals = {0};
        double fx = eval(f, x, g, evals);
        double[][] s = new double[m][n];
        double[][] yv = new double[m][n];
        double[] rho = new double[m];
        double[] alpha = new double[m];
        int stored = 0;
        int head = 0;
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double gnorm = normInf(g);
        int it = 0;
        while (true) {
            if (gnorm <= options.gradientTolerance * Math.max(1, Math.abs(fx))) {
                return new Result(x, fx, gnorm, it, evals[0], true, "gradient tolerance reached");
            }
            if (it >= options.maxIterations) {
                return new Result(x, fx, gnorm, it, evals[0], false, "maximum iterations reached");
            }
            // two-loop recursion: d = -H g
            for (int i = 0; i < n; i++) {
                d[i] = -g[i];
            }
            for (int k = 0; k < stored; k++) {
                int j = Math.floorMod(head - 1 - k, m);
                alpha[j] = rho[j] * dot(s[j], d);
                axpy(-alpha[j], yv[j], d);
            }
            if (stored > 0) {
                int j = Math.floorMod(head - 1, m);
                double scale = dot(s[j], yv[j]) / dot(yv[j], yv[j]);
                for (int i = 0; i < n; i++) {
                    d[i] *= scale;
                }
            }
            for (int k = stored - 1; k >= 0; k--) {
                int j = Math.floorMod(head - 1 - k, m);
                double b = rho[j] * dot(yv[j], d);
                axpy(alpha[j] - b, s[j], d);
            }
            double dg = dot(d, g);
            if (!(dg < 0)) {
                // not a descent direction (should not happen with Wolfe steps): restart from steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
                dg = dot(d, g);
            }
            double step0 = it == 0 && stored == 0 ? Math.min(1, 1 / normInf(g)) : 1;
            double[] ls = lineSearch(f, x, fx, d, dg, step0, xNew, gNew, evals, options.maxLineSearch);
            if (ls == null) {
                return new Result(x, fx, gnorm, it, evals[0], false, "line search failed to find a Wolfe point");
            }
            double fNew = ls[1];
            double[] sj = s[head];
            double[] yj = yv[head];
            for (int i = 0; i < n; i++) {
                sj[i] = xNew[i] - x[i];
                yj[i] = gNew[i] - g[i];
            }
            double sy = dot(sj, yj);
            if (sy > 1e-16 * Math.sqrt(dot(sj, sj) * dot(yj, yj)) && sy > 0) {
                rho[head] = 1 / sy;
                head = (head + 1) % m;
                stored = Math.min(stored + 1, m);
            }
            double fPrev = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            gnorm = normInf(g);
            it++;
            if (options.listener != null && !options.listener.iteration(it, x.clone(), fx, gnorm)) {
                return new Result(x, fx, gnorm, it, evals[0], false, "stopped by listener");
            }
            if (options.functionTolerance > 0 && fPrev - fx <= options.functionTolerance * Math.max(1, Math.abs(fx))) {
                return new Result(x, fx, gnorm, it, evals[0], true, "function tolerance reached");
            }
        }
    }

    private static double eval(Function f, double[] x, double[] g, int[] evals) {
        evals[0]++;
        double v = f.valueAndGradient(x, g);
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("the function returned NaN at evaluation " + evals[0]);
        }
        return v;
    }

    private static double evalAt(Function f, double[] x, double[] d, double a, double[] xNew, double[] gNew,
            int[] evals) {
        for (int i = 0; i < x.length; i++) {
            xNew[i] = x[i] + a * d[i];
        }
        return eval(f, xNew, gNew, evals);
    }

    /**
     * Strong-Wolfe line search along {@code d} (Nocedal and Wright algorithms 3.5/3.6, cubic interpolation
     * in the zoom phase). On success {@code xNew, gNew} hold the accepted point and {step, value} is returned;
     * if the Wolfe conditions cannot be met but a point with sufficient decrease was seen, that point is
     * accepted; otherwise null.
     */
    private static double[] lineSearch(Function f, double[] x, double f0, double[] d, double dg0, double step0,
            double[] xNew, double[] gNew, int[] evals, int maxSteps) {
        double aPrev = 0;
        double fPrev = f0;
        double dPrev = dg0;
        double a = step0;
        int steps = 0;
        while (steps < maxSteps) {
            double fa = evalAt(f, x, d, a, xNew, gNew, evals);
            steps++;
            double da = dot(gNew, d);
            if (!Double.isFinite(fa)) {
                // stepped out of the function's domain: shrink towards the last good step
                a = aPrev + 0.5 * (a - aPrev);
                continue;
            }
            if (fa > f0 + C1 * a * dg0 || (steps > 1 && fa >= fPrev)) {
                return zoom(f, x, f0, d, dg0, aPrev, fPrev, dPrev, a, fa, da, xNew, gNew, evals, maxSteps - steps);
            }
            if (Math.abs(da) <= -C2 * dg0) {
                return new double[] {a, fa};
            }
            if (da >= 0) {
                return zoom(f, x, f0, d, dg0, a, fa, da, aPrev, fPrev, dPrev, xNew, gNew, evals, maxSteps - steps);
            }
            aPrev = a;
            fPrev = fa;
            dPrev = da;
            a = a * 2;
        }
        return null;
    }

    private static double[] zoom(Function f, double[] x, double f0, double[] d, double dg0, double lo, double fLo,
            double dLo, double hi, double fHi, double dHi, double[] xNew, double[] gNew, int[] evals, int maxSteps) {
        for (int k = 0; k < maxSteps; k++) {
            double a = cubicMin(lo, fLo, dLo, hi, fHi, dHi);
            double left = Math.min(lo, hi);
            double width = Math.abs(hi - lo);
            if (!(a > left + 0.1 * width && a < left + 0.9 * width)) {
                a = 0.5 * (lo + hi);
            }
            if (width <= 1e-16 * Math.max(1, Math.abs(lo))) {
                break;
            }
            double fa = evalAt(f, x, d, a, xNew, gNew, evals);
            double da = dot(gNew, d);
            if (!Double.isFinite(fa) || fa > f0 + C1 * a * dg0 || fa >= fLo) {
                hi = a;
                fHi = fa;
                dHi = da;
            } else {
                if (Math.abs(da) <= -C2 * dg0) {
                    return new double[] {a, fa};
                }
                if (da * (hi - lo) >= 0) {
                    hi = lo;
                    fHi = fLo;
                    dHi = dLo;
                }
                lo = a;
                fLo = fa;
                dLo = da;
            }
        }
        if (lo > 0 && fLo < f0) {
            // Wolfe point not found within the budget; accept the best sufficient-decrease step seen
            double fa = evalAt(f, x, d, lo, xNew, gNew, evals);
            return new double[] {lo, fa};
        }
        return null;
    }

    /** Minimiser of the cubic interpolating (a, fa, da) and (b, fb, db); NaN when it does not exist. */
    private static double cubicMin(double a, double fa, double da, double b, double fb, double db) {
        if (!Double.isFinite(fa) || !Double.isFinite(fb)) {
            return Double.NaN;
        }
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double disc = d1 * d1 - da * db;
        if (!(disc >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.signum(b - a) * Math.sqrt(disc);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double normInf(double[] g) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
