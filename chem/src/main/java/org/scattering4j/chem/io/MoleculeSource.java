package org.scattering4j.chem.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;
import org.scattering4j.chem.OnError;

/**
 * A {@link MoleculeIterator} with a skip-or-fail policy: {@link #nextValid()} returns the next good
 * molecule, skipping (and counting) bad records under {@link OnError#SKIP}, or throwing the first
 * {@link MoleculeException} under {@link OnError#FAIL}. The first {@value #KEPT_ERRORS} skipped errors
 * are kept for the report; the rest are only counted, so memory stays bounded.
 */
public final class MoleculeSource implements AutoCloseable {
    /** How many skip messages are kept. */
    public static final int KEPT_ERRORS = 100;
    private final MoleculeIterator it;
    private final OnError onError;
    private final long totalBytes;
    private long skipped;
    private final List<MoleculeException> errors = new ArrayList<>();
    private long lastRecord;

    MoleculeSource(MoleculeIterator it, OnError onError, long totalBytes) {
        this.it = it;
        this.onError = onError;
        this.totalBytes = totalBytes;
    }

    /** Wraps an iterator (progress unknown). */
    public static MoleculeSource of(MoleculeIterator it, OnError onError) {
        return new MoleculeSource(it, onError, -1);
    }

    /** The next good molecule, or {@code null} at the end. */
    public Molecule nextValid() {
        while (it.hasNext()) {
            try {
                Molecule m = it.next();
                lastRecord = it.record();
                return m;
            } catch (MoleculeException e) {
                lastRecord = it.record();
                reportBad(e);
            }
        }
        return null;
    }

    /**
     * Counts a molecule that was read but failed later (e.g. featurisation), under the same policy:
     * rethrows under FAIL, counts under SKIP.
     */
    public void reportBad(MoleculeException e) {
        if (onError == OnError.FAIL) {
            throw e;
        }
        skipped++;
        if (errors.size() < KEPT_ERRORS) {
            errors.add(e);
        }
    }

    /** The 1-based record number of the molecule last returned. */
    public long record() {
        return lastRecord;
    }

    /** Number of skipped records. */
    public long skipped() {
        return skipped;
    }

    /** The first {@value #KEPT_ERRORS} skip reasons. */
    public List<MoleculeException> errors() {
        return Collections.unmodifiableList(errors);
    }

    /** The file name. */
    public String file() {
        return it.file();
    }

    /** Fraction of the file consumed (by bytes; for gzip input the compressed bytes), or NaN if unknown. */
    public double progress() {
        return totalBytes > 0 ? Math.min(1.0, it.bytesRead() / (double) totalBytes) : Double.NaN;
    }

    @Override
    public void close() {
        it.close();
    }
}
