//// markdown
// # 5. Texture synthesis from scattering moments
//
// Bruna and Mallat (2013): a stationary texture is described by the averages of its scattering coefficients
// (its scattering moments). Starting from white noise, L-BFGS changes the signal until its moments match the
// original's (`TextureSynthesis.synthesize`, gradients through the transform's adjoint). The Gaussian baseline
// has exactly the original's power spectrum with random phases: it matches second-order statistics only, and
// loses the edges and clicks that the scattering moments keep. Small sizes and few iterations here, so that the
// notebook runs in seconds; `./scattering4j synthesize` runs larger ones.
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
Path out = Files.createDirectories(root.resolve("notebooks-java/notebooks/out/05-texture-synthesis"));

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
// ## An image texture
//
// A 256 x 256 corner of the CC0 "gravel" texture, averaged down to 64 x 64; moments of `ScatteringMoments2D`
// with J = 3 scales and L = 8 orientations.
//// code
import org.scattering4j.audioimage.synthesis.SynthesisFigures;
import org.scattering4j.data.sets.DataDirs;
import org.scattering4j.data.sets.TexturesCc0;
import org.scattering4j.scattering.synthesis.MomentLoss;
import org.scattering4j.scattering.synthesis.ScatteringMoments2D;
import org.scattering4j.scattering.synthesis.TextureSynthesis;

double[][] gravel = TexturesCc0.open(DataDirs.resolve(data, TexturesCc0.FOLDER)).read("gravel");
int side = 64, f = 4;
double[] image = new double[side * side];              // row-major, as the moment maps take images
for (int r = 0; r < side; r++) for (int c = 0; c < side; c++) {
    double sum = 0;
    for (int dr = 0; dr < f; dr++) for (int dc = 0; dc < f; dc++) sum += gravel[r * f + dr][c * f + dc];
    image[r * side + c] = sum / (f * f);
}
ScatteringMoments2D moments2d = new ScatteringMoments2D(3, 8, side, side);
long t0 = System.nanoTime();
TextureSynthesis.Result imageResult = TextureSynthesis.synthesize(moments2d, image, true, 30, 1L, null);
double[] imageGaussian = TextureSynthesis.gaussianBaseline2D(image, side, side, 1L);
MomentLoss imageLoss = new MomentLoss(moments2d, moments2d.moments(image), true);
System.out.printf(Locale.ROOT, "%d moments; %d iterations in %.1f s (%s)%n", moments2d.size(), imageResult.iterations(),
        (System.nanoTime() - t0) / 1e9, imageResult.reason());
System.out.printf(Locale.ROOT, "relative moment error, order 1 / order 2: noise %.2e / %.2e, synthesis %.2e / %.2e, Gaussian %.2e / %.2e%n",
        imageResult.initialErrors()[0], imageResult.initialErrors()[1], imageResult.errors()[0], imageResult.errors()[1],
        imageLoss.relativeErrors(moments2d.moments(imageGaussian))[0], imageLoss.relativeErrors(moments2d.moments(imageGaussian))[1]);
// Enlarged 3x (nearest neighbour) so that the 64 x 64 pixels are visible.
int big = 3 * side;
double[][] enlarged = new double[3][big * big];
double[][] sources = {image, imageResult.x(), imageGaussian};
for (int k = 0; k < 3; k++) for (int r = 0; r < big; r++) for (int c = 0; c < big; c++)
    enlarged[k][r * big + c] = sources[k][(r / 3) * side + c / 3];
Path panels = out.resolve("gravel-original-synthesis-gaussian.png");
SynthesisFigures.imagePanels(panels, new String[] {"original", "synthesis", "Gaussian"}, enlarged, big, big);
show(panels);
System.out.printf(Locale.ROOT, "pixel skewness: original %.2f, synthesis %.2f, Gaussian %.2f%n", SynthesisFigures.skewness(image),
        SynthesisFigures.skewness(imageResult.x()), SynthesisFigures.skewness(imageGaussian));
//// markdown
// ## A sound texture
//
// Half a second of rain (44.1 kHz), moments of `ScatteringMoments1D` with J = 10 and Q = 8. The original clip,
// the synthesis and the Gaussian baseline are written as WAV files beside the figures; listen to them side by
// side. Shown: their power spectra (averaged periodograms), which the Gaussian baseline matches by
// construction and the synthesis matches through its moments.
//// code
import org.scattering4j.data.io.WavReader;
import org.scattering4j.data.io.WavWriter;
import org.scattering4j.scattering.synthesis.PowerSpectra;
import org.scattering4j.scattering.synthesis.ScatteringMoments1D;

WavReader.Audio rain = WavReader.read(data.resolve("audio-samples/textures/rain.wav"));
int rate = rain.info().sampleRate();
double[] clip = Arrays.copyOf(rain.samples(), rate / 2);
ScatteringMoments1D moments1d = new ScatteringMoments1D(10, clip.length, 8, 1);
t0 = System.nanoTime();
TextureSynthesis.Result soundResult = TextureSynthesis.synthesize(moments1d, clip, true, 30, 1L, null);
double[] soundGaussian = TextureSynthesis.gaussianBaseline1D(clip, 1L);
System.out.printf(Locale.ROOT, "%d samples at %d Hz, %d moments; %d iterations in %.1f s; relative moment error order 1 / 2: %.2e / %.2e%n",
        clip.length, rate, moments1d.size(), soundResult.iterations(), (System.nanoTime() - t0) / 1e9,
        soundResult.errors()[0], soundResult.errors()[1]);
WavWriter.write(out.resolve("rain-original.wav"), clip, rate, WavWriter.Format.FLOAT_32);
WavWriter.write(out.resolve("rain-synthesis.wav"), soundResult.x(), rate, WavWriter.Format.FLOAT_32);
WavWriter.write(out.resolve("rain-gaussian.wav"), soundGaussian, rate, WavWriter.Format.FLOAT_32);
System.out.println("wrote " + root.relativize(out) + "/rain-{original,synthesis,gaussian}.wav");
int seg = 2048;
double[] hz = new double[seg / 2 + 1];
for (int k = 0; k < hz.length; k++) hz[k] = (double) k * rate / seg;
Path spectra = out.resolve("rain-spectra.png");
SynthesisFigures.spectraPlot(spectra, "rain: power spectra", "frequency (Hz)", new String[] {"original", "synthesis", "Gaussian"},
        hz, new double[][] {PowerSpectra.averaged1D(clip, seg), PowerSpectra.averaged1D(soundResult.x(), seg),
            PowerSpectra.averaged1D(soundGaussian, seg)});
show(spectra);
