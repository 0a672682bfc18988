package org.scattering4j.testing;

import java.util.Random;

/** Small array helpers shared by the gradient and synthesis tests. */
public final class TestArrays {
    private TestArrays() {
    }

    /** {@code n} standard normal values from a seeded generator. */
    public static double[] randn(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextGaussian();
        }
        return x;
    }

    /** Euclidean inner product of two arrays of the same length. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
