package org.scattering4j.data.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes {@code double[rows][cols]} images as 8-bit grayscale PNG files, atomically.
 *
 * <pre>{@code
 * ImageWriter.writePng(Path.of("out.png"), img, ImageWriter.Scaling.UNIT);     // values in [0, 1]
 * ImageWriter.writePng(Path.of("map.png"), field, ImageWriter.Scaling.MIN_MAX); // any range
 * }</pre>
 */
public final class ImageWriter {
    private ImageWriter() {
    }

    /** How values become 8-bit gray levels. */
    public enum Scaling {
        /**
         * v in [0, 1] becomes round(255 v), clipped to [0, 255]: the inverse of {@link ImageReader} for
         * 8-bit images, so reading a written image gives back values of the form k/255 exactly.
         */
        UNIT,
        /** The image's minimum becomes 0 and its maximum 255, linearly (a constant image becomes 0). */
        MIN_MAX
    }

    /**
     * Writes {@code img} (not modified) as an 8-bit gray PNG.
     *
     * @throws IllegalArgumentException if the image is empty, ragged, or holds a non-finite value
     */
    public static void writePng(Path file, double[][] img, Scaling scaling) throws IOException {
        int h = img.length;
        if (h == 0 || img[0].length == 0) {
            throw new IllegalArgumentException("image is empty (" + h + " rows)");
        }
        int w = img[0].length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < h; y++) {
            if (img[y].length != w) {
                throw new IllegalArgumentException("image row " + y + " has " + img[y].length
                        + " values, row 0 has " + w);
            }
            for (int x = 0; x < w; x++) {
                double v = img[y][x];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("image[" + y + "][" + x + "] = " + v + " is not finite");
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double offset = scaling == Scaling.MIN_MAX ? lo : 0;
        double scale = scaling == Scaling.MIN_MAX ? (hi > lo ? 255 / (hi - lo) : 0) : 255;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = out.getRaster();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long q = Math.round((img[y][x] - offset) * scale);
                row[x] = (int) Math.max(0, Math.min(255, q));
            }
            r.setPixels(0, y, w, 1, row);
        }
        AtomicFiles.write(file, o -> {
            if (!ImageIO.write(out, "png", o)) {
                throw new IOException("no PNG writer available in javax.imageio");
            }
        });
    }
}
