package org.scattering4j.audioimage.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.scattering4j.data.Progress;

class FeaturizerTest {
    /** Features (sum, length) of a signal. */
    private static final FeatureExtractor<double[]> SUM = new FeatureExtractor<>() {
        @Override
        public double[] extract(double[] x) {
            if (x.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            double s = 0;
            for (double v : x) {
                s += v;
            }
            return new double[] {s, x.length};
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public String describe() {
            return "sum";
        }
    };

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private Progress progress(int n) {
        return Progress.start("t", n, new PrintStream(log, true, StandardCharsets.UTF_8), Progress.Mode.LINES,
                System::nanoTime);
    }

    @Test
    void rowsFollowItemOrderAndProgressCountsEveryItem() throws IOException {
        List<Integer> items = IntStream.range(1, 201).boxed().toList();
        Progress p = progress(200);
        double[][] f = Featurizer.extract(items, i -> new double[i], SUM, p);
        assertEquals(200, f.length);
        for (int i = 0; i < 200; i++) {
            assertArrayEquals(new double[] {0, i + 1}, f[i]);
        }
        assertEquals(200, p.done());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("200/200"), log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void failuresNameTheItem() {
        List<String> items = List.of("a.wav", "b.wav", "c.wav");
        IOException e = assertThrows(IOException.class, () -> Featurizer.extract(items, s -> {
            if (s.equals("b.wav")) {
                throw new IOException("truncated");
            }
            return new double[] {1};
        }, SUM, s -> s, Progress.silent()));
        assertTrue(e.getMessage().contains("b.wav") && e.getMessage().contains("truncated"), e.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> Featurizer.extract(items,
                s -> s.equals("c.wav") ? new double[0] : new double[] {1}, SUM, s -> s, Progress.silent()));
        assertTrue(a.getMessage().contains("c.wav") && a.getMessage().contains("empty"), a.getMessage());
    }

    @Test
    void streamingWritesRowsInOrderBatchByBatch() throws IOException {
        Iterator<double[]> it = IntStream.range(0, 1000).mapToObj(i -> new double[] {i, 1}).iterator();
        List<double[]> rows = new ArrayList<>();
        int n = Featurizer.stream(it, SUM, 64, rows::add, progress(1000));
        assertEquals(1000, n);
        for (int i = 0; i < 1000; i++) {
            assertArrayEquals(new double[] {i + 1, 2}, rows.get(i));
        }
        Iterator<double[]> bad = List.of(new double[] {1}, new double[0]).iterator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Featurizer.stream(bad, SUM, 8, r -> { }, Progress.silent()));
        assertTrue(e.getMessage().contains("input 1"), e.getMessage());
        Iterator<double[]> broken = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public double[] next() {
                throw new UncheckedIOException(new IOException("disk gone"));
            }
        };
        assertThrows(IOException.class, () -> Featurizer.stream(broken, SUM, 8, r -> { }, Progress.silent()));
        assertThrows(IllegalArgumentException.class, () -> Featurizer.stream(it, SUM, 0, r -> { }, Progress.silent()));
    }
}
