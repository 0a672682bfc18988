package org.scattering4j.data.sets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Shared scanning of {@code DIR/train/<class>/*} and {@code DIR/test/<class>/*}. */
final class FolderScan {
    final List<String> classes;
    final List<LabelledItem> train;
    final List<LabelledItem> test;

    private FolderScan(List<String> classes, List<LabelledItem> train, List<LabelledItem> test) {
        this.classes = classes;
        this.train = train;
        this.test = test;
    }

    static FolderScan scan(Path dir, Set<String> extensions, String kind) throws IOException {
        Path tr = dir.resolve("train");
        Path te = dir.resolve("test");
        for (Path p : new Path[] {tr, te}) {
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException(kind + " directory " + dir + " lacks " + p.getFileName()
                        + "/ (expected layout: " + dir + "/train/<class>/*, " + dir + "/test/<class>/*)");
            }
        }
        List<String> classes = List.copyOf(classDirs(tr, extensions, kind));
        if (classes.isEmpty()) {
            throw new IllegalArgumentException(kind + " directory " + tr + " has no class folders");
        }
        for (String c : classDirs(te, extensions, kind)) {
            if (!classes.contains(c)) {
                throw new IllegalArgumentException("class " + c + " appears in " + te + " but not in " + tr
                        + ": a classifier cannot learn it (classes in train/: " + classes + ")");
            }
        }
        return new FolderScan(classes, items(tr, classes, extensions, kind), items(te, classes, extensions, kind));
    }

    private static TreeSet<String> classDirs(Path split, Set<String> ext, String kind) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> s = Files.list(split)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    names.add(n);
                } else if (ext.contains(extension(n))) {
                    throw new IllegalArgumentException(kind + " file " + p + " is not inside a class folder ("
                            + split + "/<class>/" + n + "), so its label is missing");
                }
            }
        }
        return names;
    }

    private static List<LabelledItem> items(Path split, List<String> classes, Set<String> ext, String kind)
            throws IOException {
        List<LabelledItem> r = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path cd = split.resolve(classes.get(c));
            if (!Files.isDirectory(cd)) {
                continue;
            }
            try (Stream<Path> s = Files.list(cd)) {
                for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                    if (Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")
                            && ext.contains(extension(p.getFileName().toString()))) {
                        r.add(new LabelledItem(p, classes.get(c), c));
                    }
                }
            }
        }
        if (r.isEmpty()) {
            throw new IllegalArgumentException(kind + " folder " + split + " holds no files with extension "
                    + new TreeSet<>(ext));
        }
        return List.copyOf(r);
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
