package org.scattering4j.notebooks;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One JShell per case costs about a second, so the failure kinds share a few scripts. */
class JshRunnerTest {
    private static String run(Path dir, String script, ByteArrayOutputStream buf) throws Exception {
        Path f = dir.resolve("s.jsh");
        Files.writeString(f, script);
        return JshRunner.run(f, List.of(), new PrintStream(buf, true, StandardCharsets.UTF_8));
    }

    @Test
    void runsEveryCellAndSeesEarlierDefinitions(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String failure = run(dir, """
                //// markdown
                // # title
                //// code
                import java.util.List;
                int twice(int v) { return 2 * v; }
                List<Integer> xs = List.of(1, 2);
                //// code
                System.out.println("sum " + (twice(xs.get(0)) + twice(xs.get(1))))
                """, buf);
        assertNull(failure);
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("sum 6"), buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void stopsAtAnExceptionNamingTheCell(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String failure = run(dir, """
                //// code
                int a = 1;
                //// code
                if (a == 1) throw new IllegalStateException("boom");
                //// code
                System.out.println("not reached");
                """, buf);
        assertTrue(failure != null && failure.startsWith("s.jsh cell 2:") && failure.contains("IllegalStateException: boom"),
                String.valueOf(failure));
        assertTrue(!buf.toString(StandardCharsets.UTF_8).contains("not reached"));
    }

    @Test
    void failsOnCompileErrorsUnresolvedReferencesAndMissingImports(@TempDir Path dir) throws Exception {
        String rejected = run(dir, "//// code\nint b = undefinedThing;\n", new ByteArrayOutputStream());
        assertTrue(rejected != null && rejected.contains("rejected"), String.valueOf(rejected));
        // A method that uses an undefined name is "recoverably defined": the jshell tool only warns.
        String unresolved = run(dir, "//// code\nvoid f() { g(); }\n", new ByteArrayOutputStream());
        assertTrue(unresolved != null && unresolved.contains("recoverable"), String.valueOf(unresolved));
        // No default imports: the jshell tool would import java.util.* itself; the Jupyter kernel may not.
        String noImport = run(dir, "//// code\nList<String> l = null;\n", new ByteArrayOutputStream());
        assertTrue(noImport != null, "List resolved without an import");
    }
}
