package org.scattering4j.data.sets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.scattering4j.data.io.ImageReader;

/**
 * A user's image classification set laid out as {@code DIR/train/<class>/*} and
 * {@code DIR/test/<class>/*} (PNG, JPEG, GIF, BMP). Class indices follow the sorted class folder
 * names of {@code train/}; a test class without training folder, or an image outside a class folder,
 * is an error. There is no canonical download: the files are the user's.
 *
 * <pre>{@code
 * ImageFolder f = ImageFolder.open(Path.of("my-textures"));
 * for (LabelledItem it : f.train()) { double[][] x = f.read(it); int y = it.label(); }
 * }</pre>
 */
public final class ImageFolder {
    /** File extensions taken as images. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "bmp");
    private final Path dir;
    private final FolderScan scan;

    private ImageFolder(Path dir, FolderScan scan) {
        this.dir = dir;
        this.scan = scan;
    }

    /** Scans the folder. */
    public static ImageFolder open(Path dir) throws IOException {
        return new ImageFolder(dir, FolderScan.scan(dir, EXTENSIONS, "image"));
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** Class names, index = label. */
    public List<String> classes() {
        return scan.classes;
    }

    /** Training images. */
    public List<LabelledItem> train() {
        return scan.train;
    }

    /** Test images. */
    public List<LabelledItem> test() {
        return scan.test;
    }

    /** Reads an image as gray levels in [0, 1] (see {@link ImageReader}). */
    public double[][] read(LabelledItem item) throws IOException {
        return ImageReader.read(item.file());
    }

    /** Reads an image and checks its size (see {@link ImageReader#read(Path, int, int)}). */
    public double[][] read(LabelledItem item, int rows, int cols) throws IOException {
        return ImageReader.read(item.file(), rows, cols);
    }
}
