package org.scattering4j.data.sets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.scattering4j.data.io.WavReader;

/**
 * A user's sound classification set laid out as {@code DIR/train/<class>/*.wav} and
 * {@code DIR/test/<class>/*.wav}. Class indices follow the sorted class folder names of
 * {@code train/}; a test class without training folder, or a file outside a class folder, is an
 * error. There is no canonical download: the files are the user's.
 *
 * <pre>{@code
 * SoundFolder f = SoundFolder.open(Path.of("my-sounds"));
 * for (LabelledItem it : f.train()) { double[] x = f.read(it, 16000).samples(); }
 * }</pre>
 */
public final class SoundFolder {
    /** File extensions taken as sounds. */
    public static final Set<String> EXTENSIONS = Set.of("wav");
    private final Path dir;
    private final FolderScan scan;

    private SoundFolder(Path dir, FolderScan scan) {
        this.dir = dir;
        this.scan = scan;
    }

    /** Scans the folder. */
    public static SoundFolder open(Path dir) throws IOException {
        return new SoundFolder(dir, FolderScan.scan(dir, EXTENSIONS, "sound"));
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** Class names, index = label. */
    public List<String> classes() {
        return scan.classes;
    }

    /** Training sounds. */
    public List<LabelledItem> train() {
        return scan.train;
    }

    /** Test sounds. */
    public List<LabelledItem> test() {
        return scan.test;
    }

    /** Reads a sound (mono) refusing any sample rate but {@code sampleRate}. */
    public WavReader.Audio read(LabelledItem item, int sampleRate) throws IOException {
        return WavReader.read(item.file(), sampleRate);
    }
}
