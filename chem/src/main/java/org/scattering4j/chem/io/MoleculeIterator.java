package org.scattering4j.chem.io;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;

/**
 * Streams the molecules of one file, one record at a time (a file of any size is never loaded whole).
 *
 * <p>{@link #next()} throws a {@link MoleculeException} naming the file, record and line when a record is
 * bad. Iteration may continue after that: the reader has already moved to the next record (unless the
 * file cannot be resynchronised, e.g. an XYZ atom-count line that is not a number; then {@link #hasNext()}
 * returns {@code false}). {@link MoleculeSource} applies a skip-or-fail policy on top.
 */
public abstract class MoleculeIterator implements Iterator<Molecule>, AutoCloseable {
    private final LineSource lines;
    private Molecule ahead;
    private MoleculeException aheadError;
    private boolean done;
    private long record;
    private long recordLine;

    MoleculeIterator(LineSource lines) {
        this.lines = lines;
    }

    /** Reads the next record; {@code null} at the end. Throws a located {@link MoleculeException}. */
    abstract Molecule readRecord(LineSource in, long record);

    /** Whether the reader can continue after a bad record. */
    boolean canResync() {
        return true;
    }

    final void startRecord(long line) {
        recordLine = line;
    }

    @Override
    public final boolean hasNext() {
        if (ahead != null || aheadError != null) {
            return true;
        }
        if (done) {
            return false;
        }
        try {
            Molecule m = readRecord(lines, record + 1);
            if (m == null) {
                done = true;
                return false;
            }
            record++;
            ahead = m;
        } catch (MoleculeException e) {
            record++;
            aheadError = e.file() == null || e.record() == 0 ? e.at(lines.file(), record, e.line() > 0 ? e.line()
                    : recordLine) : e;
            if (!canResync() || !resyncable(e)) {
                done = true;
            }
        } catch (RuntimeException e) {
            // parsers of third-party code (CDK) may throw anything on garbage; it still belongs to this record
            record++;
            aheadError = new MoleculeException(lines.file(), record, recordLine, "unreadable record: " + e, e);
            done = !canResync();
        }
        return true;
    }

    /** Whether the reader can go on after this error (subclasses mark fatal ones). */
    boolean resyncable(MoleculeException e) {
        return !(e instanceof Fatal);
    }

    @Override
    public final Molecule next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (aheadError != null) {
            MoleculeException e = aheadError;
            aheadError = null;
            throw e;
        }
        Molecule m = ahead;
        ahead = null;
        return m;
    }

    /** The 1-based number of the record last returned or failed. */
    public final long record() {
        return record;
    }

    /** The number of bytes of the (possibly compressed) file consumed so far. */
    public final long bytesRead() {
        return lines.bytesRead();
    }

    /** The file name used in messages. */
    public final String file() {
        return lines.file();
    }

    @Override
    public void close() {
        lines.close();
    }

    /** An error after which the position of the next record is unknown. */
    static final class Fatal extends MoleculeException {
        private static final long serialVersionUID = 1L;

        Fatal(String file, long record, long line, String reason) {
            super(file, record, line, reason + " (cannot find the next record; reading stops here)", null);
        }
    }
}
