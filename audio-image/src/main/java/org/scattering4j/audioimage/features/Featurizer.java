package org.scattering4j.audioimage.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.scattering4j.data.Progress;
import org.scattering4j.util.Parallel;

/**
 * Runs a {@link FeatureExtractor} over a data set on all worker threads ({@link Parallel}), loading
 * each input only when a worker reaches it, so memory holds feature vectors, not the data set. A
 * {@link Progress} bar is advanced per item. An error names the item it came from.
 *
 * <pre>{@code
 * double[][] x = Featurizer.extract(fsdd.train(), it -> fsdd.read(it).samples(), fx, Fsdd.Item::fileName,
 *         Progress.start("featurise fsdd train", fsdd.train().size()));
 *
 * try (IdxReader.Images it = mnist.images(Mnist.Split.TRAIN);
 *      Npy.RowWriter out = new Npy.RowWriter(path, new int[] {fx.dimension()}, Npy.DType.F32)) {
 *     Featurizer.stream(it, fx, 512, out::append, Progress.start("mnist", it.count()));
 * }
 * }</pre>
 */
public final class Featurizer {
    private Featurizer() {
    }

    /** Loads one input of an item (a file read). */
    @FunctionalInterface
    public interface Loader<S, T> {
        /** The input of {@code item}. */
        T load(S item) throws IOException;
    }

    /** Receives feature rows in input order. */
    @FunctionalInterface
    public interface RowSink {
        /** Takes one row (the caller owns it afterwards). */
        void accept(double[] row) throws IOException;
    }

    /**
     * The features of every item, row i for item i; the progress bar is closed at the end.
     *
     * @param name names an item in error messages (e.g. its file name)
     * @throws IOException if loading an item fails (the message names the item)
     * @throws IllegalArgumentException if an input is refused (the message names the item)
     */
    public static <S, T> double[][] extract(List<S> items, Loader<S, T> loader, FeatureExtractor<T> fx,
            Function<S, String> name, Progress progress) throws IOException {
        double[][] out = new double[items.size()][];
        try (Progress p = progress) {
            Parallel.forEach(items.size(), () -> null, (i, w) -> {
                S item = items.get(i);
                out[i] = one(fx, loadNamed(loader, item, name, i), name(name, item, i));
                p.step();
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    /** As {@link #extract(List, Loader, FeatureExtractor, Function, Progress)}, naming items by {@code toString}. */
    public static <S, T> double[][] extract(List<S> items, Loader<S, T> loader, FeatureExtractor<T> fx,
            Progress progress) throws IOException {
        return extract(items, loader, fx, String::valueOf, progress);
    }

    /**
     * Streams inputs from an iterator: reads up to {@code batch} inputs, featurises them in parallel,
     * hands the rows to {@code sink} in order, and repeats. Memory: one batch of inputs.
     *
     * @return the number of rows written
     */
    public static <T> int stream(Iterator<T> inputs, FeatureExtractor<T> fx, int batch, RowSink sink,
            Progress progress) throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("batch = " + batch + " must be >= 1");
        }
        int written = 0;
        try (Progress p = progress) {
            List<T> buf = new ArrayList<>(batch);
            while (true) {
                buf.clear();
                try {
                    while (buf.size() < batch && inputs.hasNext()) {
                        buf.add(inputs.next());
                    }
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                if (buf.isEmpty()) {
                    break;
                }
                double[][] rows;
                int base = written;
                if (fx instanceof BatchFeatureExtractor) {
                    rows = all((BatchFeatureExtractor<T>) fx, buf, base);
                    p.advance(rows.length);
                } else {
                    double[][] one = new double[buf.size()][];
                    Parallel.forEach(buf.size(), () -> null, (i, w) -> {
                        one[i] = one(fx, buf.get(i), "input " + (base + i));
                        p.step();
                    });
                    rows = one;
                }
                for (double[] r : rows) {
                    sink.accept(r);
                }
                written += rows.length;
            }
        }
        return written;
    }

    private static <S, T> T loadNamed(Loader<S, T> loader, S item, Function<S, String> name, int i) {
        try {
            return loader.load(item);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(name(name, item, i) + ": " + e.getMessage(), e));
        }
    }

    private static <S> String name(Function<S, String> name, S item, int i) {
        return "item " + i + " (" + name.apply(item) + ")";
    }

    /** A batch through {@link BatchFeatureExtractor#extractAll}, with errors naming the stream position. */
    private static <T> double[][] all(BatchFeatureExtractor<T> fx, List<T> inputs, int base) {
        double[][] rows;
        try {
            rows = fx.extractAll(inputs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("batch of inputs " + base + ".." + (base + inputs.size() - 1) + ": "
                    + e.getMessage(), e);
        }
        if (rows.length != inputs.size()) {
            throw new IllegalStateException("extractor returned " + rows.length + " rows for " + inputs.size()
                    + " inputs");
        }
        for (int i = 0; i < rows.length; i++) {
            checkDimension(fx, rows[i], "input " + (base + i));
        }
        return rows;
    }

    private static <T> double[] one(FeatureExtractor<T> fx, T input, String what) {
        double[] f;
        try {
            f = fx.extract(input);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
        checkDimension(fx, f, what);
        return f;
    }

    private static void checkDimension(FeatureExtractor<?> fx, double[] f, String what) {
        if (f.length != fx.dimension()) {
            throw new IllegalStateException(what + ": extractor returned " + f.length + " features, its dimension is "
                    + fx.dimension());
        }
    }
}
