package org.scattering4j.chem.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scattering4j.chem.Elements;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;

/**
 * MDL SD files (records ended by {@code $$$$}) and single MOL files, with V2000 or V3000 connection tables
 * and SD properties ({@code > <name>} blocks). Only what a density needs is read: title, elements, 3D
 * coordinates and the properties; bonds are skipped. A bad record is reported with its line and reading
 * resumes after the next {@code $$$$}.
 *
 * <p>3D check: a header (line 2, columns 21-22) saying {@code 2D}, or a blank dimension with every z
 * coordinate exactly 0 (what CDK and most writers produce for depictions), is "no 3D coordinates".
 */
final class SdfReader extends MoleculeIterator {
    /** A record is held in memory whole; this caps it (a few hundred thousand atoms). */
    static final int MAX_RECORD_LINES = 1_000_000;
    SdfReader(LineSource lines) {
        super(lines);
    }

    @Override
    Molecule readRecord(LineSource in, long record) {
        List<String> rec = new ArrayList<>();
        String line;
        boolean any = false;
        long start = -1;
        while ((line = in.next()) != null) {
            if (line.startsWith("$$$$")) {
                break;
            }
            if (start < 0) {
                start = in.lineNumber();
            }
            any |= !line.isBlank();
            rec.add(line);
            if (rec.size() > MAX_RECORD_LINES) {
                startRecord(start);
                throw new Fatal(in.file(), record, start, "record longer than " + MAX_RECORD_LINES
                        + " lines without a $$$$ terminator (not an SD file?)");
            }
        }
        if (!any) {
            if (line == null) {
                return null;
            }
            startRecord(in.lineNumber());
            throw new MoleculeException(in.file(), record, in.lineNumber(), "empty record (no molecule before $$$$)", null);
        }
        startRecord(start);
        return parse(rec, in.file(), record, start);
    }

    static Molecule parse(List<String> rec, String file, long record, long start) {
        if (rec.size() < 4) {
            throw new MoleculeException(file, record, start + rec.size(), "record ends inside the molfile header ("
                    + rec.size() + " lines, the counts line is line 4)", null);
        }
        String name = rec.get(0).trim();
        String program = rec.get(1);
        String dim = dimension(program);
        String counts = rec.get(3);
        boolean v3000 = counts.contains("V3000");
        int[] zOut;
        double[] xyzOut;
        long[] atomLines;
        int endIndex;
        if (v3000) {
            List<Integer> zs = new ArrayList<>();
            List<double[]> ps = new ArrayList<>();
            List<Long> ls = new ArrayList<>();
            int i = 4;
            while (i < rec.size() && !rec.get(i).startsWith("M  V30 BEGIN ATOM")) {
                if (rec.get(i).startsWith("M  END")) {
                    break;
                }
                i++;
            }
            if (i >= rec.size() || !rec.get(i).startsWith("M  V30 BEGIN ATOM")) {
                throw new MoleculeException(file, record, start + Math.min(i, rec.size() - 1),
                        "V3000 molfile without an atom block (M  V30 BEGIN ATOM)", null);
            }
            i++;
            while (true) {
                if (i >= rec.size()) {
                    throw new MoleculeException(file, record, start + rec.size() - 1,
                            "record ends inside the V3000 atom block (no M  V30 END ATOM)", null);
                }
                long ln = start + i;
                String l = rec.get(i++);
                if (!l.startsWith("M  V30")) {
                    throw new MoleculeException(file, record, ln, "expected an 'M  V30' atom line, found '"
                            + XyzReader.abbreviate(l) + "'", null);
                }
                StringBuilder full = new StringBuilder(l.substring(6).trim());
                while (full.length() > 0 && full.charAt(full.length() - 1) == '-' && i < rec.size()) {
                    full.setLength(full.length() - 1);
                    String c = rec.get(i++);
                    full.append(c.startsWith("M  V30") ? c.substring(6).trim() : c.trim());
                }
                String body = full.toString().trim();
                if (body.startsWith("END ATOM")) {
                    break;
                }
                String[] t = body.split("\\s+");
                if (t.length < 5) {
                    throw new MoleculeException(file, record, ln, "V3000 atom line has " + t.length
                            + " fields, expected index, type, x, y, z ('" + XyzReader.abbreviate(l) + "')", null);
                }
                int an = Elements.atomicNumber(t[1]);
                if (an < 1) {
                    throw new MoleculeException(file, record, ln, "atom " + t[0] + ": '" + XyzReader.abbreviate(t[1])
                            + "' is not a known element (atom list, pseudo atom or R group?)", null);
                }
                double[] p = new double[3];
                for (int k = 0; k < 3; k++) {
                    p[k] = number(t[2 + k], file, record, ln, "atom " + t[0] + " coordinate " + "xyz".charAt(k));
                }
                zs.add(an);
                ps.add(p);
                ls.add(ln);
            }
            zOut = new int[zs.size()];
            xyzOut = new double[3 * zs.size()];
            atomLines = new long[zs.size()];
            for (int a = 0; a < zOut.length; a++) {
                zOut[a] = zs.get(a);
                System.arraycopy(ps.get(a), 0, xyzOut, 3 * a, 3);
                atomLines[a] = ls.get(a);
            }
            endIndex = i;
        } else {
            int na = countField(counts, 0, file, record, start + 3, "atom count");
            int nb = countField(counts, 3, file, record, start + 3, "bond count");
            if (rec.size() < 4 + na + nb) {
                throw new MoleculeException(file, record, start + rec.size() - 1, "record ends inside the "
                        + (rec.size() < 4 + na ? "atom" : "bond") + " block: counts line announces " + na
                        + " atoms and " + nb + " bonds", null);
            }
            zOut = new int[na];
            xyzOut = new double[3 * na];
            atomLines = new long[na];
            for (int a = 0; a < na; a++) {
                long ln = start + 4 + a;
                String l = rec.get(4 + a);
                atomLines[a] = ln;
                String sym;
                double[] p = new double[3];
                if (l.length() >= 34) {
                    for (int k = 0; k < 3; k++) {
                        p[k] = number(l.substring(10 * k, 10 * k + 10).trim(), file, record, ln,
                                "atom " + (a + 1) + " coordinate " + "xyz".charAt(k));
                    }
                    sym = l.substring(31, Math.min(34, l.length())).trim();
                } else {
                    String[] t = l.trim().split("\\s+");
                    if (t.length < 4) {
                        throw new MoleculeException(file, record, ln, "V2000 atom line " + (a + 1) + " is too short ('"
                                + XyzReader.abbreviate(l) + "')", null);
                    }
                    for (int k = 0; k < 3; k++) {
                        p[k] = number(t[k], file, record, ln, "atom " + (a + 1) + " coordinate " + "xyz".charAt(k));
                    }
                    sym = t[3];
                }
                int an = Elements.atomicNumber(sym);
                if (an < 1) {
                    throw new MoleculeException(file, record, ln, "atom " + (a + 1) + ": '" + sym
                            + "' is not a known element (atom list, pseudo atom or R group?)", null);
                }
                zOut[a] = an;
                System.arraycopy(p, 0, xyzOut, 3 * a, 3);
            }
            endIndex = 4 + na + nb;
        }
        // skip property lines (M  CHG ...) up to M  END, then read SD properties
        int i = endIndex;
        while (i < rec.size() && !rec.get(i).startsWith("M  END")) {
            i++;
        }
        if (i >= rec.size()) {
            throw new MoleculeException(file, record, start + rec.size() - 1, "molfile has no 'M  END' line", null);
        }
        Map<String, String> props = new LinkedHashMap<>();
        i++;
        while (i < rec.size()) {
            String l = rec.get(i);
            if (l.startsWith(">")) {
                int a = l.indexOf('<');
                int b = a < 0 ? -1 : l.indexOf('>', a + 1);
                if (a < 0 || b < 0) {
                    throw new MoleculeException(file, record, start + i, "SD property header without <name>: '"
                            + XyzReader.abbreviate(l) + "'", null);
                }
                String key = l.substring(a + 1, b);
                StringBuilder v = new StringBuilder();
                i++;
                while (i < rec.size() && !rec.get(i).isEmpty()) {
                    if (v.length() > 0) {
                        v.append('\n');
                    }
                    v.append(rec.get(i));
                    i++;
                }
                props.put(key, v.toString());
            }
            i++;
        }
        if (zOut.length == 0) {
            throw new MoleculeException(file, record, start + 3, "empty molecule (atom count 0)", null);
        }
        boolean allZeroZ = true;
        for (int a = 0; a < zOut.length; a++) {
            allZeroZ &= xyzOut[3 * a + 2] == 0;
        }
        if (dim.equals("2D") || (allZeroZ && zOut.length > 1 && !dim.equals("3D"))) {
            throw new MoleculeException(file, record, start + 1, "no 3D coordinates: " + (dim.equals("2D")
                    ? "the header (line 2) says 2D" : "every z coordinate is 0 and the header does not say 3D")
                    + "; generate 3D coordinates first (e.g. CDK ModelBuilder3D, RDKit, Open Babel --gen3d)", null);
        }
        double[][] pos = new double[zOut.length][];
        for (int a = 0; a < zOut.length; a++) {
            pos[a] = new double[] {xyzOut[3 * a], xyzOut[3 * a + 1], xyzOut[3 * a + 2]};
        }
        try {
            return Molecule.of(zOut, pos, name.isEmpty() ? null : name, props);
        } catch (MoleculeException e) {
            throw e.at(file, record, e.atom() >= 0 ? atomLines[e.atom()] : start);
        }
    }

    /**
     * The dimension code of header line 2: columns 21-22 by the specification; writers that shift the field
     * (a long program name) are accepted when "2D" or "3D" stands as a word after column 10.
     */
    static String dimension(String program) {
        String d = program.length() >= 22 ? program.substring(20, 22) : "";
        if (d.equals("2D") || d.equals("3D")) {
            return d;
        }
        String rest = program.length() > 10 ? program.substring(10) : "";
        if (rest.matches(".*(^|\\s)3D(\\s|$).*")) {
            return "3D";
        }
        if (rest.matches(".*(^|\\s)2D(\\s|$).*")) {
            return "2D";
        }
        return "";
    }

    private static int countField(String counts, int from, String file, long record, long line, String what) {
        String s = counts.length() >= from + 3 ? counts.substring(from, from + 3).trim() : "";
        try {
            int v = Integer.parseInt(s);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new MoleculeException(file, record, line, "V2000 counts line: " + what + " '" + s
                    + "' is not a whole number ('" + XyzReader.abbreviate(counts) + "')", null);
        }
    }

    static double number(String s, String file, long record, long line, String what) {
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new MoleculeException(file, record, line, what + " = '" + XyzReader.abbreviate(s)
                    + "' is not a number", null);
        }
        if (!Double.isFinite(v)) {
            throw new MoleculeException(file, record, line, what + " is not finite (" + s + ")", null);
        }
        return v;
    }
}
