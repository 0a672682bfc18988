package org.scattering4j.chem.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a text stream with their 1-based numbers, one line of push-back, a cap on the line length
 * (a garbage file without newlines must not fill the heap) and a count of the bytes consumed (progress).
 */
final class LineSource implements AutoCloseable {
    static final int MAX_LINE = 1 << 20;
    private final CountingInputStream counting;
    private final Reader in;
    private final String file;
    private final StringBuilder sb = new StringBuilder(128);
    private long lineNo;
    private String pushed;
    private boolean eof;
    private final char[] buf = new char[1 << 14];
    private int pos;
    private int len;

    LineSource(InputStream raw, String file) {
        this.counting = new CountingInputStream(raw);
        this.in = (new InputStreamReader(counting, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
        this.file = file;
    }

    /** The next line without its terminator, or {@code null} at the end. */
    String next() {
        if (pushed != null) {
            String s = pushed;
            pushed = null;
            lineNo++;
            return s;
        }
        if (eof && pos >= len) {
            return null;
        }
        sb.setLength(0);
        try {
            while (true) {
                if (pos >= len) {
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        eof = true;
                        break;
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                if (sb.length() + (pos - start) > MAX_LINE) {
                    throw new org.scattering4j.chem.MoleculeException(file, 0, lineNo + 1,
                            "line longer than " + MAX_LINE + " characters (not a text molecule file?)", null);
                }
                sb.append(buf, start, pos - start);
                if (pos < len) {
                    pos++; // the newline
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        if (eof && sb.length() == 0) {
            return null;
        }
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
            sb.setLength(n - 1);
        }
        lineNo++;
        return sb.toString();
    }

    /** Gives back the line just read; the next {@link #next()} returns it again. */
    void pushBack(String line) {
        pushed = line;
        lineNo--;
    }

    /** The number of the line last returned (0 before the first). */
    long lineNumber() {
        return lineNo;
    }

    long bytesRead() {
        return counting.count;
    }

    String file() {
        return file;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class CountingInputStream extends java.io.FilterInputStream {
        volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r > 0) {
                count += r;
            }
            return r;
        }
    }
}
