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
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scattering4j.data.io.WavReader;

/**
 * The Free Spoken Digit Dataset (Jackson et al., Zenodo; github {@code Jakobovski/free-spoken-digit-dataset}
 * at commit {@value #COMMIT}): 3000 recordings {@code recordings/{digit}_{speaker}_{index}.wav},
 * 8 kHz mono 16-bit, 10 digits x 6 speakers x 50. The official split: recordings 0-4 of every speaker
 * and digit are the test set (300), 5-49 the training set (2700).
 *
 * <pre>{@code
 * Fsdd fsdd = Fsdd.open(DataDirs.resolve(dataOption, Fsdd.FOLDER));
 * for (Fsdd.Item it : fsdd.train()) {
 *     double[] x = fsdd.read(it).samples();  // checked to be 8000 Hz
 *     int y = it.label();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Fsdd {
    /** Usual folder name under a data root. */
    public static final String FOLDER = "fsdd";
    /** Sample rate of every recording. */
    public static final int SAMPLE_RATE = 8000;
    /** Recordings with an index below this are the test set. */
    public static final int TEST_INDEX_LIMIT = 5;
    /** The upstream commit whose files the checksums describe. */
    public static final String COMMIT = "26eb9aaf76e81b692f806f9140c2d2777410d7a1";
    /** Canonical download address: the repository's raw files at {@link #COMMIT}. */
    public static final URI DEFAULT_BASE =
            URI.create("https://raw.githubusercontent.com/Jakobovski/free-spoken-digit-dataset/" + COMMIT + "/");

    private static final Pattern NAME = Pattern.compile("([0-9])_([A-Za-z]+)_([0-9]+)\\.wav");

    /**
     * One recording.
     *
     * @param file its path
     * @param digit the spoken digit, 0-9 (the label)
     * @param speaker the speaker's name
     * @param index the take number
     */
    public record Item(Path file, int digit, String speaker, int index) {
        /** The class label (the digit). */
        public int label() {
            return digit;
        }

        /** The file name, e.g. {@code 0_george_0.wav}. */
        public String fileName() {
            return file.getFileName().toString();
        }

        /** Whether the official split puts it in the test set. */
        public boolean isTest() {
            return index < TEST_INDEX_LIMIT;
        }
    }

    private final Path dir;
    private final List<Item> all;

    private Fsdd(Path dir, List<Item> all) {
        this.dir = dir;
        this.all = all;
    }

    /**
     * Lists {@code dir/recordings/*.wav}.
     *
     * @throws IllegalArgumentException if the folder is missing or a {@code .wav} name does not tell its
     *     digit, speaker and take (its label would be missing)
     */
    public static Fsdd open(Path dir) throws IOException {
        Path rec = dir.resolve("recordings");
        if (!Files.isDirectory(rec)) {
            throw new IllegalArgumentException("FSDD directory " + dir + " has no recordings/ folder (download it "
                    + "with Fsdd.download, or point --data / " + DataDirs.ENV + " at it)");
        }
        List<Item> items = new ArrayList<>();
        try (Stream<Path> s = Files.list(rec)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String n = p.getFileName().toString();
                if (!n.toLowerCase(java.util.Locale.ROOT).endsWith(".wav")) {
                    continue;
                }
                items.add(parse(p));
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("FSDD folder " + rec + " holds no .wav files");
        }
        items.sort(Comparator.comparingInt(Item::digit).thenComparing(Item::speaker).thenComparingInt(Item::index));
        return new Fsdd(dir, List.copyOf(items));
    }

    /** Parses {@code {digit}_{speaker}_{index}.wav}. */
    public static Item parse(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("FSDD file name " + file.getFileName() + " (" + file
                    + ") does not have the form {digit}_{speaker}_{index}.wav, so its label is missing");
        }
        return new Item(file, Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)));
    }

    /** The set's directory. */
    public Path dir() {
        return dir;
    }

    /** All recordings, by digit, speaker, take. */
    public List<Item> all() {
        return all;
    }

    /** Takes 5-49 (2700 in the full set). */
    public List<Item> train() {
        return all.stream().filter(i -> !i.isTest()).toList();
    }

    /** Takes 0-4 (300 in the full set). */
    public List<Item> test() {
        return all.stream().filter(Item::isTest).toList();
    }

    /** Reads a recording, refusing any rate but {@value #SAMPLE_RATE} Hz. */
    public WavReader.Audio read(Item item) throws IOException {
        return WavReader.read(item.file(), SAMPLE_RATE);
    }

    /** The 3000 files with their SHA-256 (computed from the files of {@link #COMMIT}). */
    public static List<RemoteFile> files() {
        return FilesHolder.FILES;
    }

    private static final class FilesHolder {
        static final List<RemoteFile> FILES = loadFiles();
    }

    private static List<RemoteFile> loadFiles() {
        List<RemoteFile> r = new ArrayList<>(3000);
        try (InputStream in = Fsdd.class.getResourceAsStream("fsdd-sha256.txt");
             BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line; (line = br.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                r.add(RemoteFile.of(f[1], "SHA-256", f[0]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled FSDD checksum list", e);
        }
        return List.copyOf(r);
    }

    /**
     * Fetches the recordings from {@code base} (normally {@link #DEFAULT_BASE}) into {@code dir},
     * verifying each file's SHA-256 and skipping files already present and intact.
     *
     * @return number of files fetched
     */
    public static int download(URI base, Path dir) throws IOException {
        return download(base, dir, Downloader.standard());
    }

    /** As {@link #download(URI, Path)} with a given downloader. */
    public static int download(URI base, Path dir, Downloader d) throws IOException {
        return d.fetchAll(base, files(), dir, "fsdd");
    }
}
