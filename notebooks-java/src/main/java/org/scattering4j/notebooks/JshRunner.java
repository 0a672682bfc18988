package org.scattering4j.notebooks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs notebook scripts ({@code .jsh}, see {@link JshNotebooks}) cell by cell in a fresh JShell and
 * stops at the first cell that does not compile, leaves a reference unresolved or throws, naming the
 * script, cell and snippet. The {@code jshell} tool itself prints such failures and carries on with exit
 * status 0, so it cannot tell a script run that failed from one that passed; this runner can. No
 * imports are added (the {@code jshell} tool adds a few by default), so a script that passes here runs
 * in the tool and in the Jupyter kernel alike.
 *
 * <pre>{@code
 * java -cp notebooks-java/target/classes org.scattering4j.notebooks.JshRunner \
 *     --class-path "notebooks-java/target/lib/*" notebooks-java/notebooks/01-qm7.jsh
 * }</pre>
 */
public final class JshRunner {
    private JshRunner() {
    }

    /**
     * Runs one script. The snippets run in this JVM (JShell's local execution engine, so no second JVM
     * starts) and print to its {@code System.out}.
     *
     * @param classPath jar files and folders for the snippets (a {@code dir/*} entry means every jar in dir)
     * @return null when every cell ran, else what failed
     */
    public static String run(Path script, List<String> classPath) throws IOException {
        String name = script.getFileName().toString();
        List<JshNotebooks.Cell> cells = JshNotebooks.parse(Files.readString(script, StandardCharsets.UTF_8),
                script.toString());
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (String entry : classPath) {
                for (String p : expand(entry)) {
                    shell.addToClasspath(p);
                }
            }
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            int cellNo = 0;
            for (JshNotebooks.Cell cell : cells) {
                cellNo++;
                if (cell.markdown()) {
                    continue;
                }
                String where = name + " cell " + cellNo;
                // Line by line, as the jshell tool reads a script: a snippet ends at the first line where the
                // text so far is complete, so a statement continued on a line that starts with '.' or an
                // operator fails here exactly as it does in jshell (the Jupyter kernel, which sees whole
                // cells, would accept it).
                String pending = "";
                for (String line : cell.source().split("\n", -1)) {
                    pending = pending + line + "\n";
                    while (!pending.isBlank()) {
                        SourceCodeAnalysis.CompletionInfo ci = analysis.analyzeCompletion(pending);
                        SourceCodeAnalysis.Completeness c = ci.completeness();
                        if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                            pending = "";
                            break;
                        }
                        if (!c.isComplete()) {
                            break;      // needs more lines
                        }
                        boolean unknown = c == SourceCodeAnalysis.Completeness.UNKNOWN;
                        String src = unknown ? pending : ci.source();
                        pending = unknown ? "" : ci.remaining();
                        for (SnippetEvent ev : shell.eval(src)) {
                            String problem = problem(shell, ev);
                            if (problem != null) {
                                return where + ": " + problem + "\n  in: " + firstLine(src);
                            }
                        }
                    }
                }
                if (!pending.isBlank()) {
                    return where + ": incomplete snippet at the end of the cell: " + firstLine(pending);
                }
            }
        }
        return null;
    }

    private static String problem(JShell shell, SnippetEvent ev) {
        if (ev.exception() != null) {
            Throwable t = ev.exception();
            StringBuilder b = new StringBuilder();
            if (t instanceof EvalException e) {
                b.append(e.getExceptionClassName()).append(": ").append(e.getMessage());
            } else if (t instanceof UnresolvedReferenceException u) {
                b.append("unresolved reference in ").append(firstLine(u.getSnippet().source()));
            } else {
                b.append(t);
            }
            for (StackTraceElement s : t.getStackTrace()) {
                b.append("\n    at ").append(s);
            }
            Throwable c = t.getCause();
            while (c != null) {
                b.append("\n  caused by ").append(c instanceof EvalException e ? e.getExceptionClassName() : "")
                        .append(": ").append(c.getMessage());
                c = c.getCause();
            }
            return b.toString();
        }
        Snippet.Status st = ev.status();
        if (st == Snippet.Status.REJECTED || st == Snippet.Status.RECOVERABLE_DEFINED
                || st == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            StringBuilder b = new StringBuilder(st.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            shell.diagnostics(ev.snippet()).forEach((Diag d) -> b.append("\n  ").append(d.getMessage(Locale.ROOT)));
            if (ev.snippet() instanceof DeclarationSnippet d) {
                shell.unresolvedDependencies(d).forEach(u -> b.append("\n  unresolved: ").append(u));
            }
            return b.toString();
        }
        return null;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }

    /** A class-path entry; {@code dir/*} becomes the sorted jars of dir (as the java launcher reads it). */
    static List<String> expand(String entry) throws IOException {
        if (entry.endsWith(File.separator + "*") || entry.equals("*")) {
            Path dir = Path.of(entry.substring(0, entry.length() - 1));
            try (var s = Files.list(dir.toString().isEmpty() ? Path.of(".") : dir)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().map(Path::toString).toList();
            }
        }
        return List.of(entry);
    }

    /** {@code [--class-path CP] script.jsh...}: exit status 1 at the first failing script. */
    public static void main(String[] args) throws IOException {
        List<String> cp = List.of();
        int i = 0;
        if (args.length >= 2 && args[0].equals("--class-path")) {
            cp = List.of(args[1].split(File.pathSeparator));
            i = 2;
        }
        if (i >= args.length) {
            System.err.println("usage: JshRunner [--class-path CP] script.jsh...");
            System.exit(2);
        }
        for (; i < args.length; i++) {
            Path script = Path.of(args[i]);
            long t0 = System.nanoTime();
            System.out.println("== jshell " + script);
            String failure = run(script, cp);
            if (failure != null) {
                System.err.println("FAILED " + failure);
                System.exit(1);
            }
            System.out.printf(Locale.ROOT, "== %s ok (%.1f s)%n", script.getFileName(), (System.nanoTime() - t0) / 1e9);
        }
    }
}
