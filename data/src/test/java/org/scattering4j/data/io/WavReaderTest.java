package org.scattering4j.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.testing.SharedData;

class WavReaderTest {
    @TempDir
    Path tmp;

    /** An independent encoder: a WAV file with the given header fields and raw sample bytes. */
    static byte[] wav(int format, int channels, int rate, int bits, byte[] data, boolean extensible, int validBits,
            byte[] extraChunkBeforeData) {
        ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) (extensible ? 0xFFFE : format)).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (extensible) {
            fmt.putShort((short) 22).putShort((short) validBits).putInt(3).putShort((short) format)
                    .put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        byte[] extra = extraChunkBeforeData == null ? new byte[0] : extraChunkBeforeData;
        h.put("RIFF".getBytes()).putInt(4 + 8 + fmt.capacity() + extra.length + 8 + data.length).put("WAVE".getBytes());
        out.writeBytes(h.array());
        out.writeBytes(chunk("fmt ", fmt.array()));
        out.writeBytes(extra);
        out.writeBytes(chunk("data", data));
        return out.toByteArray();
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (body.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes()).putInt(body.length).put(body);
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsFsddRecordingWithKnownHeaderAndFirstSamples() throws IOException {
        Path f = SharedData.data("fsdd").resolve("recordings/0_george_0.wav");
        WavReader.Audio a = WavReader.read(f);
        assertEquals(8000, a.info().sampleRate());
        assertEquals(1, a.info().channels());
        assertEquals(WavReader.Encoding.PCM_16, a.info().encoding());
        assertEquals(2384, a.samples().length);
        assertEquals(2384, a.info().frames());
        // first samples as Python's wave module reads them: -1489, -962, -606, 163, 1033
        double[] first = Arrays.copyOf(a.samples(), 5);
        assertArrayEquals(new double[] {-1489 / 32768.0, -962 / 32768.0, -606 / 32768.0, 163 / 32768.0,
            1033 / 32768.0}, first, 0);
        assertEquals(0.298, a.info().seconds(), 1e-12);
    }

    @Test
    void decodesEveryEncodingToKnownValues() throws IOException {
        // 8-bit unsigned: 0 -> -1, 128 -> 0, 255 -> 127/128
        assertArrayEquals(new double[] {-1, 0, 127 / 128.0},
                WavReader.read(file("u8.wav", wav(1, 1, 100, 8, new byte[] {0, (byte) 128, (byte) 255}, false, 0,
                        null))).samples(), 0);
        ByteBuffer b24 = ByteBuffer.allocate(9);
        b24.put(new byte[] {0, 0, (byte) 0x80, (byte) 0xff, (byte) 0xff, 0x7f, 1, 0, 0});
        assertArrayEquals(new double[] {-1, 8388607 / 8388608.0, 1 / 8388608.0},
                WavReader.read(file("s24.wav", wav(1, 1, 100, 24, b24.array(), false, 0, null))).samples(), 0);
        ByteBuffer b32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE).putInt(1 << 30);
        assertArrayEquals(new double[] {-1, 0.5},
                WavReader.read(file("s32.wav", wav(1, 1, 100, 32, b32.array(), false, 0, null))).samples(), 0);
        ByteBuffer f32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.25f).putFloat(-1.5f);
        assertArrayEquals(new double[] {0.25, -1.5},
                WavReader.read(file("f32.wav", wav(3, 1, 100, 32, f32.array(), false, 0, null))).samples(), 0);
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.1).putDouble(-0.3);
        WavReader.Audio a64 = WavReader.read(file("f64.wav", wav(3, 1, 100, 64, f64.array(), false, 0, null)));
        assertArrayEquals(new double[] {0.1, -0.3}, a64.samples(), 0);
        assertEquals(WavReader.Encoding.FLOAT_64, a64.info().encoding());
    }

    @Test
    void readsExtensibleHeaderWith24ValidBitsIn32BitContainers() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x40000000).putInt(-0x40000000);
        WavReader.Audio a = WavReader.read(file("ext.wav", wav(1, 1, 44100, 32, d.array(), true, 24, null)));
        assertArrayEquals(new double[] {0.5, -0.5}, a.samples(), 0);
        assertEquals(24, a.info().validBits());
        assertEquals(WavReader.Encoding.PCM_32, a.info().encoding());
        ByteBuffer f = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.75f);
        assertArrayEquals(new double[] {0.75},
                WavReader.read(file("extf.wav", wav(3, 1, 44100, 32, f.array(), true, 32, null))).samples(), 0);
    }

    @Test
    void mixesChannelsToTheirAverageAndKeepsThemApartOnRequest() throws IOException {
        ByteBuffer d = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        d.putShort((short) 16384).putShort((short) 0).putShort((short) -8192) // frame 0: L, R, C
                .putShort((short) 3).putShort((short) 6).putShort((short) 9); // frame 1
        Path p = file("three.wav", wav(1, 3, 22050, 16, d.array(), false, 0, null));
        WavReader.Audio a = WavReader.read(p);
        assertEquals(3, a.info().channels());
        assertArrayEquals(new double[] {(16384 - 8192) / 3.0 / 32768, 6 / 32768.0}, a.samples(), 1e-15);
        try (WavReader r = WavReader.open(p)) {
            double[][] ch = new double[3][2];
            assertEquals(2, r.readChannels(ch, 0, 2));
            assertArrayEquals(new double[] {0.5, 3 / 32768.0}, ch[0], 0);
            assertArrayEquals(new double[] {-0.25, 9 / 32768.0}, ch[2], 0);
            assertEquals(-1, r.readChannels(ch, 0, 2));
        }
    }

    @Test
    void skipsUnknownChunksIncludingOddSizedPadding() throws IOException {
        byte[] list = chunk("LIST", new byte[] {1, 2, 3}); // odd size -> one pad byte
        byte[] d = {0, 64, 0, (byte) 0xc0};
        assertArrayEquals(new double[] {0.5, -0.5},
                WavReader.read(file("list.wav", wav(1, 1, 8000, 16, d, false, 0, list))).samples(), 0);
    }

    @Test
    void streamingInSmallBlocksGivesTheSameSamplesAsReadingAtOnce() throws IOException {
        Path f = SharedData.data("fsdd").resolve("recordings/3_theo_7.wav");
        double[] all = WavReader.read(f).samples();
        double[] pieces = new double[all.length];
        try (WavReader r = WavReader.open(Files.newInputStream(f), "stream")) {
            int off = 0;
            for (int n; (n = r.read(pieces, off, Math.min(333, pieces.length - off))) > 0; ) {
                off += n;
                if (off == pieces.length) {
                    assertEquals(-1, r.read(pieces, off, 0));
                }
            }
            assertEquals(all.length, off);
        }
        assertArrayEquals(all, pieces, 0);
    }

    @Test
    void openEndedDataChunkOfAStreamIsReadToItsEnd() throws IOException {
        byte[] d = new byte[2 * 100_001];
        for (int i = 0; i < 100_001; i++) {
            d[2 * i] = (byte) i;
            d[2 * i + 1] = (byte) (i >> 8);
        }
        byte[] w = wav(1, 1, 8000, 16, d, false, 0, null);
        // the data size field sits right before the samples: 0xFFFFFFFF = "until the end"
        int sizeField = w.length - d.length - 4;
        for (int k = 0; k < 4; k++) {
            w[sizeField + k] = (byte) 0xff;
        }
        try (WavReader r = WavReader.open(new ByteArrayInputStream(w), "pipe")) {
            assertEquals(-1, r.info().frames());
            double[] x = r.readAll();
            assertEquals(100_001, x.length);
            assertEquals((short) 99_999 / 32768.0, x[99_999], 0);
        }
        Path p = file("open.wav", w);
        WavReader.Audio a = WavReader.read(p); // from a file the size is taken from the file
        assertEquals(100_001, a.info().frames());
        assertEquals(100_001, a.samples().length);
    }

    @Test
    void pcm16AndFloatRoundTripThroughWavWriter() throws IOException {
        Random rnd = new Random(3);
        double[] x = new double[1001];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rnd.nextInt(65536) - 32768) / 32768.0;
        }
        double[] copy = x.clone();
        Path p = tmp.resolve("sub/rt16.wav");
        WavWriter.write(p, x, 16000, WavWriter.Format.PCM_16);
        assertArrayEquals(copy, x, 0, "caller array unchanged");
        WavReader.Audio a = WavReader.read(p, 16000);
        assertArrayEquals(x, a.samples(), 0);
        double[] y = {0.1, -2.5, 1e-3};
        Path q = tmp.resolve("rtf.wav");
        WavWriter.write(q, y, 8000, WavWriter.Format.FLOAT_32);
        double[] back = WavReader.read(q).samples();
        for (int i = 0; i < y.length; i++) {
            assertEquals((float) y[i], back[i], 0);
        }
        // clipping of the integer format
        WavWriter.write(p, new double[] {1.5, -3, 1.0}, 8000, WavWriter.Format.PCM_16);
        assertArrayEquals(new double[] {32767 / 32768.0, -1, 32767 / 32768.0}, WavReader.read(p).samples(), 0);
        try (var files = Files.list(tmp.resolve("sub"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void writerRejectsBadArguments() {
        Path p = tmp.resolve("bad.wav");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WavWriter.write(p, new double[] {0, Double.NaN}, 8000, WavWriter.Format.PCM_16));
        assertTrue(e.getMessage().contains("samples[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> WavWriter.write(p, new double[1], 0, WavWriter.Format.PCM_16));
        assertTrue(Files.notExists(p));
    }

    @Test
    void wrongSampleRateIsRefusedNotResampled() {
        Path f = SharedData.data("fsdd").resolve("recordings/0_george_0.wav");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WavReader.read(f, 16000));
        assertTrue(e.getMessage().contains("8000") && e.getMessage().contains("16000")
                && e.getMessage().contains("0_george_0.wav"), e.getMessage());
    }

    @Test
    void truncatedFileNamesTheFileAndTheLengths() throws IOException {
        byte[] full = Files.readAllBytes(SharedData.data("fsdd").resolve("recordings/0_george_0.wav"));
        Path cut = file("cut.wav", Arrays.copyOf(full, 1000));
        FileFormatException e = assertThrows(FileFormatException.class, () -> WavReader.read(cut));
        assertTrue(e.getMessage().contains("cut.wav") && e.getMessage().contains("truncated")
                && e.getMessage().contains("4768") && e.getMessage().contains("956"), e.getMessage());
        // the same cut seen through a stream (size unknown) is found when the samples run out
        FileFormatException s = assertThrows(FileFormatException.class,
                () -> WavReader.open(new ByteArrayInputStream(Arrays.copyOf(full, 1000)), "piped").readAll());
        assertTrue(s.getMessage().contains("piped") && s.getMessage().contains("truncated"), s.getMessage());
        Path header = file("head.wav", Arrays.copyOf(full, 30));
        FileFormatException h = assertThrows(FileFormatException.class, () -> WavReader.read(header));
        assertTrue(h.getMessage().contains("head.wav") && h.getMessage().contains("fmt"), h.getMessage());
    }

    @Test
    void corruptHeaderFieldsAreNamed() throws IOException {
        byte[] full = Files.readAllBytes(SharedData.data("fsdd").resolve("recordings/0_george_0.wav"));
        byte[] notRiff = full.clone();
        notRiff[0] = 'X';
        assertMessage(file("x.wav", notRiff), "x.wav", "RIFF");
        byte[] badFormat = full.clone();
        badFormat[20] = 2; // ADPCM
        assertMessage(file("adpcm.wav", badFormat), "adpcm.wav", "audioFormat = 0x2");
        byte[] badAlign = full.clone();
        badAlign[32] = 4;
        assertMessage(file("align.wav", badAlign), "align.wav", "blockAlign = 4, expected 2");
        byte[] badBits = full.clone();
        badBits[34] = 12;
        assertMessage(file("bits.wav", badBits), "bits.wav", "bitsPerSample = 12");
        byte[] noChannels = full.clone();
        noChannels[22] = 0;
        assertMessage(file("ch.wav", noChannels), "ch.wav", "channels = 0");
    }

    private static void assertMessage(Path p, String... parts) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> WavReader.read(p));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }
}
