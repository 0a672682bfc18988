package org.scattering4j.learn;

/**
 * Error and accuracy measures.
 *
 * <pre>{@code
 * double mae = Metrics.mae(yTrue, yPred);               // kcal/mol for QM7
 * int[][] cm = Metrics.confusionMatrix(truth, pred, 10); // cm[true][predicted]
 * }</pre>
 */
public final class Metrics {
    private Metrics() {
    }

    private static void pair(double[] a, double[] b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("yTrue and yPred must not be null");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("yTrue is empty; at least one value is required");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException("yTrue has length " + a.length + " but yPred has " + b.length);
        }
        Checks.vector("yTrue", a, a.length);
        Checks.vector("yPred", b, a.length);
    }

    /** Mean absolute error. */
    public static double mae(double[] yTrue, double[] yPred) {
        pair(yTrue, yPred);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            s += Math.abs(yTrue[i] - yPred[i]);
        }
        return s / yTrue.length;
    }

    /** Mean squared error. */
    public static double mse(double[] yTrue, double[] yPred) {
        pair(yTrue, yPred);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double d = yTrue[i] - yPred[i];
            s += d * d;
        }
        return s / yTrue.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] yTrue, double[] yPred) {
        return Math.sqrt(mse(yTrue, yPred));
    }

    private static void pair(int[] a, int[] b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("truth and predicted must not be null");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException("truth is empty; at least one label is required");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException("truth has length " + a.length + " but predicted has " + b.length);
        }
    }

    /** Fraction of equal labels. */
    public static double accuracy(int[] truth, int[] predicted) {
        pair(truth, predicted);
        int c = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                c++;
            }
        }
        return (double) c / truth.length;
    }

    /** {@code cm[t][p]} = number of samples of true class {@code t} predicted as {@code p}; labels in [0, k). */
    public static int[][] confusionMatrix(int[] truth, int[] predicted, int numClasses) {
        pair(truth, predicted);
        Checks.atLeast("numClasses", numClasses, 1);
        int[][] cm = new int[numClasses][numClasses];
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            int p = predicted[i];
            if (t < 0 || t >= numClasses || p < 0 || p >= numClasses) {
                throw new IllegalArgumentException("label pair (truth " + t + ", predicted " + p + ") at index " + i
                        + " is outside [0, " + numClasses + ")");
            }
            cm[t][p]++;
        }
        return cm;
    }
}
