package org.scattering4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.testing.SharedData;

class IdxReaderTest {
    @TempDir
    Path tmp;

    private static Path mnist(String name) {
        return SharedData.data("mnist").resolve(name);
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    @Test
    void testLabelsStartAsTheReadmeSaysAndCountPerClass() throws IOException {
        int[] y = IdxReader.readLabels(mnist("t10k-labels-idx1-ubyte.gz"));
        assertEquals(10000, y.length);
        assertArrayEquals(new int[] {7, 2, 1, 0, 4, 1, 4, 9, 5, 9}, Arrays.copyOf(y, 10));
        int[] counts = new int[10];
        for (int v : y) {
            counts[v]++;
        }
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, counts);
        assertEquals(5, IdxReader.readLabels(mnist("train-labels-idx1-ubyte.gz"))[0]);
    }

    @Test
    void imagesMatchTheRawBytesOfTheDecompressedFile() throws IOException {
        byte[] raw = gunzip(mnist("t10k-images-idx3-ubyte.gz"));
        double[][][] x = IdxReader.readImages(mnist("t10k-images-idx3-ubyte.gz"));
        assertEquals(10000, x.length);
        assertEquals(28, x[0].length);
        assertEquals(28, x[0][0].length);
        for (int i : new int[] {0, 1, 4567, 9999}) {
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    assertEquals((raw[16 + i * 784 + r * 28 + c] & 0xff) / 255.0, x[i][r][c], 0);
                }
            }
        }
        // a plain copy is detected by its first bytes, whatever its name
        Path plain = tmp.resolve("looks-compressed.gz");
        Files.write(plain, raw);
        try (IdxReader.Images it = IdxReader.openImages(plain)) {
            assertEquals(10000, it.count());
            assertArrayEquals(x[0], it.next());
            assertArrayEquals(x[1], it.next());
        }
    }

    @Test
    void streamingTheTrainingImagesVisitsAll60000() throws IOException {
        try (IdxReader.Images it = IdxReader.openImages(mnist("train-images-idx3-ubyte.gz"))) {
            assertEquals(60000, it.count());
            assertEquals(28, it.rows());
            int n = 0;
            double sum0 = 0;
            while (it.hasNext()) {
                double[][] img = it.next();
                if (n == 0) {
                    for (double[] row : img) {
                        for (double v : row) {
                            sum0 += v;
                        }
                    }
                }
                n++;
            }
            assertEquals(60000, n);
            assertTrue(sum0 > 50 && sum0 < 200, "first image (a 5) has ink: " + sum0);
            assertFalse(it.hasNext());
        }
    }

    @Test
    void truncatedFilesNameTheFileAndTheLengths() throws IOException {
        byte[] raw = gunzip(mnist("t10k-labels-idx1-ubyte.gz"));
        Path plainCut = tmp.resolve("labels-cut");
        Files.write(plainCut, Arrays.copyOf(raw, 5000));
        FileFormatException e = assertThrows(FileFormatException.class, () -> IdxReader.readLabels(plainCut));
        assertTrue(e.getMessage().contains("labels-cut") && e.getMessage().contains("10008")
                && e.getMessage().contains("5000"), e.getMessage());

        // gzip of a cut image file: the announced size is only found wanting when the data run out
        byte[] img = gunzip(mnist("t10k-images-idx3-ubyte.gz"));
        Path gzCut = tmp.resolve("images-cut.gz");
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(img, 0, 16 + 784 * 3 + 100);
        }
        Files.write(gzCut, bos.toByteArray());
        FileFormatException g = assertThrows(FileFormatException.class, () -> IdxReader.readImages(gzCut));
        assertTrue(g.getMessage().contains("images-cut.gz") && g.getMessage().contains("7840000")
                && g.getMessage().contains("2452"), g.getMessage());
        try (IdxReader.Images it = IdxReader.openImages(gzCut)) {
            it.next();
            it.next();
            it.next();
            UncheckedIOException u = assertThrows(UncheckedIOException.class, it::next);
            assertTrue(u.getCause() instanceof FileFormatException);
        }

        // a cut gzip stream (compressed bytes missing)
        byte[] gzBytes = Files.readAllBytes(mnist("t10k-labels-idx1-ubyte.gz"));
        Path broken = tmp.resolve("broken.gz");
        Files.write(broken, Arrays.copyOf(gzBytes, gzBytes.length / 2));
        FileFormatException b = assertThrows(FileFormatException.class, () -> IdxReader.readLabels(broken));
        assertTrue(b.getMessage().contains("broken.gz"), b.getMessage());
    }

    @Test
    void corruptHeadersAreNamed() throws IOException {
        byte[] raw = gunzip(mnist("t10k-labels-idx1-ubyte.gz"));
        byte[] badMagic = raw.clone();
        badMagic[0] = 7;
        Path p = tmp.resolve("m");
        Files.write(p, badMagic);
        assertTrue(assertThrows(FileFormatException.class, () -> IdxReader.readLabels(p)).getMessage()
                .contains("magic"));
        byte[] badType = raw.clone();
        badType[2] = 0x0A;
        Files.write(p, badType);
        assertTrue(assertThrows(FileFormatException.class, () -> IdxReader.readLabels(p)).getMessage()
                .contains("type = 0xa"));
        byte[] longer = Arrays.copyOf(raw, raw.length + 3);
        Files.write(p, longer);
        assertTrue(assertThrows(FileFormatException.class, () -> IdxReader.readLabels(p)).getMessage()
                .contains("too long"));
        Path imgAsLabels = mnist("t10k-images-idx3-ubyte.gz");
        assertTrue(assertThrows(FileFormatException.class, () -> IdxReader.readLabels(imgAsLabels)).getMessage()
                .contains("3 dimensions"));
    }
}
