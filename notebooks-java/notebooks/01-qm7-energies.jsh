//// markdown
// # 1. QM7: scattering invariants of molecules and their atomisation energies
//
// The chemistry pipeline end to end on a small part of QM7 (bundled in `data/qm7`): each molecule becomes
// electronic-density channels, solid-harmonic 3D scattering turns them into 156 invariants
// (preset `kymatio-qm7-fast`), and a ridge regression maps invariants to the atomisation energy.
// Cross-validation uses QM7's standard split P restricted to the chosen molecules.
//
// The full data set takes about half an hour to featurise on two cores (`./scattering4j qm7`); here we take
// every 100th molecule (72 of 7165) so the notebook runs in about a minute. Expect a much larger error than
// on the full set: some 58 training molecules per fold are far too few to determine 156 coefficients well.
//
// Run from the checkout (`./scattering4j notebooks` runs all notebooks) or open in Jupyter with the
// `rapaio-jupyter-kernel` Java kernel and `notebooks-java/target/lib/*.jar` on its class path.
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
Path out = Files.createDirectories(root.resolve("notebooks-java/notebooks/out/01-qm7-energies"));

// Shows a PNG inline in the Jupyter kernel (rapaio-jupyter-kernel's display); in plain jshell, prints its path.
void show(Path png) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    try {
        Class.forName("org.rapaio.jupyter.kernel.global.Global").getMethod("display", Object.class).invoke(null, img);
    } catch (ClassNotFoundException notInTheKernel) {
        System.out.println("figure: " + root.relativize(png));
    }
}
//// markdown
// ## Read a subset of QM7
//
// `MoleculeReaders` streams the extended-XYZ file; each record carries its energy and its fold of split P.
//// code
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.energy.Qm7Data;
import org.scattering4j.chem.io.MoleculeIterator;
import org.scattering4j.chem.io.MoleculeReaders;

int every = 100;
List<Molecule> molecules = new ArrayList<>();
try (MoleculeIterator it = MoleculeReaders.open(Qm7Data.defaultDir().resolve("qm7.xyz"))) {
    for (int i = 0; it.hasNext(); i++) {
        Molecule m = it.next();
        if (i % every == 0) molecules.add(m);
    }
}
double[] energy = molecules.stream().mapToDouble(m -> m.numericProperty(Qm7Data.ENERGY)).toArray();
int[] fold = molecules.stream().mapToInt(m -> (int) m.numericProperty("fold")).toArray();
System.out.printf(Locale.ROOT, "%d molecules, %d to %d atoms, energies %.0f to %.0f kcal/mol%n", molecules.size(),
        molecules.stream().mapToInt(Molecule::atomCount).min().getAsInt(),
        molecules.stream().mapToInt(Molecule::atomCount).max().getAsInt(),
        Arrays.stream(energy).min().getAsDouble(), Arrays.stream(energy).max().getAsDouble());
System.out.println("first: " + molecules.get(0).formula() + ", last: " + molecules.get(molecules.size() - 1).formula());
//// markdown
// ## Featurise
//
// `Presets.engine` gives the invariant engine of a named preset; `FeatureCache` keeps each molecule's vector
// on disk (here under `notebooks/out/feature-cache`, shared with notebook 2), so a second run reads instead of
// recomputing. Molecules are independent, so they are spread over the cores with `Parallel.forEach`.
//// code
import org.scattering4j.chem.energy.Presets;
import org.scattering4j.chem.scattering.FeatureCache;
import org.scattering4j.chem.scattering.FeatureLayout;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.util.Parallel;

InvariantEngine engine = Presets.engine(Presets.DEFAULT);
FeatureLayout layout = engine.layout();
FeatureCache cache = new FeatureCache(root.resolve("notebooks-java/notebooks/out/feature-cache"), engine);
double[][] x = new double[molecules.size()][];
long t0 = System.nanoTime();
Parallel.forEach(molecules.size(), () -> null, (i, ws) -> x[i] = cache.computeIfAbsent(molecules.get(i)));
System.out.printf(Locale.ROOT, "preset %s: %d invariants per molecule, %d molecules in %.1f s on %d threads%n",
        Presets.DEFAULT, layout.size(), x.length, (System.nanoTime() - t0) / 1e9, Parallel.threads());
System.out.println("e.g. " + layout.entry(0).name() + ", " + layout.entry(20).name() + ", " + layout.entry(155).name());
//// markdown
// ## Cross-validate on split P
//
// Five folds: fit on four (standardisation and the ridge penalty are chosen on those rows only), predict the
// fifth. `RegressionModels.fitter("ridge")` is the model `./scattering4j qm7 --model ridge` uses.
//// code
import org.scattering4j.chem.energy.ParityPlot;
import org.scattering4j.chem.energy.RegressionModels;
import org.scattering4j.learn.CrossValidation;
import org.scattering4j.learn.KFold;

CrossValidation.Result cv = CrossValidation.crossValidate(KFold.ofLabels(fold), x, energy, RegressionModels.fitter("ridge"));
System.out.printf(Locale.ROOT, "ridge, 5-fold CV on %d molecules: MAE %.1f kcal/mol, RMSE %.1f kcal/mol%n",
        x.length, cv.mae(), cv.rmse());
System.out.println("MAE per fold: " + Arrays.toString(Arrays.stream(cv.foldMae()).map(v -> Math.round(v * 10) / 10.0).toArray()));
Path parity = out.resolve("parity.png");
ParityPlot.write(parity, energy, cv.predictions(), "QM7 subset: out-of-fold predictions (ridge)", "kcal/mol");
show(parity);
//// markdown
// ## Which invariants matter
//
// Refit on all the molecules and look at the ridge coefficients. The features are standardised inside the
// model, so coefficient magnitudes are comparable across features. `FeatureLayout` names each one:
// `o0.<channel>.q=<power>` are the order-0 integrals of the density to a power q, `o1.<channel>.j1=..l=..q=..`
// the first-order invariants at scale 2^j1 and angular degree l.
//// code
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.scattering4j.learn.RidgeRegression;
import org.scattering4j.learn.StandardizedRegressor;

StandardizedRegressor fitted = (StandardizedRegressor) RegressionModels.fitter("ridge").fit(x, energy);
double[] coef = ((RidgeRegression) fitted.model()).coefficients();
Integer[] order = new Integer[coef.length];
for (int i = 0; i < coef.length; i++) order[i] = i;
Arrays.sort(order, Comparator.comparingDouble(i -> -Math.abs(coef[i])));
System.out.println("largest standardised coefficients (kcal/mol per standard deviation):");
for (int k = 0; k < 10; k++) {
    System.out.printf(Locale.ROOT, "  %-32s %+8.2f%n", layout.entry(order[k]).name(), coef[order[k]]);
}
// Mean |coefficient| per channel and block (order 0; order 1 at each scale j1), as a bar chart.
List<String> blocks = new ArrayList<>(List.of("order 0"));
for (int j = 0; j <= layout.params().J(); j++) blocks.add("order 1, j1=" + j);
CategoryChart chart = new CategoryChartBuilder().width(820).height(420).
        title("mean |ridge coefficient| by channel and block").yAxisTitle("kcal/mol").build();
for (String channel : layout.channels()) {
    double[] sum = new double[blocks.size()];
    int[] count = new int[blocks.size()];
    for (FeatureLayout.Entry e : layout.entries()) {
        if (!e.channel.equals(channel)) continue;
        int b = e.order == 0 ? 0 : 1 + e.j1;
        sum[b] += Math.abs(coef[e.index]);
        count[b]++;
    }
    List<Double> mean = new ArrayList<>();
    for (int b = 0; b < sum.length; b++) mean.add(sum[b] / count[b]);
    chart.addSeries(channel, blocks, mean);
}
Path bars = out.resolve("coefficients.png");
BitmapEncoder.saveBitmap(chart, bars.toString(), BitmapEncoder.BitmapFormat.PNG);
show(bars);
//// markdown
// Save the fitted model as a model file (it records the preset, the scaler and coefficients and the
// training domain), the same kind of file `./scattering4j train` writes and `./scattering4j predict` reads.
//// code
import org.scattering4j.chem.energy.EnergyModel;

EnergyModel.TrainingDomain domain = new EnergyModel.TrainingDomain();
for (int i = 0; i < molecules.size(); i++) domain.add(molecules.get(i), energy[i]);
EnergyModel model = new EnergyModel(Presets.DEFAULT, fitted, "ridge", Qm7Data.ENERGY, "kcal/mol", domain,
        java.util.Map.of("note", "notebook 01, every " + every + "th QM7 molecule"));
model.save(out.resolve("qm7-subset-ridge.json"));
System.out.println("model: " + root.relativize(out.resolve("qm7-subset-ridge.json")) + ", trained on "
        + model.trainingSize() + " molecules");
