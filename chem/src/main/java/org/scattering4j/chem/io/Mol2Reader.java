package org.scattering4j.chem.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scattering4j.chem.Elements;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;

/**
 * Tripos MOL2: each {@code @<TRIPOS>MOLECULE} section starts a record (name on the next line); atoms come
 * from {@code @<TRIPOS>ATOM} lines {@code id name x y z type ...}, the element from the SYBYL type before
 * the dot ({@code C.ar} is carbon). Dummy atoms and lone pairs ({@code Du}, {@code LP}) are not elements
 * and are reported as such. Reading resumes at the next {@code @<TRIPOS>MOLECULE} after a bad record.
 */
final class Mol2Reader extends MoleculeIterator {
    Mol2Reader(LineSource lines) {
        super(lines);
    }

    @Override
    Molecule readRecord(LineSource in, long record) {
        String line;
        while ((line = in.next()) != null && !line.trim().startsWith("@<TRIPOS>MOLECULE")) {
            // comments and blank lines before the first molecule
        }
        if (line == null) {
            return null;
        }
        long start = in.lineNumber();
        startRecord(start);
        String file = in.file();
        List<String> rec = new ArrayList<>();
        List<Long> lineNos = new ArrayList<>();
        while ((line = in.next()) != null) {
            if (line.trim().startsWith("@<TRIPOS>MOLECULE")) {
                in.pushBack(line);
                break;
            }
            rec.add(line);
            lineNos.add(in.lineNumber());
            if (rec.size() > SdfReader.MAX_RECORD_LINES) {
                throw new Fatal(file, record, start, "MOL2 molecule longer than " + SdfReader.MAX_RECORD_LINES + " lines");
            }
        }
        if (rec.isEmpty()) {
            throw new MoleculeException(file, record, start, "MOL2 molecule section has no name line", null);
        }
        String name = rec.get(0).trim();
        int natoms = -1;
        if (rec.size() > 1) {
            String[] c = rec.get(1).trim().split("\\s+");
            try {
                natoms = Integer.parseInt(c[0]);
            } catch (NumberFormatException e) {
                throw new MoleculeException(file, record, lineNos.get(1), "MOL2 counts line: atom count '" + c[0]
                        + "' is not a whole number", null);
            }
        }
        int i = 0;
        while (i < rec.size() && !rec.get(i).trim().startsWith("@<TRIPOS>ATOM")) {
            i++;
        }
        if (i >= rec.size()) {
            throw new MoleculeException(file, record, start, "MOL2 molecule without an @<TRIPOS>ATOM section", null);
        }
        i++;
        List<Integer> zs = new ArrayList<>();
        List<double[]> ps = new ArrayList<>();
        List<Long> atomLines = new ArrayList<>();
        while (i < rec.size() && !rec.get(i).trim().startsWith("@<TRIPOS>")) {
            String l = rec.get(i);
            long ln = lineNos.get(i);
            i++;
            if (l.isBlank() || l.trim().startsWith("#")) {
                continue;
            }
            String[] t = l.trim().split("\\s+");
            if (t.length < 6) {
                throw new MoleculeException(file, record, ln, "MOL2 atom line has " + t.length
                        + " fields, expected id, name, x, y, z, type ('" + XyzReader.abbreviate(l) + "')", null);
            }
            double[] p = new double[3];
            for (int k = 0; k < 3; k++) {
                p[k] = SdfReader.number(t[2 + k], file, record, ln, "atom " + t[0] + " coordinate " + "xyz".charAt(k));
            }
            String type = t[5];
            int dot = type.indexOf('.');
            String sym = dot < 0 ? type : type.substring(0, dot);
            int an = sym.equalsIgnoreCase("LP") || sym.equalsIgnoreCase("Du") || sym.equalsIgnoreCase("Any")
                    ? -1 : Elements.atomicNumber(sym);
            if (an < 1) {
                throw new MoleculeException(file, record, ln, "atom " + t[0] + ": SYBYL type '" + type
                        + "' is not an element (dummy atom, lone pair or unknown type)", null);
            }
            zs.add(an);
            ps.add(p);
            atomLines.add(ln);
        }
        if (natoms >= 0 && natoms != zs.size()) {
            throw new MoleculeException(file, record, lineNos.size() > 1 ? lineNos.get(1) : start, "MOL2 counts line "
                    + "announces " + natoms + " atoms but the ATOM section has " + zs.size(), null);
        }
        if (zs.isEmpty()) {
            throw new MoleculeException(file, record, start, "empty molecule (no atoms)", null);
        }
        int[] z = new int[zs.size()];
        double[][] pos = new double[zs.size()][];
        for (int a = 0; a < z.length; a++) {
            z[a] = zs.get(a);
            pos[a] = ps.get(a);
        }
        Map<String, String> props = new LinkedHashMap<>();
        try {
            return Molecule.of(z, pos, name.isEmpty() ? null : name, props);
        } catch (MoleculeException e) {
            throw e.at(file, record, e.atom() >= 0 ? atomLines.get(e.atom()) : start);
        }
    }
}
