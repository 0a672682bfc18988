package org.scattering4j.chem.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.scattering4j.chem.Molecule;

/**
 * Opens molecule files as streams of {@link Molecule}s: XYZ / extended XYZ, SDF / MOL (V2000, V3000, SD
 * properties), MOL2 and SMILES (3D generated, rough). The format comes from the file extension unless
 * given; {@code .gz} files are decompressed on the fly. Files are read one record at a time.
 *
 * <pre>{@code
 * try (MoleculeIterator it = MoleculeReaders.open(Path.of("qm7.xyz"))) {
 *     while (it.hasNext()) {
 *         Molecule m = it.next();          // throws MoleculeException (file, record, line) on a bad record
 *         double e = m.numericProperty("atomization_energy_kcal_mol");
 *     }
 * }
 * // or with a skip-or-fail policy and a count of skipped records:
 * try (MoleculeSource src = MoleculeReaders.source(Path.of("mols.sdf"), null, OnError.SKIP)) { ... }
 * }</pre>
 *
 * <p>The XYZ, SDF and MOL2 parsers are this project's own (fast, exact line numbers, no unchecked exceptions
 * from garbage); SMILES goes through CDK's parser, hydrogen adder and {@code ModelBuilder3D}. CDK molecules
 * are converted with {@link Molecule#fromAtomContainer(IAtomContainer)}.
 */
public final class MoleculeReaders {
    private MoleculeReaders() {
    }

    /** Opens a file, the format chosen by its extension. */
    public static MoleculeIterator open(Path file) throws IOException {
        return open(file, null);
    }

    /** Opens a file in the given format ({@code null}: by extension). */
    public static MoleculeIterator open(Path file, MoleculeFormat format) throws IOException {
        MoleculeFormat f = format != null ? format : MoleculeFormat.fromFileName(file.getFileName().toString());
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz")) {
                in = new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException e) {
            in.close();
            throw new IOException(file + ": not a gzip file (" + e.getMessage() + ")", e);
        }
        return open(in, f, file.toString());
    }

    /** Reads a stream (closed with the iterator); {@code name} is used in error messages. */
    public static MoleculeIterator open(InputStream in, MoleculeFormat format, String name) {
        LineSource lines = new LineSource(in, name);
        switch (format) {
            case XYZ:
                return new XyzReader(lines);
            case SDF:
                return new SdfReader(lines);
            case MOL2:
                return new Mol2Reader(lines);
            case SMILES:
                return new SmilesReader(lines);
            default:
                throw new IllegalArgumentException("format " + format);
        }
    }

    /** Reads molecules from text (tests, notebooks). */
    public static MoleculeIterator fromString(String text, MoleculeFormat format) {
        return open(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), format, "<" + format.name().toLowerCase(java.util.Locale.ROOT) + " text>");
    }

    /** Opens a file with a skip-or-fail policy ({@code format} may be {@code null}). */
    public static MoleculeSource source(Path file, MoleculeFormat format, org.scattering4j.chem.OnError onError)
            throws IOException {
        return new MoleculeSource(open(file, format), onError, Files.size(file));
    }

    /**
     * One molecule from a SMILES string, with explicit hydrogens and rough 3D coordinates from CDK's
     * {@code ModelBuilder3D} (the first call loads templates for several seconds).
     */
    public static Molecule fromSmiles(String smiles, String name) {
        return SmilesReader.build(smiles, name);
    }

    /** The warning printed for SMILES input: generated geometries are rough and the first call is slow. */
    public static String smilesGeometryNote() {
        return SmilesReader.ROUGH_GEOMETRY_NOTE;
    }
}
