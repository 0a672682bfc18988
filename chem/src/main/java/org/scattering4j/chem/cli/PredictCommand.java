package org.scattering4j.chem.cli;

import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;
import org.scattering4j.chem.OnError;
import org.scattering4j.chem.energy.EnergyModel;
import org.scattering4j.chem.io.MoleculeFormat;
import org.scattering4j.chem.io.MoleculeReaders;
import org.scattering4j.chem.io.MoleculeSource;
import org.scattering4j.cli.Args;
import org.scattering4j.cli.Command;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.util.Parallel;

/**
 * Predicts energies for new molecules with a trained model. Molecules outside the model's training
 * domain (an element never seen, more or fewer atoms than any training molecule, too large for the grid)
 * get an empty prediction and the reason in the {@code status} column, never an extrapolated number.
 */
public final class PredictCommand implements Command {
    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "predict energies of molecules (xyz/sdf/mol2/smi) with a model.json from train";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: scattering4j predict --model model.json --in molecules.(xyz|sdf|mol2|smi) --out energies.csv",
                "  --format F      xyz, sdf, mol2 or smi, overriding the extension",
                "  --threads N     worker threads (default: all cores)",
                "Writes record,name,formula,predicted,status; status is 'ok' or why the molecule was refused.",
                "Unparseable records are reported the same way (status 'unreadable: ...').");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path modelFile = args.path("model");
        Path in = args.path("in");
        Path outFile = args.path("out");
        String fmt = args.string("format", null);
        int threads = args.integer("threads", Parallel.threads());
        args.checkNoUnknown();
        if (!Files.isRegularFile(in)) {
            throw new IllegalArgumentException("--in " + in + ": no such file");
        }
        MoleculeFormat format = TrainCommand.format(in, fmt);
        EnergyModel model = EnergyModel.load(modelFile);
        if (format == MoleculeFormat.SMILES) {
            err.println("note: " + MoleculeReaders.smilesGeometryNote());
        }
        Parallel.setThreads(Math.max(1, threads));
        int[] counts = new int[2];
        AtomicFiles.write(outFile, o -> {
            BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(o, StandardCharsets.UTF_8));
            w.write("record,name,formula,predicted_" + unitsColumn(model.units()) + ",status\n");
            try (MoleculeSource src = MoleculeReaders.source(in, format, OnError.SKIP)) {
                while (true) {
                    java.util.List<Molecule> batch = new java.util.ArrayList<>();
                    java.util.List<Long> records = new java.util.ArrayList<>();
                    long skippedBefore = src.skipped();
                    Molecule m;
                    while (batch.size() < 8 * threads && (m = src.nextValid()) != null) {
                        batch.add(m);
                        records.add(src.record());
                    }
                    // rows of this batch, bad records included, in file order
                    java.util.TreeMap<Long, String> lines = new java.util.TreeMap<>();
                    for (int e = (int) skippedBefore; e < src.skipped() && e < src.errors().size(); e++) {
                        MoleculeException ex = src.errors().get(e);
                        lines.put(ex.record(), ex.record() + ",,,," + FeaturizeCommand.csvField("unreadable: " + ex.reason()) + "\n");
                    }
                    // past the first MoleculeSource.KEPT_ERRORS bad records only the count is kept
                    counts[1] += (int) (src.skipped() - skippedBefore);
                    EnergyModel.Prediction[] p = new EnergyModel.Prediction[batch.size()];
                    Parallel.forEach(batch.size(), () -> null, (i, ws) -> p[i] = model.tryPredict(batch.get(i)));
                    for (int i = 0; i < batch.size(); i++) {
                        Molecule mol = batch.get(i);
                        lines.put(records.get(i), records.get(i) + "," + FeaturizeCommand.csvField(mol.name()) + "," + mol.formula() + ","
                                + (p[i].ok() ? String.format(Locale.ROOT, "%.4f", p[i].value()) : "") + ","
                                + (p[i].ok() ? "ok" : FeaturizeCommand.csvField("refused: " + p[i].refusal())) + "\n");
                        counts[p[i].ok() ? 0 : 1]++;
                    }
                    for (String line : lines.values()) {
                        w.write(line);
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                }
            }
            w.flush();
        });
        out.printf(Locale.ROOT, "predict: %d molecules predicted, %d refused or unreadable (reasons in %s)%n",
                counts[0], counts[1], outFile);
        return 0;
    }

    private static String unitsColumn(String units) {
        return units.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    }
}
