package org.scattering4j.data.sets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scattering4j.data.io.FileFormatException;
import org.scattering4j.data.io.IdxReader;

/**
 * MNIST (LeCun, Bottou, Bengio, Haffner 1998): 60000 training and 10000 test images of 28 x 28,
 * labels 0-9, in the four IDX files, gzip-compressed or plain. Images come as {@code double[28][28]}
 * in [0, 1] (pixel / 255), streamed one at a time by {@link #images(Split)}.
 *
 * <pre>{@code
 * Mnist m = Mnist.open(DataDirs.resolve(dataOption, Mnist.FOLDER));
 * int[] y = m.labels(Mnist.Split.TRAIN);
 * try (IdxReader.Images it = m.images(Mnist.Split.TRAIN)) { while (it.hasNext()) { ... it.next() ... } }
 * }</pre>
 *
 * <p>Checksums: the MD5s of the uncompressed files as published with the original data (and in
 * {@code shared/data/mnist/README.md}), checked on the decompressed content so that any faithful
 * gzip of the files verifies.
 */
public final class Mnist {
    /** Usual folder name under a data root. */
    public static final String FOLDER = "mnist";
    /** Canonical download address (Yann LeCun's MNIST page; the files are gzip there). */
    public static final URI DEFAULT_BASE = URI.create("http://yann.lecun.com/exdb/mnist/");
    /** Image side length. */
    public static final int SIDE = 28;

    /** The two parts of the set. */
    public enum Split {
        /** 60000 training images */
        TRAIN("train", 60000, "6bbc9ace898e44ae57da46a324031adb", "a25bea736e30d166cdddb491f175f624"),
        /** 10000 test images */
        TEST("t10k", 10000, "2646ac647ad5339dbf082846283269ea", "27ae3e4e09519cfbb04c329615203637");

        private final String prefix;
        private final int count;
        private final String imagesMd5;
        private final String labelsMd5;

        Split(String prefix, int count, String imagesMd5, String labelsMd5) {
            this.prefix = prefix;
            this.count = count;
            this.imagesMd5 = imagesMd5;
            this.labelsMd5 = labelsMd5;
        }

        /** Number of images. */
        public int count() {
            return count;
        }

        /** Base name of the image file, without {@code .gz}. */
        public String imagesName() {
            return prefix + "-images-idx3-ubyte";
        }

        /** Base name of the label file, without {@code .gz}. */
        public String labelsName() {
            return prefix + "-labels-idx1-ubyte";
        }
    }

    private final Path dir;

    private Mnist(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens the set in {@code dir}; each of the four files may be {@code NAME.gz} or plain {@code NAME}.
     * Headers are checked now: counts, 28 x 28, and as many labels as images.
     */
    public static Mnist open(Path dir) throws IOException {
        Mnist m = new Mnist(dir);
        for (Split s : Split.values()) {
            Path img = m.imagesFile(s);
            Path lab = m.labelsFile(s);
            IdxReader.Header hi = IdxReader.readHeader(img);
            IdxReader.Header hl = IdxReader.readHeader(lab);
            if (hi.dims().length != 3 || hi.dims()[0] != s.count() || hi.dims()[1] != SIDE || hi.dims()[2] != SIDE) {
                throw new FileFormatException(img.toString(), "header (" + hi + ") is not " + s.count() + " x 28 x 28");
            }
            if (hl.dims().length != 1 || hl.dims()[0] != s.count()) {
                throw new FileFormatException(lab.toString(), "header (" + hl + ") announces "
                        + java.util.Arrays.toString(hl.dims()) + " labels; the images file has " + s.count()
                        + " images, each needs a label");
            }
        }
        return m;
    }

    /** The image file of a split ({@code .gz} preferred when both exist). */
    public Path imagesFile(Split s) {
        return find(s.imagesName());
    }

    /** The label file of a split. */
    public Path labelsFile(Split s) {
        return find(s.labelsName());
    }

    private Path find(String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new IllegalArgumentException("MNIST directory " + dir + " lacks " + base + ".gz (or " + base
                + "); download it with Mnist.download, or point --data / " + DataDirs.ENV + " at it");
    }

    /** All labels of a split. */
    public int[] labels(Split s) throws IOException {
        return IdxReader.readLabels(labelsFile(s));
    }

    /** The images of a split as a stream (close it). */
    public IdxReader.Images images(Split s) throws IOException {
        return IdxReader.openImages(imagesFile(s));
    }

    /** All images of a split at once (60000 x 28 x 28 doubles = 376 MB for TRAIN). */
    public double[][][] readImages(Split s) throws IOException {
        return IdxReader.readImages(imagesFile(s));
    }

    /** The four {@code .gz} files with the MD5 of their uncompressed content. */
    public static List<RemoteFile> files() {
        return List.of(
                new RemoteFile(Split.TRAIN.imagesName() + ".gz", Split.TRAIN.imagesName() + ".gz", "MD5",
                        Split.TRAIN.imagesMd5, true),
                new RemoteFile(Split.TRAIN.labelsName() + ".gz", Split.TRAIN.labelsName() + ".gz", "MD5",
                        Split.TRAIN.labelsMd5, true),
                new RemoteFile(Split.TEST.imagesName() + ".gz", Split.TEST.imagesName() + ".gz", "MD5",
                        Split.TEST.imagesMd5, true),
                new RemoteFile(Split.TEST.labelsName() + ".gz", Split.TEST.labelsName() + ".gz", "MD5",
                        Split.TEST.labelsMd5, true));
    }

    /** Fetches the four files from {@code base} into {@code dir}, verified and cached. */
    public static int download(URI base, Path dir) throws IOException {
        return download(base, dir, Downloader.standard());
    }

    /** As {@link #download(URI, Path)} with a given downloader. */
    public static int download(URI base, Path dir, Downloader d) throws IOException {
        return d.fetchAll(base, files(), dir, "mnist");
    }
}
