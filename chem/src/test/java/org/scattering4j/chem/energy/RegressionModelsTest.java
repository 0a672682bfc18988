package org.scattering4j.chem.energy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.chem.OnError;
import org.scattering4j.chem.cli.Qm7Command;
import org.scattering4j.chem.io.MoleculeFormat;
import org.scattering4j.chem.scattering.FeatureLayout;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.learn.GatedRegressor;
import org.scattering4j.learn.Models;
import org.scattering4j.learn.Regressor;
import org.scattering4j.util.Json;

class RegressionModelsTest {
    @TempDir
    Path dir;

    /**
     * The split-blend gate on real QM7 molecules: the two molecules without S whose gate ratio is the highest in
     * QM7 (indices 559, 561: C4N2H2, C4N2) and the two S molecules with the lowest (121: C3NH3S, 6716: C3NO2HS)
     * fall on the right sides, each at least 2x away from the threshold; for both Kymatio QM7 presets the gate
     * columns are the order-0 core-channel q = 3 and q = 1 invariants.
     */
    @Test
    void splitBlendGateSeparatesSulphurMoleculesOnRealFeatures() throws Exception {
        Set<Integer> wanted = Set.of(121, 559, 561, 6716);
        Path xyz = dir.resolve("four.xyz");
        List<String> out = new ArrayList<>();
        List<Boolean> sulphur = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(Qm7Data.defaultDir().resolve("qm7.xyz"),
                StandardCharsets.UTF_8)) {
            for (int i = 0; i < Qm7Data.SIZE && sulphur.size() < wanted.size(); i++) {
                String count = r.readLine();
                String comment = r.readLine();
                int atoms = Integer.parseInt(count.trim());
                int index = Integer.parseInt(comment.replaceAll(".*index=(\\d+).*", "$1"));
                List<String> lines = new ArrayList<>();
                boolean s = false;
                for (int a = 0; a < atoms; a++) {
                    String l = r.readLine();
                    lines.add(l);
                    s |= l.trim().startsWith("S ");
                }
                if (wanted.contains(index)) {
                    out.add(count);
                    out.add(comment);
                    out.addAll(lines);
                    sulphur.add(s);
                }
            }
        }
        assertEquals(List.of(true, false, false, true), sulphur, "records 121, 559, 561, 6716 in file order");
        Files.write(xyz, out, StandardCharsets.UTF_8);
        for (String preset : List.of(Qm7Command.DEFAULT_PRESET, Presets.DEFAULT)) {
            InvariantEngine engine = Presets.engine(preset);
            assertEquals("o0.core.q=3", engine.layout().entry(RegressionModels.GATE_CORE_Q3).name(), preset);
            assertEquals("o0.core.q=1", engine.layout().entry(RegressionModels.GATE_CORE_Q1).name(), preset);
            List<double[]> rows = new ArrayList<>();
            new MoleculeFeaturizer(engine, null, 1).run(xyz, MoleculeFormat.XYZ, OnError.FAIL, null,
                    (m, record, f) -> rows.add(f));
            assertEquals(4, rows.size());
            for (int i = 0; i < 4; i++) {
                double ratio = rows.get(i)[RegressionModels.GATE_CORE_Q3] / rows.get(i)[RegressionModels.GATE_CORE_Q1];
                double margin = sulphur.get(i) ? ratio / RegressionModels.GATE_THRESHOLD
                        : RegressionModels.GATE_THRESHOLD / ratio;
                assertTrue(margin > 2, preset + " molecule " + i + ": ratio " + ratio);
            }
        }
    }

    /** 300 positive features; column 11 is large relative to column 5 on the "high" rows. */
    private static double[][] rows(int n, int nHigh, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][300];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 300; j++) {
                x[i][j] = Math.exp(0.3 * r.nextGaussian());
            }
            x[i][RegressionModels.GATE_CORE_Q3] = (i < nHigh ? 1e-2 : 1e-6) * x[i][RegressionModels.GATE_CORE_Q1];
        }
        return x;
    }

    @Test
    void splitBlendFitsEachGroupWithItsOwnModel() {
        double[][] x = rows(100, 40, 1);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            // high group: a constant (known answer: a centred kernel ridge predicts exactly its mean);
            // low group: a function of the features
            y[i] = i < 40 ? -100 : -30 * x[i][2] + 10 * x[i][3] + 7;
        }
        Regressor m = RegressionModels.fitter("split-blend").fit(x, y);
        assertTrue(m instanceof GatedRegressor);
        GatedRegressor g = (GatedRegressor) m;
        assertArrayEquals(new int[] {60, 40}, g.groupRows());
        // twin: the low member is log-quadratic-blend fitted on the low rows alone
        double[][] xl = new double[60][];
        double[] yl = new double[60];
        for (int i = 0; i < 60; i++) {
            xl[i] = x[i + 40];
            yl[i] = y[i + 40];
        }
        Regressor low = RegressionModels.fitter("log-quadratic-blend").fit(xl, yl);
        double[][] t = rows(20, 10, 2);
        double[] p = m.predict(t);
        double[] pl = low.predict(t);
        Regressor single = RegressionModels.fitter("log-quadratic-blend").fit(x, y);
        double singleErr = 0;
        for (int i = 0; i < t.length; i++) {
            if (i >= 10) {
                assertEquals(pl[i], p[i], 1e-9);
            } else {
                assertEquals(-100, p[i], 1e-9);
                singleErr += Math.abs(single.predict(t[i]) + 100);
            }
        }
        // one model on all rows mixes the groups
        assertTrue(singleErr / 10 > 1, "one model's high-group MAE " + singleErr / 10);
        Regressor back = Models.regressorFromMap(Json.asObject(Json.parse(Json.write(m.toMap(), false))));
        assertArrayEquals(p, back.predict(t), 1e-9);
    }

    @Test
    void splitBlendRefusesTooFewColumnsAndUnknownNames() {
        double[][] x = new double[40][8];
        double[] y = new double[40];
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 8; j++) {
                x[i][j] = 1 + i + j;
            }
            y[i] = i;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegressionModels.fitter("split-blend").fit(x, y));
        assertTrue(e.getMessage().contains("numerator column = 11"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RegressionModels.fitter("split"));
        assertTrue(e.getMessage().contains("split-blend"), e.getMessage());
        assertTrue(RegressionModels.NAMES.contains("split-blend"));
        // every preset has the Kymatio QM7 order-0 block; a layout without it is refused before featurising
        for (String preset : Presets.NAMES) {
            RegressionModels.checkLayout("split-blend", Presets.engine(preset).layout(), preset);
        }
        FeatureLayout valenceOnly = new FeatureLayout(List.of("valence"),
                Presets.engine(Presets.DEFAULT).layout().params(), 1);
        e = assertThrows(IllegalArgumentException.class,
                () -> RegressionModels.checkLayout("split-blend", valenceOnly, "test"));
        assertTrue(e.getMessage().contains("preset test has o1.valence"), e.getMessage());
        RegressionModels.checkLayout("ridge", valenceOnly, "test");
    }
}
