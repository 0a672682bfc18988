package org.scattering4j.data.io;

import java.io.IOException;

/**
 * A file that is truncated or does not follow its format. The message always names the file and says
 * what was wrong (which header field, or the expected and actual length), so that a user looking at a
 * failed run over thousands of files knows which one to replace.
 */
public class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String file;

    /** @param file the file's name or path as the user gave it; {@code problem} says what is wrong */
    public FileFormatException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** As {@link #FileFormatException(String, String)}, keeping the underlying cause. */
    public FileFormatException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file the problem was found in. */
    public String file() {
        return file;
    }
}
