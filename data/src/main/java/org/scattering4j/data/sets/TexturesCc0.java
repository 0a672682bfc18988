package org.scattering4j.data.sets;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.scattering4j.data.io.ImageReader;

/**
 * Three CC0 stationary textures from scikit-image 0.19.3 ({@code skimage/data/}): {@code brick},
 * {@code grass}, {@code gravel}, each a 512 x 512 8-bit gray PNG, for texture-synthesis demos (not a
 * classification set). Checksums are scikit-image's own SHA-256 registry values.
 *
 * <pre>{@code
 * double[][] brick = TexturesCc0.open(DataDirs.resolve(dataOption, TexturesCc0.FOLDER)).read("brick");
 * }</pre>
 */
public final class TexturesCc0 {
    /** Usual folder name under a data root. */
    public static final String FOLDER = "textures-cc0";
    /** Canonical download address: scikit-image's data folder at tag v0.19.3. */
    public static final URI DEFAULT_BASE =
            URI.create("https://raw.githubusercontent.com/scikit-image/scikit-image/v0.19.3/skimage/data/");
    /** Image side. */
    public static final int SIDE = 512;
    /** The texture names. */
    public static final List<String> NAMES = List.of("brick", "grass", "gravel");

    private final Path dir;

    private TexturesCc0(Path dir) {
        this.dir = dir;
    }

    /** Opens the folder; every image must be present. */
    public static TexturesCc0 open(Path dir) {
        for (String n : NAMES) {
            if (!Files.isRegularFile(dir.resolve(n + ".png"))) {
                throw new IllegalArgumentException("CC0 texture directory " + dir + " lacks " + n
                        + ".png (download with TexturesCc0.download, or point --data / " + DataDirs.ENV + " at it)");
            }
        }
        return new TexturesCc0(dir);
    }

    /** A texture as 512 x 512 gray levels in [0, 1]. */
    public double[][] read(String name) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("texture = " + name + "; allowed " + NAMES);
        }
        return ImageReader.read(dir.resolve(name + ".png"), SIDE, SIDE);
    }

    /** The three files with their SHA-256. */
    public static List<RemoteFile> files() {
        return List.of(
                RemoteFile.of("brick.png", "SHA-256", "7966caf324f6ba843118d98f7a07746d22f6a343430add0233eca5f6eaaa8fcf"),
                RemoteFile.of("grass.png", "SHA-256", "b6b6022426b38936c43a4ac09635cd78af074e90f42ffa8227ac8b7452d39f89"),
                RemoteFile.of("gravel.png", "SHA-256",
                        "c48615b451bf1e606fbd72c0aa9f8cc0f068ab7111ef7d93bb9b0f2586440c12"));
    }

    /** Fetches the images from {@code base} into {@code dir}, verified and cached. */
    public static int download(URI base, Path dir) throws IOException {
        return download(base, dir, Downloader.standard());
    }

    /** As {@link #download(URI, Path)} with a given downloader. */
    public static int download(URI base, Path dir, Downloader d) throws IOException {
        return d.fetchAll(base, files(), dir, "textures-cc0");
    }
}
