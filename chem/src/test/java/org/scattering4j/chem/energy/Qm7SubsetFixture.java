package org.scattering4j.chem.energy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scattering4j.cli.Main;

/** Writes the first {@code n} QM7 molecules (re-indexed 0..n-1, folds i mod 5) as a small QM7 folder. */
final class Qm7SubsetFixture {
    private Qm7SubsetFixture() {
    }

    static Path write(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Path src = Qm7Data.defaultDir().resolve("qm7.xyz");
        List<String> out = new ArrayList<>();
        StringBuilder folds = new StringBuilder("index,fold\n");
        try (BufferedReader r = Files.newBufferedReader(src, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                String count = r.readLine();
                int atoms = Integer.parseInt(count.trim());
                String comment = r.readLine().replaceAll("index=\\d+", "index=" + i)
                        .replaceAll("fold=\\d+", "fold=" + (i % 5));
                out.add(count);
                out.add(comment);
                for (int a = 0; a < atoms; a++) {
                    out.add(r.readLine());
                }
                folds.append(i).append(',').append(i % 5).append('\n');
            }
        }
        Files.write(dir.resolve("qm7.xyz"), out, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("qm7_folds.csv"), folds.toString());
        return dir;
    }

    /** Runs a command line; returns {exit code, stdout, stderr}. */
    static String[] run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }
}
