package org.scattering4j.data.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader never sees half of one: the content goes to a temporary file in the
 * target's directory, which is then moved over the target in one step. On failure the temporary file
 * is deleted and the target is left as it was.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the content produced by {@code writer}. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically; creates missing parent directories. */
    public static void write(Path target, Writer writer) throws IOException {
        Path tmp = newTemp(target);
        boolean ok = false;
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                writer.write(out);
            }
            commit(tmp, target);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A fresh temporary file beside {@code target} (same directory, so the final move is atomic). */
    public static Path newTemp(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        // createTempFile makes the file owner-only (0600); a finished output should be as readable as
        // any file the user writes, so give it the usual rw-r--r-- where the file system has POSIX modes.
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: keep its default
        }
        return tmp;
    }

    /** Moves a finished temporary file over the target, atomically where the file system allows. */
    public static void commit(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
