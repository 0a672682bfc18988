package org.scattering4j.audioimage.classify;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.learn.Metrics;

/**
 * The outcome of one classification run on a test set: what each test item is, its true and predicted
 * class, the class names, the wall time of each stage and free-form notes (model choices, extra
 * figures). {@link #print} writes the human-readable summary (accuracy, error, confusion matrix, stage
 * times); {@link #write} writes {@code predictions.csv} ({@code item,label,predicted}, class names) and
 * {@code confusion.png}, each atomically, so a reader never sees a half-written file.
 *
 * <pre>{@code
 * ClassificationReport r = new ClassificationReport("fsdd", items, truth, predicted, classNames, stages, notes);
 * r.print(System.out);
 * r.write(Path.of("out"));
 * }</pre>
 *
 * <p>Immutable (arrays are copied in and out).
 */
public final class ClassificationReport {
    /** The file names written by {@link #write}. */
    public static final String PREDICTIONS = "predictions.csv";
    /** The confusion-matrix image written by {@link #write}. */
    public static final String CONFUSION_PNG = "confusion.png";

    private final String title;
    private final List<String> items;
    private final int[] truth;
    private final int[] predicted;
    private final List<String> classes;
    private final Map<String, Double> stageSeconds;
    private final List<String> notes;

    /**
     * @param title what was classified (printed first)
     * @param items one name per test item (a file name or a test-set index)
     * @param truth true class index per item, in 0..classes-1
     * @param predicted predicted class index per item, in 0..classes-1
     * @param classes class names, by index
     * @param stageSeconds wall time of each stage in seconds, in order
     * @param notes extra lines printed after the accuracy
     */
    public ClassificationReport(String title, List<String> items, int[] truth, int[] predicted, List<String> classes,
            Map<String, Double> stageSeconds, List<String> notes) {
        if (items.size() != truth.length || truth.length != predicted.length) {
            throw new IllegalArgumentException("items (" + items.size() + "), truth (" + truth.length
                    + ") and predicted (" + predicted.length + ") must have the same length");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("the test set is empty");
        }
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] < 0 || truth[i] >= classes.size() || predicted[i] < 0 || predicted[i] >= classes.size()) {
                throw new IllegalArgumentException("item " + i + ": label " + truth[i] + " / prediction "
                        + predicted[i] + " outside 0.." + (classes.size() - 1));
            }
        }
        this.title = title;
        this.items = List.copyOf(items);
        this.truth = truth.clone();
        this.predicted = predicted.clone();
        this.classes = List.copyOf(classes);
        this.stageSeconds = new LinkedHashMap<>(stageSeconds);
        this.notes = List.copyOf(notes);
    }

    /** Fraction of test items classified correctly. */
    public double accuracy() {
        return Metrics.accuracy(truth, predicted);
    }

    /** Number of misclassified test items. */
    public int errors() {
        int e = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != predicted[i]) {
                e++;
            }
        }
        return e;
    }

    /** {@code [true][predicted]} counts. */
    public int[][] confusion() {
        return Metrics.confusionMatrix(truth, predicted, classes.size());
    }

    /** Predicted class indices (a copy). */
    public int[] predicted() {
        return predicted.clone();
    }

    /** Prints title, accuracy, error, notes, confusion matrix (up to 30 classes, else the top confusions) and stage times. */
    public void print(PrintStream out) {
        int n = truth.length;
        int e = errors();
        out.println(title);
        out.printf(Locale.ROOT, "test accuracy: %.2f %% (%d/%d)   test error: %.2f %% (%d errors)%n",
                100.0 * (n - e) / n, n - e, n, 100.0 * e / n, e);
        for (String s : notes) {
            out.println(s);
        }
        int[][] cm = confusion();
        int k = classes.size();
        if (k <= 30) {
            out.println("confusion matrix (rows: true class, columns: predicted):");
            int w = Integer.toString(truth.length).length() + 2; // room for the largest count
            for (String c : classes) {
                w = Math.max(w, c.length() + 1);
            }
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%" + w + "s", ""));
            for (String c : classes) {
                head.append(String.format(Locale.ROOT, "%" + w + "s", c));
            }
            out.println(head);
            for (int t = 0; t < k; t++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%" + w + "s", classes.get(t)));
                for (int p = 0; p < k; p++) {
                    row.append(String.format(Locale.ROOT, "%" + w + "d", cm[t][p]));
                }
                out.println(row);
            }
        } else {
            out.println("confusion matrix: " + k + " classes (see " + CONFUSION_PNG + "); most frequent confusions:");
            List<int[]> off = new ArrayList<>();
            for (int t = 0; t < k; t++) {
                for (int p = 0; p < k; p++) {
                    if (t != p && cm[t][p] > 0) {
                        off.add(new int[] {cm[t][p], t, p});
                    }
                }
            }
            off.sort((a, b) -> a[0] != b[0] ? Integer.compare(b[0], a[0])
                    : a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[2], b[2]));
            for (int i = 0; i < Math.min(10, off.size()); i++) {
                int[] o = off.get(i);
                out.printf(Locale.ROOT, "  %s -> %s: %d%n", classes.get(o[1]), classes.get(o[2]), o[0]);
            }
        }
        out.println("time per stage:");
        double total = 0;
        for (Map.Entry<String, Double> s : stageSeconds.entrySet()) {
            out.printf(Locale.ROOT, "  %-34s %8.2f s%n", s.getKey(), s.getValue());
            total += s.getValue();
        }
        out.printf(Locale.ROOT, "  %-34s %8.2f s%n", "total", total);
    }

    /** The CSV text: header {@code item,label,predicted}, one row per test item, class names as labels. */
    public String predictionsCsv() {
        StringBuilder sb = new StringBuilder("item,label,predicted\n");
        for (int i = 0; i < truth.length; i++) {
            sb.append(csv(items.get(i))).append(',').append(csv(classes.get(truth[i]))).append(',')
                    .append(csv(classes.get(predicted[i]))).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #PREDICTIONS} and {@link #CONFUSION_PNG} into {@code dir} (created if missing). */
    public void write(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("--out " + dir + " exists and is not a directory");
        }
        byte[] png = confusionPng();
        byte[] csvBytes = predictionsCsv().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(PREDICTIONS), o -> o.write(csvBytes));
        AtomicFiles.write(dir.resolve(CONFUSION_PNG), o -> o.write(png));
    }

    /** The confusion matrix drawn as a PNG: row-normalised gray-blue cells, counts written when cells are large enough. */
    public byte[] confusionPng() throws IOException {
        System.setProperty("java.awt.headless", "true");
        int[][] cm = confusion();
        int k = classes.size();
        int cell = Math.max(4, Math.min(48, 720 / k));
        int label = k <= 30 ? 70 : 10;
        int top = 40 + label;
        int left = 20 + label;
        int size = cell * k;
        BufferedImage img = new BufferedImage(left + size + 20, top + size + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(String.format(Locale.ROOT, "%s: accuracy %.2f %%", title, 100 * accuracy()), 10, 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString("rows: true class, columns: predicted", 10, top + size + 25);
            FontMetrics fm = g.getFontMetrics();
            for (int t = 0; t < k; t++) {
                int rowTotal = 0;
                for (int p = 0; p < k; p++) {
                    rowTotal += cm[t][p];
                }
                for (int p = 0; p < k; p++) {
                    double f = rowTotal == 0 ? 0 : cm[t][p] / (double) rowTotal;
                    // white (0) to dark blue (1)
                    Color c = new Color((int) Math.round(255 * (1 - 0.9 * f)), (int) Math.round(255 * (1 - 0.8 * f)),
                            (int) Math.round(255 - 100 * f));
                    g.setColor(c);
                    g.fillRect(left + p * cell, top + t * cell, cell, cell);
                    if (cell >= 20 && cm[t][p] > 0) {
                        g.setColor(f > 0.5 ? Color.WHITE : Color.BLACK);
                        String s = Integer.toString(cm[t][p]);
                        g.drawString(s, left + p * cell + (cell - fm.stringWidth(s)) / 2,
                                top + t * cell + (cell + fm.getAscent()) / 2 - 2);
                    }
                }
            }
            g.setColor(Color.GRAY);
            g.drawRect(left, top, size, size);
            if (k <= 30) {
                g.setColor(Color.BLACK);
                for (int i = 0; i < k; i++) {
                    String s = shorten(classes.get(i), fm, label - 6);
                    g.drawString(s, left - fm.stringWidth(s) - 4, top + i * cell + (cell + fm.getAscent()) / 2 - 2);
                    Graphics2D r = (Graphics2D) g.create();
                    r.translate(left + i * cell + (cell + fm.getAscent()) / 2 - 2, top - 4);
                    r.rotate(-Math.PI / 2);
                    r.drawString(s, 0, 0);
                    r.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }

    private static String shorten(String s, FontMetrics fm, int width) {
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
