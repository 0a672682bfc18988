/**
 * A small linear-model toolkit shared by the chemistry (QM7 energy regression) and the audio/image
 * classification pipelines. Nothing here knows about molecules or sounds: inputs are {@code double[][]}
 * feature rows (never modified) and {@code double[]} targets or {@code int[]} labels.
 *
 * <ul>
 * <li>{@link org.scattering4j.learn.Standardizer}: column centring/scaling fitted on training rows.</li>
 * <li>{@link org.scattering4j.learn.KFold}: folds from labels (QM7's {@code P}), seeded random or stratified
 * folds, inner folds over one outer fold's training rows; {@link org.scattering4j.learn.CrossValidation}
 * runs the outer loop.</li>
 * <li>Regressors ({@link org.scattering4j.learn.Regressor}): {@link org.scattering4j.learn.RidgeRegression},
 * {@link org.scattering4j.learn.OrthogonalLeastSquares} (greedy sparse OLS with bagging),
 * {@link org.scattering4j.learn.LassoRegression}, {@link org.scattering4j.learn.PolynomialKernelRidge}
 * (quadratic kernel ridge), {@link org.scattering4j.learn.StandardizedRegressor} (standardiser + model).</li>
 * <li>Classifiers ({@link org.scattering4j.learn.Classifier}):
 * {@link org.scattering4j.learn.LogisticRegression} (multinomial, L2, L-BFGS) and
 * {@link org.scattering4j.learn.AffinePcaClassifier} (Bruna and Mallat's affine PCA spaces).</li>
 * <li>{@link org.scattering4j.learn.Lbfgs}: a compact L-BFGS minimiser with strong-Wolfe line search.</li>
 * <li>{@link org.scattering4j.learn.Metrics}: MAE, RMSE, accuracy, confusion matrix.</li>
 * </ul>
 *
 * <p>Every hyper-parameter (penalty, number of terms, dimension) is chosen by an inner cross-validation on
 * the training rows passed to {@code fit}, with seeded folds, so fits are deterministic and the caller's
 * test rows can never influence them. Every model serialises to a plain map ({@code toMap()}, numbers,
 * strings, arrays and nested maps, ready for {@link org.scattering4j.util.Json}) and back
 * ({@code fromMap}, or {@link org.scattering4j.learn.Models} dispatching on the {@code type} entry).
 *
 * <pre>{@code
 * KFold outer = KFold.ofLabels(foldOfSample);
 * CrossValidation.Result r = CrossValidation.crossValidate(outer, x, y, StandardizedRegressor.fitter(
 *         (z, t) -> RidgeRegression.fit(z, t, RidgeRegression.Options.defaults().seed(1))));
 * System.out.printf("MAE %.3f, per fold %s%n", r.mae(), java.util.Arrays.toString(r.foldMae()));
 * String json = Json.write(r.models().get(0).toMap(), true);
 * }</pre>
 */
package org.scattering4j.learn;
