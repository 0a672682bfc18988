//// markdown
// # 4. 2D scattering of a digit and a texture; MNIST classification
//
// `Scattering2D` filters an image with Morlet wavelets at J scales and L orientations, takes the modulus and
// averages over 2^J pixels: order 1 shows where the image has edges of each scale and orientation, order 2 how
// those edge maps vary in turn. Then a small MNIST classifier on the coefficients (class-wise affine PCA of
// Bruna and Mallat), trained on 600 digits so that it runs in seconds; `./scattering4j classify mnist` runs the
// full set.
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
Path out = Files.createDirectories(root.resolve("notebooks-java/notebooks/out/04-images-2d"));

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

// Tiles side by side, perRow per row, separated by a gap at the smallest value (so MIN_MAX scaling shows it dark).
double[][] mosaic(List<double[][]> tiles, int perRow, int gap) {
    int h = tiles.get(0).length, w = tiles.get(0)[0].length;
    int rows = (tiles.size() + perRow - 1) / perRow;
    double lo = tiles.stream().flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).min().getAsDouble();
    double[][] m = new double[rows * (h + gap) - gap][perRow * (w + gap) - gap];
    for (double[] row : m) Arrays.fill(row, lo);
    for (int k = 0; k < tiles.size(); k++) {
        int r0 = (k / perRow) * (h + gap), c0 = (k % perRow) * (w + gap);
        for (int r = 0; r < h; r++) System.arraycopy(tiles.get(k)[r], 0, m[r0 + r], c0, w);
    }
    return m;
}

// Channel c of a (channels, rows, cols) scattering output as an image.
double[][] channel(org.scattering4j.util.NdArray s, int c) {
    int rows = s.dim(1), cols = s.dim(2);
    double[][] img = new double[rows][cols];
    for (int r = 0; r < rows; r++) for (int q = 0; q < cols; q++) img[r][q] = s.get(c, r, q);
    return img;
}
//// markdown
// ## A digit
//// code
import org.scattering4j.data.io.IdxReader;
import org.scattering4j.data.io.ImageWriter;
import org.scattering4j.data.sets.DataDirs;
import org.scattering4j.data.sets.Mnist;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.util.NdArray;

Mnist mnist = Mnist.open(DataDirs.resolve(data, Mnist.FOLDER));
double[][] digit;
try (IdxReader.Images it = mnist.images(Mnist.Split.TEST)) { digit = it.next(); }
System.out.println("first test digit, label " + mnist.labels(Mnist.Split.TEST)[0]);
Path digitPng = out.resolve("digit.png");
ImageWriter.writePng(digitPng, zoom(digit, 8, 8), ImageWriter.Scaling.UNIT);
show(digitPng);

Scattering2D digitScattering = new Scattering2D(2, Mnist.SIDE, Mnist.SIDE, 8, 2);   // J = 2, L = 8, orders 0-2
NdArray sd = digitScattering.transform(digit);
System.out.println("output " + Arrays.toString(sd.shape()) + ": channels x rows x cols; channel 0 is the low-pass average");
// Order 1: channel 1 + j * L + theta. One row per scale j, one column per orientation.
List<double[][]> firstOrder = new ArrayList<>();
for (int c = 1; c <= 2 * 8; c++) firstOrder.add(zoom(channel(sd, c), 8, 8));
Path digitS1 = out.resolve("digit-order1.png");
ImageWriter.writePng(digitS1, mosaic(firstOrder, 8, 4), ImageWriter.Scaling.MIN_MAX);
show(digitS1);
//// markdown
// ## A texture
//
// A 128 x 128 crop of the CC0 "brick" texture (scikit-image), scattered with J = 3: first-order maps at
// 3 scales (rows) and 8 orientations (columns) respond to the mortar lines at their own scale and angle.
//// code
import org.scattering4j.data.sets.TexturesCc0;

double[][] brick = TexturesCc0.open(DataDirs.resolve(data, TexturesCc0.FOLDER)).read("brick");
double[][] patch = new double[128][];
for (int r = 0; r < 128; r++) patch[r] = Arrays.copyOfRange(brick[r], 0, 128);
Path patchPng = out.resolve("brick.png");
ImageWriter.writePng(patchPng, zoom(patch, 2, 2), ImageWriter.Scaling.UNIT);
show(patchPng);
Scattering2D textureScattering = new Scattering2D(3, 128, 128, 8, 2);
NdArray st = textureScattering.transform(patch);
System.out.println("output " + Arrays.toString(st.shape()));
List<double[][]> textureOrder1 = new ArrayList<>();
for (int c = 1; c <= 3 * 8; c++) textureOrder1.add(zoom(channel(st, c), 4, 4));
Path brickS1 = out.resolve("brick-order1.png");
ImageWriter.writePng(brickS1, mosaic(textureOrder1, 8, 4), ImageWriter.Scaling.MIN_MAX);
show(brickS1);
// Order 2 energies: the mean of each second-order channel, as a (n1, n2) matrix on a log scale.
List<java.util.Map<String, Object>> meta = textureScattering.meta();
int jl = 3 * 8;
double[][] energy2 = new double[jl][jl];
for (double[] row : energy2) Arrays.fill(row, Double.NaN);
double lowest = Double.MAX_VALUE;
for (int c = 0; c < meta.size(); c++) {
    if (((Number) meta.get(c).get("order")).intValue() != 2) continue;
    List<?> nn = (List<?>) meta.get(c).get("n");
    int n1 = ((Number) nn.get(0)).intValue(), n2 = ((Number) nn.get(1)).intValue();
    double mean = Arrays.stream(channel(st, c)).flatMapToDouble(Arrays::stream).average().getAsDouble();
    energy2[n1][n2] = Math.log(mean);
    lowest = Math.min(lowest, energy2[n1][n2]);
}
for (double[] row : energy2) for (int k = 0; k < row.length; k++) if (Double.isNaN(row[k])) row[k] = lowest;
Path brickS2 = out.resolve("brick-order2-energy.png");
ImageWriter.writePng(brickS2, zoom(energy2, 8, 8), ImageWriter.Scaling.MIN_MAX);
show(brickS2);
System.out.println("rows: first wavelet n1 = j1 * 8 + theta1, columns: second wavelet n2 (dark where j2 <= j1)");
//// markdown
// ## Classify MNIST digits
//
// Features: all 81 x 7 x 7 scattering coefficients of each digit (`Scatterings.flat`). Classifier: one affine
// space per class through the class mean, spanned by its first d principal directions, d chosen by inner
// cross-validation; a digit goes to the nearest space.
//// code
import org.scattering4j.audioimage.classify.Scatterings;
import org.scattering4j.audioimage.features.FeatureExtractor;
import org.scattering4j.audioimage.features.Featurizer;
import org.scattering4j.data.Progress;
import org.scattering4j.learn.AffinePcaClassifier;
import org.scattering4j.learn.Metrics;

int nTrain = 600, nTest = 300;
List<double[][]> trainImages = new ArrayList<>(), testImages = new ArrayList<>();
try (IdxReader.Images it = mnist.images(Mnist.Split.TRAIN)) { while (trainImages.size() < nTrain) trainImages.add(it.next()); }
try (IdxReader.Images it = mnist.images(Mnist.Split.TEST)) { while (testImages.size() < nTest) testImages.add(it.next()); }
int[] yTrain = Arrays.copyOf(mnist.labels(Mnist.Split.TRAIN), nTrain);
int[] yTest = Arrays.copyOf(mnist.labels(Mnist.Split.TEST), nTest);
FeatureExtractor<double[][]> fx = Scatterings.flat(digitScattering);
long t0 = System.nanoTime();
double[][] xTrain = Featurizer.extract(trainImages, im -> im, fx, Progress.silent());
double[][] xTest = Featurizer.extract(testImages, im -> im, fx, Progress.silent());
System.out.printf(Locale.ROOT, "%d + %d digits featurised in %.1f s (%d features each)%n", nTrain, nTest,
        (System.nanoTime() - t0) / 1e9, fx.dimension());
AffinePcaClassifier pca = AffinePcaClassifier.fit(xTrain, yTrain, AffinePcaClassifier.Options.defaults().maxDimension(20));
int[] predicted = pca.predict(xTest);
System.out.printf(Locale.ROOT, "affine PCA, d = %d: test accuracy %.1f %% on the first %d test digits%n", pca.dimension(),
        100 * Metrics.accuracy(yTest, predicted), nTest);
// The misclassified digits, with what the classifier said.
List<double[][]> wrong = new ArrayList<>();
StringBuilder said = new StringBuilder();
for (int i = 0; i < nTest && wrong.size() < 16; i++) {
    if (predicted[i] != yTest[i]) {
        wrong.add(testImages.get(i));
        said.append(yTest[i]).append("->").append(predicted[i]).append("  ");
    }
}
if (!wrong.isEmpty()) {
    Path wrongPng = out.resolve("misclassified.png");
    ImageWriter.writePng(wrongPng, zoom(mosaic(wrong, 8, 2), 3, 3), ImageWriter.Scaling.UNIT);
    show(wrongPng);
    System.out.println("true->predicted: " + said);
}
