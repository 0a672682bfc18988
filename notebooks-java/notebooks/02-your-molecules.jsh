//// markdown
// # 2. Energies of your own molecules: SMILES, SDF and CDK `IAtomContainer`
//
// A trained `EnergyModel` predicts the atomisation energy (kcal/mol) of any molecule inside its training
// domain: only elements it was trained on, an atom count within the training range, and a molecule that fits
// the preset's grid. Anything else is refused with a reason instead of being extrapolated silently, the rule
// `./scattering4j predict` applies too.
//
// The model here is trained on the same 72 QM7 molecules as notebook 1 (their features come from the feature
// cache notebook 1 filled, or are computed if it is empty), so its errors are large: it shows the interface,
// not the accuracy of a model trained on all of QM7 (`./scattering4j train`).
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
Path out = Files.createDirectories(root.resolve("notebooks-java/notebooks/out/02-your-molecules"));

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
// ## Train a small model
//// code
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.energy.EnergyModel;
import org.scattering4j.chem.energy.Presets;
import org.scattering4j.chem.energy.Qm7Data;
import org.scattering4j.chem.energy.RegressionModels;
import org.scattering4j.chem.io.MoleculeIterator;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.chem.scattering.FeatureCache;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.learn.Regressor;
import org.scattering4j.util.Parallel;

List<Molecule> train = new ArrayList<>();
try (MoleculeIterator it = MoleculeReaders.open(Qm7Data.defaultDir().resolve("qm7.xyz"))) {
    for (int i = 0; it.hasNext(); i++) {
        Molecule m = it.next();
        if (i % 100 == 0) train.add(m);
    }
}
double[] energy = train.stream().mapToDouble(m -> m.numericProperty(Qm7Data.ENERGY)).toArray();
InvariantEngine engine = Presets.engine(Presets.DEFAULT);
FeatureCache cache = new FeatureCache(root.resolve("notebooks-java/notebooks/out/feature-cache"), engine);
double[][] x = new double[train.size()][];
Parallel.forEach(train.size(), () -> null, (i, ws) -> x[i] = cache.computeIfAbsent(train.get(i)));
Regressor ridge = RegressionModels.fitter("ridge").fit(x, energy);
EnergyModel.TrainingDomain domain = new EnergyModel.TrainingDomain();
for (int i = 0; i < train.size(); i++) domain.add(train.get(i), energy[i]);
EnergyModel model = new EnergyModel(Presets.DEFAULT, ridge, "ridge", Qm7Data.ENERGY, "kcal/mol", domain, java.util.Map.of());
Path modelFile = out.resolve("model.json");
model.save(modelFile);
// A model file is all a prediction needs: load it back as a user of ./scattering4j train would.
model = EnergyModel.load(modelFile);
System.out.println("model trained on " + model.trainingSize() + " molecules, preset " + model.preset());
//// markdown
// ## From SMILES
//
// `MoleculeReaders.fromSmiles` parses with CDK, adds explicit hydrogens and builds rough 3D coordinates
// with CDK's `ModelBuilder3D` (its first call loads templates, a few seconds). Generated geometries are only
// approximate, so treat predictions from SMILES as rough. Chloroethane contains chlorine, which QM7 (H, C, N,
// O, S) never shows the model: it is refused.
//// code
// CDK's 3D builder logs a page of harmless errors about its own template file when it loads it; keep CDK's
// log to fatal messages (the property is read when CDK's classes load, so set it before the first SMILES).
System.setProperty("cdk.logging.level", "fatal");
System.out.println(MoleculeReaders.smilesGeometryNote());
String[][] smiles = {{"CCO", "ethanol"}, {"CC(=O)O", "acetic acid"}, {"c1ccncc1", "pyridine"}, {"CCCl", "chloroethane"}};
for (String[] s : smiles) {
    Molecule m = MoleculeReaders.fromSmiles(s[0], s[1]);
    EnergyModel.Prediction p = model.tryPredict(m);
    System.out.printf(Locale.ROOT, "%-14s %-8s %2d atoms  %s%n", s[1], m.formula(), m.atomCount(),
            p.ok() ? String.format(Locale.ROOT, "%8.1f kcal/mol", p.value()) : "refused: " + p.refusal());
}
//// markdown
// ## From an SDF file
//
// Two records written by hand: methanol with a 3D geometry, and water, which has fewer atoms than any
// training molecule and is therefore refused. `MoleculeReaders.open` picks the format from the extension;
// SD properties (here `source`) come along as text.
//// code
String sdf = """
methanol
  hand-written approximate geometry

  6  5  0  0  0  0  0  0  0  0999 V2000
   -0.0465    0.6624    0.0000 C   0  0  0  0  0  0  0  0  0  0  0  0
   -0.0465   -0.7561    0.0000 O   0  0  0  0  0  0  0  0  0  0  0  0
   -1.0829    0.9962    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
    0.4448    1.0642    0.8917 H   0  0  0  0  0  0  0  0  0  0  0  0
    0.4448    1.0642   -0.8917 H   0  0  0  0  0  0  0  0  0  0  0  0
    0.8682   -1.0537    0.0000 H   0  0  0  0  0  0  0  0  0  0  0  0
  1  2  1  0
  1  3  1  0
  1  4  1  0
  1  5  1  0
  2  6  1  0
M  END
> <source>
notebook 2

$$$$
water
  hand-written

  3  2  0  0  0  0  0  0  0  0999 V2000
    0.0000    0.0000    0.1173 O   0  0  0  0  0  0  0  0  0  0  0  0
    0.0000    0.7572   -0.4692 H   0  0  0  0  0  0  0  0  0  0  0  0
    0.0000   -0.7572   -0.4692 H   0  0  0  0  0  0  0  0  0  0  0  0
  1  2  1  0
  1  3  1  0
M  END
$$$$
""";
Path sdfFile = out.resolve("two-molecules.sdf");
Files.writeString(sdfFile, sdf);
try (MoleculeIterator it = MoleculeReaders.open(sdfFile)) {
    while (it.hasNext()) {
        Molecule m = it.next();
        EnergyModel.Prediction p = model.tryPredict(m);
        System.out.printf(Locale.ROOT, "%-9s %-5s properties %s  %s%n", m.name(), m.formula(), m.properties(),
                p.ok() ? String.format(Locale.ROOT, "%.1f kcal/mol", p.value()) : "refused: " + p.refusal());
    }
}
//// markdown
// ## From a CDK `IAtomContainer`
//
// Code that already works with CDK passes its containers directly: `EnergyModel.predict(IAtomContainer)`
// needs 3D coordinates and explicit hydrogens. Here CDK builds them for propanal (`predict` throws an
// `IllegalArgumentException` with the reason when the molecule is refused; `tryPredict` never throws).
//// code
import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.modeling.builder3d.ModelBuilder3D;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smiles.SmilesParser;
import org.openscience.cdk.tools.manipulator.AtomContainerManipulator;

IAtomContainer propanal = new SmilesParser(SilentChemObjectBuilder.getInstance()).parseSmiles("CCC=O");
AtomContainerManipulator.percieveAtomTypesAndConfigureAtoms(propanal);
AtomContainerManipulator.convertImplicitToExplicitHydrogens(propanal);
propanal = ModelBuilder3D.getInstance(SilentChemObjectBuilder.getInstance()).generate3DCoordinates(propanal, false);
System.out.printf(Locale.ROOT, "propanal (%d atoms from CDK): %.1f kcal/mol%n", propanal.getAtomCount(), model.predict(propanal));
Molecule asMolecule = Molecule.fromAtomContainer(propanal);
System.out.println("the same container as a Molecule: " + asMolecule.formula() + ", first atom at "
        + Arrays.toString(asMolecule.positions()[0]));
