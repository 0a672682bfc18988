package org.scattering4j.audioimage.features;

import java.util.Locale;

/**
 * A small affine deformation of a grayscale image: rotation, isotropic scaling and horizontal shear about the
 * image centre, then a translation, resampled by bilinear interpolation with zero outside the image. Used to
 * augment training sets (e.g. MNIST) with the slightly deformed copies that the class-wise affine spaces of
 * Bruna and Mallat should contain.
 *
 * <p><b>Convention.</b> Pixel {@code (r, c)} (row, column) has centre coordinates {@code (y, x) = (r - cy, c - cx)}
 * with {@code cy = (rows - 1) / 2}, {@code cx = (cols - 1) / 2}. The forward map sends an input point
 * {@code u = (x, y)} to {@code A u + t} with {@code A = s R(theta) H(shear)}, {@code H = [[1, shear], [0, 1]]}
 * ({@code x' = x + shear y}), {@code R(theta) = [[cos, -sin], [sin, cos]]} in (x, y) with y pointing down
 * (so a positive angle turns the image clockwise on screen) and {@code t = (dx, dy)} in pixels (dx to the
 * right, dy down). The output pixel at {@code v} takes the input value at {@code A^{-1}(v - t)}. An integer
 * translation alone therefore shifts the image exactly, filling with zeros.
 *
 * <pre>{@code
 * ImageDeformation d = ImageDeformation.rotation(8).then(1, 0);   // 8 degrees, then one pixel right
 * double[][] warped = d.apply(image);                                // image is not modified
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ImageDeformation {
    private static final double MAX_ANGLE = 45;
    private static final double MAX_SHIFT = 8;
    private static final double MIN_SCALE = 0.5;
    private static final double MAX_SCALE = 2;
    private static final double MAX_SHEAR = 1;

    private final double angle;
    private final double scale;
    private final double shear;
    private final double dx;
    private final double dy;
    // inverse map A^{-1} = H^{-1} R^{-1} / s, row-major (x, y)
    private final double i00;
    private final double i01;
    private final double i10;
    private final double i11;

    private ImageDeformation(double angle, double scale, double shear, double dx, double dy) {
        this.angle = check("angle (degrees)", angle, -MAX_ANGLE, MAX_ANGLE);
        this.scale = check("scale", scale, MIN_SCALE, MAX_SCALE);
        this.shear = check("shear", shear, -MAX_SHEAR, MAX_SHEAR);
        this.dx = check("dx (pixels)", dx, -MAX_SHIFT, MAX_SHIFT);
        this.dy = check("dy (pixels)", dy, -MAX_SHIFT, MAX_SHIFT);
        double t = Math.toRadians(angle);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        // R^{-1} = [[cos, sin], [-sin, cos]]; H^{-1} = [[1, -shear], [0, 1]]
        double r00 = cos;
        double r01 = sin;
        double r10 = -sin;
        double r11 = cos;
        this.i00 = (r00 - shear * r10) / scale;
        this.i01 = (r01 - shear * r11) / scale;
        this.i10 = r10 / scale;
        this.i11 = r11 / scale;
    }

    private static double check(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " = " + v + ": allowed " + lo + ".." + hi);
        }
        return v;
    }

    /** The identity (no deformation). */
    public static ImageDeformation identity() {
        return new ImageDeformation(0, 1, 0, 0, 0);
    }

    /** A rotation by {@code degrees} (in -45..45; positive is clockwise on screen) about the centre. */
    public static ImageDeformation rotation(double degrees) {
        return new ImageDeformation(degrees, 1, 0, 0, 0);
    }

    /** A translation by {@code dx} pixels right and {@code dy} pixels down (each in -8..8). */
    public static ImageDeformation translation(double dx, double dy) {
        return new ImageDeformation(0, 1, 0, dx, dy);
    }

    /** An isotropic scaling by {@code s} (in 0.5..2) about the centre. */
    public static ImageDeformation scaling(double s) {
        return new ImageDeformation(0, s, 0, 0, 0);
    }

    /** A horizontal shear {@code x' = x + k y} (k in -1..1) about the centre. */
    public static ImageDeformation shear(double k) {
        return new ImageDeformation(0, 1, k, 0, 0);
    }

    /** The general map: scale, rotation (degrees) and shear about the centre, then the translation (dx, dy). */
    public static ImageDeformation of(double degrees, double scale, double shear, double dx, double dy) {
        return new ImageDeformation(degrees, scale, shear, dx, dy);
    }

    /** This deformation followed by a translation of (dx, dy) pixels (added to this one's translation). */
    public ImageDeformation then(double moreDx, double moreDy) {
        return new ImageDeformation(angle, scale, shear, dx + moreDx, dy + moreDy);
    }

    /**
     * The deformed copy of {@code image} (rectangular, at least 1 x 1, finite values), of the same size.
     * The input is not modified.
     */
    public double[][] apply(double[][] image) {
        if (image == null || image.length == 0 || image[0] == null || image[0].length == 0) {
            throw new IllegalArgumentException("image must be a non-empty rows x cols array");
        }
        int rows = image.length;
        int cols = image[0].length;
        for (int r = 0; r < rows; r++) {
            if (image[r] == null || image[r].length != cols) {
                throw new IllegalArgumentException("image row " + r + " has length "
                        + (image[r] == null ? "null" : image[r].length) + "; expected " + cols + " (rectangular image)");
            }
        }
        double cy = (rows - 1) / 2.0;
        double cx = (cols - 1) / 2.0;
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            double vy = r - cy - dy;
            double[] o = out[r];
            for (int c = 0; c < cols; c++) {
                double vx = c - cx - dx;
                double sx = i00 * vx + i01 * vy + cx;
                double sy = i10 * vx + i11 * vy + cy;
                o[c] = bilinear(image, rows, cols, sy, sx);
            }
        }
        return out;
    }

    /** Bilinear interpolation at (row y, column x), zero outside the pixel grid. */
    private static double bilinear(double[][] im, int rows, int cols, double y, double x) {
        if (y <= -1 || x <= -1 || y >= rows || x >= cols) {
            return 0;
        }
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double fy = y - y0;
        double fx = x - x0;
        // snap values within rounding of a grid point so exact shifts stay exact
        if (fy < 1e-12) {
            fy = 0;
        } else if (fy > 1 - 1e-12) {
            fy = 0;
            y0++;
        }
        if (fx < 1e-12) {
            fx = 0;
        } else if (fx > 1 - 1e-12) {
            fx = 0;
            x0++;
        }
        double a = pixel(im, rows, cols, y0, x0);
        double b = fx == 0 ? 0 : pixel(im, rows, cols, y0, x0 + 1);
        double c = fy == 0 ? 0 : pixel(im, rows, cols, y0 + 1, x0);
        double d = fx == 0 || fy == 0 ? 0 : pixel(im, rows, cols, y0 + 1, x0 + 1);
        return (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d);
    }

    private static double pixel(double[][] im, int rows, int cols, int r, int c) {
        return r < 0 || c < 0 || r >= rows || c >= cols ? 0 : im[r][c];
    }

    /** A short description, e.g. {@code rot=8 scale=1 shear=0 shift=(1,0)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "rot=%g scale=%g shear=%g shift=(%g,%g)", angle, scale, shear, dx, dy);
    }
}
