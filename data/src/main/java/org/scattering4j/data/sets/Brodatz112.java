package org.scattering4j.data.sets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scattering4j.data.Progress;
import org.scattering4j.data.io.FileFormatException;
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.data.io.ImageWriter;

/**
 * Brodatz-112: one 640 x 640 gray plate {@code Dk.png} per class (k = 1..112, class index k - 1),
 * cut by protocol A into the 16 non-overlapping 160 x 160 tiles of a 4 x 4 grid, with the splits of
 * {@code splits_160.csv}: {@code fixed} (checkerboard: tile (row, col) trains if row + col is even)
 * and {@code rand0..rand9} (random 8/8 per class, stored, never redrawn). See
 * {@code shared/data/textures-brodatz112/README.md}.
 *
 * <p>The split file is read from the data directory when present, else from the copy bundled with
 * this library. The plates are a copyrighted book's photographs (Brodatz 1966): this library ships
 * none, and the set is meant as an internal benchmark only.
 *
 * <pre>{@code
 * Brodatz112 b = Brodatz112.open(DataDirs.resolve(dataOption, Brodatz112.FOLDER));
 * for (Brodatz112.Patch p : b.train("fixed")) {
 *     double[][] x = b.read(p);        // 160 x 160, values in [0, 1]
 *     int y = p.classIndex();
 * }
 * }</pre>
 *
 * <p>Thread-safe: {@link #read(Patch)} keeps a small synchronised cache of decoded plates, so reading
 * patches in file order decodes each plate once.
 */
public final class Brodatz112 {
    /** Usual folder name under a data root. */
    public static final String FOLDER = "textures-brodatz112";
    /** Number of classes. */
    public static final int CLASSES = 112;
    /** Side of a plate. */
    public static final int PLATE = 640;
    /** Side of a protocol-A patch. */
    public static final int PATCH = 160;
    /** The commit of {@code a287324/2017_texture_classification-LBP} holding the source tiles. */
    public static final String COMMIT = "43a5f065da53da2932c508973904fb4f2d81b948";
    /** Canonical download address: that repository's raw files (GIF tiles {@code test_data/Brodatz/k-j.gif}). */
    public static final URI DEFAULT_BASE =
            URI.create("https://raw.githubusercontent.com/a287324/2017_texture_classification-LBP/" + COMMIT + "/");
    private static final int CACHE = 4;

    /**
     * One 160 x 160 patch.
     *
     * @param file the plate's file name ({@code Dk.png})
     * @param classIndex k - 1
     * @param tile tile number 1..16 (row-major)
     * @param x0 first column in the plate
     * @param y0 first row in the plate
     * @param size side length (160)
     * @param train per split (in the order of {@link #splitNames()}), whether the patch trains
     */
    public record Patch(String file, int classIndex, int tile, int x0, int y0, int size, boolean[] train) {
        /** Copies the flags so the record stays immutable. */
        public Patch {
            train = train.clone();
        }

        @Override
        public boolean[] train() {
            return train.clone();
        }

        boolean trainsIn(int split) {
            return train[split];
        }
    }

    private final Path dir;
    private final List<String> splits;
    private final List<Patch> patches;
    private final Map<String, double[][]> cache = new LinkedHashMap<>(8, 0.75f, true);

    private Brodatz112(Path dir, List<String> splits, List<Patch> patches) {
        this.dir = dir;
        this.splits = splits;
        this.patches = patches;
    }

    /**
     * Opens the set in {@code dir} (which must hold the 112 plates) with its splits.
     *
     * @throws IllegalArgumentException if a plate is missing
     */
    public static Brodatz112 open(Path dir) throws IOException {
        for (int k = 1; k <= CLASSES; k++) {
            if (!Files.isRegularFile(dir.resolve("D" + k + ".png"))) {
                throw new IllegalArgumentException("Brodatz-112 directory " + dir + " lacks D" + k
                        + ".png (download with Brodatz112.download, or point --data / " + DataDirs.ENV + " at it)");
            }
        }
        Path local = dir.resolve("splits_160.csv");
        List<String> lines;
        String source;
        if (Files.isRegularFile(local)) {
            lines = Files.readAllLines(local, StandardCharsets.UTF_8);
            source = local.toString();
        } else {
            lines = resourceLines("brodatz112-splits_160.csv");
            source = "bundled splits_160.csv";
        }
        return parseSplits(dir, lines, source);
    }

    static Brodatz112 parseSplits(Path dir, List<String> lines, String source) throws FileFormatException {
        if (lines.isEmpty()) {
            throw new FileFormatException(source, "empty split file");
        }
        String[] head = lines.get(0).split(",");
        List<String> expect = List.of("file", "class_index", "tile", "x0", "y0", "size");
        if (head.length < 7 || !Arrays.asList(head).subList(0, 6).equals(expect)) {
            throw new FileFormatException(source, "header " + lines.get(0) + " does not start with "
                    + String.join(",", expect) + " followed by split columns");
        }
        List<String> names = List.of(Arrays.copyOfRange(head, 6, head.length));
        List<Patch> ps = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != head.length) {
                throw new FileFormatException(source, "line " + (i + 1) + " has " + f.length + " fields, the header "
                        + head.length);
            }
            boolean[] train = new boolean[names.size()];
            for (int s = 0; s < train.length; s++) {
                String v = f[6 + s];
                if (!v.equals("train") && !v.equals("test")) {
                    throw new FileFormatException(source, "line " + (i + 1) + ", split " + names.get(s) + ": \"" + v
                            + "\", expected train or test");
                }
                train[s] = v.equals("train");
            }
            try {
                Patch p = new Patch(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), train);
                if (p.classIndex() < 0 || p.classIndex() >= CLASSES || p.x0() < 0 || p.y0() < 0
                        || p.x0() + p.size() > PLATE || p.y0() + p.size() > PLATE) {
                    throw new FileFormatException(source, "line " + (i + 1) + ": class or patch out of range: "
                            + line);
                }
                ps.add(p);
            } catch (NumberFormatException e) {
                throw new FileFormatException(source, "line " + (i + 1) + ": not a number in " + line, e);
            }
        }
        return new Brodatz112(dir, names, List.copyOf(ps));
    }

    /** The split names ({@code fixed, rand0, ..., rand9}). */
    public List<String> splitNames() {
        return splits;
    }

    /** All patches, in file order. */
    public List<Patch> patches() {
        return patches;
    }

    /** Training patches of a split. */
    public List<Patch> train(String split) {
        int s = splitIndex(split);
        return patches.stream().filter(p -> p.trainsIn(s)).toList();
    }

    /** Test patches of a split. */
    public List<Patch> test(String split) {
        int s = splitIndex(split);
        return patches.stream().filter(p -> !p.trainsIn(s)).toList();
    }

    private int splitIndex(String split) {
        int s = splits.indexOf(split);
        if (s < 0) {
            throw new IllegalArgumentException("split = " + split + "; allowed " + splits);
        }
        return s;
    }

    /** A whole plate, 640 x 640 in [0, 1] (a fresh array). */
    public double[][] plate(int classIndex) throws IOException {
        if (classIndex < 0 || classIndex >= CLASSES) {
            throw new IllegalArgumentException("classIndex = " + classIndex + ", allowed 0.." + (CLASSES - 1));
        }
        double[][] p = cached("D" + (classIndex + 1) + ".png");
        double[][] copy = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            copy[i] = p[i].clone();
        }
        return copy;
    }

    /** The patch's pixels, {@code size x size} in [0, 1]. */
    public double[][] read(Patch p) throws IOException {
        double[][] plate = cached(p.file());
        double[][] out = new double[p.size()][];
        for (int r = 0; r < p.size(); r++) {
            out[r] = Arrays.copyOfRange(plate[p.y0() + r], p.x0(), p.x0() + p.size());
        }
        return out;
    }

    private double[][] cached(String file) throws IOException {
        synchronized (cache) {
            double[][] p = cache.get(file);
            if (p != null) {
                return p;
            }
        }
        double[][] p = ImageReader.read(dir.resolve(file), PLATE, PLATE);
        synchronized (cache) {
            cache.put(file, p);
            if (cache.size() > CACHE) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
        return p;
    }

    /** The source tiles, with their git blob ids, indexed by plate ({@code [k-1][j-1]}). */
    public static List<List<RemoteFile>> tiles() {
        List<List<RemoteFile>> r = new ArrayList<>();
        for (int k = 0; k < CLASSES; k++) {
            r.add(new ArrayList<>(Collections.nCopies(16, null)));
        }
        List<String> lines = resourceLines("brodatz112-source_tiles.csv");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int k = Integer.parseInt(f[0].substring(1));
            int j = Integer.parseInt(f[1]);
            r.get(k - 1).set(j - 1, new RemoteFile(f[6], "tiles/" + k + "-" + j + ".gif", "GIT-BLOB-SHA1", f[7],
                    false));
        }
        return r.stream().map(List::copyOf).toList();
    }

    /** SHA-256 of each plate's 640 x 640 gray levels (row-major bytes): {@code [k-1]}. */
    public static List<String> pixelDigests() {
        List<String> lines = resourceLines("brodatz112-plates.csv");
        String[] d = new String[CLASSES];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            d[Integer.parseInt(f[1])] = f[3];
        }
        return List.of(d);
    }

    /** SHA-256 of an image's 8-bit gray levels, row-major: an encoder-independent checksum of a plate. */
    public static String pixelDigest(double[][] img) {
        byte[] b = new byte[img.length * img[0].length];
        int i = 0;
        for (double[] row : img) {
            for (double v : row) {
                b[i++] = (byte) Math.round(v * 255);
            }
        }
        return Checksums.sha256(b);
    }

    /**
     * Fetches the 1792 source tiles from {@code base} (normally {@link #DEFAULT_BASE}), checks each
     * against its git blob id, assembles each plate row-major (tile j at row (j-1)/4, column (j-1)%4),
     * checks the plate's pixel digest, and writes {@code Dk.png} atomically. A plate already present
     * with the right pixels is skipped (so is its download). Tiles are kept only while a plate is built.
     *
     * @return number of plates built
     */
    public static int download(URI base, Path dir) throws IOException {
        return download(base, dir, Downloader.standard(), true);
    }

    /** As {@link #download(URI, Path)} with a given downloader and progress choice. */
    public static int download(URI base, Path dir, Downloader d, boolean progress) throws IOException {
        int[] all = new int[CLASSES];
        for (int k = 0; k < CLASSES; k++) {
            all[k] = k + 1;
        }
        return download(base, dir, d, progress, tiles(), pixelDigests(), all);
    }

    /** The download with its tables given (tests use synthetic tiles). */
    static int download(URI base, Path dir, Downloader d, boolean progress, List<List<RemoteFile>> tiles,
            List<String> digests, int[] plates) throws IOException {
        Files.createDirectories(dir);
        int built = 0;
        try (Progress p = progress ? Progress.start("download brodatz112", plates.length) : Progress.silent()) {
            for (int k : plates) {
                Path target = dir.resolve("D" + k + ".png");
                String want = digests.get(k - 1);
                if (Files.isRegularFile(target) && intact(target, want)) {
                    p.step();
                    continue;
                }
                Path work = Files.createTempDirectory(dir, ".brodatz-D" + k + "-");
                try {
                    double[][] plate = new double[PLATE][PLATE];
                    for (int j = 1; j <= 16; j++) {
                        RemoteFile t = tiles.get(k - 1).get(j - 1);
                        d.fetch(base, t, work);
                        double[][] g = ImageReader.read(work.resolve(t.localPath()), PATCH, PATCH);
                        int r0 = (j - 1) / 4 * PATCH;
                        int c0 = (j - 1) % 4 * PATCH;
                        for (int r = 0; r < PATCH; r++) {
                            System.arraycopy(g[r], 0, plate[r0 + r], c0, PATCH);
                        }
                    }
                    String got = pixelDigest(plate);
                    if (!got.equals(want)) {
                        throw new IOException("assembled plate D" + k + " has pixel SHA-256 " + got + ", expected "
                                + want + "; nothing written to " + target);
                    }
                    ImageWriter.writePng(target, plate, ImageWriter.Scaling.UNIT);
                    built++;
                } finally {
                    deleteTree(work);
                }
                p.step();
            }
        }
        return built;
    }

    private static boolean intact(Path png, String digest) {
        try {
            return pixelDigest(ImageReader.read(png, PLATE, PLATE)).equals(digest);
        } catch (IOException | IllegalArgumentException e) {
            return false; // unreadable or wrong size: rebuild it
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path q : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static List<String> resourceLines(String name) {
        try (InputStream in = Brodatz112.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + name + " is missing from the data jar");
            }
            List<String> r = new ArrayList<>();
            try (BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String l; (l = br.readLine()) != null; ) {
                    r.add(l);
                }
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
