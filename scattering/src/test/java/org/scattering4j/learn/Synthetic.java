package org.scattering4j.learn;

import java.util.Map;
import java.util.Random;
import org.scattering4j.util.Json;

/** Seeded synthetic data for the learn tests. */
final class Synthetic {
    private Synthetic() {
    }

    static double[][] gaussian(int n, int p, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = r.nextGaussian();
            }
        }
        return x;
    }

    static double[] linear(double[][] x, double[] w, double b, double noise, long seed) {
        Random r = new Random(seed);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = b;
            for (int j = 0; j < w.length; j++) {
                s += w[j] * x[i][j];
            }
            y[i] = s + noise * r.nextGaussian();
        }
        return y;
    }

    /** The map after a trip through JSON text, as a model file would give it back. */
    static Map<String, Object> viaJson(Map<String, Object> m) {
        return Json.asObject(Json.parse(Json.write(m, false)));
    }

    static double[][] deepCopy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}
