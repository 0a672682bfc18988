package org.scattering4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.testing.SharedData;

class ImageReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsCc0BrickWithTheStatisticsItsReadmeStates() throws IOException {
        Path f = SharedData.data("textures-cc0").resolve("brick.png");
        assertArrayEquals(new int[] {512, 512}, ImageReader.size(f));
        double[][] g = ImageReader.read(f, 512, 512);
        double lo = 1;
        double hi = 0;
        double sum = 0;
        for (double[] row : g) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                sum += v;
            }
        }
        // README: brick 63-207 (mean 111.5)
        assertEquals(63 / 255.0, lo, 0);
        assertEquals(207 / 255.0, hi, 0);
        assertEquals(111.5, 255 * sum / (512 * 512), 0.05);
    }

    @Test
    void brodatzPlateIs640Square() throws IOException {
        Path f = SharedData.data("textures-brodatz112").resolve("D1.png");
        assertArrayEquals(new int[] {640, 640}, ImageReader.size(f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageReader.read(f, 160, 160));
        assertTrue(e.getMessage().contains("640 x 640") && e.getMessage().contains("160 x 160"), e.getMessage());
    }

    @Test
    void grayPngRoundTripsExactlyAndNonSquareKeepsRowsByCols() throws IOException {
        Random rnd = new Random(1);
        double[][] img = new double[7][13];
        for (double[] row : img) {
            for (int x = 0; x < row.length; x++) {
                row[x] = rnd.nextInt(256) / 255.0;
            }
        }
        double[][] copy = Arrays.stream(img).map(double[]::clone).toArray(double[][]::new);
        Path p = tmp.resolve("g.png");
        ImageWriter.writePng(p, img, ImageWriter.Scaling.UNIT);
        assertArrayEquals(copy, img);
        assertArrayEquals(new int[] {7, 13}, ImageReader.size(p));
        assertArrayEquals(img, ImageReader.read(p));
    }

    @Test
    void minMaxScalingMapsTheRangeToFullGray() throws IOException {
        double[][] img = {{-3, 0, 5}, {1, 1, 1}};
        Path p = tmp.resolve("mm.png");
        ImageWriter.writePng(p, img, ImageWriter.Scaling.MIN_MAX);
        double[][] back = ImageReader.read(p);
        assertArrayEquals(new double[] {0, Math.round(3 * 255 / 8.0) / 255.0, 1}, back[0], 0);
        ImageWriter.writePng(p, new double[][] {{2, 2}}, ImageWriter.Scaling.MIN_MAX);
        assertArrayEquals(new double[] {0, 0}, ImageReader.read(p)[0], 0);
        ImageWriter.writePng(p, new double[][] {{-1, 2}}, ImageWriter.Scaling.UNIT);
        assertArrayEquals(new double[] {0, 1}, ImageReader.read(p)[0], 0, "UNIT clips");
        assertThrows(IllegalArgumentException.class,
                () -> ImageWriter.writePng(p, new double[][] {{0, Double.NaN}}, ImageWriter.Scaling.UNIT));
        assertThrows(IllegalArgumentException.class,
                () -> ImageWriter.writePng(p, new double[][] {{0, 1}, {1}}, ImageWriter.Scaling.UNIT));
    }

    @Test
    void colourImagesBecomeBt601LumaWhetherPackedInterleavedOrPaletted() throws IOException {
        int[][] rgb = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 20, 30}, {77, 77, 77}};
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR,
            BufferedImage.TYPE_4BYTE_ABGR}) {
            for (String fmt : new String[] {"png", "gif"}) {
                BufferedImage b = new BufferedImage(rgb.length, 1, type);
                for (int i = 0; i < rgb.length; i++) {
                    b.setRGB(i, 0, 0xff000000 | rgb[i][0] << 16 | rgb[i][1] << 8 | rgb[i][2]);
                }
                Path p = tmp.resolve("c" + type + "." + fmt);
                if (fmt.equals("gif")) {
                    // the GIF writer needs a palette image
                    BufferedImage ind = new BufferedImage(rgb.length, 1, BufferedImage.TYPE_BYTE_INDEXED);
                    ind.getGraphics().drawImage(b, 0, 0, null);
                    b = ind;
                }
                assertTrue(ImageIO.write(b, fmt, p.toFile()));
                double[] got = ImageReader.read(p)[0];
                for (int i = 0; i < rgb.length; i++) {
                    int px = b.getRGB(i, 0); // the stored colour (a palette may have moved it)
                    int r = px >> 16 & 0xff;
                    int g = px >> 8 & 0xff;
                    int bl = px & 0xff;
                    double expect = r == g && g == bl ? r / 255.0 : (0.299 * r + 0.587 * g + 0.114 * bl) / 255;
                    assertEquals(expect, got[i], 1e-12, fmt + " type " + type + " pixel " + i);
                }
            }
        }
    }

    @Test
    void grayJpegIsReadFromTheRasterWithoutGammaChange() throws IOException {
        BufferedImage b = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                b.getRaster().setSample(x, y, 0, 100);
            }
        }
        Path p = tmp.resolve("g.jpg");
        assertTrue(ImageIO.write(b, "jpeg", p.toFile()));
        double[][] g = ImageReader.read(p);
        assertEquals(100 / 255.0, g[5][7], 1.5 / 255, "flat gray survives JPEG within one level");
    }

    @Test
    void truncatedOrForeignFilesAreRejectedNamingTheFile() throws IOException {
        byte[] png = Files.readAllBytes(SharedData.data("textures-cc0").resolve("grass.png"));
        Path cut = tmp.resolve("cut.png");
        Files.write(cut, Arrays.copyOf(png, png.length / 2));
        FileFormatException e = assertThrows(FileFormatException.class, () -> ImageReader.read(cut));
        assertTrue(e.getMessage().contains("cut.png"), e.getMessage());

        BufferedImage b = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        Path jpg = tmp.resolve("full.jpg");
        ImageIO.write(b, "jpeg", jpg.toFile());
        byte[] jb = Files.readAllBytes(jpg);
        Path jcut = tmp.resolve("cut.jpg");
        Files.write(jcut, Arrays.copyOf(jb, jb.length - 40));
        FileFormatException j = assertThrows(FileFormatException.class, () -> ImageReader.read(jcut));
        assertTrue(j.getMessage().contains("cut.jpg"), j.getMessage());

        Path txt = tmp.resolve("notes.png");
        Files.writeString(txt, "hello, not an image");
        FileFormatException t = assertThrows(FileFormatException.class, () -> ImageReader.read(txt));
        assertTrue(t.getMessage().contains("notes.png") && t.getMessage().contains("not a PNG"), t.getMessage());
    }
}
