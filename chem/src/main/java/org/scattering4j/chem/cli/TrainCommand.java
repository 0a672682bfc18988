package org.scattering4j.chem.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scattering4j.chem.OnError;
import org.scattering4j.chem.energy.EnergyModel;
import org.scattering4j.chem.energy.MoleculeFeaturizer;
import org.scattering4j.chem.energy.Presets;
import org.scattering4j.chem.energy.RegressionModels;
import org.scattering4j.chem.io.MoleculeFormat;
import org.scattering4j.chem.scattering.FeatureCache;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.cli.Args;
import org.scattering4j.cli.Command;
import org.scattering4j.cli.Main;
import org.scattering4j.cli.UsageException;
import org.scattering4j.learn.Metrics;
import org.scattering4j.learn.Regressor;
import org.scattering4j.util.Parallel;

/** Fits an energy model on every molecule of a file that carries the target property. */
public final class TrainCommand implements Command, Main.HasFlags {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "fit an energy model on molecules with a property (xyz/sdf) and write model.json";
    }

    @Override
    public Set<String> flags() {
        return Set.of("no-cache");
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: scattering4j train --in molecules.(xyz|sdf|mol2) --property NAME --out model.json [options]",
                "  --property NAME  the target: an extended-XYZ key=value or an SD tag, e.g. atomization_energy_kcal_mol",
                "  --units U        units of the property, recorded in the model (default kcal/mol)",
                "  --model M        ridge (default), sparse, quadratic, log-quadratic, log-quadratic-blend,",
                "                   split-blend (see qm7 --help)",
                "  --preset P       featurisation preset (default " + Presets.DEFAULT + "): " + String.join(", ", Presets.NAMES),
                "  --format F       xyz, sdf, mol2 or smi, overriding the extension",
                "  --on-error M     fail (default) or skip bad records (counted and reported)",
                "  --cache DIR / --no-cache / --threads N   as for qm7",
                "The model file records the library version, every featurisation parameter, the scaler and",
                "coefficients, the training elements and atom-count range and a hash of the training data.");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path in = args.path("in");
        String property = args.required("property");
        Path outFile = args.path("out");
        String units = args.string("units", "kcal/mol");
        String model = args.string("model", "ridge");
        String preset = args.string("preset", Presets.DEFAULT);
        String fmt = args.string("format", null);
        OnError onError = parseOnError(args.string("on-error", "fail"));
        boolean noCache = args.flag("no-cache");
        Path cacheDir = args.path("cache", Qm7Command.defaultCache());
        int threads = args.integer("threads", Parallel.threads());
        args.checkNoUnknown();
        if (!RegressionModels.NAMES.contains(model)) {
            throw new UsageException("--model '" + model + "' is not one of " + String.join(", ", RegressionModels.NAMES));
        }
        if (!Presets.NAMES.contains(preset)) {
            throw new UsageException("--preset '" + preset + "' is not one of " + String.join(", ", Presets.NAMES));
        }
        if (!Files.isRegularFile(in)) {
            throw new IllegalArgumentException("--in " + in + ": no such file");
        }
        MoleculeFormat format = format(in, fmt);
        InvariantEngine engine = Presets.engine(preset);
        RegressionModels.checkLayout(model, engine.layout(), preset);
        FeatureCache cache = noCache ? null : new FeatureCache(cacheDir, engine);
        List<double[]> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        EnergyModel.TrainingDomain domain = new EnergyModel.TrainingDomain();
        long t0 = System.nanoTime();
        long skipped = new MoleculeFeaturizer(engine, cache, threads).run(in, format, onError, err, (m, record, x) -> {
            String v = m.properties().get(property);
            if (v == null) {
                throw new IllegalArgumentException(in + ": record " + record + " has no property '" + property
                        + "' (it has: " + String.join(", ", m.properties().keySet()) + ")");
            }
            double y;
            try {
                y = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(in + ": record " + record + ": property '" + property + "' = '"
                        + v + "' is not a number");
            }
            if (!Double.isFinite(y)) {
                throw new IllegalArgumentException(in + ": record " + record + ": property '" + property + "' is " + y);
            }
            xs.add(x);
            ys.add(y);
            domain.add(m, y);
        });
        if (xs.size() < 10) {
            throw new IllegalArgumentException(in + ": only " + xs.size() + " usable molecules; need at least 10 to fit "
                    + "and cross-validate a model");
        }
        double tFeat = (System.nanoTime() - t0) / 1e9;
        double[][] x = xs.toArray(new double[0][]);
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        long t1 = System.nanoTime();
        Regressor r = RegressionModels.fitter(model).fit(x, y);
        double tFit = (System.nanoTime() - t1) / 1e9;
        double trainMae = Metrics.mae(y, r.predict(x));
        Map<String, Object> notes = new LinkedHashMap<>();
        notes.put("training_file", in.getFileName().toString());
        notes.put("skipped_records", skipped);
        notes.put("training_mae", trainMae);
        EnergyModel em = new EnergyModel(preset, r, model, property, units, domain, notes);
        em.save(outFile);
        out.printf(Locale.ROOT, "train: %d molecules (%d skipped), %d invariants, featurisation %.1f s, fit %.1f s;"
                + " training MAE %.3f %s -> %s%n", x.length, skipped, engine.layout().size(), tFeat, tFit, trainMae,
                units, outFile);
        return 0;
    }

    static OnError parseOnError(String s) {
        try {
            return OnError.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static MoleculeFormat format(Path in, String fmt) {
        try {
            return fmt != null ? MoleculeFormat.parse(fmt) : MoleculeFormat.fromFileName(in.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
