package org.scattering4j.chem.scattering;

import java.util.Arrays;

/**
 * The parameters of Kymatio's {@code HarmonicScattering3D} that shape the features: {@code J} (scales
 * j = 0 ... J, so J + 1 of them), {@code L} (degrees l = 0 ... L), {@code sigma0} (the wavelet width at j = 0,
 * grid units; {@code sigma_j = sigma0 2^j}), the integral powers q and the maximal order (1 or 2).
 * Immutable.
 */
public final class HarmonicParams {
    private final int j;
    private final int l;
    private final double sigma0;
    private final double[] powers;
    private final int maxOrder;

    public HarmonicParams(int J, int L, double sigma0, double[] powers, int maxOrder) {
        if (J < 0 || J > 10) {
            throw new IllegalArgumentException("J = " + J + " must be in 0..10");
        }
        if (L < 0 || L > 8) {
            throw new IllegalArgumentException("L = " + L + " must be in 0..8");
        }
        if (!(sigma0 > 0) || Double.isInfinite(sigma0)) {
            throw new IllegalArgumentException("sigma0 = " + sigma0 + " must be a positive finite number");
        }
        if (powers.length == 0) {
            throw new IllegalArgumentException("integral powers must not be empty");
        }
        for (double q : powers) {
            if (!(q > 0) || Double.isInfinite(q)) {
                throw new IllegalArgumentException("integral power " + q + " must be positive and finite");
            }
        }
        if (maxOrder < 1 || maxOrder > 2) {
            throw new IllegalArgumentException("maxOrder = " + maxOrder + " must be 1 or 2");
        }
        this.j = J;
        this.l = L;
        this.sigma0 = sigma0;
        this.powers = powers.clone();
        this.maxOrder = maxOrder;
    }

    public int J() {
        return j;
    }

    public int L() {
        return l;
    }

    public double sigma0() {
        return sigma0;
    }

    /** sigma0 2^j. */
    public double sigma(int scale) {
        return sigma0 * Math.pow(2, scale);
    }

    /** A copy of the integral powers. */
    public double[] powers() {
        return powers.clone();
    }

    public int powerCount() {
        return powers.length;
    }

    public double power(int i) {
        return powers[i];
    }

    public int maxOrder() {
        return maxOrder;
    }

    /** The same parameters with another maximal order. */
    public HarmonicParams withMaxOrder(int order) {
        return new HarmonicParams(j, l, sigma0, powers, order);
    }

    @Override
    public String toString() {
        return "J=" + j + ",L=" + l + ",sigma0=" + sigma0 + ",powers=" + Arrays.toString(powers) + ",maxOrder=" + maxOrder;
    }
}
