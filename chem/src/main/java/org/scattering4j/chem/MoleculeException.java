package org.scattering4j.chem;

/**
 * A molecule that cannot be used: malformed record, missing 3D coordinates, unknown element, non-finite
 * coordinates, atoms on top of each other, no atoms, or an element a density channel does not define.
 *
 * <p>Carries where the problem is: the file (may be {@code null} for molecules built in memory), the
 * 1-based record number (0 = unknown) and the 1-based line (0 = unknown), and the bare {@link #reason()}.
 * {@link #getMessage()} joins them, e.g. {@code qm7.xyz: record 12, line 140: atom 3 has a non-finite
 * coordinate (x = NaN)}.
 */
public class MoleculeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long record;
    private final long line;
    private final String reason;
    private final int atom;

    /** A problem without a location (a molecule built in memory). */
    public MoleculeException(String reason) {
        this(null, 0, 0, reason, null);
    }

    /** A problem with one atom (0-based index), so that a reader can name its line. */
    public MoleculeException(String reason, int atom) {
        super(reason);
        this.file = null;
        this.record = 0;
        this.line = 0;
        this.reason = reason;
        this.atom = atom;
    }

    public MoleculeException(String file, long record, long line, String reason, Throwable cause) {
        super(format(file, record, line, reason), cause);
        this.file = file;
        this.record = record;
        this.line = line;
        this.reason = reason;
        this.atom = -1;
    }

    private static String format(String file, long record, long line, String reason) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file).append(": ");
        }
        if (record > 0) {
            sb.append("record ").append(record);
        }
        if (line > 0) {
            sb.append(record > 0 ? ", " : "").append("line ").append(line);
        }
        if (record > 0 || line > 0) {
            sb.append(": ");
        }
        return sb.append(reason).toString();
    }

    /** The same problem, located; a line already known is kept when {@code line} is 0. */
    public MoleculeException at(String file, long record, long line) {
        return new MoleculeException(file, record, line > 0 ? line : this.line, reason, getCause() == null ? this : getCause());
    }

    /** The file name, or {@code null}. */
    public String file() {
        return file;
    }

    /** The 1-based record number, 0 when unknown. */
    public long record() {
        return record;
    }

    /** The 1-based line number, 0 when unknown. */
    public long line() {
        return line;
    }

    /** The 0-based index of the atom concerned, -1 when the problem is not about one atom. */
    public int atom() {
        return atom;
    }

    /** The problem without its location. */
    public String reason() {
        return reason;
    }
}
