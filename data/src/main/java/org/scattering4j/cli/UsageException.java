package org.scattering4j.cli;

/** A command-line usage error: unknown option, missing value, malformed number. */
public class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
