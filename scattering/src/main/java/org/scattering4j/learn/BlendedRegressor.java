package org.scattering4j.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fixed convex combination of regressors fitted on the same training rows:
 * {@code f(x) = sum_k w_k f_k(x)} with {@code w_k >= 0}, {@code sum_k w_k = 1}. The weights are fixed in
 * advance (not fitted), so the blend adds no hyper-parameter to choose on the training rows; each member
 * still chooses its own by its inner cross-validation. Blending two models whose errors are only partly
 * correlated (e.g. the quadratic kernel model on log invariants and on raw invariants) lowers the error of
 * either.
 *
 * <pre>{@code
 * Regressor.Fitter f = BlendedRegressor.fitter(new double[] {0.7, 0.3}, logModelFitter, rawModelFitter);
 * Regressor model = f.fit(xTrain, yTrain);        // both members fitted on xTrain
 * double yHat = model.predict(row);                // 0.7 * first + 0.3 * second
 * }</pre>
 */
public final class BlendedRegressor implements Regressor {
    static final String TYPE = "BlendedRegressor";
    private final double[] weights;
    private final Regressor[] members;

    /** Blends fitted members; weights are checked (finite, &ge; 0, summing to 1 within 1e-9) and copied. */
    public BlendedRegressor(double[] weights, Regressor... members) {
        checkWeights(weights, members == null ? -1 : members.length);
        int p = -1;
        for (int k = 0; k < members.length; k++) {
            if (members[k] == null) {
                throw new IllegalArgumentException("members[" + k + "] must not be null");
            }
            if (p >= 0 && members[k].columns() != p) {
                throw new IllegalArgumentException("members[" + k + "] has " + members[k].columns()
                        + " columns but members[0] has " + p);
            }
            p = members[k].columns();
        }
        this.weights = weights.clone();
        this.members = members.clone();
    }

    private static void checkWeights(double[] w, int members) {
        if (w == null) {
            throw new IllegalArgumentException("weights must not be null");
        }
        if (members < 1) {
            throw new IllegalArgumentException("at least one member is required, got " + Math.max(members, 0));
        }
        if (w.length != members) {
            throw new IllegalArgumentException("weights has length " + w.length + " but there are " + members
                    + " members");
        }
        double s = 0;
        for (int k = 0; k < w.length; k++) {
            if (!(w[k] >= 0) || !Double.isFinite(w[k])) {
                throw new IllegalArgumentException("weights[" + k + "] = " + w[k] + "; must be finite and >= 0");
            }
            s += w[k];
        }
        if (Math.abs(s - 1) > 1e-9) {
            throw new IllegalArgumentException("weights sum to " + s + "; they must sum to 1");
        }
    }

    /** A fitter that fits every member fitter on the rows it is given and blends them with {@code weights}. */
    public static Regressor.Fitter fitter(double[] weights, Regressor.Fitter... fitters) {
        checkWeights(weights, fitters == null ? -1 : fitters.length);
        for (int k = 0; k < fitters.length; k++) {
            if (fitters[k] == null) {
                throw new IllegalArgumentException("fitters[" + k + "] must not be null");
            }
        }
        double[] w = weights.clone();
        Regressor.Fitter[] f = fitters.clone();
        return (x, y) -> {
            Regressor[] m = new Regressor[f.length];
            for (int k = 0; k < f.length; k++) {
                m[k] = f[k].fit(x, y);
            }
            return new BlendedRegressor(w, m);
        };
    }

    /** The weights (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** Member {@code k}. */
    public Regressor member(int k) {
        if (k < 0 || k >= members.length) {
            throw new IllegalArgumentException("member index " + k + " is outside [0, " + members.length + ")");
        }
        return members[k];
    }

    @Override
    public int columns() {
        return members[0].columns();
    }

    @Override
    public double predict(double[] row) {
        double s = 0;
        for (int k = 0; k < members.length; k++) {
            s += weights[k] * members[k].predict(row);
        }
        return s;
    }

    @Override
    public double[] predict(double[][] x) {
        Checks.matrix("x", x, columns());
        double[] r = new double[x.length];
        for (int k = 0; k < members.length; k++) {
            double[] pk = members[k].predict(x); // each member's batch path
            for (int i = 0; i < r.length; i++) {
                r[i] += weights[k] * pk[i];
            }
        }
        return r;
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> m = MapIo.start(TYPE);
        m.put("weights", weights.clone());
        List<Object> list = new ArrayList<>();
        for (Regressor r : members) {
            list.add(r.toMap());
        }
        m.put("members", list);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static BlendedRegressor fromMap(Map<String, ?> m) {
        MapIo.checkType(m, TYPE);
        double[] w = MapIo.doubles(m, "weights");
        Object o = MapIo.get(m, "members");
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("model map key 'members' must be a list of model maps, got " + o);
        }
        List<?> list = (List<?>) o;
        Regressor[] r = new Regressor[list.size()];
        for (int k = 0; k < r.length; k++) {
            if (!(list.get(k) instanceof Map)) {
                throw new IllegalArgumentException("model map members[" + k + "] is not a map");
            }
            r[k] = Models.regressorFromMap((Map<String, ?>) list.get(k));
        }
        return new BlendedRegressor(w, r);
    }
}
