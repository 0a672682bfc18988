package org.scattering4j.data.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scattering4j.util.NdArray;

/**
 * NumPy {@code .npy} files: read float64/float32 (and integer types, converted to double), either
 * byte order, header versions 1.0, 2.0 and 3.0; write float64 or float32, little-endian, C order.
 *
 * <pre>{@code
 * NdArray x = Npy.read(Path.of("X.npy"));       // shape e.g. (batch, N)
 * Npy.write(Path.of("S.npy"), result);          // float64, written atomically
 * }</pre>
 *
 * <p>Fortran-ordered arrays, object arrays and complex types are refused with a message naming the
 * file and the header. Writing goes through {@link AtomicFiles}, so no half-written file remains.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /** Element type of a file. */
    public enum DType {
        FLOAT64, FLOAT32
    }

    /** The parsed header of a {@code .npy} file. */
    public static final class Header {
        public final String descr;
        public final int[] shape;
        public final long dataOffset;

        Header(String descr, int[] shape, long dataOffset) {
            this.descr = descr;
            this.shape = shape;
            this.dataOffset = dataOffset;
        }

        public long count() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }
    }

    /** Reads a whole file. */
    public static NdArray read(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Header h = readHeader(in, file.toString());
            long n = h.count();
            if (n > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": array of " + n + " values is too large to load at once");
            }
            double[] data = new double[(int) n];
            readValues(in, h, data, 0, data.length, file.toString());
            if (in.read() != -1) {
                throw new IOException(file + ": trailing bytes after the " + n + " values the header announces");
            }
            return new NdArray(h.shape, data);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("no such file: " + file, e);
        }
    }

    /** Reads and validates the header, leaving the stream at the first value. */
    public static Header readHeader(InputStream in, String name) throws IOException {
        byte[] magic = readFully(in, 8, name, "magic string");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new IOException(name + ": not a .npy file (bad magic string)");
            }
        }
        int major = magic[6] & 0xff;
        int headerLen;
        int prefix;
        if (major == 1) {
            byte[] b = readFully(in, 2, name, "header length");
            headerLen = (b[0] & 0xff) | ((b[1] & 0xff) << 8);
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] b = readFully(in, 4, name, "header length");
            headerLen = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
            prefix = 12;
        } else {
            throw new IOException(name + ": unsupported .npy format version " + major + "." + (magic[7] & 0xff));
        }
        if (headerLen < 0 || headerLen > (1 << 20)) {
            throw new IOException(name + ": implausible header length " + headerLen);
        }
        String header = new String(readFully(in, headerLen, name, "header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException(name + ": malformed .npy header: " + header.trim());
        }
        if (f.group(1).equals("True")) {
            throw new IOException(name + ": Fortran-ordered arrays are not supported (save with C order: "
                    + "numpy.ascontiguousarray)");
        }
        String descr = d.group(1);
        if (elementSize(descr) < 0) {
            throw new IOException(name + ": unsupported dtype '" + descr
                    + "' (supported: float64, float32, int8/16/32/64, uint8/16/32, bool)");
        }
        List<Integer> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String t = part.trim();
            if (!t.isEmpty()) {
                try {
                    long v = Long.parseLong(t.replace("L", ""));
                    if (v < 0 || v > Integer.MAX_VALUE) {
                        throw new NumberFormatException();
                    }
                    dims.add((int) v);
                } catch (NumberFormatException e) {
                    throw new IOException(name + ": bad shape in .npy header: (" + s.group(1) + ")");
                }
            }
        }
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        return new Header(descr, shape, prefix + headerLen);
    }

    private static int elementSize(String descr) {
        if (descr.length() < 3) {
            return -1;
        }
        char order = descr.charAt(0);
        if (order != '<' && order != '>' && order != '|' && order != '=') {
            return -1;
        }
        switch (descr.substring(1)) {
            case "f8": case "i8": return 8;
            case "f4": case "i4": case "u4": return 4;
            case "i2": case "u2": return 2;
            case "i1": case "u1": case "b1": return 1;
            default: return -1;
        }
    }

    /** Reads {@code count} values into {@code dst[off..]}, converting to double. */
    public static void readValues(InputStream in, Header h, double[] dst, int off, int count, String name)
            throws IOException {
        int size = elementSize(h.descr);
        ByteOrder order = h.descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String type = h.descr.substring(1);
        byte[] buf = new byte[size * 8192];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(order);
        int done = 0;
        while (done < count) {
            int chunk = Math.min(8192, count - done);
            int need = chunk * size;
            int got = 0;
            while (got < need) {
                int r = in.read(buf, got, need - got);
                if (r < 0) {
                    throw new EOFException(name + ": file is truncated: expected " + count + " values, got "
                            + (done + got / size));
                }
                got += r;
            }
            bb.clear();
            for (int i = 0; i < chunk; i++) {
                double v;
                switch (type) {
                    case "f8": v = bb.getDouble(); break;
                    case "f4": v = bb.getFloat(); break;
                    case "i8": v = bb.getLong(); break;
                    case "i4": v = bb.getInt(); break;
                    case "u4": v = bb.getInt() & 0xffffffffL; break;
                    case "i2": v = bb.getShort(); break;
                    case "u2": v = bb.getShort() & 0xffff; break;
                    case "i1": v = bb.get(); break;
                    default: v = bb.get() & 0xff; break;
                }
                dst[off + done + i] = v;
            }
            done += chunk;
        }
    }

    private static byte[] readFully(InputStream in, int n, String name, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException(name + ": file is truncated in the " + what);
        }
        return b;
    }

    /** Writes {@code a} as float64, atomically. */
    public static void write(Path file, NdArray a) throws IOException {
        write(file, a, DType.FLOAT64);
    }

    /** Writes {@code a} with the given element type, atomically. */
    public static void write(Path file, NdArray a, DType type) throws IOException {
        AtomicFiles.write(file, out -> {
            out.write(header(a.shape(), type, 0));
            writeValues(out, a.data(), 0, a.size(), type);
        });
    }

    /** The complete header block (magic, version, length, dict, padding) for a shape and type. */
    static byte[] header(int[] shape, DType type, int minDictLength) {
        StringBuilder sb = new StringBuilder();
        sb.append("{'descr': '").append(type == DType.FLOAT64 ? "<f8" : "<f4")
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                sb.append(shape.length == 1 ? "," : ", ");
            }
        }
        sb.append("), }");
        while (sb.length() < minDictLength) {
            sb.append(' ');
        }
        int len = sb.length() + 1; // trailing newline
        boolean v2 = 10 + len > 65535;
        int prefix = v2 ? 12 : 10;
        int pad = (64 - (prefix + len) % 64) % 64;
        for (int i = 0; i < pad; i++) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] dict = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + dict.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC);
        b.put((byte) (v2 ? 2 : 1));
        b.put((byte) 0);
        if (v2) {
            b.putInt(dict.length);
        } else {
            b.putShort((short) dict.length);
        }
        b.put(dict);
        return b.array();
    }

    static void writeValues(OutputStream out, double[] v, int off, int n, DType type) throws IOException {
        int size = type == DType.FLOAT64 ? 8 : 4;
        byte[] buf = new byte[size * 8192];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int chunk = Math.min(8192, n - done);
            bb.clear();
            for (int i = 0; i < chunk; i++) {
                if (type == DType.FLOAT64) {
                    bb.putDouble(v[off + done + i]);
                } else {
                    bb.putFloat((float) v[off + done + i]);
                }
            }
            out.write(buf, 0, chunk * size);
            done += chunk;
        }
    }

    /**
     * Streams rows of a fixed trailing shape to a {@code .npy} file whose first-axis length is only
     * known at the end (featurising a molecule file of unknown length). The header is rewritten on
     * {@link #close()}, and the file appears at its final path only then; {@link #abort()} (or an
     * exception before {@code close}) leaves nothing behind.
     */
    public static final class RowWriter implements AutoCloseable {
        private final Path target;
        private final Path tmp;
        private final int[] rowShape;
        private final int rowSize;
        private final DType type;
        private final OutputStream out;
        private final int headerLength;
        private int rows;
        private boolean closed;

        public RowWriter(Path target, int[] rowShape, DType type) throws IOException {
            this.target = target;
            this.rowShape = rowShape.clone();
            int s = 1;
            for (int d : rowShape) {
                s *= d;
            }
            this.rowSize = s;
            this.type = type;
            this.tmp = AtomicFiles.newTemp(target);
            // reserve room for a first-axis length of up to 10 digits
            byte[] h = header(withRows(Integer.MAX_VALUE), type, 0);
            this.headerLength = h.length;
            this.out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
            out.write(header(withRows(0), type, dictLengthFor(h)));
        }

        private static int dictLengthFor(byte[] h) {
            return h.length - 10 - 1; // dict without the trailing newline, version-1 prefix
        }

        private int[] withRows(int n) {
            int[] shape = new int[rowShape.length + 1];
            shape[0] = n;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            return shape;
        }

        /** Appends one row (its length must equal the product of the row shape). */
        public void append(double[] row) throws IOException {
            if (row.length != rowSize) {
                throw new IllegalArgumentException("row has " + row.length + " values, expected " + rowSize
                        + " for row shape " + Arrays.toString(rowShape));
            }
            writeValues(out, row, 0, row.length, type);
            rows++;
        }

        public int rows() {
            return rows;
        }

        /** Finishes the file and moves it to its target path. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.close();
            byte[] h = header(withRows(rows), type, dictLengthFor(header(withRows(Integer.MAX_VALUE), type, 0)));
            if (h.length != headerLength) {
                Files.deleteIfExists(tmp);
                throw new IllegalStateException("npy header length changed");
            }
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(h), 0);
            }
            AtomicFiles.commit(tmp, target);
        }

        /** Abandons the file: nothing is left at the target path. */
        public void abort() {
            closed = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the temporary file is deleted below in any case
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }
}
