package org.scattering4j.chem.io;

import org.openscience.cdk.exception.CDKException;
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.interfaces.IChemObjectBuilder;
import org.openscience.cdk.modeling.builder3d.ModelBuilder3D;
import org.openscience.cdk.modeling.builder3d.TemplateHandler3D;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.tools.CDKHydrogenAdder;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;

/**
 * One SMILES per line, optionally followed by whitespace and a name; blank lines and lines starting with
 * {@code #} are skipped. Hydrogens are made explicit and 3D coordinates are generated with CDK's
 * {@link ModelBuilder3D} (MM2 atom types, ring templates).
 *
 * <p><b>The geometries are rough</b>: template placement plus a crude force-field clean-up, not a
 * conformer search or an optimisation; bond lengths are fine, torsions are arbitrary. The first molecule
 * takes several seconds because CDK loads its ring templates then; the builder is shared and guarded by a
 * lock (it is not thread-safe), so SMILES input is featurised at the speed of this single builder.
 */
final class SmilesReader extends MoleculeIterator {
    /** Printed by the CLI; also the reason for the javadoc warning above. */
    static final String ROUGH_GEOMETRY_NOTE = "SMILES input: 3D coordinates are generated with CDK ModelBuilder3D; "
            + "the geometries are rough (template placement, no optimisation), and the first molecule takes "
            + "several seconds while CDK loads its templates";
    private static final Object LOCK = new Object();
    private static ModelBuilder3D builder;

    SmilesReader(LineSource lines) {
        super(lines);
    }

    @Override
    Molecule readRecord(LineSource in, long record) {
        String line;
        do {
            line = in.next();
            if (line == null) {
                return null;
            }
        } while (line.isBlank() || line.trim().startsWith("#"));
        startRecord(in.lineNumber());
        String t = line.trim();
        int sp = 0;
        while (sp < t.length() && !Character.isWhitespace(t.charAt(sp))) {
            sp++;
        }
        String smiles = t.substring(0, sp);
        String name = sp < t.length() ? t.substring(sp).trim() : null;
        try {
            return build(smiles, name);
        } catch (MoleculeException e) {
            throw e.at(in.file(), record, in.lineNumber());
        }
    }

    /** Parses one SMILES, adds explicit hydrogens and generates rough 3D coordinates. */
    static Molecule build(String smiles, String name) {
        IChemObjectBuilder b = SilentChemObjectBuilder.getInstance();
        IAtomContainer mol;
        try {
            mol = new SmilesParser(b).parseSmiles(smiles);
        } catch (CDKException | RuntimeException e) {
            throw new MoleculeException("invalid SMILES '" + XyzReader.abbreviate(smiles) + "': " + e.getMessage());
        }
        if (mol.getAtomCount() == 0) {
            throw new MoleculeException("empty molecule (SMILES '" + smiles + "' has no atoms)");
        }
        try {
            AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(mol);
            CDKHydrogenAdder.getInstance(b).addImplicitHydrogens(mol);
            AtomContainerManipulator.convertImplicitToExplicitHydrogens(mol);
        } catch (CDKException | RuntimeException e) {
            throw new MoleculeException("cannot add hydrogens to SMILES '" + smiles + "': " + e.getMessage());
        }
        IAtomContainer with3d;
        try {
            synchronized (LOCK) {
                if (builder == null) {
                    builder = ModelBuilder3D.getInstance(TemplateHandler3D.getInstance(), "mm2", b);
                }
                with3d = builder.generate3DCoordinates(mol, false);
            }
        } catch (Exception e) {
            throw new MoleculeException("CDK ModelBuilder3D could not build 3D coordinates for SMILES '" + smiles
                    + "': " + e);
        }
        if (name != null) {
            with3d.setTitle(name);
        }
        with3d.setProperty("smiles", smiles);
        return Molecule.fromAtomContainer(with3d);
    }
}
