package org.scattering4j.audioimage.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scattering4j.audioimage.features.BatchFeatureExtractor;
import org.scattering4j.cli.Main;
import org.scattering4j.data.io.ImageWriter;
import org.scattering4j.data.io.WavWriter;
import org.scattering4j.testing.SharedData;

/**
 * The {@code classify} command end to end on tiny synthetic folders (two classes separable by
 * orientation or by frequency), a small FSDD subset, and its error paths: exit code 1, a message naming
 * the problem, and no output file.
 */
class ClassifyCommandTest {
    @TempDir
    Path tmp;

    /** Result of one launcher call. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Stripes along rows ("h") or columns ("v") with random frequency and phase plus noise. */
    static double[][] stripes(boolean horizontal, int size, Random r) {
        double f = 0.15 + 0.1 * r.nextDouble();
        double ph = 2 * Math.PI * r.nextDouble();
        double[][] img = new double[size][size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double t = horizontal ? y : x;
                img[y][x] = 0.5 + 0.35 * Math.sin(2 * Math.PI * f * t + ph) + 0.1 * r.nextGaussian();
            }
        }
        return img;
    }

    static Path imageFolder(Path dir, int size, int perClassTrain, int perClassTest) throws IOException {
        Random r = new Random(7);
        for (String split : List.of("train", "test")) {
            int n = split.equals("train") ? perClassTrain : perClassTest;
            for (String cls : List.of("h", "v")) {
                for (int i = 0; i < n; i++) {
                    ImageWriter.writePng(dir.resolve(split).resolve(cls).resolve(cls + i + ".png"),
                            stripes(cls.equals("h"), size, r), ImageWriter.Scaling.UNIT);
                }
            }
        }
        return dir;
    }

    /** A tone of {@code hz} with a little noise and a random phase. */
    static double[] tone(double hz, int n, int rate, Random r) {
        double ph = 2 * Math.PI * r.nextDouble();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.5 * Math.sin(2 * Math.PI * hz * i / rate + ph) + 0.02 * r.nextGaussian();
        }
        return x;
    }

    static Path soundFolder(Path dir, int n, int perClassTrain, int perClassTest) throws IOException {
        Random r = new Random(11);
        for (String split : List.of("train", "test")) {
            int k = split.equals("train") ? perClassTrain : perClassTest;
            for (String cls : List.of("high", "low")) {
                for (int i = 0; i < k; i++) {
                    double hz = (cls.equals("low") ? 300 : 1500) * (0.9 + 0.2 * r.nextDouble());
                    WavWriter.write(dir.resolve(split).resolve(cls).resolve(cls + i + ".wav"), tone(hz, n, 8000, r),
                            8000, WavWriter.Format.PCM_16);
                }
            }
        }
        return dir;
    }

    static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }

    static void assertNoOutputs(Path out) throws IOException {
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                assertEquals(List.of(), s.toList(), "no file may be written on failure");
            }
        }
    }

    @Test
    void imagesWithTextureStatisticsAndShrinkageLda() throws IOException {
        Path data = imageFolder(tmp.resolve("img"), 32, 6, 3);
        Run r = run("classify", "images", "--data", data.toString(), "--J", "3", "--features", "stats",
                "--classifier", "lda");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test accuracy: 100.00 % (6/6)"), r.out());
        assertTrue(r.out().contains("texture statistics") && r.out().contains("shrinkage LDA"), r.out());
        // J = 2 leaves maps of J = 1, which have no order-2 groups
        Run bad = run("classify", "images", "--data", data.toString(), "--J", "2", "--features", "stats");
        assertEquals(1, bad.code(), bad.out());
        assertTrue(bad.err().contains("J >= 2"), bad.err());
    }

    @Test
    void imagesSeparatesOrientationsAndWritesOutputs() throws IOException {
        Path data = imageFolder(tmp.resolve("img"), 32, 6, 3);
        Path out = tmp.resolve("out");
        Run r = run("classify", "images", "--data", data.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test accuracy: 100.00 % (6/6)"), r.out());
        assertTrue(r.out().contains("confusion matrix"), r.out());
        assertTrue(r.out().contains("featurise train"), r.out());
        List<String> csv = lines(out.resolve("predictions.csv"));
        assertEquals("item,label,predicted", csv.get(0));
        assertEquals(7, csv.size());
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",");
            assertEquals(3, f.length, row);
            assertEquals(f[1], f[2], row);
            assertTrue(f[0].startsWith(f[1] + "/"), row);
        }
        BufferedImage png = ImageIO.read(out.resolve("confusion.png").toFile());
        assertNotNull(png);
        assertTrue(png.getWidth() > 100 && png.getHeight() > 100);
    }

    @Test
    void soundsSeparatesFrequencies() throws IOException {
        Path data = soundFolder(tmp.resolve("snd"), 1000, 6, 3);
        Path out = tmp.resolve("out");
        Run r = run("classify", "sounds", "--data", data.toString(), "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test accuracy: 100.00 % (6/6)"), r.out());
        assertTrue(r.out().contains("N=1024"), r.out()); // default length: next power of two of 1000
        List<String> csv = lines(out.resolve("predictions.csv"));
        assertEquals(7, csv.size());
        assertTrue(Files.isRegularFile(out.resolve("confusion.png")));
    }

    @Test
    void fsddSubsetEndToEnd() throws IOException {
        // two digits of one speaker: takes 0-4 test, 5-14 train (30 files, a few seconds)
        Path rec = tmp.resolve("fsdd").resolve("recordings");
        Files.createDirectories(rec);
        Path src = SharedData.data("fsdd").resolve("recordings");
        for (int d : new int[] {0, 1}) {
            for (int k = 0; k < 15; k++) {
                String n = d + "_jackson_" + k + ".wav";
                Files.copy(src.resolve(n), rec.resolve(n));
            }
        }
        Path out = tmp.resolve("out");
        Run r = run("classify", "fsdd", "--data", tmp.toString(), "--out", out.toString(), "--cs", "1",
                "--recipe", "kymatio");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test accuracy: 100.00 % (10/10)"), r.out());
        // the default recipe search needs a C grid to rank recipes by inner CV
        Run one = run("classify", "fsdd", "--data", tmp.toString(), "--cs", "1");
        assertEquals(2, one.code(), one.out());
        assertTrue(one.err().contains("--recipe kymatio"), one.err());
        Run cv = run("classify", "fsdd", "--data", tmp.toString(), "--cs", "0.1,1", "--folds", "2");
        assertEquals(0, cv.code(), cv.err());
        assertTrue(cv.out().contains("recipe chosen by inner CV on the training clips: eps="), cv.out());
        assertTrue(cv.out().contains("eps=0.0100000 mean+std"), cv.out());
        List<String> csv = lines(out.resolve("predictions.csv"));
        assertEquals(11, csv.size());
        assertTrue(csv.contains("0_jackson_0.wav,0,0"), csv.toString());
    }

    @Test
    void mnistWithPcaDimensionZeroIsTheNearestMeanClassifier() throws IOException {
        // --max-d 0 used to fail reading an empty CV curve; 600 training images keep this to seconds
        Path data = SharedData.data("mnist").getParent();
        Path out = tmp.resolve("mnist-out");
        Run r = run("classify", "mnist", "--data", data.toString(), "--out", out.toString(), "--train-size", "600",
                "--max-d", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("d = 0 (--max-d 0: nearest class mean, no CV)"), r.out());
        // the default model is the blend: its logistic half reads the corner grid, the PCA the centred one
        assertTrue(r.out().contains("blend: class score = 3.00000 * PCA distance / "), r.out());
        assertTrue(r.out().contains("features (affine PCA): all Scattering2D(J=3, L=8) coefficients of a 28x28 image"
                + " at (4, 4) on a 36x36 zero canvas, output grid from row 1, column 1"), r.out());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("test accuracy: ([0-9.]+) %").matcher(r.out());
        assertTrue(m.find(), r.out());
        double acc = Double.parseDouble(m.group(1));
        assertTrue(acc > 60 && acc < 99,
                "blend of nearest class mean (d = 0) and logistic regression on 600 images: " + acc + " %");
        assertEquals(10001, lines(out.resolve("predictions.csv")).size());
    }

    @Test
    void mnistAugmentSpecsParseAndBadOnesAreUsageErrors() {
        assertEquals(0, ClassifyCommand.parseAugment("none").size());
        assertEquals(4, ClassifyCommand.parseAugment("shift4").size());
        assertEquals(8, ClassifyCommand.parseAugment("shift8").size());
        double[][] img = new double[5][5];
        img[2][2] = 1;
        double[][] moved = ClassifyCommand.parseAugment("0:1:0:1:0, 8:1.1:0.2:0:-1").get(0).apply(img);
        assertEquals(1, moved[2][3], 0, "0:1:0:1:0 is a one-pixel shift right");
        for (String bad : new String[] {"shift3", "0:1:0:1", "0:1:0:x:0", "0:3:0:0:0", ""}) {
            Run r = run("classify", "mnist", "--data", tmp.toString(), "--augment", bad);
            assertEquals(2, r.code(), bad + ": " + r.out() + r.err());
            String first = r.err().lines().findFirst().orElse("");
            assertTrue(first.contains("--augment"), first);
        }
        Run r = run("classify", "mnist", "--data", tmp.toString(), "--model", "logistic", "--augment", "shift4");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().lines().findFirst().orElse("")
                .contains("applies to the affine PCA of --model blend or pca only"), r.err());
    }

    @Test
    void mnistCentredGridSamplesTheDigitAtPixels6To22() {
        // J = 3: the digit at (4, 4) on 36 x 36; Kymatio's grid of that canvas is at canvas pixels 2, 10, 18, 26,
        // digit pixels -2, 6, 14, 22; the point off the digit is dropped
        BatchFeatureExtractor<double[][]> fx = ClassifyCommand.mnistFeatures(3, 8, 0.5, true);
        assertEquals(217 * 3 * 3, fx.dimension());
        assertTrue(fx.describe().contains("at (4, 4) on a 36x36 zero canvas, output grid from row 1, column 1"),
                fx.describe());
        // a point at digit pixel (14, 14) lights the centre of the order-0 map (the blurred image) most, and
        // a point at (6, 22) its top-right corner
        for (int[] p : new int[][] {{14, 14, 1, 1}, {6, 22, 0, 2}, {22, 6, 2, 0}}) {
            double[][] img = new double[28][28];
            img[p[0]][p[1]] = 1;
            double[] v = fx.extract(img);
            int best = 0;
            for (int k = 1; k < 9; k++) {
                best = v[k] > v[best] ? k : best;
            }
            assertEquals(p[2] * 3 + p[3], best, "point at " + p[0] + ", " + p[1]);
        }
        // corner: the transform of the digit itself (grid at 2, 10, 18)
        BatchFeatureExtractor<double[][]> corner = ClassifyCommand.mnistFeatures(3, 8, 0.5, false);
        assertEquals(217 * 9, corner.dimension());
        assertFalse(corner.describe().contains("canvas"), corner.describe());
        // J = 2 centred: digit at (2, 2) on 32 x 32, grid at digit pixels 2, 6, ..., 26 (7 x 7)
        assertEquals(81 * 7 * 7, ClassifyCommand.mnistFeatures(2, 8, 1, true).dimension());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassifyCommand.mnistFeatures(6, 8, 1, true));
        assertTrue(e.getMessage().contains("J = 6"), e.getMessage());
    }

    @Test
    void mnistBadGridIsAUsageError() {
        Run r = run("classify", "mnist", "--data", tmp.toString(), "--grid", "middle");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().lines().findFirst().orElse("").contains("--grid middle: allowed centre, corner"), r.err());
        r = run("classify", "mnist", "--data", tmp.toString(), "--logistic-grid", "edge");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().lines().findFirst().orElse("").contains("--logistic-grid edge: allowed centre, corner"),
                r.err());
        for (String[] bad : new String[][] {{"--model", "knn"}, {"--blend-weight", "0"}, {"--blend-weight", "-2"}}) {
            r = run("classify", "mnist", "--data", tmp.toString(), bad[0], bad[1]);
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().lines().findFirst().orElse("").contains(bad[0] + " " + bad[1]), r.err());
        }
        r = run("classify", "mnist", "--data", tmp.toString(), "--J", "7");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().lines().findFirst().orElse("").contains("--J 7"), r.err());
    }

    @Test
    void wrongSampleRateFailsWithoutOutputs() throws IOException {
        Path data = soundFolder(tmp.resolve("snd"), 1000, 3, 1);
        WavWriter.write(data.resolve("test/low/odd.wav"), tone(300, 1000, 16000, new Random(1)), 16000,
                WavWriter.Format.PCM_16);
        Path out = tmp.resolve("out");
        Run r = run("classify", "sounds", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("odd.wav") && r.err().contains("16000"), r.err());
        assertNoOutputs(out);
    }

    @Test
    void clipShorterThanSupportFails() throws IOException {
        Path data = soundFolder(tmp.resolve("snd"), 1000, 3, 1);
        WavWriter.write(data.resolve("train/low/short.wav"), tone(300, 50, 8000, new Random(1)), 8000,
                WavWriter.Format.PCM_16);
        Path out = tmp.resolve("out");
        Run r = run("classify", "sounds", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("short.wav") && r.err().contains("50 samples"), r.err());
        assertNoOutputs(out);
    }

    @Test
    void imageOfWrongSizeFails() throws IOException {
        Path data = imageFolder(tmp.resolve("img"), 32, 3, 1);
        ImageWriter.writePng(data.resolve("test/v/big.png"), stripes(false, 40, new Random(3)),
                ImageWriter.Scaling.UNIT);
        Path out = tmp.resolve("out");
        Run r = run("classify", "images", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("big.png"), r.err());
        assertNoOutputs(out);
    }

    @Test
    void testClassWithoutTrainingLabelFails() throws IOException {
        Path data = imageFolder(tmp.resolve("img"), 32, 3, 1);
        ImageWriter.writePng(data.resolve("test/diag/d0.png"), stripes(false, 32, new Random(3)),
                ImageWriter.Scaling.UNIT);
        Path out = tmp.resolve("out");
        Run r = run("classify", "images", "--data", data.toString(), "--out", out.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("diag"), r.err());
        assertNoOutputs(out);
    }

    @Test
    void missingFsddFolderAndUsageErrors() throws IOException {
        Run r = run("classify", "fsdd", "--data", tmp.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("recordings"), r.err());
        Run bad = run("classify", "speech", "--data", tmp.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("fsdd"), bad.err());
        Run unknown = run("classify", "images", "--data", tmp.toString(), "--colour", "red");
        assertEquals(2, unknown.code());
        Path file = Files.writeString(tmp.resolve("afile"), "x");
        Run outIsFile = run("classify", "images", "--data", tmp.toString(), "--out", file.toString());
        assertEquals(1, outIsFile.code());
        assertTrue(outIsFile.err().contains("not a directory"), outIsFile.err());
        assertFalse(outIsFile.out().contains("accuracy"));
        Run features = run("classify", "textures", "--data", tmp.toString(), "--features", "histogram");
        assertEquals(2, features.code());
        assertTrue(features.err().contains("--features histogram") && features.err().contains("stats, means"),
                features.err());
        Run clf = run("classify", "textures", "--data", tmp.toString(), "--classifier", "svm");
        assertEquals(2, clf.code());
        assertTrue(clf.err().contains("--classifier svm") && clf.err().contains("lda, logistic"), clf.err());
    }
}
