package org.scattering4j.scattering.synthesis;

/**
 * The synthesis objective {@code sum_{o=1,2} ||m_o(x) - m_o(x0)||^2 / ||m_o(x0)||^2}: squared moment
 * error relative to the target, per order, summed over orders 1 and 2. Order 0 (the sum of the
 * signal) is not part of the loss: synthesis starts from noise with the target's mean, and the
 * wavelets (nearly zero-mean) leave it almost unchanged.
 *
 * <p>With normalisation (Bruna and Mallat, "Audio texture synthesis with scattering moments", 2013)
 * the order-2 moments are divided by their order-1 parent, {@code m2(j1, j2) = S2(j1, j2) / S1(j1)},
 * which makes them measure the amplitude modulation of each band independently of its energy.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * MomentLoss loss = new MomentLoss(map, map.moments(target), true);
 * double[] grad = new double[x.length];
 * double f = loss.valueAndGradient(x, grad);
 * double[] err = loss.relativeErrors(map.moments(x));   // per order 1, 2
 * }</pre>
 */
public final class MomentLoss {
    private final MomentMap map;
    private final boolean normalised;
    private final int[] parent;
    private final int start1;
    private final int start2;
    private final int end;
    private final double[] targetFeatures;
    private final double norm1;
    private final double norm2;
    private final double weight1;
    private final double weight2;

    /**
     * @param map        the moment map
     * @param target     the target's raw moments ({@code map.moments(x0)}), not modified
     * @param normalised divide order-2 moments by their order-1 parent
     */
    public MomentLoss(MomentMap map, double[] target, boolean normalised) {
        this(map, target, normalised, 1.0, 1.0);
    }

    /**
     * A loss with per-order weights: {@code w1 ||m_1 - m_1(x0)||^2 / ||m_1(x0)||^2 + w2 (same for order 2)}.
     *
     * @param weight1 weight of order 1, finite and &gt; 0
     * @param weight2 weight of order 2, finite and &gt; 0
     */
    public MomentLoss(MomentMap map, double[] target, boolean normalised, double weight1, double weight2) {
        if (!(weight1 > 0) || !(weight2 > 0) || Double.isInfinite(weight1) || Double.isInfinite(weight2)) {
            throw new IllegalArgumentException("order weights (" + weight1 + ", " + weight2
                    + ") are out of range: need finite values > 0");
        }
        this.weight1 = weight1;
        this.weight2 = weight2;
        if (map == null || target == null || target.length != map.size()) {
            throw new IllegalArgumentException("target moments must have length " + (map == null ? "?" : map.size())
                    + ", got " + (target == null ? "null" : target.length));
        }
        this.map = map;
        this.normalised = normalised;
        this.parent = map.parent();
        int[] s = map.sizeByOrder();
        this.start1 = s[0];
        this.start2 = s[0] + s[1];
        this.end = start2 + s[2];
        this.targetFeatures = features(target);
        double a = 0;
        double b = 0;
        for (int i = start1; i < start2; i++) {
            a += targetFeatures[i] * targetFeatures[i];
        }
        for (int i = start2; i < end; i++) {
            b += targetFeatures[i] * targetFeatures[i];
        }
        if (!(a > 0)) {
            throw new IllegalArgumentException("target has zero first-order moments (a constant signal?): "
                    + "relative errors are undefined");
        }
        this.norm1 = a;
        this.norm2 = b > 0 ? b : 1.0;
    }

    /** Raw moments -> the features compared (order 2 divided by its parent when normalised). */
    public double[] features(double[] moments) {
        double[] f = moments.clone();
        if (normalised) {
            for (int i = start2; i < end; i++) {
                double p = moments[parent[i]];
                f[i] = p > 0 ? moments[i] / p : 0.0;
            }
        }
        return f;
    }

    /** Relative error per order {@code ||f_o - f_o(x0)|| / ||f_o(x0)||} for o = 1, 2. */
    public double[] relativeErrors(double[] moments) {
        double[] f = features(moments);
        double a = 0;
        double b = 0;
        for (int i = start1; i < start2; i++) {
            double d = f[i] - targetFeatures[i];
            a += d * d;
        }
        for (int i = start2; i < end; i++) {
            double d = f[i] - targetFeatures[i];
            b += d * d;
        }
        return new double[] {Math.sqrt(a / norm1), Math.sqrt(b / norm2)};
    }

    /** The loss of x; its gradient is written into {@code gradient} (length {@code map.inputSize()}). */
    public double valueAndGradient(double[] x, double[] gradient) {
        double[] value = new double[1];
        // one call: the map may share its forward pass between the moments and the gradient
        map.momentsAndVjp(x, m -> {
            double[] f = features(m);
            double v = 0;
            double[] gf = new double[m.length];
            for (int i = start1; i < end; i++) {
                double d = f[i] - targetFeatures[i];
                double w = i < start2 ? weight1 / norm1 : weight2 / norm2;
                v += w * d * d;
                gf[i] = 2 * w * d;
            }
            value[0] = v;
            // chain rule through the normalisation f2 = S2 / S1(parent)
            double[] gm = gf.clone();
            if (normalised) {
                for (int i = start2; i < end; i++) {
                    double p = m[parent[i]];
                    if (p > 0) {
                        gm[i] = gf[i] / p;
                        gm[parent[i]] -= gf[i] * m[i] / (p * p);
                    } else {
                        gm[i] = 0;
                    }
                }
            }
            return gm;
        }, gradient);
        return value[0];
    }

    public MomentMap map() {
        return map;
    }

    public boolean normalised() {
        return normalised;
    }
}
