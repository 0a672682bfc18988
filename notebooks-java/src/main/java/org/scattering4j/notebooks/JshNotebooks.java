package org.scattering4j.notebooks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The notebooks' single source: each notebook is written as a JShell script {@code NN-name.jsh} whose
 * cells start with a marker line, {@value #CODE} or {@value #MARKDOWN} (markdown lines are {@code //}
 * comments, so the script stays valid JShell). The Jupyter notebook {@code NN-name.ipynb} beside it is
 * generated from the script, so the two cannot drift: {@code --check} fails when a notebook differs
 * from what its script generates (the notebooks command and a unit test run it).
 *
 * <pre>{@code
 * java -cp notebooks-java/target/classes:notebooks-java/target/lib/* \
 *     org.scattering4j.notebooks.JshNotebooks --write notebooks-java/notebooks
 * }</pre>
 */
public final class JshNotebooks {
    /** Marker line that starts a code cell. */
    public static final String CODE = "//// code";
    /** Marker line that starts a markdown cell. */
    public static final String MARKDOWN = "//// markdown";
    /** The kernel spec name the notebooks ask for (the name rapaio-jupyter-kernel's installer gives). */
    public static final String KERNEL_NAME = "rapaio-jupyter-kernel";

    private JshNotebooks() {
    }

    /** One cell: markdown text or Java source, without its marker line and without trailing blank lines. */
    public record Cell(boolean markdown, String source) {
    }

    /**
     * Splits a script into cells. Only blank lines may precede the first marker; every line of a markdown
     * cell must be a {@code //} comment (or blank).
     *
     * @throws IllegalArgumentException naming the line when the script breaks these rules
     */
    public static List<Cell> parse(String script, String name) {
        String[] lines = script.replace("\r\n", "\n").split("\n", -1);
        List<Cell> cells = new ArrayList<>();
        Boolean markdown = null;
        List<String> body = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String marker = line.strip();
            if (marker.equals(CODE) || marker.equals(MARKDOWN)) {
                if (markdown != null) {
                    cells.add(cell(markdown, body));
                }
                markdown = marker.equals(MARKDOWN);
                body.clear();
                continue;
            }
            if (markdown == null) {
                if (!line.isBlank()) {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": text before the first cell marker ("
                            + CODE + " or " + MARKDOWN + ")");
                }
                continue;
            }
            if (markdown) {
                String t = line.strip();
                if (t.isEmpty()) {
                    body.add("");
                } else if (t.startsWith("//")) {
                    String s = t.substring(2);
                    body.add(s.startsWith(" ") ? s.substring(1) : s);
                } else {
                    throw new IllegalArgumentException(name + ":" + (i + 1) + ": a markdown cell holds only // comment"
                            + " lines, found '" + t + "'");
                }
            } else {
                body.add(line);
            }
        }
        if (markdown != null) {
            cells.add(cell(markdown, body));
        }
        if (cells.isEmpty()) {
            throw new IllegalArgumentException(name + ": no cells (start each with " + CODE + " or " + MARKDOWN + ")");
        }
        return cells;
    }

    private static Cell cell(boolean markdown, List<String> body) {
        int start = 0;
        int end = body.size();
        while (start < end && body.get(start).isBlank()) {
            start++;
        }
        while (end > start && body.get(end - 1).isBlank()) {
            end--;
        }
        return new Cell(markdown, String.join("\n", body.subList(start, end)));
    }

    /**
     * The notebook (nbformat 4.4, no outputs) holding these cells, as JSON text laid out as Jupyter writes it
     * (one source line per JSON line, one-space indent), so that diffs of the .ipynb stay readable.
     */
    public static String toNotebook(List<Cell> cells) {
        StringBuilder b = new StringBuilder("{\n \"cells\": [");
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("  {\n");
            b.append("   \"cell_type\": \"").append(c.markdown() ? "markdown" : "code").append("\",\n");
            if (!c.markdown()) {
                b.append("   \"execution_count\": null,\n");
            }
            b.append("   \"metadata\": {},\n");
            if (!c.markdown()) {
                b.append("   \"outputs\": [],\n");
            }
            b.append("   \"source\": [");
            List<String> lines = sourceLines(c.source());
            for (int k = 0; k < lines.size(); k++) {
                b.append(k == 0 ? "\n" : ",\n").append("    ").append(quote(lines.get(k)));
            }
            b.append(lines.isEmpty() ? "]\n" : "\n   ]\n").append("  }");
        }
        b.append("\n ],\n");
        b.append(" \"metadata\": {\n");
        b.append("  \"kernelspec\": {\n");
        b.append("   \"display_name\": \"Java (rjk)\",\n");
        b.append("   \"language\": \"java\",\n");
        b.append("   \"name\": ").append(quote(KERNEL_NAME)).append("\n");
        b.append("  },\n");
        b.append("  \"language_info\": {\n");
        b.append("   \"file_extension\": \".jshell\",\n");
        b.append("   \"name\": \"java\"\n");
        b.append("  }\n");
        b.append(" },\n");
        b.append(" \"nbformat\": 4,\n");
        b.append(" \"nbformat_minor\": 4\n");
        b.append("}\n");
        return b.toString();
    }

    /** nbformat's multi-line string: one entry per line, each but the last ending in a newline. */
    private static List<String> sourceLines(String s) {
        List<String> lines = new ArrayList<>();
        if (s.isEmpty()) {
            return lines;
        }
        String[] parts = s.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            lines.add(i < parts.length - 1 ? parts[i] + "\n" : parts[i]);
        }
        return lines;
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The scripts of a folder, sorted by name. */
    public static List<Path> scripts(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsh")).sorted().toList();
        }
    }

    /** The notebook beside a script ({@code NN-name.jsh} -> {@code NN-name.ipynb}). */
    public static Path notebookOf(Path script) {
        String n = script.getFileName().toString();
        return script.resolveSibling(n.substring(0, n.length() - ".jsh".length()) + ".ipynb");
    }

    /** What {@link #toNotebook} makes of a script file. */
    public static String generate(Path script) throws IOException {
        return toNotebook(parse(Files.readString(script, StandardCharsets.UTF_8), script.toString()));
    }

    /**
     * Checks (or with {@code write}, regenerates) the notebook of every script in {@code dir}.
     *
     * @return the number of notebooks that were missing or differed (0 when all match or were written)
     */
    public static int sync(Path dir, boolean write, PrintStream out) throws IOException {
        List<Path> scripts = scripts(dir);
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no .jsh notebook scripts");
        }
        int stale = 0;
        for (Path s : scripts) {
            Path nb = notebookOf(s);
            String want = generate(s);
            boolean same = Files.isRegularFile(nb) && Files.readString(nb, StandardCharsets.UTF_8).equals(want);
            if (same) {
                continue;
            }
            if (write) {
                Files.writeString(nb, want, StandardCharsets.UTF_8);
                out.println("wrote " + nb);
            } else {
                out.println(nb + " differs from what " + s.getFileName() + " generates");
                stale++;
            }
        }
        return stale;
    }

    /** {@code --check DIR} (exit 1 on drift) or {@code --write DIR}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !(args[0].equals("--check") || args[0].equals("--write"))) {
            System.err.println("usage: JshNotebooks --check|--write DIR");
            System.exit(2);
        }
        boolean write = args[0].equals("--write");
        int stale = sync(Path.of(args[1]), write, System.out);
        if (stale > 0) {
            System.err.println(stale + " notebook(s) out of date: the .jsh scripts are the source; regenerate with"
                    + " JshNotebooks --write " + args[1]);
            System.exit(1);
        }
    }
}
