package org.scattering4j.chem;

/** What to do with a molecule that cannot be read or featurised: skip it (and count it) or stop. */
public enum OnError {
    /** Skip the record, count it and report it at the end. */
    SKIP,
    /** Stop at the first bad record with its {@link MoleculeException}. */
    FAIL;

    /** Parses {@code skip} / {@code fail} (case-insensitive). */
    public static OnError parse(String s) {
        if ("skip".equalsIgnoreCase(s)) {
            return SKIP;
        }
        if ("fail".equalsIgnoreCase(s)) {
            return FAIL;
        }
        throw new IllegalArgumentException("on-error = '" + s + "' must be skip or fail");
    }
}
