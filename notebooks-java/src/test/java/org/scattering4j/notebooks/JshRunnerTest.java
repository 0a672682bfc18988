package org.scattering4j.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One JShell per case costs about a second, so the failure kinds share a few scripts. */
class JshRunnerTest {
    private static String run(Path dir, String script) throws Exception {
        Path f = dir.resolve("s.jsh");
        Files.writeString(f, script);
        return JshRunner.run(f, List.of());
    }

    /** The snippets run in this JVM and print to System.out, so they report through a file. */
    private static String result(Path dir) throws Exception {
        Path r = dir.resolve("result.txt");
        return Files.exists(r) ? Files.readString(r, StandardCharsets.UTF_8) : "";
    }

    private static String writeResult(Path dir, String expression) {
        return "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + dir.resolve("result.txt").toString()
                .replace("\\", "\\\\") + "\"), " + expression + ")";
    }

    @Test
    void runsEveryCellAndSeesEarlierDefinitions(@TempDir Path dir) throws Exception {
        String failure = run(dir, """
                //// markdown
                // # title
                //// code
                import java.util.List;
                int twice(int v) { return 2 * v; }
                List<Integer> xs = List.of(1, 2);
                //// code
                """ + writeResult(dir, "\"sum \" + (twice(xs.get(0)) + twice(xs.get(1)))") + "\n");
        assertNull(failure);
        assertEquals("sum 6", result(dir));
    }

    @Test
    void stopsAtAnExceptionNamingTheCell(@TempDir Path dir) throws Exception {
        String failure = run(dir, """
                //// code
                int a = 1;
                //// code
                if (a == 1) throw new IllegalStateException("boom");
                //// code
                """ + writeResult(dir, "\"reached\"") + ";\n");
        assertTrue(failure != null && failure.startsWith("s.jsh cell 2:") && failure.contains("IllegalStateException: boom"),
                String.valueOf(failure));
        assertEquals("", result(dir), "a cell after the failing one ran");
    }

    @Test
    void failsOnCompileErrorsUnresolvedReferencesAndMissingImports(@TempDir Path dir) throws Exception {
        String rejected = run(dir, "//// code\nint b = undefinedThing;\n");
        assertTrue(rejected != null && rejected.contains("rejected"), String.valueOf(rejected));
        // A method that uses an undefined name is "recoverably defined": the jshell tool only warns.
        String unresolved = run(dir, "//// code\nvoid f() { g(); }\n");
        assertTrue(unresolved != null && unresolved.contains("recoverable"), String.valueOf(unresolved));
        // No default imports: the jshell tool would import java.util.* itself; the Jupyter kernel may not.
        String noImport = run(dir, "//// code\nList<String> l = null;\n");
        assertTrue(noImport != null, "List resolved without an import");
        // As in the jshell tool, a complete first line ends the snippet: a '.' continuation line is an error.
        String continued = run(dir, "//// code\nvar s = \"ab\"\n    .length();\n");
        assertTrue(continued != null && continued.contains("rejected"), String.valueOf(continued));
        String unfinished = run(dir, "//// code\nint f() {\n  return 1;\n");
        assertTrue(unfinished != null && unfinished.contains("incomplete"), String.valueOf(unfinished));
    }
}
