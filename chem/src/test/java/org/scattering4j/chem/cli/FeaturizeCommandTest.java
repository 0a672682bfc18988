package org.scattering4j.chem.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.io.MoleculeIterator;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.cli.Main;
import org.scattering4j.data.io.Npy;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

class FeaturizeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(FeaturizeCommandTest.class.getResource("/org/scattering4j/chem/" + name).toURI());
    }

    @Test
    void writesFeatureMatrixSidecarAndMoleculeTable(@TempDir Path dir) throws Exception {
        Path npy = dir.resolve("features.npy");
        int rc = run("featurize", "--in", resource("water_methane.xyz").toString(), "--out", npy.toString(),
                "--preset", "kymatio-qm7-adaptive", "--threads", "2");
        assertEquals(0, rc, err.toString());
        NdArray x = Npy.read(npy);
        assertArrayEquals(new int[] {2, 156}, x.shape());
        double[] expected;
        try (MoleculeIterator it = MoleculeReaders.open(resource("water_methane.xyz"))) {
            Molecule water = it.next();
            expected = FeaturizeCommand.engineFor("kymatio-qm7-adaptive").compute(water);
        }
        assertArrayEquals(expected, x.row(0), 0);
        assertEquals(10.0, x.get(1, 3), 1e-9); // methane: sum of Z
        Map<String, Object> side = Json.asObject(Json.parse(dir.resolve("features.json")));
        assertEquals(2, Json.asInt(side.get("n_molecules")));
        assertEquals(156, Json.asInt(side.get("n_features")));
        assertEquals("analytic-order1/1", side.get("engine"));
        List<Object> feats = Json.asList(Json.asObject(side.get("layout")).get("features"));
        assertEquals("o1.core.j1=2.l=3.q=3", Json.asObject(feats.get(155)).get("name"));
        List<String> csv = Files.readAllLines(dir.resolve("features.molecules.csv"));
        assertEquals(List.of("row,record,name,formula,properties", "0,1,water,H2O,",
                "1,2,methane from a plain XYZ file,CH4,"), csv);
        assertTrue(out.toString().contains("2 molecules x 156 features"), out.toString());
    }

    @Test
    void order2FastPresetWrites300FeaturesPerMolecule(@TempDir Path dir) throws Exception {
        Path npy = dir.resolve("o2.npy");
        int rc = run("featurize", "--in", resource("water_methane.xyz").toString(), "--out", npy.toString(),
                "--preset", "kymatio-qm7-order2-fast", "--threads", "2");
        assertEquals(0, rc, err.toString());
        NdArray x = Npy.read(npy);
        assertArrayEquals(new int[] {2, 300}, x.shape());
        try (MoleculeIterator it = MoleculeReaders.open(resource("water_methane.xyz"))) {
            Molecule water = it.next();
            double[] expected = FeaturizeCommand.engineFor("kymatio-qm7-order2-fast").compute(water);
            for (int i = 0; i < 300; i++) {
                assertEquals(expected[i], x.get(0, i), 0);
            }
        }
        assertTrue(Files.readString(dir.resolve("o2.json")).contains("o2.core.j1=1.j2=2.l=3.q=3"));
    }

    @Test
    void skipPolicyLeavesBadRecordsOutAndCacheServesTheSecondRun(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("mixed.xyz");
        Files.writeString(in, "2\nH2 energy\nH 0 0 0\nH 0 0 0.74\n1\nbad\nXq 0 0 0\n"
                + "3\nProperties=species:S:1:pos:R:3 energy=-1.5\nO 0 0 0.1173\nH 0 0.7572 -0.4692\nH 0 -0.7572 -0.4692\n");
        Path npy = dir.resolve("f.npy");
        Path cache = dir.resolve("cache");
        String[] args = {"featurize", "--in", in.toString(), "--out", npy.toString(), "--preset", "kymatio-qm7-adaptive",
            "--on-error", "skip", "--cache", cache.toString(), "--threads", "1"};
        assertEquals(0, run(args), err.toString());
        assertTrue(out.toString().contains("skipped 1 bad records"), out.toString());
        assertTrue(err.toString().contains("record 2, line 7: atom 1: 'Xq' is not a known element"), err.toString());
        NdArray first = Npy.read(npy);
        assertEquals(2, first.dim(0));
        Map<String, Object> side = Json.asObject(Json.parse(dir.resolve("f.json")));
        assertEquals(1, Json.asInt(side.get("skipped_records")));
        assertEquals(7, Json.asInt(Json.asObject(Json.asList(side.get("skipped")).get(0)).get("line")));
        assertTrue(Files.readAllLines(dir.resolve("f.molecules.csv")).get(2).startsWith("1,3,,H2O,"));
        assertTrue(Files.readAllLines(dir.resolve("f.molecules.csv")).get(2).endsWith("energy=-1.5"));
        assertEquals(0, run(args), err.toString());
        assertTrue(out.toString().contains("cache hits 2"), out.toString());
        assertArrayEquals(first.data(), Npy.read(npy).data(), 0);
    }

    @Test
    void failPolicyStopsWithLocationAndWritesNothing(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("bad.xyz");
        Files.writeString(in, "2\nok\nH 0 0 0\nH 0 0 0.74\n2\nnan\nH 0 0 0\nH 0 NaN 0.74\n");
        Path npy = dir.resolve("f.npy");
        assertEquals(1, run("featurize", "--in", in.toString(), "--out", npy.toString(), "--preset", "kymatio-qm7-adaptive"));
        assertTrue(err.toString().contains(in + ": record 2, line 8: atom 2 has a non-finite coordinate"), err.toString());
        assertFalse(Files.exists(npy));
        assertFalse(Files.exists(dir.resolve("f.json")));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count()); // only the input: no temporary files left
        }
    }

    @Test
    void elementOutsideTheValenceChannelIsReportedPerRecord(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("fe.xyz");
        Files.writeString(in, "2\niron oxide\nFe 0 0 0\nO 0 0 1.6\n");
        assertEquals(1, run("featurize", "--in", in.toString(), "--out", dir.resolve("f.npy").toString(),
                "--preset", "kymatio-qm7-adaptive"));
        assertTrue(err.toString().contains("record 1") && err.toString().contains("Fe (Z = 26")
                && err.toString().contains("'valence'"), err.toString());
    }

    @Test
    void usageErrors(@TempDir Path dir) throws Exception {
        String in = resource("water_methane.xyz").toString();
        String o = dir.resolve("f.npy").toString();
        assertEquals(2, run("featurize", "--in", in, "--out", o, "--preset", "nope"));
        assertTrue(err.toString().contains("--preset 'nope'"), err.toString());
        assertEquals(2, run("featurize", "--out", o));
        assertEquals(2, run("featurize", "--in", in, "--out", o, "--on-error", "maybe"));
        assertEquals(2, run("featurize", "--in", in, "--out", o, "--bogus", "1"));
        assertEquals(2, run("featurize", "--in", dir.resolve("x.pdb").toString().replace(".pdb", ".xyz"), "--out", o,
                "--threads", "0"));
        Path pdb = dir.resolve("x.pdb");
        Files.writeString(pdb, "");
        assertEquals(2, run("featurize", "--in", pdb.toString(), "--out", o));
        assertTrue(err.toString().contains("cannot tell the molecule format"), err.toString());
        assertEquals(1, run("featurize", "--in", dir.resolve("missing.xyz").toString(), "--out", o));
        assertEquals(0, run("featurize", "--help"));
        assertTrue(out.toString().contains("--on-error"));
    }

    @Test
    void fastPresetMatchesTheEngine(@TempDir Path dir) throws Exception {
        Path npy = dir.resolve("fast.npy");
        assertEquals(0, run("featurize", "--in", resource("water_methane.xyz").toString(), "--out", npy.toString(),
                "--preset", "kymatio-qm7-fast", "--limit", "1"), err.toString());
        Molecule water;
        try (MoleculeIterator it = MoleculeReaders.open(resource("water_methane.xyz"))) {
            water = it.next();
        }
        assertArrayEquals(new org.scattering4j.chem.scattering.AnalyticInvariantEngine(
                org.scattering4j.chem.scattering.KymatioQm7Preset.fastSpec()).compute(water), Npy.read(npy).row(0), 0);
        Map<String, Object> side = Json.asObject(Json.parse(dir.resolve("fast.json")));
        assertEquals("kymatio-qm7-fast", Json.asObject(side.get("spec")).get("preset"));
    }

    @Test
    void limitAndSdfInput(@TempDir Path dir) throws Exception {
        Path npy = dir.resolve("qm7.npy");
        Path sdf = org.scattering4j.testing.SharedData.data("qm7").resolve("qm7.sdf");
        assertEquals(0, run("featurize", "--in", sdf.toString(), "--out", npy.toString(), "--preset",
                "kymatio-qm7-adaptive", "--limit", "3"), err.toString());
        assertEquals(3, Npy.read(npy).dim(0));
        List<String> csv = Files.readAllLines(dir.resolve("qm7.molecules.csv"));
        assertEquals("0,1,qm7_0000,CH4,index=0;fold=0;atomization_energy_kcal_mol=-417.96", csv.get(1));
    }

    @Test
    void smilesInputWarnsThatGeometriesAreRough(@TempDir Path dir) throws Exception {
        Path npy = dir.resolve("s.npy");
        assertEquals(0, run("featurize", "--in", resource("two.smi").toString(), "--out", npy.toString(),
                "--preset", "kymatio-qm7-adaptive"), err.toString());
        assertTrue(err.toString().contains("rough") && err.toString().contains("ModelBuilder3D"), err.toString());
        assertArrayEquals(new int[] {2, 156}, Npy.read(npy).shape());
        Map<String, Object> side = Json.asObject(Json.parse(dir.resolve("s.json")));
        assertTrue(side.get("note").toString().contains("rough"));
        assertEquals(26.0, Npy.read(npy).get(0, 3), 1e-9); // ethanol: sum of Z = 2*6 + 8 + 6*1
    }
}
