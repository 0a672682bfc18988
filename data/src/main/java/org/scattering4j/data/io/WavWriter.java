package org.scattering4j.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Writes mono WAV files, as 16-bit PCM or 32-bit IEEE float, atomically (the file appears complete or
 * not at all, see {@link AtomicFiles}).
 *
 * <p>16-bit PCM: each sample is multiplied by 32768, rounded to the nearest integer and clipped to
 * [-32768, 32767], the inverse of {@link WavReader}'s scaling, so values of the form k/32768 survive a
 * round trip exactly. Float: samples are stored as single-precision floats, unclipped.
 *
 * <pre>{@code
 * WavWriter.write(Path.of("synth.wav"), x, 8000, WavWriter.Format.PCM_16);
 * }</pre>
 */
public final class WavWriter {
    private WavWriter() {
    }

    /** Sample format of the written file. */
    public enum Format {
        /** signed 16-bit integers (clipped to [-1, 1)) */
        PCM_16,
        /** IEEE float, 32 bit (unclipped) */
        FLOAT_32
    }

    /**
     * Writes {@code samples} (not modified) as a mono file.
     *
     * @throws IllegalArgumentException if the rate is not positive, a sample is not finite, or the
     *     data would exceed the 4 GiB RIFF limit
     */
    public static void write(Path file, double[] samples, int sampleRate, Format format) throws IOException {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate = " + sampleRate + " must be > 0");
        }
        int bytes = format == Format.PCM_16 ? 2 : 4;
        long dataSize = (long) samples.length * bytes;
        if (dataSize + 36 > 0xffffffffL) {
            throw new IllegalArgumentException("samples.length = " + samples.length
                    + " exceeds the RIFF size limit of 4 GiB for " + format);
        }
        for (int i = 0; i < samples.length; i++) {
            if (!Double.isFinite(samples[i])) {
                throw new IllegalArgumentException("samples[" + i + "] = " + samples[i] + " is not finite");
            }
        }
        AtomicFiles.write(file, out -> {
            byte[] h = new byte[44];
            put4cc(h, 0, "RIFF");
            put32(h, 4, (int) (36 + dataSize));
            put4cc(h, 8, "WAVE");
            put4cc(h, 12, "fmt ");
            put32(h, 16, 16);
            put16(h, 20, format == Format.PCM_16 ? 1 : 3);
            put16(h, 22, 1);
            put32(h, 24, sampleRate);
            put32(h, 28, sampleRate * bytes);
            put16(h, 32, bytes);
            put16(h, 34, bytes * 8);
            put4cc(h, 36, "data");
            put32(h, 40, (int) dataSize);
            out.write(h);
            writeSamples(out, samples, format);
        });
    }

    private static void writeSamples(OutputStream out, double[] x, Format format) throws IOException {
        byte[] b = new byte[1 << 16];
        int p = 0;
        for (double v : x) {
            if (p + 4 > b.length) {
                out.write(b, 0, p);
                p = 0;
            }
            if (format == Format.PCM_16) {
                long s = Math.round(v * 32768.0);
                int q = (int) Math.max(-32768, Math.min(32767, s));
                b[p++] = (byte) q;
                b[p++] = (byte) (q >> 8);
            } else {
                int q = Float.floatToIntBits((float) v);
                b[p++] = (byte) q;
                b[p++] = (byte) (q >> 8);
                b[p++] = (byte) (q >> 16);
                b[p++] = (byte) (q >> 24);
            }
        }
        out.write(b, 0, p);
    }

    private static void put4cc(byte[] b, int p, String s) {
        for (int i = 0; i < 4; i++) {
            b[p + i] = (byte) s.charAt(i);
        }
    }

    private static void put16(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
    }

    private static void put32(byte[] b, int p, int v) {
        put16(b, p, v);
        put16(b, p + 2, v >> 16);
    }
}
