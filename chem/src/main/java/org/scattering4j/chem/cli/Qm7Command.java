package org.scattering4j.chem.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scattering4j.chem.OnError;
import org.scattering4j.chem.energy.MoleculeFeaturizer;
import org.scattering4j.chem.energy.ParityPlot;
import org.scattering4j.chem.energy.Presets;
import org.scattering4j.chem.energy.Qm7Data;
import org.scattering4j.chem.energy.RegressionModels;
import org.scattering4j.chem.io.MoleculeFormat;
import org.scattering4j.chem.scattering.FeatureCache;
import org.scattering4j.chem.scattering.InvariantEngine;
import org.scattering4j.cli.Args;
import org.scattering4j.cli.Command;
import org.scattering4j.cli.Main;
import org.scattering4j.cli.UsageException;
import org.scattering4j.data.io.AtomicFiles;
import org.scattering4j.learn.CrossValidation;
import org.scattering4j.learn.KFold;
import org.scattering4j.learn.Metrics;
import org.scattering4j.util.Json;
import org.scattering4j.util.Parallel;

/**
 * The QM7 benchmark: featurise the 7165 molecules (cached on disk), cross-validate on the standard split
 * P (train on four folds, test on the fifth, five times; no test molecule influences standardisation,
 * feature selection or hyper-parameters), print MAE and RMSE per fold and their mean +- std in kcal/mol
 * with the time of each stage, and write the out-of-fold predictions and a parity plot.
 */
public final class Qm7Command implements Command, Main.HasFlags {
    @Override
    public java.util.Set<String> flags() {
        return java.util.Set.of("no-cache");
    }

    @Override
    public String name() {
        return "qm7";
    }

    @Override
    public String summary() {
        return "QM7 atomization-energy benchmark: featurise, 5-fold CV on split P, MAE/RMSE, predictions, plot";
    }

    /** The benchmark's default preset: Kymatio's full orders 0-2 feature set through the fast molecular path. */
    public static final String DEFAULT_PRESET = "kymatio-qm7-order2-fast";
    /** The benchmark's default model: the most accurate on split P (MAE 1.40 kcal/mol, BENCHMARKS.md). */
    public static final String DEFAULT_MODEL = "split-blend";

    @Override
    public String usage() {
        return String.join("\n",
                "usage: scattering4j qm7 [--model ridge|sparse|quadratic|log-quadratic|log-quadratic-blend|split-blend|all] [--preset P] [--out DIR]",
                "  --model M      regression model: split-blend (default; the most accurate: separate models for",
                "                 molecules with and without S, log-quadratic-blend for those without, about 8 min of",
                "                 fitting), log-quadratic-blend (0.7 x log-quadratic + 0.3 x quadratic on all",
                "                 molecules, about 8 min), quadratic (degree-2 polynomial kernel ridge on the standardised",
                "                 invariants, about 5 min), log-quadratic (the quadratic model on the logarithms of the",
                "                 invariants, about 6 min), ridge (linear, alpha by inner CV, seconds), sparse (bagged",
                "                 orthogonal least squares, seconds), or all (files get a -MODEL suffix)",
                "  --preset P     featurisation preset (default " + DEFAULT_PRESET + ": Kymatio's orders 0-2, about",
                "                 25 min for QM7 on 2 cores the first time; " + Presets.DEFAULT + ": orders 0-1, about 19 min,",
                "                 less accurate): " + String.join(", ", Presets.NAMES),
                "  --out DIR      where qm7-predictions[-MODEL].csv, qm7-parity[-MODEL].png and qm7-summary.json go",
                "                 (default qm7-results)",
                "  --data DIR     QM7 folder with qm7.xyz and qm7_folds.csv (default: the bundled data/qm7)",
                "  --cache DIR    feature cache (default ~/.cache/scattering4j/features); a second run reads it",
                "  --no-cache     compute every feature again",
                "  --threads N    worker threads (default: all cores)",
                "Energies are PBE0 atomization energies in kcal/mol; the split is QM7's standard split P.");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String modelArg = args.string("model", DEFAULT_MODEL);
        String preset = args.string("preset", DEFAULT_PRESET);
        Path outDir = args.path("out", Path.of("qm7-results"));
        Path dataDir = args.path("data", Qm7Data.defaultDir());
        boolean noCache = args.flag("no-cache");
        Path cacheDir = args.path("cache", defaultCache());
        int threads = args.integer("threads", Parallel.threads());
        args.checkNoUnknown();
        List<String> models = modelArg.equals("all") ? RegressionModels.NAMES : List.of(modelArg);
        for (String m : models) {
            if (!RegressionModels.NAMES.contains(m)) {
                throw new UsageException("--model '" + m + "' is not one of " + String.join(", ", RegressionModels.NAMES) + ", all");
            }
        }
        if (!Presets.NAMES.contains(preset)) {
            throw new UsageException("--preset '" + preset + "' is not one of " + String.join(", ", Presets.NAMES));
        }
        if (threads < 1) {
            throw new UsageException("--threads " + threads + " must be >= 1");
        }
        Path xyz = dataDir.resolve("qm7.xyz");
        Path foldsCsv = dataDir.resolve("qm7_folds.csv");
        for (Path p : new Path[] {xyz, foldsCsv}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("QM7 file " + p + " not found (give --data DIR)");
            }
        }
        int[] fold = Qm7Data.folds(foldsCsv);
        int n = fold.length;
        InvariantEngine engine = Presets.engine(preset);
        for (String m : models) {
            RegressionModels.checkLayout(m, engine.layout(), preset);
        }
        FeatureCache cache = noCache ? null : new FeatureCache(cacheDir, engine);

        out.printf(Locale.ROOT, "QM7: %s, preset %s (%d invariants per molecule), split P%n", xyz, preset,
                engine.layout().size());
        long t0 = System.nanoTime();
        double[][] x = new double[n][];
        double[] y = new double[n];
        MoleculeFeaturizer f = new MoleculeFeaturizer(engine, cache, threads);
        f.run(xyz, MoleculeFormat.XYZ, OnError.FAIL, err, (m, record, features) -> {
            int index = (int) m.numericProperty("index");
            if (index < 0 || index >= n || x[index] != null) {
                throw new IOException(xyz + ": record " + record + " has index " + index + ", repeated or beyond the "
                        + n + " molecules of " + foldsCsv.getFileName());
            }
            x[index] = features;
            y[index] = m.numericProperty(Qm7Data.ENERGY);
        });
        for (int i = 0; i < n; i++) {
            if (x[i] == null) {
                throw new IOException(xyz + ": molecule index " + i + " is missing");
            }
        }
        double tFeat = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "featurisation: %.1f s (%d of %d from the cache%s)%n", tFeat, f.cacheHits(),
                n, cache == null ? ", cache off" : " " + cache.directory());

        KFold folds = KFold.ofLabels(fold);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("preset", preset);
        summary.put("engine", engine.describe());
        summary.put("featurisation_seconds", tFeat);
        Files.createDirectories(outDir);
        for (String model : models) {
            long t1 = System.nanoTime();
            CrossValidation.Result r = CrossValidation.crossValidate(folds, x, y, RegressionModels.fitter(model));
            double tFit = (System.nanoTime() - t1) / 1e9;
            double[] pred = r.predictions();
            double[] mae = new double[5];
            double[] rmse = new double[5];
            out.printf(Locale.ROOT, "%nmodel %s (5 folds, %.1f s)%n  fold     MAE    RMSE  (kcal/mol)%n", model, tFit);
            for (int k = 0; k < 5; k++) {
                int[] test = folds.test(k);
                double[] yt = KFold.select(y, test);
                double[] yp = KFold.select(pred, test);
                mae[k] = Metrics.mae(yt, yp);
                rmse[k] = Metrics.rmse(yt, yp);
                out.printf(Locale.ROOT, "  %4d  %6.3f  %6.3f%n", k, mae[k], rmse[k]);
            }
            out.printf(Locale.ROOT, "  mean  %6.3f  %6.3f%n   std  %6.3f  %6.3f%n", mean(mae), mean(rmse), std(mae),
                    std(rmse));
            out.printf(Locale.ROOT, "  all molecules: MAE %.3f, RMSE %.3f kcal/mol%n", r.mae(), r.rmse());
            String suffix = models.size() > 1 ? "-" + model : "";
            Path csv = outDir.resolve("qm7-predictions" + suffix + ".csv");
            AtomicFiles.write(csv, o -> {
                BufferedWriter w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8));
                w.write("index,fold,reference_kcal_mol,predicted_kcal_mol\n");
                for (int i = 0; i < n; i++) {
                    w.write(String.format(Locale.ROOT, "%d,%d,%.2f,%.4f%n", i, fold[i], y[i], pred[i]));
                }
                w.flush();
            });
            Path png = outDir.resolve("qm7-parity" + suffix + ".png");
            ParityPlot.write(png, y, pred, String.format(Locale.ROOT,
                    "QM7, %s on %s, split P: MAE %.2f kcal/mol", model, preset, r.mae()), "kcal/mol");
            out.printf(Locale.ROOT, "  wrote %s and %s%n", csv, png);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("fold_mae", mae);
            s.put("fold_rmse", rmse);
            s.put("mae_mean", mean(mae));
            s.put("mae_std", std(mae));
            s.put("rmse_mean", mean(rmse));
            s.put("rmse_std", std(rmse));
            s.put("mae_all", r.mae());
            s.put("rmse_all", r.rmse());
            s.put("fit_seconds", tFit);
            summary.put(model, s);
        }
        AtomicFiles.writeString(outDir.resolve("qm7-summary.json"), Json.write(summary, true));
        out.printf(Locale.ROOT, "%ntotal %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("scattering4j").resolve("features");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1). */
    private static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double d : v) {
            s += (d - m) * (d - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
