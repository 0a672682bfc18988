package org.scattering4j.data.io;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads PNG, JPEG, GIF and BMP images (through {@code javax.imageio}) as grayscale {@code double[rows][cols]}.
 *
 * <p>Values lie in [0, 1]: a stored sample s of a b-bit image becomes s / (2<sup>b</sup> - 1). Gray
 * images are read from their raster directly (never through {@code BufferedImage.getRGB}, which would
 * apply a colour-space conversion and change the values). Colour images (including palette GIFs)
 * become luminance Y = 0.299 R + 0.587 G + 0.114 B on the stored, gamma-encoded values: ITU-R BT.601
 * luma, the rule of Pillow's {@code convert("L")}, so features match Python pipelines that load images
 * that way; a pixel with R = G = B keeps exactly its gray value. Alpha is ignored. Only the first frame
 * of an animated GIF is read.
 *
 * <p>A truncated or corrupt file raises a {@link FileFormatException} naming the file; a decoder
 * warning (which {@code ImageIO.read} would swallow, returning a partly grey image) is treated as an
 * error as well.
 *
 * <pre>{@code
 * double[][] img = ImageReader.read(Path.of("D1.png"));   // 640 x 640, values in [0, 1]
 * int[] rc = ImageReader.size(Path.of("D1.png"));        // {640, 640} without decoding
 * }</pre>
 */
public final class ImageReader {
    private ImageReader() {
    }

    /** Reads an image as luminance in [0, 1], indexed {@code [row][col]}. */
    public static double[][] read(Path file) throws IOException {
        return toGray(decode(file), file.toString());
    }

    /**
     * Reads an image and checks its size.
     *
     * @throws IllegalArgumentException if the image is not {@code rows x cols}
     */
    public static double[][] read(Path file, int rows, int cols) throws IOException {
        double[][] g = read(file);
        if (g.length != rows || g[0].length != cols) {
            throw new IllegalArgumentException(file + ": image is " + g.length + " x " + g[0].length
                    + " (rows x cols), expected " + rows + " x " + cols);
        }
        return g;
    }

    /** {@code {rows, cols}} from the header, without decoding the pixels. */
    public static int[] size(Path file) throws IOException {
        try (ImageInputStream in = openStream(file)) {
            javax.imageio.ImageReader r = readerFor(in, file);
            try {
                r.setInput(in, true, true);
                return new int[] {r.getHeight(0), r.getWidth(0)};
            } catch (IOException | RuntimeException e) {
                throw new FileFormatException(file.toString(), "cannot read the image header: " + e.getMessage(), e);
            } finally {
                r.dispose();
            }
        }
    }

    /** Converts a decoded image to luminance in [0, 1] by the rule in the class comment. */
    public static double[][] toGray(BufferedImage img, String name) throws FileFormatException {
        int h = img.getHeight();
        int w = img.getWidth();
        Raster ras = img.getRaster();
        ColorModel cm = img.getColorModel();
        double[][] out = new double[h][w];
        int[] px = new int[ras.getNumBands()];
        if (cm instanceof IndexColorModel icm) {
            double max = 255.0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = ras.getSample(x, y, 0);
                    out[y][x] = luma(icm.getRed(i), icm.getGreen(i), icm.getBlue(i)) / max;
                }
            }
            return out;
        }
        int colorBands = cm.getNumColorComponents();
        int type = cm.getColorSpace().getType();
        if (colorBands == 1) {
            double max = (1L << cm.getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y][x] = ras.getSample(x, y, 0) / max;
                }
            }
            return out;
        }
        if (colorBands == 3 && type == java.awt.color.ColorSpace.TYPE_RGB && ras.getNumBands() >= 3
                && !(cm instanceof java.awt.image.DirectColorModel)) {
            double max = (1L << cm.getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ras.getPixel(x, y, px);
                    out[y][x] = luma(px[0], px[1], px[2]) / max;
                }
            }
            return out;
        }
        // packed-int and other layouts: sRGB through the colour model
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                out[y][x] = luma((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff) / 255.0;
            }
        }
        return out;
    }

    private static double luma(int r, int g, int b) {
        if (r == g && g == b) {
            return r;
        }
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    private static ImageInputStream openStream(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such image file");
        }
        ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
        if (in == null) {
            throw new IOException(file + ": cannot open for reading");
        }
        return in;
    }

    private static javax.imageio.ImageReader readerFor(ImageInputStream in, Path file) throws IOException {
        Iterator<javax.imageio.ImageReader> it = ImageIO.getImageReaders(in);
        if (!it.hasNext()) {
            in.close();
            throw new FileFormatException(file.toString(), "not a PNG, JPEG, GIF or BMP image "
                    + "(no decoder recognises its first bytes)");
        }
        return it.next();
    }

    private static BufferedImage decode(Path file) throws IOException {
        try (ImageInputStream in = openStream(file)) {
            javax.imageio.ImageReader r = readerFor(in, file);
            List<String> warnings = new ArrayList<>();
            r.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            try {
                r.setInput(in, true, true);
                BufferedImage img = r.read(0);
                if (!warnings.isEmpty()) {
                    throw new FileFormatException(file.toString(), "corrupt or truncated "
                            + r.getFormatName() + " data: " + String.join("; ", warnings));
                }
                return img;
            } catch (FileFormatException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new FileFormatException(file.toString(), "corrupt or truncated " + r.getFormatName()
                        + " data: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage()
                        + ")" : ""), e);
            } finally {
                r.dispose();
            }
        }
    }
}
