package org.scattering4j.chem.scattering;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names and order of the entries of a molecule's feature vector, mirroring Kymatio's QM7 example
 * ({@code examples/3d/scattering3d_qm7_torch.py}): there the order-0 block is {@code stack((full, valence,
 * core), dim=-1)} of shape (Q,) per channel, so the channel varies fastest, and the orders-1/2 block is
 * Kymatio's output (P, L+1, Q) stacked the same way. Hence
 * <ul>
 * <li>order 0: index {@code q * C + c};</li>
 * <li>orders 1 and 2: index {@code offset0 + ((p * (L + 1) + l) * Q + q) * C + c}, with the path p running over
 * j1 = 0 ... J (order 1), then the pairs (j1 &lt; j2) in lexicographic order (order 2), as Kymatio's meta.</li>
 * </ul>
 * With 3 channels, J = 2, L = 3 and 4 powers this is 12 + 6 * 4 * 4 * 3 = 300 features (156 with order 1 only).
 *
 * <p>Each {@link Entry} carries (channel, order, j1, j2, l, q) and a name such as
 * {@code o1.valence.j1=2.l=3.q=0.5}; {@link #describe()} is the JSON sidecar.
 */
public final class FeatureLayout {
    /** One feature. {@code j1}, {@code j2}, {@code l} are -1 where they do not apply. */
    public static final class Entry {
        public final int index;
        public final String channel;
        public final int order;
        public final int j1;
        public final int j2;
        public final int l;
        public final double q;

        Entry(int index, String channel, int order, int j1, int j2, int l, double q) {
            this.index = index;
            this.channel = channel;
            this.order = order;
            this.j1 = j1;
            this.j2 = j2;
            this.l = l;
            this.q = q;
        }

        /** e.g. {@code o0.nuclear_charge.q=2}, {@code o2.core.j1=0.j2=1.l=3.q=0.5}. */
        public String name() {
            StringBuilder sb = new StringBuilder("o").append(order).append('.').append(channel);
            if (order >= 1) {
                sb.append(".j1=").append(j1);
            }
            if (order == 2) {
                sb.append(".j2=").append(j2);
            }
            if (order >= 1) {
                sb.append(".l=").append(l);
            }
            String qs = q == Math.rint(q) ? Long.toString((long) q) : Double.toString(q);
            return sb.append(".q=").append(qs).toString();
        }

        @Override
        public String toString() {
            return index + ":" + name();
        }
    }

    private final List<String> channels;
    private final HarmonicParams params;
    private final int maxOrder;
    private final List<Entry> entries;

    /**
     * @param channels channel names in stacking order
     * @param params   J, L, powers
     * @param maxOrder 0 (order 0 only), 1 or 2 (what the engine computes)
     */
    public FeatureLayout(List<String> channels, HarmonicParams params, int maxOrder) {
        if (maxOrder < 0 || maxOrder > 2) {
            throw new IllegalArgumentException("maxOrder = " + maxOrder + " must be 0, 1 or 2");
        }
        this.channels = Collections.unmodifiableList(new ArrayList<>(channels));
        this.params = params;
        this.maxOrder = maxOrder;
        List<Entry> e = new ArrayList<>();
        int nc = channels.size();
        int nq = params.powerCount();
        for (int q = 0; q < nq; q++) {
            for (int c = 0; c < nc; c++) {
                e.add(new Entry(e.size(), channels.get(c), 0, -1, -1, -1, params.power(q)));
            }
        }
        if (maxOrder >= 1) {
            for (int[] path : paths(params.J(), maxOrder)) {
                for (int l = 0; l <= params.L(); l++) {
                    for (int q = 0; q < nq; q++) {
                        for (int c = 0; c < nc; c++) {
                            e.add(new Entry(e.size(), channels.get(c), path.length, path[0],
                                    path.length > 1 ? path[1] : -1, l, params.power(q)));
                        }
                    }
                }
            }
        }
        this.entries = Collections.unmodifiableList(e);
    }

    /** Kymatio's paths: {j1} for j1 = 0..J, then {j1, j2} with j1 &lt; j2 (order 2). */
    public static List<int[]> paths(int J, int maxOrder) {
        List<int[]> p = new ArrayList<>();
        for (int j = 0; j <= J; j++) {
            p.add(new int[] {j});
        }
        if (maxOrder >= 2) {
            for (int a = 0; a <= J; a++) {
                for (int b = a + 1; b <= J; b++) {
                    p.add(new int[] {a, b});
                }
            }
        }
        return p;
    }

    public int size() {
        return entries.size();
    }

    public List<Entry> entries() {
        return entries;
    }

    public Entry entry(int i) {
        return entries.get(i);
    }

    public List<String> channels() {
        return channels;
    }

    public HarmonicParams params() {
        return params;
    }

    public int maxOrder() {
        return maxOrder;
    }

    /** Number of order-0 features (Q * C). */
    public int order0Size() {
        return params.powerCount() * channels.size();
    }

    /** Index of an order-0 feature. */
    public int order0Index(int channel, int q) {
        return q * channels.size() + channel;
    }

    /** Index of an order-1/2 feature for path p (Kymatio's path order), degree l, power q, channel c. */
    public int pathIndex(int p, int l, int q, int channel) {
        return order0Size() + ((p * (params.L() + 1) + l) * params.powerCount() + q) * channels.size() + channel;
    }

    /** The feature names in order. */
    public List<String> names() {
        List<String> n = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            n.add(e.name());
        }
        return n;
    }

    /** JSON-ready description: ordering rule and one object per feature. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("n_features", entries.size());
        d.put("channels", channels);
        d.put("max_order", maxOrder);
        d.put("ordering", "order 0: index = q*C + c; orders 1-2: index = Q*C + ((p*(L+1) + l)*Q + q)*C + c "
                + "(Kymatio QM7 example: channel fastest; paths j1=0..J then (j1<j2) lexicographic)");
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", e.index);
            m.put("name", e.name());
            m.put("channel", e.channel);
            m.put("order", e.order);
            if (e.order >= 1) {
                m.put("j1", e.j1);
            }
            if (e.order == 2) {
                m.put("j2", e.j2);
            }
            if (e.order >= 1) {
                m.put("l", e.l);
            }
            m.put("q", e.q);
            list.add(m);
        }
        d.put("features", list);
        return d;
    }
}
