//// markdown
// # 3. 1D scattering of a spoken digit
//
// A recording from the Free Spoken Digit Dataset (FSDD: 8 kHz, about half a second per digit): its
// wavelet scalogram, its first- and second-order scattering coefficients as images, and a small spoken-digit
// classifier on scattering features (the recipe of Kymatio's 1D classification example, on a subset so that it
// runs in seconds; `./scattering4j classify fsdd` runs the full set).
//// code
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

// The checkout's root: the first folder above the working directory that holds notebooks-java/.
Path root = Path.of("").toAbsolutePath();
while (root != null && !Files.isDirectory(root.resolve("notebooks-java"))) root = root.getParent();
if (root == null) throw new IllegalStateException("start the notebook inside the scattering4j checkout");
// Figures are written beside the notebooks, in notebooks/out/<notebook>/ (not committed; each run rewrites them).
Path out = Files.createDirectories(root.resolve("notebooks-java/notebooks/out/03-spoken-digit-1d"));

// Shows a PNG inline in the Jupyter kernel (rapaio-jupyter-kernel's display); in plain jshell, prints its path.
void show(Path png) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    try {
        Class.forName("org.rapaio.jupyter.kernel.global.Global").getMethod("display", Object.class).invoke(null, img);
    } catch (ClassNotFoundException notInTheKernel) {
        System.out.println("figure: " + root.relativize(png));
    }
}

// Data sets that do not ship with the library (FSDD, MNIST, textures) are read from ../shared/data beside the
// checkout, or from the folder named by the environment variable SCATTERING4J_DATA.
Path data = root.getParent().resolve("shared/data");
if (System.getenv("SCATTERING4J_DATA") != null) data = Path.of(System.getenv("SCATTERING4J_DATA"));
if (!Files.isDirectory(data)) throw new IllegalStateException("no data folder " + data
        + ": put the data sets (fsdd/, mnist/, textures-cc0/, audio-samples/) there or set SCATTERING4J_DATA");

// Nearest-neighbour enlargement, so that small coefficient arrays are visible as images.
double[][] zoom(double[][] a, int fy, int fx) {
    double[][] b = new double[a.length * fy][a[0].length * fx];
    for (int r = 0; r < b.length; r++) for (int c = 0; c < b[0].length; c++) b[r][c] = a[r / fy][c / fx];
    return b;
}
//// markdown
// ## One recording
//// code
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scattering4j.data.io.ImageWriter;
import org.scattering4j.data.io.WavReader;
import org.scattering4j.data.sets.DataDirs;
import org.scattering4j.data.sets.Fsdd;

Fsdd fsdd = Fsdd.open(DataDirs.resolve(data, Fsdd.FOLDER));
Fsdd.Item item = fsdd.all().stream().filter(i -> i.digit() == 3 && i.speaker().equals("jackson") && i.index() == 0).
        findFirst().orElseThrow();
WavReader.Audio audio = fsdd.read(item);
int n = 8192;   // about 1 s at 8 kHz: every FSDD clip fits
double[] x = Arrays.copyOf(audio.samples(), n);    // zero-padded to n samples
System.out.printf(Locale.ROOT, "%s: digit %d, speaker %s, %d samples (%.2f s) at %d Hz%n", item.fileName(),
        item.digit(), item.speaker(), audio.samples().length, audio.info().seconds(), audio.info().sampleRate());
double[] time = new double[n];
for (int t = 0; t < n; t++) time[t] = t / (double) Fsdd.SAMPLE_RATE;
XYChart wave = new XYChartBuilder().width(820).height(260).title(item.fileName()).xAxisTitle("time (s)").build();
wave.addSeries("signal", time, x).setMarker(SeriesMarkers.NONE);
wave.getStyler().setLegendVisible(false);
Path wavePng = out.resolve("waveform.png");
BitmapEncoder.saveBitmap(wave, wavePng.toString(), BitmapEncoder.BitmapFormat.PNG);
show(wavePng);
//// markdown
// ## Scalogram
//
// The modulus of the signal filtered by each first-order Morlet wavelet, |x * psi|, from the highest centre
// frequency (top) to the lowest, on a log scale. The filters come from the same filter bank the transform
// uses (J = 8, Q = 12 wavelets per octave); the filtering is a product in the Fourier domain.
//// code
import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.scattering.filters.MorletFilterBank1D;

MorletFilterBank1D bank = MorletFilterBank1D.create(8, n, 12, 1, 256);
int padded = bank.paddedLength();
double[] spectrum = new double[2 * padded];         // interleaved complex, zero-padded
for (int t = 0; t < n; t++) spectrum[2 * t] = x[t];
Fft.forward(spectrum, padded);
int step = 16;                                       // one pixel per 16 samples (2 ms)
List<MorletFilterBank1D.Filter> psi1 = bank.psi1();
double[][] scalogram = new double[psi1.size()][n / step];
double[] z = new double[2 * padded];
for (int k = 0; k < psi1.size(); k++) {
    double[] h = psi1.get(k).level(0);               // real-valued in the Fourier domain
    for (int f = 0; f < padded; f++) {
        z[2 * f] = spectrum[2 * f] * h[f];
        z[2 * f + 1] = spectrum[2 * f + 1] * h[f];
    }
    Fft.inverse(z, padded);
    for (int c = 0; c < n / step; c++) {
        double sum = 0;
        for (int t = c * step; t < (c + 1) * step; t++) sum += Math.sqrt(z[2 * t] * z[2 * t] + z[2 * t + 1] * z[2 * t + 1]);
        scalogram[k][c] = Math.log(1e-4 + sum / step);
    }
}
System.out.printf(Locale.ROOT, "%d wavelets, centre frequencies %.0f Hz down to %.0f Hz%n", psi1.size(),
        psi1.get(0).xi() * Fsdd.SAMPLE_RATE, psi1.get(psi1.size() - 1).xi() * Fsdd.SAMPLE_RATE);
Path scalogramPng = out.resolve("scalogram.png");
ImageWriter.writePng(scalogramPng, zoom(scalogram, 3, 1), ImageWriter.Scaling.MIN_MAX);
show(scalogramPng);
//// markdown
// ## Scattering coefficients
//
// `Scattering1D(J = 8, N = 8192, Q = 12)` averages over 2^8 samples (32 ms), giving 32 time steps per channel.
// Order 1 is the scalogram averaged in time; order 2 recovers what that averaging lost: the modulations of
// each first-order band, measured by a second wavelet bank. Below, log coefficients, one row per channel.
//// code
import org.scattering4j.scattering.Scattering1D;

Scattering1D scattering = new Scattering1D(8, n, 12);
double[][] s = scattering.transform(x);              // [channel][time]
List<Scattering1D.Channel> meta = scattering.meta();
List<double[]> first = new ArrayList<>();
List<double[]> second = new ArrayList<>();
for (int c = 0; c < s.length; c++) {
    double[] row = Arrays.stream(s[c]).map(v -> Math.log(1e-6 + v)).toArray();
    if (meta.get(c).order() == 1) first.add(row);
    if (meta.get(c).order() == 2) second.add(row);
}
System.out.printf(Locale.ROOT, "%d channels x %d time steps: 1 of order 0, %d of order 1, %d of order 2%n",
        s.length, s[0].length, first.size(), second.size());
Path s1Png = out.resolve("order1.png");
ImageWriter.writePng(s1Png, zoom(first.toArray(new double[0][]), 4, 16), ImageWriter.Scaling.MIN_MAX);
show(s1Png);
Path s2Png = out.resolve("order2.png");
ImageWriter.writePng(s2Png, zoom(second.toArray(new double[0][]), 1, 16), ImageWriter.Scaling.MIN_MAX);
show(s2Png);
//// markdown
// ## Classify spoken digits
//
// Features: log scattering coefficients averaged over time (`FsddFeatures.kymatio`, the Kymatio example's
// recipe), then a logistic regression (standardised inside the model, C by inner cross-validation).
// Training on 180 recordings (takes 5-7 of every speaker and digit) and testing on 180 of FSDD's standard
// test set (takes 0-2; the full test set is takes 0-4); the full training set (2700) does better.
//// code
import org.scattering4j.audioimage.classify.Scatterings;
import org.scattering4j.audioimage.features.FsddFeatures;
import org.scattering4j.audioimage.features.Featurizer;
import org.scattering4j.data.Progress;
import org.scattering4j.learn.LogisticRegression;
import org.scattering4j.learn.Metrics;

FsddFeatures features = FsddFeatures.kymatio(Scatterings.of(scattering));
List<Fsdd.Item> train = fsdd.train().stream().filter(i -> i.index() < 8).toList();
List<Fsdd.Item> test = fsdd.test().stream().filter(i -> i.index() < 3).toList();
long t0 = System.nanoTime();
double[][] xTrain = Featurizer.extract(train, i -> fsdd.read(i).samples(), features, Fsdd.Item::fileName, Progress.silent());
double[][] xTest = Featurizer.extract(test, i -> fsdd.read(i).samples(), features, Fsdd.Item::fileName, Progress.silent());
System.out.printf(Locale.ROOT, "%d + %d recordings featurised in %.1f s (%d features each)%n", train.size(), test.size(),
        (System.nanoTime() - t0) / 1e9, features.dimension());
int[] yTrain = train.stream().mapToInt(Fsdd.Item::label).toArray();
int[] yTest = test.stream().mapToInt(Fsdd.Item::label).toArray();
LogisticRegression classifier = LogisticRegression.fit(xTrain, yTrain, LogisticRegression.Options.defaults());
int[] predicted = classifier.predict(xTest);
System.out.printf(Locale.ROOT, "test accuracy %.1f %% (C = %s)%n", 100 * Metrics.accuracy(yTest, predicted), classifier.c());
int[][] confusion = Metrics.confusionMatrix(yTest, predicted, 10);
System.out.println("confusion matrix (row: spoken digit, column: predicted)");
for (int d = 0; d < 10; d++) {
    StringBuilder line = new StringBuilder("  " + d + ":");
    for (int e = 0; e < 10; e++) line.append(String.format(Locale.ROOT, "%4d", confusion[d][e]));
    System.out.println(line);
}
