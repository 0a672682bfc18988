package org.scattering4j.data.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files: PCM 8-bit (unsigned), 16, 24 and 32-bit (signed), IEEE float 32 and 64-bit,
 * in the plain ({@code WAVE_FORMAT_PCM}, {@code WAVE_FORMAT_IEEE_FLOAT}) and the
 * {@code WAVE_FORMAT_EXTENSIBLE} headers. Several channels are mixed to mono by averaging them.
 *
 * <p>Values: integer samples are divided by 2<sup>bits-1</sup> (8-bit samples are first shifted by
 * -128), so they lie in [-1, 1); float samples are returned exactly as stored (a float file may hold
 * values outside [-1, 1], and clipping them would lose information). The sample rate is reported in
 * {@link Info}; nothing is ever resampled. {@link #read(Path, int)} refuses a file whose rate differs
 * from the one a pipeline was configured for.
 *
 * <p>The file is read once, front to back: the header is parsed, unknown chunks ({@code LIST},
 * {@code fact}, ...) are skipped, and the samples are decoded in blocks while they stream in, so a
 * long recording can be processed piecewise with {@link #read(double[], int, int)} without holding
 * its raw bytes. A truncated or malformed file raises a {@link FileFormatException} naming the file
 * and the field or the expected and actual length.
 *
 * <pre>{@code
 * WavReader.Audio a = WavReader.read(Path.of("0_george_0.wav"));
 * double[] x = a.samples();            // mono, in [-1, 1)
 * int rate = a.info().sampleRate();    // 8000 for FSDD
 *
 * try (WavReader r = WavReader.open(Path.of("long.wav"))) {   // streaming
 *     double[] block = new double[65536];
 *     for (int n; (n = r.read(block, 0, block.length)) > 0; ) { ... }
 * }
 * }</pre>
 *
 * <p>An instance is a stateful cursor over one file and is not thread-safe; the static methods are.
 */
public final class WavReader implements AutoCloseable {

    /** How the samples are stored. */
    public enum Encoding {
        /** unsigned 8-bit integers, 128 = silence */
        PCM_U8(8, false),
        /** signed 16-bit little-endian integers */
        PCM_16(16, false),
        /** signed 24-bit little-endian integers */
        PCM_24(24, false),
        /** signed 32-bit little-endian integers */
        PCM_32(32, false),
        /** IEEE 754 single precision */
        FLOAT_32(32, true),
        /** IEEE 754 double precision */
        FLOAT_64(64, true);

        private final int bits;
        private final boolean floating;

        Encoding(int bits, boolean floating) {
            this.bits = bits;
            this.floating = floating;
        }

        /** Bits per sample in the file (the container size). */
        public int bits() {
            return bits;
        }

        /** Whether the samples are IEEE floats. */
        public boolean isFloat() {
            return floating;
        }
    }

    /**
     * What the header says.
     *
     * @param file the file name as given
     * @param sampleRate frames per second
     * @param channels channels in the file (the samples returned are their average)
     * @param encoding how samples are stored
     * @param validBits significant bits per sample (smaller than the container for some extensible files)
     * @param frames number of frames (samples per channel); -1 for a stream whose data chunk is
     *     open-ended (size 0xFFFFFFFF), which is then read to its end
     */
    public record Info(String file, int sampleRate, int channels, Encoding encoding, int validBits, long frames) {
        /** Duration in seconds (negative if {@code frames} is unknown). */
        public double seconds() {
            return frames / (double) sampleRate;
        }
    }

    /**
     * A decoded file: mono samples and the header. The array belongs to the caller.
     *
     * @param samples mono samples (channel average)
     * @param info the header
     */
    public record Audio(double[] samples, Info info) {
    }

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT GUIDs (the first two hold the format). */
    private static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00,
        (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private final InputStream in;
    private final Info info;
    private final int blockAlign;
    private final int bytesPerSample;
    private long framesLeft;
    private byte[] buf = new byte[0];

    private WavReader(InputStream in, String name, long fileSize) throws IOException {
        this.in = in;
        Header h = parseHeader(in, name, fileSize);
        this.info = h.info;
        this.blockAlign = h.blockAlign;
        this.bytesPerSample = h.info.encoding().bits() / 8;
        this.framesLeft = h.info.frames() < 0 ? Long.MAX_VALUE : h.info.frames();
    }

    /** Opens a file for streaming; the header is parsed and checked against the file size now. */
    public static WavReader open(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such WAV file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            return new WavReader(in, file.toString(), size);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens a stream (not closed here until {@link #close()}); {@code name} is used in error messages.
     * As the total size is unknown, truncation is detected when the samples run out.
     */
    public static WavReader open(InputStream in, String name) throws IOException {
        return new WavReader(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16), name,
                -1);
    }

    /** Reads a whole file as mono samples. */
    public static Audio read(Path file) throws IOException {
        try (WavReader r = open(file)) {
            return new Audio(r.readAll(), r.info());
        }
    }

    /**
     * Reads a whole file and checks its sample rate.
     *
     * @throws IllegalArgumentException if the file's rate is not {@code requiredSampleRate} (nothing is
     *     resampled: a pipeline configured for one rate must not silently see another)
     */
    public static Audio read(Path file, int requiredSampleRate) throws IOException {
        try (WavReader r = open(file)) {
            checkRate(r.info(), requiredSampleRate);
            return new Audio(r.readAll(), r.info());
        }
    }

    /** Parses only the header. */
    public static Info readInfo(Path file) throws IOException {
        try (WavReader r = open(file)) {
            return r.info();
        }
    }

    /** Throws if {@code info.sampleRate()} differs from {@code required}. */
    public static void checkRate(Info info, int required) {
        if (info.sampleRate() != required) {
            throw new IllegalArgumentException(info.file() + ": sample rate " + info.sampleRate()
                    + " Hz, but this pipeline is configured for " + required
                    + " Hz (resample the file first; nothing is resampled implicitly)");
        }
    }

    /** The header. */
    public Info info() {
        return info;
    }

    /** Frames not read yet ({@code Long.MAX_VALUE} for an open-ended stream not yet at its end). */
    public long framesLeft() {
        return framesLeft;
    }

    /**
     * Reads up to {@code maxFrames} mono frames (channel averages) into {@code dst[off ...]}.
     *
     * @return frames read, or -1 when all frames have been read
     * @throws FileFormatException if the file ends before the frames its header announced
     */
    public int read(double[] dst, int off, int maxFrames) throws IOException {
        if (off < 0 || maxFrames < 0 || off + maxFrames > dst.length) {
            throw new IllegalArgumentException("off = " + off + ", maxFrames = " + maxFrames
                    + " do not fit dst of length " + dst.length);
        }
        if (framesLeft == 0) {
            return -1;
        }
        int n = (int) Math.min(maxFrames, framesLeft);
        int ch = info.channels();
        double inv = 1.0 / ch;
        int done = 0;
        while (done < n) {
            int m = fill(Math.min(n - done, Math.max(1, (1 << 16) / blockAlign)));
            byte[] b = buf;
            for (int f = 0; f < m; f++) {
                int p = f * blockAlign;
                double s = 0;
                for (int c = 0; c < ch; c++) {
                    s += decode(b, p + c * bytesPerSample);
                }
                dst[off + done + f] = ch == 1 ? s : s * inv;
            }
            done += m;
            if (framesLeft == 0) {
                break;
            }
        }
        return done == 0 && n > 0 ? -1 : done;
    }

    /**
     * Reads up to {@code maxFrames} frames keeping the channels apart: {@code dst[c][off + i]}.
     *
     * @return frames read, or -1 when all frames have been read
     */
    public int readChannels(double[][] dst, int off, int maxFrames) throws IOException {
        int ch = info.channels();
        if (dst.length != ch) {
            throw new IllegalArgumentException("dst has " + dst.length + " channels, the file has " + ch);
        }
        for (double[] d : dst) {
            if (off < 0 || maxFrames < 0 || off + maxFrames > d.length) {
                throw new IllegalArgumentException("off = " + off + ", maxFrames = " + maxFrames
                        + " do not fit a channel array of length " + d.length);
            }
        }
        if (framesLeft == 0) {
            return -1;
        }
        int n = (int) Math.min(maxFrames, framesLeft);
        int done = 0;
        while (done < n) {
            int m = fill(Math.min(n - done, Math.max(1, (1 << 16) / blockAlign)));
            byte[] b = buf;
            for (int f = 0; f < m; f++) {
                int p = f * blockAlign;
                for (int c = 0; c < ch; c++) {
                    dst[c][off + done + f] = decode(b, p + c * bytesPerSample);
                }
            }
            done += m;
            if (framesLeft == 0) {
                break;
            }
        }
        return done == 0 && n > 0 ? -1 : done;
    }

    /** Reads all remaining frames as mono samples. */
    public double[] readAll() throws IOException {
        if (framesLeft > Integer.MAX_VALUE - 8 && info.frames() >= 0) {
            throw new FileFormatException(info.file(), framesLeft + " frames are too many to load at once; "
                    + "stream them with read(double[], int, int)");
        }
        double[] x = new double[info.frames() >= 0 ? (int) framesLeft : 1 << 16];
        int off = 0;
        while (true) {
            if (off == x.length) {
                if (info.frames() >= 0) {
                    break;
                }
                if (x.length >= Integer.MAX_VALUE / 2) {
                    throw new FileFormatException(info.file(), "open-ended data chunk exceeds "
                            + off + " frames; stream it with read(double[], int, int)");
                }
                x = java.util.Arrays.copyOf(x, 2 * x.length);
            }
            int n = read(x, off, x.length - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off == x.length ? x : java.util.Arrays.copyOf(x, off);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * Reads {@code frames} frames into {@link #buf}; returns how many were read, which is fewer only at
     * the end of an open-ended data chunk (a truncated file of known length is an error).
     */
    private int fill(int frames) throws IOException {
        int len = frames * blockAlign;
        if (buf.length < len) {
            buf = new byte[len];
        }
        int got = in.readNBytes(buf, 0, len);
        if (got < len) {
            if (info.frames() < 0) {
                framesLeft = 0; // the stream has ended: that is the end of an open-ended chunk
                return got / blockAlign;
            }
            long framesRead = info.frames() - framesLeft;
            long have = framesRead * blockAlign + got;
            throw new FileFormatException(info.file(), "truncated: the data chunk announces " + info.frames()
                    + " frames (" + info.frames() * blockAlign + " bytes) but the file ends after " + have
                    + " bytes of samples");
        }
        if (info.frames() >= 0) {
            framesLeft -= frames;
        }
        return frames;
    }

    private double decode(byte[] b, int p) {
        switch (info.encoding()) {
            case PCM_U8:
                return ((b[p] & 0xff) - 128) * (1.0 / 128);
            case PCM_16:
                return (short) ((b[p] & 0xff) | (b[p + 1] << 8)) * (1.0 / 32768);
            case PCM_24:
                return ((b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16)) * (1.0 / 8388608);
            case PCM_32:
                return int32(b, p) * (1.0 / 2147483648.0);
            case FLOAT_32:
                return Float.intBitsToFloat(int32(b, p));
            case FLOAT_64:
                return Double.longBitsToDouble((int32(b, p) & 0xffffffffL) | ((long) int32(b, p + 4) << 32));
            default:
                throw new AssertionError(info.encoding());
        }
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | ((b[p + 2] & 0xff) << 16) | (b[p + 3] << 24);
    }

    private record Header(Info info, int blockAlign) {
    }

    private static Header parseHeader(InputStream in, String name, long fileSize) throws IOException {
        byte[] riff = need(in, 12, name, "RIFF header (12 bytes)", 0);
        String id = fourcc(riff, 0);
        if (!id.equals("RIFF")) {
            throw new FileFormatException(name, "not a WAV file: starts with \"" + printable(id)
                    + "\", expected \"RIFF\"" + (id.equals("RF64") ? " (RF64 is not supported)" : ""));
        }
        if (!fourcc(riff, 8).equals("WAVE")) {
            throw new FileFormatException(name, "RIFF form type is \"" + printable(fourcc(riff, 8))
                    + "\", expected \"WAVE\"");
        }
        long pos = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int align = 0;
        int bits = 0;
        int validBits = 0;
        while (true) {
            byte[] ch = need(in, 8, name, format < 0 ? "\"fmt \" chunk" : "\"data\" chunk", pos);
            pos += 8;
            String cid = fourcc(ch, 0);
            long size = int32(ch, 4) & 0xffffffffL;
            if (cid.equals("fmt ")) {
                if (size < 16) {
                    throw new FileFormatException(name, "\"fmt \" chunk has " + size + " bytes, at least 16 expected");
                }
                byte[] f = need(in, (int) Math.min(size, 1 << 16), name, "\"fmt \" chunk body", pos);
                skip(in, size - f.length + (size & 1), name, pos);
                pos += size + (size & 1);
                format = u16(f, 0);
                channels = u16(f, 2);
                rate = int32(f, 4);
                align = u16(f, 12);
                bits = u16(f, 14);
                validBits = bits;
                if (format == FORMAT_EXTENSIBLE) {
                    if (size < 40 || u16(f, 16) < 22) {
                        throw new FileFormatException(name, "WAVE_FORMAT_EXTENSIBLE \"fmt \" chunk has " + size
                                + " bytes (cbSize " + (size >= 18 ? u16(f, 16) : 0) + "), expected 40 (cbSize 22)");
                    }
                    validBits = u16(f, 18);
                    format = u16(f, 24);
                    for (int i = 0; i < GUID_TAIL.length; i++) {
                        if (f[26 + i] != GUID_TAIL[i]) {
                            throw new FileFormatException(name, "WAVE_FORMAT_EXTENSIBLE sub-format GUID is not "
                                    + "PCM or IEEE float");
                        }
                    }
                    if (validBits == 0) {
                        validBits = bits;
                    }
                }
            } else if (cid.equals("data")) {
                if (format < 0) {
                    throw new FileFormatException(name, "\"data\" chunk at byte " + (pos - 8)
                            + " comes before the \"fmt \" chunk");
                }
                Encoding enc = encoding(format, bits, name);
                if (channels < 1) {
                    throw new FileFormatException(name, "header field channels = " + channels + ", must be >= 1");
                }
                if (rate <= 0) {
                    throw new FileFormatException(name, "header field sampleRate = " + (rate & 0xffffffffL)
                            + ", must be > 0");
                }
                int expectAlign = channels * (bits / 8);
                if (align != expectAlign) {
                    throw new FileFormatException(name, "header field blockAlign = " + align + ", expected "
                            + expectAlign + " (" + channels + " channels x " + bits / 8 + " bytes)");
                }
                if (validBits > bits) {
                    throw new FileFormatException(name, "header field validBitsPerSample = " + validBits
                            + " exceeds bitsPerSample = " + bits);
                }
                long available = fileSize < 0 ? -1 : fileSize - pos;
                if (size == 0xffffffffL) {
                    // writers that stream (ffmpeg to a pipe) leave the size open: take what the file holds
                    if (available < 0) {
                        return new Header(new Info(name, rate, channels, enc, validBits, -1), align);
                    }
                    size = available - available % align;
                }
                if (available >= 0 && size > available) {
                    throw new FileFormatException(name, "truncated: the data chunk announces " + size
                            + " bytes (" + size / align + " frames) but only " + available + " bytes follow");
                }
                if (size % align != 0) {
                    throw new FileFormatException(name, "data chunk size " + size
                            + " is not a multiple of blockAlign = " + align);
                }
                return new Header(new Info(name, rate, channels, enc, validBits, size / align), align);
            } else {
                skip(in, size + (size & 1), name, pos);
                pos += size + (size & 1);
            }
        }
    }

    private static Encoding encoding(int format, int bits, String name) throws FileFormatException {
        if (format == FORMAT_PCM) {
            switch (bits) {
                case 8: return Encoding.PCM_U8;
                case 16: return Encoding.PCM_16;
                case 24: return Encoding.PCM_24;
                case 32: return Encoding.PCM_32;
                default:
                    throw new FileFormatException(name, "header field bitsPerSample = " + bits
                            + " for PCM; supported: 8, 16, 24, 32");
            }
        }
        if (format == FORMAT_FLOAT) {
            if (bits == 32) {
                return Encoding.FLOAT_32;
            }
            if (bits == 64) {
                return Encoding.FLOAT_64;
            }
            throw new FileFormatException(name, "header field bitsPerSample = " + bits
                    + " for IEEE float; supported: 32, 64");
        }
        throw new FileFormatException(name, "header field audioFormat = 0x" + Integer.toHexString(format)
                + "; supported: 1 (PCM), 3 (IEEE float), 0xFFFE (extensible PCM/float)");
    }

    private static byte[] need(InputStream in, int n, String name, String what, long pos) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new FileFormatException(name, "truncated: the file ends at byte " + (pos + b.length)
                    + " while reading the " + what + " (" + n + " bytes needed)");
        }
        return b;
    }

    private static void skip(InputStream in, long n, String name, long pos) throws IOException {
        try {
            in.skipNBytes(n);
        } catch (EOFException e) {
            throw new FileFormatException(name, "truncated: a chunk at byte " + pos + " announces " + n
                    + " bytes but the file ends first", e);
        }
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8);
    }

    private static String fourcc(byte[] b, int p) {
        return new String(b, p, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
