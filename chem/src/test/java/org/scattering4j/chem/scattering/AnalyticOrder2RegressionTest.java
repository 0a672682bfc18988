package org.scattering4j.chem.scattering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.io.MoleculeIterator;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.testing.SharedData;

/**
 * {@link AnalyticOrder2Engine} against the stored features of its previous version ({@code analytic-order2/2},
 * resource {@code order2_fast_v2_qm7.txt}, four QM7 molecules): the speed-ups of version 3 keep orders 0 and 1 and
 * the pairs (j1, j1 + 1) equal to far below the agreement tolerances (their only change is the dropped e^-35 terms
 * of the first order), and move the pair (0, 2), now on a window instead of the whole grid, by less than a fifth of
 * the issue-4 tolerances (1e-2 for q = 0.5, 1e-3 otherwise).
 */
class AnalyticOrder2RegressionTest {
    @Test
    void featuresStayCloseToThePreviousEngine() throws Exception {
        Map<Integer, double[]> ref = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/org/scattering4j/chem/order2_fast_v2_qm7.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] t = line.trim().split(" ");
                double[] v = new double[t.length - 1];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(t[i + 1]);
                }
                ref.put(Integer.parseInt(t[0]), v);
            }
        }
        assertEquals(4, ref.size());
        AnalyticOrder2Engine engine = new AnalyticOrder2Engine(KymatioQm7Preset.order2FastSpec());
        assertEquals("analytic-order2/3", engine.id());
        FeatureLayout layout = engine.layout();
        // worst relative difference: [0] order 0, [1] order 1, [2] pairs (j1, j1 + 1), [3] pair (0, 2) q = 0.5,
        // [4] pair (0, 2) q >= 1
        double[] worst = new double[5];
        int max = ref.keySet().stream().mapToInt(Integer::intValue).max().getAsInt();
        try (MoleculeIterator it = MoleculeReaders.open(SharedData.data("qm7").resolve("qm7.xyz"))) {
            for (int i = 0; i <= max; i++) {
                Molecule m = it.next();
                double[] old = ref.get(i);
                if (old == null) {
                    continue;
                }
                double[] now = engine.compute(m);
                assertEquals(old.length, now.length);
                for (int k = 0; k < now.length; k++) {
                    FeatureLayout.Entry e = layout.entry(k);
                    double rel = Math.abs(now[k] - old[k]) / Math.abs(old[k]);
                    int group = e.order == 0 ? 0 : e.order == 1 ? 1 : e.j2 == e.j1 + 1 ? 2 : e.q == 0.5 ? 3 : 4;
                    worst[group] = Math.max(worst[group], rel);
                }
            }
        }
        System.out.println("order-2 engine v3 vs v2 on 4 QM7 molecules, worst relative (order 0, order 1, "
                + "pairs (j, j+1), pair (0,2) q=0.5, pair (0,2) q>=1): " + Arrays.toString(worst));
        assertTrue(worst[0] < 1e-13, "order 0 " + worst[0]);
        assertTrue(worst[1] < 1e-5 && worst[2] < 1e-5, Arrays.toString(worst));
        assertTrue(worst[3] < 2e-3 && worst[4] < 2e-4, Arrays.toString(worst));
        // the pair (0, 2) did move (the window), so the engine id had to change
        assertTrue(worst[3] > 1e-8, Arrays.toString(worst));
    }
}
