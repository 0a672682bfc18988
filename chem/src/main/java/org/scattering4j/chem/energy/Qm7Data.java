package org.scattering4j.chem.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The bundled QM7 data set ({@code data/qm7}: {@code qm7.xyz}, {@code qm7_folds.csv}, README with licence
 * and citations) and its standard split P.
 */
public final class Qm7Data {
    /** Number of molecules. */
    public static final int SIZE = 7165;
    /** The energy property on the extended-XYZ comment lines. */
    public static final String ENERGY = "atomization_energy_kcal_mol";

    private Qm7Data() {
    }

    /**
     * The bundled folder: {@code $scattering4j.home/data/qm7} (the launcher sets the property), else the first
     * {@code data/qm7} above the working directory.
     */
    public static Path defaultDir() {
        String home = System.getProperty("scattering4j.home");
        if (home != null) {
            return Path.of(home, "data", "qm7");
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path c = p.resolve("data/qm7/qm7.xyz");
            if (Files.isRegularFile(c)) {
                return c.getParent();
            }
            p = p.getParent();
        }
        return Path.of("data", "qm7");
    }

    /**
     * Reads {@code qm7_folds.csv} ({@code index,fold}) into fold labels 0-4 indexed by molecule. Every index
     * 0..n-1 must appear exactly once (n = 7165 for QM7; smaller files are accepted for subsets).
     */
    public static int[] folds(Path csv) throws IOException {
        java.util.List<int[]> rows = new java.util.ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.trim().equals("index,fold")) {
                throw new IOException(csv + ": line 1 should be 'index,fold', found '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",");
                try {
                    int i = Integer.parseInt(parts[0].trim());
                    int f = Integer.parseInt(parts[1].trim());
                    if (i < 0 || f < 0 || f > 4 || parts.length != 2) {
                        throw new NumberFormatException();
                    }
                    rows.add(new int[] {i, f, lineNo});
                } catch (RuntimeException e) {
                    throw new IOException(csv + ": line " + lineNo + ": expected 'index,fold' with index >= 0 and fold "
                            + "in 0..4, found '" + line + "'");
                }
            }
        }
        int[] fold = new int[rows.size()];
        Arrays.fill(fold, -1);
        for (int[] row : rows) {
            if (row[0] >= fold.length || fold[row[0]] != -1) {
                throw new IOException(csv + ": line " + row[2] + ": index " + row[0] + " is repeated or beyond the "
                        + fold.length + " molecules listed");
            }
            fold[row[0]] = row[1];
        }
        return fold;
    }
}
