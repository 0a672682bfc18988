package org.scattering4j.chem.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;
import org.scattering4j.chem.OnError;
import org.scattering4j.testing.SharedData;

class MoleculeErrorsTest {
    private static MoleculeException firstError(String text, MoleculeFormat f) {
        try (MoleculeIterator it = MoleculeReaders.fromString(text, f)) {
            while (it.hasNext()) {
                try {
                    it.next();
                } catch (MoleculeException e) {
                    return e;
                }
            }
        }
        throw new AssertionError("no error for: " + text);
    }

    private static void assertLocated(MoleculeException e, long record, long line, String... words) {
        assertNotNull(e.file());
        assertEquals(record, e.record(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith(e.file() + ": record " + record + ", line " + line + ": "), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' missing in: " + e.getMessage());
        }
    }

    private static final String WATER = "3\nwater\nO 0 0 0.1173\nH 0 0.7572 -0.4692\nH 0 -0.7572 -0.4692\n";

    @Test
    void xyzBadCountLineStopsWithLocation() {
        String text = WATER + "three\nnext\nH 0 0 0\n";
        try (MoleculeIterator it = MoleculeReaders.fromString(text, MoleculeFormat.XYZ)) {
            it.next();
            MoleculeException e = assertThrows(MoleculeException.class, it::next);
            assertLocated(e, 2, 6, "atom count", "'three'", "reading stops");
            assertFalse(it.hasNext());
        }
    }

    @Test
    void xyzBadCoordinateSkipsOnlyThatRecord() {
        String text = "2\nbad\nH 0 0 abc\nH 0 0 0.74\n" + WATER;
        try (MoleculeIterator it = MoleculeReaders.fromString(text, MoleculeFormat.XYZ)) {
            MoleculeException e = assertThrows(MoleculeException.class, it::next);
            assertLocated(e, 1, 3, "coordinate z = 'abc' is not a number");
            Molecule w = it.next();
            assertEquals("water", w.name());
            assertEquals(2, it.record());
        }
    }

    @Test
    void xyzUnknownElementNaNAndInfinity() {
        assertLocated(firstError("1\nx\nXx 0 0 0\n", MoleculeFormat.XYZ), 1, 3, "'Xx' is not a known element");
        assertLocated(firstError("2\nx\nH 0 0 0\nH NaN 0 0\n", MoleculeFormat.XYZ), 1, 4, "non-finite", "NaN");
        assertLocated(firstError("1\nx\nC 0 Infinity 0\n", MoleculeFormat.XYZ), 1, 3, "non-finite");
    }

    @Test
    void overlappingAtomsNameBothAtomsAndTheLaterOnesLine() {
        MoleculeException e = firstError("3\nx\nC 0 0 0\nH 1.09 0 0\nH 0.05 0 0\n", MoleculeFormat.XYZ);
        assertLocated(e, 1, 5, "atoms 1 (C) and 3 (H)", "0.05", "closer than");
    }

    @Test
    void emptyAndTruncatedRecords() {
        assertLocated(firstError("0\nnothing\n" + WATER, MoleculeFormat.XYZ), 1, 1, "empty molecule");
        MoleculeException t = firstError("3\nwater\nO 0 0 0.1173\n", MoleculeFormat.XYZ);
        assertLocated(t, 1, 4, "file ends inside the record", "3 atoms announced, 1 found");
        assertLocated(firstError("3\n", MoleculeFormat.XYZ), 1, 2, "comment line");
    }

    private static final String SDF_2D = "benzene-ish\n  CDK     0101010000 2D\n\n"
            + "  2  1  0  0  0  0  0  0  0  0999 V2000\n"
            + "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n"
            + "    1.3000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n"
            + "  1  2  1  0  0  0  0\nM  END\n$$$$\n";
    private static final String SDF_OK = "ok\n  scattering4j      3D\n\n"
            + "  2  0  0  0  0  0  0  0  0  0999 V2000\n"
            + "    0.0000    0.0000    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0\n"
            + "    0.0000    0.0000    0.7400 H   0  0  0  0  0  0  0  0  0  0  0  0\n"
            + "M  END\n> <e>\n1.0\n\n$$$$\n";

    @Test
    void sdfTwoDimensionalRecordIsMissing3dAndReadingResumes() {
        try (MoleculeIterator it = MoleculeReaders.fromString(SDF_2D + SDF_OK, MoleculeFormat.SDF)) {
            MoleculeException e = assertThrows(MoleculeException.class, it::next);
            assertLocated(e, 1, 2, "no 3D coordinates", "says 2D");
            Molecule m = it.next();
            assertEquals("ok", m.name());
            assertEquals(1.0, m.numericProperty("e"), 0);
        }
    }

    @Test
    void sdfBadCountsAndBadAtomLines() {
        String badCounts = "x\n\n\n  a  0  0  0  0  0  0  0  0  0999 V2000\nM  END\n$$$$\n";
        assertLocated(firstError(badCounts + SDF_OK, MoleculeFormat.SDF), 1, 4, "atom count 'a'");
        String badAtom = SDF_OK.replace("    0.0000    0.0000    0.7400 H", "    0.0000    zero      0.7400 H");
        assertLocated(firstError(badAtom, MoleculeFormat.SDF), 1, 6, "coordinate y = 'zero'");
        String rGroup = SDF_OK.replace("0.7400 H  ", "0.7400 R# ");
        assertLocated(firstError(rGroup, MoleculeFormat.SDF), 1, 6, "'R#' is not a known element");
        String truncated = "x\n  p      3D\n\n  5  0  0  0  0  0  0  0  0  0999 V2000\n"
                + "    0.0000    0.0000    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0\n$$$$\n";
        assertLocated(firstError(truncated, MoleculeFormat.SDF), 1, 5, "record ends inside the atom block");
    }

    @Test
    void v3000AtomListAndMol2DummyAtom() {
        String v3 = "x\n  p      3D\n\n  0  0  0     0  0            999 V3000\nM  V30 BEGIN CTAB\n"
                + "M  V30 COUNTS 1 0 0 0 0\nM  V30 BEGIN ATOM\nM  V30 1 [C,N] 0 0 0 0\nM  V30 END ATOM\n"
                + "M  V30 END CTAB\nM  END\n$$$$\n";
        assertLocated(firstError(v3, MoleculeFormat.SDF), 1, 8, "'[C,N]' is not a known element");
        String mol2 = "@<TRIPOS>MOLECULE\nd\n 2 0\nSMALL\n\n@<TRIPOS>ATOM\n1 C1 0 0 0 C.3\n2 X 1 0 0 Du\n";
        assertLocated(firstError(mol2, MoleculeFormat.MOL2), 1, 8, "SYBYL type 'Du'", "dummy");
        String mol2count = "@<TRIPOS>MOLECULE\nd\n 3 0\nSMALL\n\n@<TRIPOS>ATOM\n1 C1 0 0 0 C.3\n";
        assertLocated(firstError(mol2count, MoleculeFormat.MOL2), 1, 3, "announces 3 atoms but the ATOM section has 1");
    }

    @Test
    void invalidSmilesNamesTheLine() {
        MoleculeException e = firstError("# header\nC1CC invalid ring\n", MoleculeFormat.SMILES);
        assertLocated(e, 1, 2, "invalid SMILES 'C1CC'");
    }

    @Test
    void skipPolicyCountsAndFailPolicyThrows() {
        String text = "1\nbad\nQq 0 0 0\n" + WATER + "1\nbad too\nH 0 0 nan\n" + WATER;
        try (MoleculeSource src = MoleculeSource.of(MoleculeReaders.fromString(text, MoleculeFormat.XYZ), OnError.SKIP)) {
            int n = 0;
            while (src.nextValid() != null) {
                n++;
            }
            assertEquals(2, n);
            assertEquals(2, src.skipped());
            assertEquals(1, src.errors().get(0).record());
            assertEquals(3, src.errors().get(1).record());
        }
        try (MoleculeSource src = MoleculeSource.of(MoleculeReaders.fromString(text, MoleculeFormat.XYZ), OnError.FAIL)) {
            MoleculeException e = assertThrows(MoleculeException.class, src::nextValid);
            assertEquals(1, e.record());
        }
    }

    @Test
    void inMemoryMoleculesAreCheckedToo() {
        assertTrue(assertThrows(MoleculeException.class, () -> Molecule.of(new int[0], new double[0][]))
                .getMessage().contains("empty molecule"));
        assertTrue(assertThrows(MoleculeException.class, () -> Molecule.of(new int[] {0}, new double[][] {{0, 0, 0}}))
                .getMessage().contains("atomic number 0"));
        assertTrue(assertThrows(MoleculeException.class, () -> Molecule.of(new int[] {6, 1},
                new double[][] {{0, 0, 0}, {0, Double.NaN, 0}})).getMessage().contains("non-finite coordinate (y = NaN)"));
        assertTrue(assertThrows(MoleculeException.class, () -> Molecule.of(new int[] {6, 1},
                new double[][] {{0, 0, 0}, {0, 0, 0}})).getMessage().contains("closer than"));
    }

    @Test
    void wholeQm7ReadsWithoutErrorsInBothFormats() throws Exception {
        for (String f : new String[] {"qm7.xyz", "qm7.sdf"}) {
            int n = 0;
            long atoms = 0;
            try (MoleculeIterator it = MoleculeReaders.open(SharedData.data("qm7").resolve(f))) {
                while (it.hasNext()) {
                    atoms += it.next().atomCount();
                    n++;
                }
            }
            assertEquals(7165, n, f);
            assertEquals(110650, atoms, f);
        }
    }

    /** Garbage must end in MoleculeExceptions (or nothing), never another exception, and always terminate. */
    @Test
    void fuzzedInputOnlyEverRaisesMoleculeExceptions() throws Exception {
        Random rnd = new Random(42);
        String alphabet = "0123456789 .-+eE\n\n\t\rCHNOSxyzXR#$>< =\"'{}:@MV30ENDTRIPOSATOMLE";
        byte[] qm7 = new byte[4000];
        try (java.io.InputStream in = Files.newInputStream(SharedData.data("qm7").resolve("qm7.xyz"))) {
            assertEquals(qm7.length, in.readNBytes(qm7, 0, qm7.length));
        }
        byte[] sdf = new byte[4000];
        try (java.io.InputStream in = Files.newInputStream(SharedData.data("qm7").resolve("qm7.sdf"))) {
            assertEquals(sdf.length, in.readNBytes(sdf, 0, sdf.length));
        }
        byte[] mol2 = Files.readAllBytes(MoleculeReadersTest.resource("two.mol2"));
        int cases = 0;
        for (MoleculeFormat f : new MoleculeFormat[] {MoleculeFormat.XYZ, MoleculeFormat.SDF, MoleculeFormat.MOL2}) {
            // every two-byte input over the alphabet (the fuzzer found an XYZReader crash with two bytes)
            for (int a = 0; a < alphabet.length(); a++) {
                for (int b = 0; b < alphabet.length(); b++) {
                    drain(new byte[] {(byte) alphabet.charAt(a), (byte) alphabet.charAt(b)}, f);
                    cases++;
                }
            }
            byte[] valid = f == MoleculeFormat.XYZ ? qm7 : f == MoleculeFormat.SDF ? sdf : mol2;
            for (int t = 0; t < 400; t++) {
                byte[] x;
                if (t % 2 == 0) {
                    x = new byte[rnd.nextInt(300)];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = t % 4 == 0 ? (byte) rnd.nextInt(256) : (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
                    }
                } else {
                    x = valid.clone();
                    int edits = 1 + rnd.nextInt(8);
                    for (int e = 0; e < edits; e++) {
                        int pos = rnd.nextInt(x.length);
                        x[pos] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
                    }
                }
                drain(x, f);
                cases++;
            }
        }
        assertTrue(cases > 3000);
    }

    private static void drain(byte[] bytes, MoleculeFormat f) {
        try (MoleculeIterator it = MoleculeReaders.open(new ByteArrayInputStream(bytes), f, "fuzz")) {
            int guard = 0;
            while (it.hasNext()) {
                assertTrue(++guard < 100_000, "iteration does not terminate");
                try {
                    Molecule m = it.next();
                    assertTrue(m.atomCount() > 0);
                } catch (MoleculeException e) {
                    assertTrue(e.record() > 0, e.getMessage());
                    assertTrue(e.getMessage().startsWith("fuzz: record "), e.getMessage());
                }
            }
        } catch (MoleculeException e) {
            throw new AssertionError("a MoleculeException escaped hasNext(): " + e.getMessage() + " for input "
                    + new String(bytes, StandardCharsets.ISO_8859_1), e);
        } catch (RuntimeException e) {
            throw new AssertionError(e + " for input " + new String(bytes, StandardCharsets.ISO_8859_1), e);
        }
    }
}
