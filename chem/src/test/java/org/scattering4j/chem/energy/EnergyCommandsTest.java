package org.scattering4j.chem.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.vecmath.Point3d;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openscience.cdk.interfaces.IAtom;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.learn.Metrics;
import org.scattering4j.util.Json;

/**
 * The QM7 benchmark, train and predict commands on a 40-molecule subset of QM7 (its first, smallest
 * molecules), with the default preset. One training run is shared by the tests.
 */
class EnergyCommandsTest {
    static final int N = 40;

    @TempDir
    static Path dir;
    static Path data;
    static Path model;
    static String[] qm7Run;

    @BeforeAll
    static void trainOnce() throws Exception {
        data = Qm7SubsetFixture.write(dir.resolve("qm7"), N);
        qm7Run = Qm7SubsetFixture.run("qm7", "--data", data.toString(), "--out", dir.resolve("out").toString(),
                "--cache", dir.resolve("cache").toString(), "--model", "ridge");
        model = dir.resolve("model.json");
        String[] t = Qm7SubsetFixture.run("train", "--in", data.resolve("qm7.xyz").toString(), "--property",
                Qm7Data.ENERGY, "--out", model.toString(), "--cache", dir.resolve("cache").toString());
        assertEquals("0", t[0], t[2]);
    }

    @Test
    void qm7CommandWritesOutOfFoldPredictionsForEveryMolecule() throws Exception {
        assertEquals("0", qm7Run[0], qm7Run[2]);
        assertTrue(qm7Run[1].contains("mean") && qm7Run[1].contains("std"), qm7Run[1]);
        // the benchmark defaults to Kymatio's full orders 0-2 feature set
        assertTrue(qm7Run[1].contains("preset kymatio-qm7-order2-fast (300 invariants"), qm7Run[1]);
        List<String> rows = Files.readAllLines(dir.resolve("out/qm7-predictions.csv"));
        assertEquals("index,fold,reference_kcal_mol,predicted_kcal_mol", rows.get(0));
        assertEquals(N + 1, rows.size());
        double[] ref = new double[N];
        double[] pred = new double[N];
        for (int i = 0; i < N; i++) {
            String[] c = rows.get(i + 1).split(",");
            assertEquals(i, Integer.parseInt(c[0]));
            assertEquals(i % 5, Integer.parseInt(c[1]), "fold of molecule " + i);
            ref[i] = Double.parseDouble(c[2]);
            pred[i] = Double.parseDouble(c[3]);
        }
        // 32 training molecules: far from chemical accuracy, but much better than predicting the mean
        double meanRef = java.util.Arrays.stream(ref).average().orElseThrow();
        double[] constant = new double[N];
        java.util.Arrays.fill(constant, meanRef);
        assertTrue(Metrics.mae(ref, pred) < 0.5 * Metrics.mae(ref, constant),
                "MAE " + Metrics.mae(ref, pred) + " vs constant " + Metrics.mae(ref, constant));
        assertTrue(Files.size(dir.resolve("out/qm7-parity.png")) > 1000);
        Map<String, Object> summary = Json.asObject(Json.parse(dir.resolve("out/qm7-summary.json")));
        assertEquals(5, Json.asDoubleArray(Json.asObject(summary.get("ridge")).get("fold_mae")).length);
    }

    @Test
    void secondRunReadsTheFeatureCache() {
        String[] r = Qm7SubsetFixture.run("qm7", "--data", data.toString(), "--out", dir.resolve("out2").toString(),
                "--cache", dir.resolve("cache").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains(N + " of " + N + " from the cache"), r[1]);
    }

    @Test
    void modelFileRecordsEverythingAndPredictsLikeTheLibrary() throws Exception {
        Map<String, Object> m = Json.asObject(Json.parse(model));
        assertEquals(EnergyModel.FORMAT, m.get("format"));
        assertEquals(Presets.DEFAULT, m.get("preset"));
        Map<String, Object> training = Json.asObject(m.get("training"));
        assertEquals(N, Json.asInt(training.get("size")));
        assertEquals(List.of("H", "C", "N", "O"), Json.asList(training.get("elements")));
        assertEquals(64, ((String) training.get("data_sha256")).length());
        assertTrue(m.containsKey("featurization") && m.containsKey("model") && m.containsKey("library_version"));

        EnergyModel em = EnergyModel.load(model);
        Molecule methane = MoleculeReaders.open(data.resolve("qm7.xyz")).next();
        IAtomContainer c = SilentChemObjectBuilder.getInstance().newAtomContainer();
        for (int i = 0; i < methane.atomCount(); i++) {
            IAtom a = SilentChemObjectBuilder.getInstance().newInstance(IAtom.class,
                    i == 0 ? "C" : "H");
            a.setPoint3d(new Point3d(methane.coordinate(i, 0), methane.coordinate(i, 1), methane.coordinate(i, 2)));
            c.addAtom(a);
        }
        assertEquals(em.predict(methane), em.predict(c), 1e-9);
        assertTrue(Math.abs(em.predict(methane) - methane.numericProperty(Qm7Data.ENERGY)) < 100,
                "methane (in the training set) is predicted near its reference");
    }

    @Test
    void logQuadraticModelsTrainSaveAndReload() throws Exception {
        Molecule ethane;
        try (var it = MoleculeReaders.open(data.resolve("qm7.xyz"))) {
            it.next();
            ethane = it.next();
        }
        for (String kind : List.of("log-quadratic", "log-quadratic-blend", "split-blend")) {
            Path file = dir.resolve("model-" + kind + ".json");
            String[] t = Qm7SubsetFixture.run("train", "--in", data.resolve("qm7.xyz").toString(), "--property",
                    Qm7Data.ENERGY, "--model", kind, "--out", file.toString(), "--cache",
                    dir.resolve("cache").toString());
            assertEquals("0", t[0], t[2]);
            Map<String, Object> m = Json.asObject(Json.parse(file));
            assertEquals(kind, m.get("model_kind"));
            Map<String, Object> r = Json.asObject(m.get("model"));
            if (kind.equals("log-quadratic")) {
                assertEquals("LogFeatureRegressor", r.get("type"));
                assertEquals("StandardizedRegressor", Json.asObject(r.get("model")).get("type"));
            } else if (kind.equals("split-blend")) {
                // the subset has no S molecule: every row goes to the low member
                assertEquals("GatedRegressor", r.get("type"));
                org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {N, 0}, Json.asIntArray(r.get("groupRows")));
                assertEquals("BlendedRegressor", Json.asObject(r.get("low")).get("type"));
            } else {
                assertEquals("BlendedRegressor", r.get("type"));
                List<Object> members = Json.asList(r.get("members"));
                assertEquals("LogFeatureRegressor", Json.asObject(members.get(0)).get("type"));
                assertEquals("StandardizedRegressor", Json.asObject(members.get(1)).get("type"));
            }
            EnergyModel em = EnergyModel.load(file);
            assertEquals(kind, em.modelKind());
            // alphas <= 3e-9 on kernels of entries ~1: training molecules are fitted almost exactly
            assertEquals(ethane.numericProperty(Qm7Data.ENERGY), em.predict(ethane), 0.5, kind);
        }
    }

    @Test
    void predictRefusesMoleculesOutsideTheTrainingDomainWithAReason() throws Exception {
        Path in = dir.resolve("new.xyz");
        Files.writeString(in, String.join("\n",
                "5", "methane again",
                "C 0 0 0", "H 0.63 0.63 0.63", "H -0.63 -0.63 0.63", "H -0.63 0.63 -0.63", "H 0.63 -0.63 -0.63",
                "2", "hydrogen chloride",
                "H 0 0 0", "Cl 0 0 1.27",
                "2", "H2: fewer atoms than any training molecule",
                "H 0 0 0", "H 0 0 0.74",
                "3", "garbage record",
                "C 0 0 zero", "", ""));
        Path outCsv = dir.resolve("energies.csv");
        String[] r = Qm7SubsetFixture.run("predict", "--model", model.toString(), "--in", in.toString(), "--out",
                outCsv.toString());
        assertEquals("0", r[0], r[2]);
        List<String> rows = Files.readAllLines(outCsv);
        assertTrue(rows.get(0).startsWith("record,name,formula,predicted_kcal_mol,status"), rows.get(0));
        assertTrue(rows.get(1).endsWith(",ok") && !rows.get(1).contains(",,ok"), rows.get(1));
        assertTrue(rows.get(2).contains("refused: element(s) Cl never seen in training"), rows.get(2));
        assertTrue(rows.get(3).contains("refused: 2 atoms is outside the training range"), rows.get(3));
        assertTrue(rows.stream().anyMatch(s -> s.contains("unreadable")), String.join("\n", rows));
        assertTrue(r[1].contains("1 molecules predicted, 3 refused or unreadable"), r[1]);
    }

    @Test
    void badModelFilesGetClearErrors() throws Exception {
        Path notModel = dir.resolve("not-a-model.json");
        Files.writeString(notModel, "{\"format\": \"something else\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EnergyModel.load(notModel));
        assertTrue(e.getMessage().contains("not a scattering4j model file"), e.getMessage());

        Map<String, Object> m = Json.asObject(Json.parse(model));
        m.put("format_version", 99);
        Path future = dir.resolve("future.json");
        Files.writeString(future, Json.write(m, true));
        e = assertThrows(IllegalArgumentException.class, () -> EnergyModel.load(future));
        assertTrue(e.getMessage().contains("format version 99"), e.getMessage());

        Map<String, Object> m2 = Json.asObject(Json.parse(model));
        Map<String, Object> feat = Json.asObject(m2.get("featurization"));
        feat.put("engine", "some-other-engine/7");
        Path other = dir.resolve("other.json");
        Files.writeString(other, Json.write(m2, true));
        e = assertThrows(IllegalArgumentException.class, () -> EnergyModel.load(other));
        assertTrue(e.getMessage().contains("differs from what this version computes"), e.getMessage());

        Path garbage = dir.resolve("garbage.json");
        Files.writeString(garbage, "{not json");
        assertThrows(IllegalArgumentException.class, () -> EnergyModel.load(garbage));
        String[] r = Qm7SubsetFixture.run("predict", "--model", garbage.toString(), "--in",
                data.resolve("qm7.xyz").toString(), "--out", dir.resolve("never.csv").toString());
        assertEquals("1", r[0]);
        assertFalse(Files.exists(dir.resolve("never.csv")));
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertEquals("2", Qm7SubsetFixture.run("qm7", "--model", "forest")[0]);
        assertEquals("2", Qm7SubsetFixture.run("qm7", "--preset", "nope")[0]);
        assertEquals("1", Qm7SubsetFixture.run("qm7", "--data", dir.resolve("missing").toString())[0]);
        assertEquals("2", Qm7SubsetFixture.run("train", "--in", "x.xyz")[0]);
        String[] r = Qm7SubsetFixture.run("train", "--in", data.resolve("qm7.xyz").toString(), "--property", "nosuch",
                "--out", dir.resolve("m2.json").toString(), "--cache", dir.resolve("cache").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("no property 'nosuch'"), r[2]);
        assertFalse(Files.exists(dir.resolve("m2.json")));
    }

    @Test
    void foldFileErrorsNameTheLine() throws Exception {
        Path bad = dir.resolve("bad_folds.csv");
        Files.writeString(bad, "index,fold\n0,0\n1,7\n");
        Exception e = assertThrows(java.io.IOException.class, () -> Qm7Data.folds(bad));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        Files.writeString(bad, "index,fold\n0,0\n0,1\n");
        e = assertThrows(java.io.IOException.class, () -> Qm7Data.folds(bad));
        assertTrue(e.getMessage().contains("repeated"), e.getMessage());
        assertEquals(Qm7Data.SIZE, Qm7Data.folds(Qm7Data.defaultDir().resolve("qm7_folds.csv")).length);
    }

}
