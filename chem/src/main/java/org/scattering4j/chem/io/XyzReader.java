package org.scattering4j.chem.io;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.scattering4j.chem.Elements;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;

/**
 * XYZ and extended XYZ. Record: atom count line, comment line, then one line per atom. On an extended XYZ
 * comment line ({@code Properties=species:S:1:pos:R:3 energy=-417.96 pbc="F F F"}) the {@code Properties}
 * spec locates the species and position columns and every other {@code key=value} pair becomes a molecule
 * property (quotes removed; {@code name} or {@code title} becomes the name). A plain comment line becomes
 * the name. Species may be symbols or atomic numbers.
 */
final class XyzReader extends MoleculeIterator {
    XyzReader(LineSource lines) {
        super(lines);
    }

    @Override
    Molecule readRecord(LineSource in, long record) {
        String countLine;
        do {
            countLine = in.next();
            if (countLine == null) {
                return null;
            }
        } while (countLine.isBlank());
        long start = in.lineNumber();
        startRecord(start);
        String file = in.file();
        String first = countLine.trim().split("\\s+")[0];
        long count;
        try {
            count = Long.parseLong(first);
        } catch (NumberFormatException e) {
            throw new Fatal(file, record, start, "expected the atom count (a whole number) but found '"
                    + abbreviate(countLine) + "'");
        }
        if (count < 0) {
            throw new Fatal(file, record, start, "negative atom count " + count);
        }
        String comment = in.next();
        if (comment == null) {
            throw new Fatal(file, record, start + 1, "file ends inside the record (expected the comment line)");
        }
        Map<String, String> props = new LinkedHashMap<>();
        String name = null;
        int speciesCol = 0;
        int posCol = 1;
        int minCols = 4;
        Map<String, String> kv = parseKeyValues(comment);
        if (kv != null) {
            String spec = kv.remove("Properties");
            if (spec == null) {
                spec = kv.remove("properties");
            }
            if (spec != null) {
                int[] cols = parsePropertiesSpec(spec, file, record, start + 1);
                speciesCol = cols[0];
                posCol = cols[1];
                minCols = cols[2];
            }
            props.putAll(kv);
            name = kv.containsKey("name") ? kv.get("name") : kv.get("title");
        } else if (!comment.isBlank()) {
            name = comment.trim();
        }
        double[] xyz = new double[(int) Math.min(3 * count, 3 * 4096)];
        int[] z = new int[(int) Math.min(count, 4096)];
        for (int i = 0; i < count; i++) {
            String line = in.next();
            if (line == null) {
                throw new Fatal(file, record, in.lineNumber() + 1, "file ends inside the record: " + count
                        + " atoms announced, " + i + " found");
            }
            long ln = in.lineNumber();
            String[] t = line.trim().split("\\s+");
            if (t.length < minCols || line.isBlank()) {
                // a short line is likely the start of the next record: the count was wrong
                throw new Fatal(file, record, ln, "atom line " + (i + 1) + " of " + count + " has " + (line.isBlank() ? 0
                        : t.length) + " fields, expected at least " + minCols + " ('" + abbreviate(line) + "')");
            }
            int an = Elements.atomicNumber(t[speciesCol]);
            if (i >= z.length) {
                z = java.util.Arrays.copyOf(z, Math.min((int) count, 2 * z.length));
                xyz = java.util.Arrays.copyOf(xyz, 3 * z.length);
            }
            z[i] = an;
            for (int k = 0; k < 3; k++) {
                String s = t[posCol + k];
                double v;
                try {
                    v = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    skipRest(in, count - i - 1);
                    throw new MoleculeException(file, record, ln, "atom " + (i + 1) + ": coordinate "
                            + "xyz".charAt(k) + " = '" + abbreviate(s) + "' is not a number", null);
                }
                if (!Double.isFinite(v)) {
                    skipRest(in, count - i - 1);
                    throw new MoleculeException(file, record, ln, "atom " + (i + 1) + " has a non-finite coordinate ("
                            + "xyz".charAt(k) + " = " + s + ")", null);
                }
                xyz[3 * i + k] = v;
            }
            if (an < 1) {
                skipRest(in, count - i - 1);
                throw new MoleculeException(file, record, ln, "atom " + (i + 1) + ": '" + abbreviate(t[speciesCol])
                        + "' is not a known element symbol or atomic number", null);
            }
        }
        if (count == 0) {
            throw new MoleculeException(file, record, start, "empty molecule (atom count 0)", null);
        }
        double[][] pos = new double[(int) count][];
        for (int i = 0; i < count; i++) {
            pos[i] = new double[] {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]};
        }
        try {
            return Molecule.of(java.util.Arrays.copyOf(z, (int) count), pos, name, props);
        } catch (MoleculeException e) {
            throw e.at(file, record, e.atom() >= 0 ? start + 2 + e.atom() : start);
        }
    }

    private static void skipRest(LineSource in, long n) {
        for (long i = 0; i < n; i++) {
            if (in.next() == null) {
                return;
            }
        }
    }

    /** Species column, first position column, minimum field count from {@code species:S:1:pos:R:3:...}. */
    private static int[] parsePropertiesSpec(String spec, String file, long record, long line) {
        String[] p = spec.split(":");
        if (p.length % 3 != 0) {
            throw new Fatal(file, record, line, "extended XYZ Properties='" + abbreviate(spec)
                    + "' is not a list of name:type:count triples");
        }
        int col = 0;
        int species = -1;
        int pos = -1;
        for (int i = 0; i < p.length; i += 3) {
            int n;
            try {
                n = Integer.parseInt(p[i + 2]);
            } catch (NumberFormatException e) {
                throw new Fatal(file, record, line, "extended XYZ Properties: column count '" + p[i + 2]
                        + "' of '" + p[i] + "' is not a number");
            }
            String key = p[i].toLowerCase(Locale.ROOT);
            if ((key.equals("species") || key.equals("z")) && species < 0) {
                species = col;
            } else if (key.equals("pos") && n == 3) {
                pos = col;
            }
            col += n;
        }
        if (species < 0 || pos < 0) {
            throw new Fatal(file, record, line, "extended XYZ Properties='" + abbreviate(spec)
                    + "' has no species (or Z) column and pos:R:3 column");
        }
        return new int[] {species, pos, col};
    }

    /**
     * The {@code key=value} pairs of an extended XYZ comment line, or {@code null} when the line is a plain
     * comment (extended means: a {@code Properties=} key, or every token is a {@code key=value} pair).
     */
    static Map<String, String> parseKeyValues(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = line.length();
        boolean allPairs = true;
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int ks = i;
            while (i < n && line.charAt(i) != '=' && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            String key = line.substring(ks, i);
            if (i < n && line.charAt(i) == '=') {
                i++;
                String value;
                if (i < n && (line.charAt(i) == '"' || line.charAt(i) == '\'' || line.charAt(i) == '{')) {
                    char close = line.charAt(i) == '{' ? '}' : line.charAt(i);
                    int e = line.indexOf(close, i + 1);
                    if (e < 0) {
                        return null;
                    }
                    value = line.substring(i + 1, e);
                    i = e + 1;
                } else {
                    int vs = i;
                    while (i < n && !Character.isWhitespace(line.charAt(i))) {
                        i++;
                    }
                    value = line.substring(vs, i);
                }
                out.put(key, value);
            } else {
                allPairs = false;
                out.put(key, "T");
            }
        }
        if (out.isEmpty()) {
            return null;
        }
        boolean hasSpec = out.containsKey("Properties") || out.containsKey("properties");
        return hasSpec || allPairs ? out : null;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
