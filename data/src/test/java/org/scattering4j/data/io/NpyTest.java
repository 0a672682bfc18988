package org.scattering4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.NdArray;

class NpyTest {
    @TempDir
    Path dir;

    private static NdArray sample(int... shape) {
        NdArray a = NdArray.zeros(shape);
        for (int i = 0; i < a.size(); i++) {
            a.data()[i] = Math.sin(i) * 1e3 + i;
        }
        return a;
    }

    @Test
    void float64RoundTripKeepsShapeAndBits() throws IOException {
        for (int[] shape : new int[][] {{7}, {3, 5}, {2, 3, 4}, {0, 4}, {}}) {
            NdArray a = sample(shape);
            Path f = dir.resolve("a" + shape.length + ".npy");
            Npy.write(f, a);
            NdArray b = Npy.read(f);
            assertArrayEquals(a.shape(), b.shape(), Arrays.toString(shape));
            assertArrayEquals(a.data(), b.data(), 0);
            assertEquals(0, (Files.size(f) - 8L * a.size()) % 64, "header padded so the data starts 64-byte aligned");
        }
    }

    @Test
    void float32WritesRoundedValues() throws IOException {
        NdArray a = sample(4, 4);
        Path f = dir.resolve("f32.npy");
        Npy.write(f, a, Npy.DType.FLOAT32);
        NdArray b = Npy.read(f);
        for (int i = 0; i < a.size(); i++) {
            assertEquals((float) a.data()[i], b.data()[i], 0);
        }
        String head = new String(Files.readAllBytes(f), 0, 80, StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("'<f4'"), head);
    }

    @Test
    void readsAFileWrittenByNumpy() throws IOException {
        // float32, (512, 512), version 1.0 header, written by NumPy (see the data set's README)
        NdArray a = Npy.read(SharedData.data("ism-dust-maps-pywph").resolve("I_1.npy"));
        assertArrayEquals(new int[] {512, 512}, a.shape());
        for (double v : a.data()) {
            assertTrue(Double.isFinite(v));
        }
    }

    /** Writes a header by hand, as another tool might, with the given version and dtype. */
    private Path handMade(String name, int major, String descr, String shape, boolean fortran, byte[] payload)
            throws IOException {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False")
                + ", 'shape': " + shape + ", }\n";
        Path f = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
            ByteBuffer len = ByteBuffer.allocate(major == 1 ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
            if (major == 1) {
                len.putShort((short) dict.length());
            } else {
                len.putInt(dict.length());
            }
            out.write(len.array());
            out.write(dict.getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
        }
        return f;
    }

    @Test
    void readsVersion2HeadersBigEndianAndIntegers() throws IOException {
        ByteBuffer be = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN).putDouble(1.5).putDouble(-2);
        NdArray a = Npy.read(handMade("v2.npy", 2, ">f8", "(2,)", false, be.array()));
        assertArrayEquals(new double[] {1.5, -2}, a.data(), 0);
        ByteBuffer i4 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(3).putInt(-4).putInt(5);
        NdArray b = Npy.read(handMade("i4.npy", 1, "<i4", "(1, 3)", false, i4.array()));
        assertArrayEquals(new int[] {1, 3}, b.shape());
        assertArrayEquals(new double[] {3, -4, 5}, b.data(), 0);
    }

    @Test
    void refusesBadFilesWithTheFileNameInTheMessage() throws IOException {
        Path fortran = handMade("fortran.npy", 1, "<f8", "(1,)", true, new byte[8]);
        assertMessage(fortran, "Fortran");
        Path complex = handMade("complex.npy", 1, "<c16", "(1,)", false, new byte[16]);
        assertMessage(complex, "unsupported dtype");
        Path truncated = handMade("trunc.npy", 1, "<f8", "(4,)", false, new byte[20]);
        assertMessage(truncated, "truncated");
        Path junk = dir.resolve("junk.npy");
        Files.write(junk, new byte[] {1, 2, 3});
        assertMessage(junk, "junk.npy");
        Path trailing = handMade("trailing.npy", 1, "<f8", "(1,)", false, new byte[9]);
        assertMessage(trailing, "trailing");
        assertMessage(dir.resolve("missing.npy"), "missing.npy");
    }

    private static void assertMessage(Path f, String fragment) {
        IOException e = assertThrows(IOException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().contains(f.getFileName().toString()), e.getMessage());
    }

    @Test
    void rowWriterStreamsAndFixesTheFirstAxisAtClose() throws IOException {
        Path f = dir.resolve("rows.npy");
        try (Npy.RowWriter w = new Npy.RowWriter(f, new int[] {2, 3}, Npy.DType.FLOAT64)) {
            for (int r = 0; r < 5; r++) {
                assertFalse(Files.exists(f), "nothing appears at the target before close");
                w.append(new double[] {r, 1, 2, 3, 4, 5});
            }
        }
        NdArray a = Npy.read(f);
        assertArrayEquals(new int[] {5, 2, 3}, a.shape());
        assertEquals(4, a.get(4, 0, 0), 0);
        assertEquals(5, a.get(4, 1, 2), 0);
    }

    @Test
    void abortedRowWriterLeavesNothing() throws IOException {
        Path f = dir.resolve("aborted.npy");
        Npy.RowWriter w = new Npy.RowWriter(f, new int[] {3}, Npy.DType.FLOAT32);
        w.append(new double[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> w.append(new double[] {1}));
        w.abort();
        assertFalse(Files.exists(f));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count(), "temporary file removed");
        }
    }

    @Test
    void failedWriteLeavesPreviousFileIntact() throws IOException {
        Path f = dir.resolve("keep.npy");
        Files.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(1);
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file left behind");
        }
    }
}
