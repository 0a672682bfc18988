package org.scattering4j.data.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST format), plain or gzip-compressed; compression is detected from the
 * first two bytes (gzip magic {@code 1f 8b}), not from the file name.
 *
 * <p>Header: two zero bytes, a type byte (0x08 unsigned byte, 0x09 signed byte, 0x0B short, 0x0C int,
 * 0x0D float, 0x0E double; big-endian), the number of dimensions, then each dimension as a big-endian
 * int. Images ({@code n x rows x cols}) come back as {@code double[rows][cols]} with unsigned-byte
 * pixels divided by 255, so in [0, 1] (other types are returned as stored); labels ({@code n}) as
 * {@code int[]}.
 *
 * <p>The header's sizes are checked against the data: a plain file must have exactly the announced
 * length; a compressed one is checked when its data run out (or, when read whole, for trailing bytes).
 * Errors name the file and the field or the expected and actual length.
 *
 * <pre>{@code
 * int[] y = IdxReader.readLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"));   // y[0] == 7
 * double[][][] x = IdxReader.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"));
 * try (IdxReader.Images it = IdxReader.openImages(dir.resolve("train-images-idx3-ubyte.gz"))) {
 *     while (it.hasNext()) { double[][] img = it.next(); ... }                 // one image in memory
 * }
 * }</pre>
 */
public final class IdxReader {
    private IdxReader() {
    }

    /**
     * An IDX header.
     *
     * @param type the element type code (0x08 unsigned byte, ...)
     * @param dims the dimensions, first = number of items
     */
    public record Header(int type, int[] dims) {
        /** Bytes per element. */
        public int elementSize() {
            return switch (type) {
                case 0x08, 0x09 -> 1;
                case 0x0B -> 2;
                case 0x0C, 0x0D -> 4;
                case 0x0E -> 8;
                default -> throw new IllegalStateException("type " + type);
            };
        }

        /** Number of elements after the first dimension (pixels per image; 1 for labels). */
        public long itemSize() {
            long s = 1;
            for (int i = 1; i < dims.length; i++) {
                s *= dims[i];
            }
            return s;
        }

        /** Bytes of data the header announces. */
        public long dataBytes() {
            return dims.length == 0 ? 0 : dims[0] * itemSize() * elementSize();
        }

        /** Bytes of the header itself. */
        public int headerBytes() {
            return 4 + 4 * dims.length;
        }

        @Override
        public String toString() {
            return "type 0x" + Integer.toHexString(type) + ", dims " + Arrays.toString(dims);
        }
    }

    /** Reads a file's header only. */
    public static Header readHeader(Path file) throws IOException {
        try (Cursor c = new Cursor(file)) {
            return c.header;
        }
    }

    /** Reads all labels of a one-dimensional IDX file. */
    public static int[] readLabels(Path file) throws IOException {
        try (Cursor c = new Cursor(file)) {
            if (c.header.dims.length != 1) {
                throw new FileFormatException(file.toString(), "header announces " + c.header.dims.length
                        + " dimensions " + Arrays.toString(c.header.dims) + ", a label file has 1");
            }
            int n = c.header.dims[0];
            int[] y = new int[n];
            double[] v = new double[1];
            for (int i = 0; i < n; i++) {
                c.nextItem(v, i);
                y[i] = (int) v[0];
            }
            c.checkEnd();
            return y;
        }
    }

    /** Reads all images of a three-dimensional IDX file ({@code n x rows x cols}). */
    public static double[][][] readImages(Path file) throws IOException {
        try (Images it = openImages(file)) {
            double[][][] x = new double[it.count()][][];
            for (int i = 0; i < x.length; i++) {
                try {
                    x[i] = it.next();
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            it.cursor.checkEnd();
            return x;
        }
    }

    /** Opens an image file for streaming, one image at a time. */
    public static Images openImages(Path file) throws IOException {
        Cursor c = new Cursor(file);
        if (c.header.dims.length != 3) {
            c.close();
            throw new FileFormatException(file.toString(), "header announces " + c.header.dims.length
                    + " dimensions " + Arrays.toString(c.header.dims) + ", an image file has 3 (n, rows, cols)");
        }
        return new Images(c);
    }

    /**
     * A stream of the images of one file: each {@link #next()} decodes one image. Not thread-safe.
     * {@link #next()} wraps I/O errors (including truncation) in {@link java.io.UncheckedIOException}.
     */
    public static final class Images implements Iterator<double[][]>, AutoCloseable {
        private final Cursor cursor;
        private final double[] flat;
        private int index;

        private Images(Cursor cursor) {
            this.cursor = cursor;
            this.flat = new double[(int) cursor.header.itemSize()];
        }

        /** Number of images the header announces. */
        public int count() {
            return cursor.header.dims[0];
        }

        /** Rows per image. */
        public int rows() {
            return cursor.header.dims[1];
        }

        /** Columns per image. */
        public int cols() {
            return cursor.header.dims[2];
        }

        @Override
        public boolean hasNext() {
            return index < count();
        }

        @Override
        public double[][] next() {
            if (!hasNext()) {
                throw new NoSuchElementException("all " + count() + " images have been read");
            }
            try {
                cursor.nextItem(flat, index++);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            int r = rows();
            int c = cols();
            double[][] img = new double[r][c];
            for (int y = 0; y < r; y++) {
                System.arraycopy(flat, y * c, img[y], 0, c);
            }
            return img;
        }

        @Override
        public void close() throws IOException {
            cursor.close();
        }
    }

    private static final class Cursor implements AutoCloseable {
        final String name;
        final InputStream in;
        final Header header;
        final boolean gzip;
        byte[] buf = new byte[0];

        Cursor(Path file) throws IOException {
            this.name = file.toString();
            if (!Files.exists(file)) {
                throw new NoSuchFileException(name, null, "no such IDX file");
            }
            long size = Files.size(file);
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            try {
                raw.mark(2);
                int b0 = raw.read();
                int b1 = raw.read();
                raw.reset();
                gzip = b0 == 0x1f && b1 == 0x8b;
                InputStream s = raw;
                if (gzip) {
                    try {
                        s = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
                    } catch (ZipException | java.io.EOFException e) {
                        throw new FileFormatException(name, "corrupt gzip header: " + e.getMessage(), e);
                    }
                }
                this.in = s;
                this.header = parse(s);
                if (!gzip) {
                    long expect = header.headerBytes() + header.dataBytes();
                    if (size != expect) {
                        throw new FileFormatException(name, (size < expect ? "truncated" : "too long")
                                + ": header (" + header + ") announces " + expect + " bytes, the file has " + size);
                    }
                }
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        private Header parse(InputStream s) throws IOException {
            byte[] m = read(s, 4, "magic number");
            if (m[0] != 0 || m[1] != 0) {
                throw new FileFormatException(name, String.format("bad magic number 0x%02x%02x%02x%02x: an IDX "
                        + "file starts with two zero bytes", m[0], m[1], m[2], m[3]));
            }
            int type = m[2] & 0xff;
            if (type != 0x08 && type != 0x09 && type != 0x0B && type != 0x0C && type != 0x0D && type != 0x0E) {
                throw new FileFormatException(name, "header field type = 0x" + Integer.toHexString(type)
                        + "; allowed 0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E");
            }
            int nd = m[3] & 0xff;
            if (nd < 1) {
                throw new FileFormatException(name, "header field dimensions = 0, must be >= 1");
            }
            byte[] d = read(s, 4 * nd, "dimension sizes");
            int[] dims = new int[nd];
            long total = 1;
            for (int i = 0; i < nd; i++) {
                dims[i] = ((d[4 * i] & 0xff) << 24) | ((d[4 * i + 1] & 0xff) << 16) | ((d[4 * i + 2] & 0xff) << 8)
                        | (d[4 * i + 3] & 0xff);
                if (dims[i] < 0) {
                    throw new FileFormatException(name, "header field size of dimension " + i + " = "
                            + (dims[i] & 0xffffffffL) + " is too large");
                }
                total *= Math.max(1, dims[i]);
            }
            Header h = new Header(type, dims);
            if (h.itemSize() > Integer.MAX_VALUE / 8 || total > (1L << 40)) {
                throw new FileFormatException(name, "implausible header: " + h);
            }
            return h;
        }

        private byte[] read(InputStream s, int n, String what) throws IOException {
            byte[] b = readNBytes(s, n);
            if (b.length < n) {
                throw new FileFormatException(name, "truncated: the file ends inside the header (" + what + ")");
            }
            return b;
        }

        private byte[] readNBytes(InputStream s, int n) throws IOException {
            try {
                return s.readNBytes(n);
            } catch (java.io.EOFException e) {
                throw new FileFormatException(name, "truncated gzip stream: " + e.getMessage(), e);
            } catch (ZipException e) {
                throw new FileFormatException(name, "corrupt gzip data: " + e.getMessage(), e);
            }
        }

        void nextItem(double[] dst, int index) throws IOException {
            int es = header.elementSize();
            int len = dst.length * es;
            if (buf.length < len) {
                buf = new byte[len];
            }
            int got;
            try {
                got = in.readNBytes(buf, 0, len);
            } catch (java.io.EOFException e) {
                throw new FileFormatException(name, "truncated gzip stream in item " + index + " of "
                        + header.dims[0] + ": " + e.getMessage(), e);
            } catch (ZipException e) {
                throw new FileFormatException(name, "corrupt gzip data in item " + index + ": " + e.getMessage(), e);
            }
            if (got < len) {
                long have = (long) index * len + got;
                throw new FileFormatException(name, "truncated: header (" + header + ") announces "
                        + header.dataBytes() + " data bytes" + (gzip ? " (uncompressed)" : "")
                        + ", the data end after " + have);
            }
            switch (header.type) {
                case 0x08 -> {
                    for (int i = 0; i < dst.length; i++) {
                        dst[i] = (buf[i] & 0xff) / 255.0;
                    }
                    if (header.dims.length == 1) {
                        dst[0] = buf[0] & 0xff; // labels stay integers
                    }
                }
                case 0x09 -> {
                    for (int i = 0; i < dst.length; i++) {
                        dst[i] = buf[i];
                    }
                }
                case 0x0B -> {
                    for (int i = 0; i < dst.length; i++) {
                        dst[i] = (short) (((buf[2 * i] & 0xff) << 8) | (buf[2 * i + 1] & 0xff));
                    }
                }
                case 0x0C, 0x0D -> {
                    for (int i = 0; i < dst.length; i++) {
                        int p = 4 * i;
                        int v = ((buf[p] & 0xff) << 24) | ((buf[p + 1] & 0xff) << 16) | ((buf[p + 2] & 0xff) << 8)
                                | (buf[p + 3] & 0xff);
                        dst[i] = header.type == 0x0C ? v : Float.intBitsToFloat(v);
                    }
                }
                default -> {
                    for (int i = 0; i < dst.length; i++) {
                        long v = 0;
                        for (int k = 0; k < 8; k++) {
                            v = (v << 8) | (buf[8 * i + k] & 0xff);
                        }
                        dst[i] = Double.longBitsToDouble(v);
                    }
                }
            }
        }

        void checkEnd() throws IOException {
            int extra;
            try {
                extra = in.read();
            } catch (ZipException | java.io.EOFException e) {
                throw new FileFormatException(name, "corrupt gzip trailer: " + e.getMessage(), e);
            }
            if (extra != -1) {
                throw new FileFormatException(name, "too long: bytes follow the " + header.dataBytes()
                        + " data bytes the header (" + header + ") announces");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
