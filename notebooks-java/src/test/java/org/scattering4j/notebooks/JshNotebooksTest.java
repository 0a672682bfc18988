package org.scattering4j.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.util.Json;

class JshNotebooksTest {
    private static final Path NOTEBOOKS = Path.of("notebooks");

    @Test
    void parsesMarkdownAndCodeCells() {
        List<JshNotebooks.Cell> cells = JshNotebooks.parse("""

                //// markdown
                // # Title
                //
                //text "quoted"
                //// code
                int a = 1;

                System.out.println(a);


                """, "t.jsh");
        assertEquals(2, cells.size());
        assertTrue(cells.get(0).markdown());
        assertEquals("# Title\n\ntext \"quoted\"", cells.get(0).source());
        assertFalse(cells.get(1).markdown());
        assertEquals("int a = 1;\n\nSystem.out.println(a);", cells.get(1).source());
    }

    @Test
    void rejectsTextBeforeTheFirstMarkerAndCodeInMarkdown() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JshNotebooks.parse("int a;\n//// code\n", "x.jsh"));
        assertTrue(e.getMessage().startsWith("x.jsh:1:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JshNotebooks.parse("//// markdown\n// ok\nint b;\n", "y.jsh"));
        assertTrue(e.getMessage().startsWith("y.jsh:3:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JshNotebooks.parse("\n\n", "z.jsh"));
    }

    @Test
    void notebookJsonHoldsTheCellsVerbatim() {
        String src = "String s = \"a\\tb\";\t// tab \\ backslash\nint x = 2;";
        String json = JshNotebooks.toNotebook(List.of(new JshNotebooks.Cell(true, "# T"),
                new JshNotebooks.Cell(false, src)));
        Map<String, Object> nb = Json.asObject(Json.parse(json));
        assertEquals(4.0, nb.get("nbformat"));
        List<Object> cells = Json.asList(nb.get("cells"));
        Map<String, Object> code = Json.asObject(cells.get(1));
        assertEquals("code", code.get("cell_type"));
        assertEquals(List.of(), code.get("outputs"));
        assertEquals(src, String.join("", Json.asList(code.get("source")).stream().map(String.class::cast).toList()));
        Map<String, Object> kernel = Json.asObject(Json.asObject(nb.get("metadata")).get("kernelspec"));
        assertEquals(JshNotebooks.KERNEL_NAME, kernel.get("name"));
    }

    /** The committed notebooks are exactly what their .jsh scripts generate: the two cannot drift. */
    @Test
    void committedNotebooksMatchTheirScripts() throws Exception {
        List<Path> scripts = JshNotebooks.scripts(NOTEBOOKS);
        assertTrue(scripts.size() >= 5, "notebook scripts found: " + scripts);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int stale = JshNotebooks.sync(NOTEBOOKS, false, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertEquals(0, stale, buf.toString(StandardCharsets.UTF_8)
                + "regenerate with JshNotebooks --write notebooks-java/notebooks");
    }

    @Test
    void checkDetectsAnEditedNotebookAndWriteRepairsIt(@TempDir Path dir) throws Exception {
        Path jsh = dir.resolve("01-a.jsh");
        Files.writeString(jsh, "//// code\nint a = 1;\n");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(1, JshNotebooks.sync(dir, false, quiet), "missing notebook");
        assertEquals(0, JshNotebooks.sync(dir, true, quiet));
        assertEquals(0, JshNotebooks.sync(dir, false, quiet));
        Path nb = JshNotebooks.notebookOf(jsh);
        Files.writeString(nb, Files.readString(nb).replace("int a = 1;", "int a = 2;"));
        assertEquals(1, JshNotebooks.sync(dir, false, quiet), "edited notebook");
    }
}
