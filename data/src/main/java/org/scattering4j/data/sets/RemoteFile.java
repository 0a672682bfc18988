package org.scattering4j.data.sets;

import java.util.Locale;

/**
 * One file of a data set as published: where it lives relative to the set's base address (and,
 * by default, relative to the local directory), and the checksum that proves a copy is intact.
 *
 * @param path path relative to the base address, with {@code /} separators (e.g. {@code recordings/0_george_0.wav})
 * @param localPath path relative to the local directory (usually equal to {@code path})
 * @param algorithm {@code SHA-256}, {@code MD5}, or {@code GIT-BLOB-SHA1} (git's object id:
 *     SHA-1 of {@code "blob <length>\0"} followed by the bytes)
 * @param digest lower-case hex digest
 * @param ofContent when true, the digest covers the decompressed content if the file is gzip
 *     (so a re-compressed copy verifies as well as the original; MNIST's published MD5s are of that kind)
 */
public record RemoteFile(String path, String localPath, String algorithm, String digest, boolean ofContent) {
    /** Validates the fields. */
    public RemoteFile {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("path = " + path + " must be a non-empty relative path without ..");
        }
        if (localPath == null || localPath.isEmpty() || localPath.startsWith("/") || localPath.contains("..")) {
            throw new IllegalArgumentException("localPath = " + localPath
                    + " must be a non-empty relative path without ..");
        }
        if (!algorithm.equals("SHA-256") && !algorithm.equals("MD5") && !algorithm.equals("GIT-BLOB-SHA1")) {
            throw new IllegalArgumentException("algorithm = " + algorithm
                    + "; allowed SHA-256, MD5, GIT-BLOB-SHA1");
        }
        digest = digest.toLowerCase(Locale.ROOT);
    }

    /** A file stored under the same relative path locally, digest over its bytes. */
    public static RemoteFile of(String path, String algorithm, String digest) {
        return new RemoteFile(path, path, algorithm, digest, false);
    }
}
