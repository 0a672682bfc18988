package org.scattering4j.chem.energy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;
import org.scattering4j.chem.OnError;
import org.scattering4j.chem.io.MoleculeFormat;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.chem.io.MoleculeSource;
import org.scattering4j.chem.scattering.FeatureCache;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.util.Parallel;

/**
 * Streams a molecule file through an {@link InvariantEngine} in small parallel batches (optionally
 * through a {@link FeatureCache}) and hands each molecule and its features, in file order, to a sink.
 * Only one batch is in memory at a time; what the sink keeps is its own choice.
 */
public final class MoleculeFeaturizer {
    private final InvariantEngine engine;
    private final FeatureCache cache;
    private final int threads;
    private long cacheHits;

    /** Receives molecules in file order. */
    @FunctionalInterface
    public interface Sink {
        void accept(Molecule molecule, long record, double[] features) throws IOException;
    }

    /**
     * @param cache   may be null (no cache)
     * @param threads worker threads (&ge; 1)
     */
    public MoleculeFeaturizer(InvariantEngine engine, FeatureCache cache, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
        }
        this.engine = engine;
        this.cache = cache;
        this.threads = threads;
    }

    public long cacheHits() {
        return cacheHits;
    }

    /**
     * Featurises every valid molecule of {@code file}. Bad records are skipped or fail according to
     * {@code onError}; the returned source summary lists them.
     *
     * @param progress where a progress line goes (may be null)
     * @return the number of records skipped as bad
     */
    public long run(Path file, MoleculeFormat format, OnError onError, PrintStream progress, Sink sink)
            throws IOException {
        return run(file, format, onError, Integer.MAX_VALUE, progress, sink).skipped();
    }

    /** What a run saw: molecules featurised, bad records skipped, and the first bad records kept. */
    public static final class Summary {
        private final long rows;
        private final long skipped;
        private final List<MoleculeException> errors;
        private final String file;

        Summary(long rows, long skipped, List<MoleculeException> errors, String file) {
            this.rows = rows;
            this.skipped = skipped;
            this.errors = errors;
            this.file = file;
        }

        public long rows() {
            return rows;
        }

        public long skipped() {
            return skipped;
        }

        /** The first {@link MoleculeSource#KEPT_ERRORS} bad records. */
        public List<MoleculeException> errors() {
            return errors;
        }

        public String file() {
            return file;
        }
    }

    /**
     * As {@link #run(Path, MoleculeFormat, OnError, PrintStream, Sink)}, stopping after {@code limit} valid
     * molecules (&ge; 1).
     */
    public Summary run(Path file, MoleculeFormat format, OnError onError, int limit, PrintStream progress, Sink sink)
            throws IOException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit = " + limit + " must be >= 1");
        }
        Parallel.setThreads(threads);
        int batchSize = 8 * threads;
        long start = System.nanoTime();
        long lastShown = 0;
        long rows = 0;
        try (MoleculeSource src = MoleculeReaders.source(file, format, onError)) {
            while (true) {
                List<Molecule> batch = new ArrayList<>();
                List<Long> records = new ArrayList<>();
                Molecule m;
                while (batch.size() < batchSize && rows + batch.size() < limit && (m = src.nextValid()) != null) {
                    batch.add(m);
                    records.add(src.record());
                }
                if (batch.isEmpty()) {
                    break;
                }
                double[][] feats = new double[batch.size()][];
                MoleculeException[] errors = new MoleculeException[batch.size()];
                boolean[] hit = new boolean[batch.size()];
                Parallel.forEach(batch.size(), () -> null, (i, ws) -> {
                    try {
                        double[] x = cache == null ? null : cache.get(batch.get(i));
                        hit[i] = x != null;
                        if (x == null) {
                            x = engine.compute(batch.get(i));
                            if (cache != null) {
                                cache.put(batch.get(i), x);
                            }
                        }
                        feats[i] = x;
                    } catch (MoleculeException e) {
                        errors[i] = e.at(src.file(), records.get(i), 0);
                    }
                });
                for (int i = 0; i < batch.size(); i++) {
                    if (errors[i] != null) {
                        src.reportBad(errors[i]);
                        continue;
                    }
                    cacheHits += hit[i] ? 1 : 0;
                    sink.accept(batch.get(i), records.get(i), feats[i]);
                    rows++;
                }
                long now = System.nanoTime();
                double elapsed = (now - start) / 1e9;
                if (progress != null && elapsed > 2 && now - lastShown > 500_000_000L) {
                    lastShown = now;
                    double f = limit < Integer.MAX_VALUE ? Math.max(src.progress(), rows / (double) limit)
                            : src.progress();
                    String left = f > 0 && f < 1 ? String.format(Locale.ROOT, ", ~%.0f s left", elapsed * (1 - f) / f) : "";
                    progress.printf(Locale.ROOT, "\rfeaturize: %d molecules (%.1f%%), %.2f/s%s%s   ", rows, 100 * f,
                            rows / elapsed, left, src.skipped() > 0 ? ", " + src.skipped() + " skipped" : "");
                    progress.flush();
                }
            }
            if (progress != null && lastShown > 0) {
                progress.println();
            }
            return new Summary(rows, src.skipped(), List.copyOf(src.errors()), src.file());
        }
    }
}
