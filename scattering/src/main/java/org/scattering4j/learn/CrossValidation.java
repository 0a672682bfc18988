package org.scattering4j.learn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Outer cross-validation: for each fold, fit on the other folds' rows only (any model selection the
 * fitter does, such as an inner CV over a hyper-parameter grid, therefore sees the training rows only)
 * and predict the held-out rows.
 *
 * <pre>{@code
 * KFold outer = KFold.ofLabels(qm7Fold);
 * CrossValidation.Result r = CrossValidation.crossValidate(outer, x, y,
 *         StandardizedRegressor.fitter((xt, yt) -> RidgeRegression.fit(xt, yt, RidgeRegression.Options.defaults())));
 * System.out.println(r.mae() + " " + r.foldMae());
 * }</pre>
 */
public final class CrossValidation {
    private CrossValidation() {
    }

    /** Out-of-fold predictions and the per-fold models. */
    public static final class Result {
        private final double[] predictions;
        private final double[] truth;
        private final KFold folds;
        private final List<Regressor> models;

        Result(double[] predictions, double[] truth, KFold folds, List<Regressor> models) {
            this.predictions = predictions;
            this.truth = truth;
            this.folds = folds;
            this.models = Collections.unmodifiableList(models);
        }

        /** Prediction for every sample made by the model that did not see it (a copy). */
        public double[] predictions() {
            return predictions.clone();
        }

        /** The model of each fold (fitted without that fold's rows). */
        public List<Regressor> models() {
            return models;
        }

        /** MAE over all samples. */
        public double mae() {
            return Metrics.mae(truth, predictions);
        }

        /** RMSE over all samples. */
        public double rmse() {
            return Metrics.rmse(truth, predictions);
        }

        /** MAE of each fold's held-out rows. */
        public double[] foldMae() {
            double[] r = new double[folds.folds()];
            for (int f = 0; f < r.length; f++) {
                int[] t = folds.test(f);
                r[f] = Metrics.mae(KFold.select(truth, t), KFold.select(predictions, t));
            }
            return r;
        }
    }

    /** Runs the outer loop; {@code x}, {@code y} are not modified. */
    public static Result crossValidate(KFold folds, double[][] x, double[] y, Regressor.Fitter fitter) {
        if (folds == null || fitter == null) {
            throw new IllegalArgumentException("folds and fitter must not be null");
        }
        Checks.matrix("x", x);
        Checks.vector("y", y, x.length);
        if (folds.size() != x.length) {
            throw new IllegalArgumentException("folds cover " + folds.size() + " samples but x has " + x.length
                    + " rows");
        }
        double[] pred = new double[x.length];
        List<Regressor> models = new ArrayList<>();
        for (int f = 0; f < folds.folds(); f++) {
            int[] train = folds.train(f);
            int[] test = folds.test(f);
            Regressor m = fitter.fit(KFold.rows(x, train), KFold.select(y, train));
            models.add(m);
            for (int i : test) {
                pred[i] = m.predict(x[i]);
            }
        }
        return new Result(pred, y.clone(), folds, models);
    }

    /** Out-of-fold predicted labels and the per-fold classifiers. */
    public static final class ClassifierResult {
        private final int[] predictions;
        private final int[] truth;
        private final KFold folds;
        private final List<Classifier> models;

        ClassifierResult(int[] predictions, int[] truth, KFold folds, List<Classifier> models) {
            this.predictions = predictions;
            this.truth = truth;
            this.folds = folds;
            this.models = Collections.unmodifiableList(models);
        }

        /** Label predicted for every sample by the model that did not see it (a copy). */
        public int[] predictions() {
            return predictions.clone();
        }

        public List<Classifier> models() {
            return models;
        }

        /** Accuracy over all samples. */
        public double accuracy() {
            return Metrics.accuracy(truth, predictions);
        }

        /** Accuracy of each fold's held-out rows. */
        public double[] foldAccuracy() {
            double[] r = new double[folds.folds()];
            for (int f = 0; f < r.length; f++) {
                int[] t = folds.test(f);
                r[f] = Metrics.accuracy(KFold.select(truth, t), KFold.select(predictions, t));
            }
            return r;
        }
    }

    /** The outer loop for classifiers; {@code x}, {@code y} are not modified. */
    public static ClassifierResult crossValidateClassifier(KFold folds, double[][] x, int[] y, Classifier.Fitter fitter) {
        if (folds == null || fitter == null) {
            throw new IllegalArgumentException("folds and fitter must not be null");
        }
        Checks.matrix("x", x);
        Checks.labels("y", y, x.length);
        if (folds.size() != x.length) {
            throw new IllegalArgumentException("folds cover " + folds.size() + " samples but x has " + x.length
                    + " rows");
        }
        int[] pred = new int[x.length];
        List<Classifier> models = new ArrayList<>();
        for (int f = 0; f < folds.folds(); f++) {
            int[] train = folds.train(f);
            Classifier m = fitter.fit(KFold.rows(x, train), KFold.select(y, train));
            models.add(m);
            for (int i : folds.test(f)) {
                pred[i] = m.predict(x[i]);
            }
        }
        return new ClassifierResult(pred, y.clone(), folds, models);
    }
}
