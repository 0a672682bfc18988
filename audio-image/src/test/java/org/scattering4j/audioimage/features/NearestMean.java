package org.scattering4j.audioimage.features;

/**
 * Nearest class mean on standardised features (statistics from the training rows only), for the
 * measuring programs in this folder; the learn package will hold the library's classifiers.
 */
final class NearestMean {
    private NearestMean() {
    }

    /** Fraction of test rows whose nearest training class mean is their own class. */
    static double accuracy(double[][] xTrain, int[] yTrain, double[][] xTest, int[] yTest, int classes) {
        int d = xTrain[0].length;
        double[] mu = new double[d];
        double[] sd = new double[d];
        for (double[] r : xTrain) {
            for (int k = 0; k < d; k++) {
                mu[k] += r[k] / xTrain.length;
            }
        }
        for (double[] r : xTrain) {
            for (int k = 0; k < d; k++) {
                sd[k] += (r[k] - mu[k]) * (r[k] - mu[k]) / xTrain.length;
            }
        }
        for (int k = 0; k < d; k++) {
            sd[k] = sd[k] > 0 ? Math.sqrt(sd[k]) : 1;
        }
        double[][] centre = new double[classes][d];
        int[] count = new int[classes];
        for (int i = 0; i < xTrain.length; i++) {
            count[yTrain[i]]++;
            for (int k = 0; k < d; k++) {
                centre[yTrain[i]][k] += (xTrain[i][k] - mu[k]) / sd[k];
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int k = 0; k < d; k++) {
                centre[c][k] /= Math.max(1, count[c]);
            }
        }
        int right = 0;
        for (int i = 0; i < xTest.length; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (count[c] == 0) {
                    continue;
                }
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double v = (xTest[i][k] - mu[k]) / sd[k] - centre[c][k];
                    s += v * v;
                }
                if (s < bestD) {
                    bestD = s;
                    best = c;
                }
            }
            if (best == yTest[i]) {
                right++;
            }
        }
        return right / (double) xTest.length;
    }
}
