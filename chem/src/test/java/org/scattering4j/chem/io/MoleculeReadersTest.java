package org.scattering4j.chem.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.io.iterator.IteratingSDFReader;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;
import org.scattering4j.testing.SharedData;

class MoleculeReadersTest {
    static Path resource(String name) throws Exception {
        return Path.of(MoleculeReadersTest.class.getResource("/org/scattering4j/chem/" + name).toURI());
    }

    static List<Molecule> readAll(Path p) throws Exception {
        List<Molecule> out = new ArrayList<>();
        try (MoleculeIterator it = MoleculeReaders.open(p)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    @Test
    void plainXyzGivesAtomsCoordinatesAndCommentAsName() throws Exception {
        List<Molecule> ms = readAll(resource("water_methane.xyz"));
        assertEquals(2, ms.size());
        Molecule w = ms.get(0);
        assertEquals(3, w.atomCount());
        assertArrayEquals(new int[] {8, 1, 1}, w.atomicNumbers());
        assertEquals(0.7572, w.coordinate(1, 1), 1e-4);
        assertEquals(-0.4692, w.coordinate(2, 2), 1e-4);
        assertEquals("water", w.name());
        assertEquals("CH4", ms.get(1).formula());
        assertEquals("methane from a plain XYZ file", ms.get(1).name());
        assertTrue(ms.get(1).properties().isEmpty());
    }

    @Test
    void extendedXyzOfQm7KeepsPropertiesOfFirstRecords() throws Exception {
        try (MoleculeIterator it = MoleculeReaders.open(SharedData.data("qm7").resolve("qm7.xyz"))) {
            Molecule m = it.next();
            assertEquals(1, it.record());
            assertEquals(5, m.atomCount());
            assertEquals(6, m.atomicNumber(0));
            assertEquals(-0.0003865342, m.coordinate(0, 0), 1e-10);
            assertEquals(-0.7974062, m.coordinate(1, 2), 1e-10);
            assertEquals(-417.96, m.numericProperty("atomization_energy_kcal_mol"), 1e-12);
            assertEquals("0", m.properties().get("index"));
            assertEquals("F F F", m.properties().get("pbc"));
            assertFalse(m.properties().containsKey("Properties"));
            Molecule e = it.next();
            assertEquals(8, e.atomCount());
            assertEquals("C2H6", e.formula());
            assertEquals(0.7559707, e.coordinate(0, 0), 1e-10);
            assertEquals(-712.42, e.numericProperty("atomization_energy_kcal_mol"), 1e-12);
        }
    }

    @Test
    void extendedXyzWithExtraColumnsAndAtomicNumbers() {
        String text = "2\nProperties=Z:I:1:charge:R:1:pos:R:3 energy=1.5 name=\"hydrogen molecule\"\n"
                + "1 0.1 0.0 0.0 0.37\n1 -0.1 0.0 0.0 -0.37\n";
        try (MoleculeIterator it = MoleculeReaders.fromString(text, MoleculeFormat.XYZ)) {
            Molecule m = it.next();
            assertArrayEquals(new int[] {1, 1}, m.atomicNumbers());
            assertEquals(-0.37, m.coordinate(1, 2), 1e-12);
            assertEquals("hydrogen molecule", m.name());
            assertEquals(1.5, m.numericProperty("energy"), 0);
            assertFalse(it.hasNext());
        }
    }

    @Test
    void sdfV2000OfQm7HasSdPropertiesAndAgreesWithCdkReader() throws Exception {
        Path sdf = SharedData.data("qm7").resolve("qm7.sdf");
        try (MoleculeIterator it = MoleculeReaders.open(sdf);
             IteratingSDFReader cdk = new IteratingSDFReader(Files.newInputStream(sdf),
                     SilentChemObjectBuilder.getInstance())) {
            Molecule first = it.next();
            assertEquals("qm7_0000", first.name());
            assertEquals(5, first.atomCount());
            assertEquals(-0.3585, first.coordinate(1, 0), 1e-4);
            assertEquals(-417.96, first.numericProperty("atomization_energy_kcal_mol"), 1e-12);
            assertEquals("0", first.properties().get("fold"));
            Molecule cm = Molecule.fromAtomContainer(cdk.next());
            assertSame(first, cm);
            for (int i = 1; i < 300; i++) {
                Molecule ours = it.next();
                IAtomContainer c = cdk.next();
                assertEquals(c.getAtomCount(), ours.atomCount());
                for (int a = 0; a < c.getAtomCount(); a++) {
                    assertEquals(c.getAtom(a).getAtomicNumber().intValue(), ours.atomicNumber(a));
                    // CDK reads flat molecules (every z = 0) as 2D depictions; compare x, y then
                    javax.vecmath.Point3d p3 = c.getAtom(a).getPoint3d();
                    double[] xyz = p3 != null ? new double[] {p3.x, p3.y, p3.z}
                            : new double[] {c.getAtom(a).getPoint2d().x, c.getAtom(a).getPoint2d().y, 0};
                    for (int k = 0; k < 3; k++) {
                        assertEquals(xyz[k], ours.coordinate(a, k), 1e-9);
                    }
                }
                assertEquals(c.getProperty("atomization_energy_kcal_mol").toString(),
                        ours.properties().get("atomization_energy_kcal_mol"));
            }
        }
    }

    private static void assertSame(Molecule a, Molecule b) {
        assertArrayEquals(a.atomicNumbers(), b.atomicNumbers());
        for (int i = 0; i < a.atomCount(); i++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(a.coordinate(i, k), b.coordinate(i, k), 1e-9);
            }
        }
    }

    @Test
    void molV3000WithContinuationLineAndProperty() throws Exception {
        List<Molecule> ms = readAll(resource("ethanol_v3000.mol"));
        assertEquals(1, ms.size());
        Molecule m = ms.get(0);
        assertEquals("ethanol", m.name());
        assertEquals("C2H6O", m.formula());
        assertEquals(9, m.atomCount());
        assertEquals(1.3826, m.coordinate(7, 1), 1e-4); // atom 8 is split over two lines
        assertEquals(-0.6960, m.coordinate(2, 1), 1e-4);
        assertEquals(-12.5, m.numericProperty("energy_kcal_mol"), 0);
    }

    @Test
    void molV3000AgreesWithCdkV3000Reader() throws Exception {
        Molecule ours = readAll(resource("ethanol_v3000.mol")).get(0);
        try (org.openscience.cdk.io.MDLV3000Reader r = new org.openscience.cdk.io.MDLV3000Reader(
                Files.newInputStream(resource("ethanol_v3000.mol")))) {
            IAtomContainer c = r.read(SilentChemObjectBuilder.getInstance().newAtomContainer());
            assertSame(ours, Molecule.fromAtomContainer(c));
        }
    }

    @Test
    void mol2ElementsFromSybylTypes() throws Exception {
        List<Molecule> ms = readAll(resource("two.mol2"));
        assertEquals(2, ms.size());
        assertEquals("water", ms.get(0).name());
        assertArrayEquals(new int[] {8, 1, 1}, ms.get(0).atomicNumbers());
        assertEquals(-0.7572, ms.get(0).coordinate(2, 1), 1e-4);
        assertEquals("hydrogen chloride", ms.get(1).name());
        assertArrayEquals(new int[] {1, 17}, ms.get(1).atomicNumbers());
        assertEquals(1.2746, ms.get(1).coordinate(1, 2), 1e-4);
    }

    @Test
    void smilesGetsExplicitHydrogensAndRough3d() throws Exception {
        List<Molecule> ms = readAll(resource("two.smi"));
        assertEquals(2, ms.size());
        Molecule e = ms.get(0);
        assertEquals("ethanol", e.name());
        assertEquals("C2H6O", e.formula());
        assertEquals(9, e.atomCount());
        assertEquals("CCO", e.properties().get("smiles"));
        // a C-O bond of roughly the right length, and a real third dimension
        double best = Double.POSITIVE_INFINITY;
        double zSpread = 0;
        for (int i = 0; i < e.atomCount(); i++) {
            zSpread = Math.max(zSpread, Math.abs(e.coordinate(i, 2)));
            if (e.atomicNumber(i) == 6) {
                for (int j = 0; j < e.atomCount(); j++) {
                    if (e.atomicNumber(j) == 8) {
                        double d = 0;
                        for (int k = 0; k < 3; k++) {
                            d += Math.pow(e.coordinate(i, k) - e.coordinate(j, k), 2);
                        }
                        best = Math.min(best, Math.sqrt(d));
                    }
                }
            }
        }
        assertEquals(1.43, best, 0.1);
        assertTrue(zSpread > 0.1);
        assertEquals("CH4", ms.get(1).formula());
        assertTrue(MoleculeReaders.smilesGeometryNote().contains("rough"));
    }

    @Test
    void formatFromExtensionAndGzip(@TempDir Path dir) throws Exception {
        assertEquals(MoleculeFormat.XYZ, MoleculeFormat.fromFileName("a.extxyz"));
        assertEquals(MoleculeFormat.SDF, MoleculeFormat.fromFileName("A.SDF.gz"));
        assertEquals(MoleculeFormat.SDF, MoleculeFormat.fromFileName("x.mol"));
        assertEquals(MoleculeFormat.MOL2, MoleculeFormat.fromFileName("x.mol2"));
        assertEquals(MoleculeFormat.SMILES, MoleculeFormat.fromFileName("x.smi"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MoleculeFormat.fromFileName("x.pdb"));
        assertTrue(e.getMessage().contains("x.pdb"));
        Path gz = dir.resolve("w.xyz.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(resource("water_methane.xyz")));
        }
        assertEquals(2, readAll(gz).size());
        // the extension can be overridden
        Path odd = dir.resolve("molecules.txt");
        Files.copy(resource("water_methane.xyz"), odd);
        try (MoleculeIterator it = MoleculeReaders.open(odd, MoleculeFormat.XYZ)) {
            assertEquals(3, it.next().atomCount());
        }
    }

    @Test
    void cdkContainerWith3dConverts() {
        IAtomContainer c = SilentChemObjectBuilder.getInstance().newAtomContainer();
        org.openscience.cdk.interfaces.IAtom o = c.getBuilder().newInstance(org.openscience.cdk.interfaces.IAtom.class, "O");
        o.setPoint3d(new javax.vecmath.Point3d(0, 0, 0.1173));
        org.openscience.cdk.interfaces.IAtom h = c.getBuilder().newInstance(org.openscience.cdk.interfaces.IAtom.class, "H");
        h.setPoint3d(new javax.vecmath.Point3d(0, 0.7572, -0.4692));
        c.addAtom(o);
        c.addAtom(h);
        c.setTitle("OH");
        Molecule m = Molecule.fromAtomContainer(c);
        assertEquals("OH", m.name());
        assertArrayEquals(new int[] {8, 1}, m.atomicNumbers());
        assertEquals(0.7572, m.coordinate(1, 1), 1e-12);
        h.setPoint3d(null);
        h.setPoint2d(new javax.vecmath.Point2d(1, 1));
        MoleculeException e = assertThrows(MoleculeException.class, () -> Molecule.fromAtomContainer(c));
        assertTrue(e.getMessage().contains("no 3D coordinates") && e.getMessage().contains("2D"), e.getMessage());
    }

    @Test
    void emptyInputHasNoMolecules() {
        try (MoleculeIterator it = MoleculeReaders.fromString("\n\n", MoleculeFormat.XYZ)) {
            assertFalse(it.hasNext());
        }
        try (MoleculeIterator it = MoleculeReaders.fromString("", MoleculeFormat.SDF)) {
            assertFalse(it.hasNext());
        }
        assertNull(MoleculeSource.of(MoleculeReaders.fromString("", MoleculeFormat.MOL2),
                org.scattering4j.chem.OnError.FAIL).nextValid());
    }
}
