package org.scattering4j.data.sets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/** Digests of files as {@link RemoteFile} defines them. */
public final class Checksums {
    private Checksums() {
    }

    /** The hex digest of {@code file} by the algorithm and rule of {@code spec}. */
    public static String digest(Path file, RemoteFile spec) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            InputStream in = raw;
            if (spec.ofContent()) {
                raw.mark(2);
                boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
                raw.reset();
                if (gz) {
                    in = new GZIPInputStream(raw, 1 << 16);
                }
            }
            MessageDigest md;
            if (spec.algorithm().equals("GIT-BLOB-SHA1")) {
                md = md("SHA-1");
                long len = in == raw ? Files.size(file) : -1;
                if (len < 0) {
                    throw new IllegalArgumentException("GIT-BLOB-SHA1 is defined on the stored bytes, not on "
                            + "decompressed content: " + spec.path());
                }
                md.update(("blob " + len + "\0").getBytes(StandardCharsets.US_ASCII));
            } else {
                md = md(spec.algorithm());
            }
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** SHA-256 of a byte array, as lower-case hex. */
    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(md("SHA-256").digest(data));
    }

    /** Whether {@code file} exists and has the digest of {@code spec}; a corrupt gzip counts as a mismatch. */
    public static boolean matches(Path file, RemoteFile spec) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return digest(file, spec).equals(spec.digest());
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            return false;
        }
    }

    private static MessageDigest md(String alg) {
        try {
            return MessageDigest.getInstance(alg);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + alg, e);
        }
    }
}
