package org.scattering4j.audioimage.classify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.scattering4j.audioimage.features.BatchFeatureExtractor;
import org.scattering4j.audioimage.features.FeatureExtractor;
import org.scattering4j.audioimage.features.Featurizer;
import org.scattering4j.audioimage.features.FourierFeatures;
import org.scattering4j.audioimage.features.FsddFeatures;
import org.scattering4j.audioimage.features.ImageDeformation;
import org.scattering4j.audioimage.features.LengthRule;
import org.scattering4j.audioimage.features.ScatteringTransform2D;
import org.scattering4j.audioimage.features.TextureFeatures;
import org.scattering4j.audioimage.features.TextureStatistics;
import org.scattering4j.cli.Args;
import org.scattering4j.cli.Command;
import org.scattering4j.cli.UsageException;
import org.scattering4j.data.Progress;
import org.scattering4j.data.io.IdxReader;
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.data.io.WavReader;
import org.scattering4j.data.sets.Brodatz112;
import org.scattering4j.data.sets.DataDirs;
import org.scattering4j.data.sets.Fsdd;
import org.scattering4j.data.sets.ImageFolder;
import org.scattering4j.data.sets.LabelledItem;
import org.scattering4j.data.sets.Mnist;
import org.scattering4j.data.sets.SoundFolder;
import org.scattering4j.learn.AffinePcaClassifier;
import org.scattering4j.learn.Classifier;
import org.scattering4j.learn.KFold;
import org.scattering4j.learn.LogisticRegression;
import org.scattering4j.learn.Metrics;
import org.scattering4j.learn.ShrinkageLda;
import org.scattering4j.scattering.Scattering1D;
import org.scattering4j.scattering.Scattering2D;
import org.scattering4j.util.Parallel;

/**
 * {@code scattering4j classify KIND --data DIR [--out DIR]}: the scattering classification pipelines
 * end to end (read, featurise on all threads with a progress bar, fit on the training set only, predict
 * the test set). Prints the test accuracy and error, the confusion matrix and the wall time of each
 * stage; with {@code --out} writes {@code predictions.csv} ({@code item,label,predicted}) and
 * {@code confusion.png}. Nothing is written unless the whole run succeeds, and each file is written
 * atomically.
 *
 * <ul>
 * <li>{@code fsdd}: FSDD's own split, {@link FsddFeatures} on Scattering1D(J=8, N=8192, Q=12), L2
 *     multinomial logistic regression with C chosen by inner cross-validation on the training set.</li>
 * <li>{@code mnist}: every Scattering2D(J=3, L=8) coefficient as |S|^0.5 (217 x 3 x 3 = 1953 features), classified
 *     by a {@link PcaLogisticBlend} ({@code --model blend}) of the affine PCA classifier of Bruna and Mallat on
 *     the 3 x 3 grid centred on the digit ({@code --grid centre}) and a logistic regression (C = 1) on
 *     Kymatio's grid of the 28 x 28 transform ({@code --logistic-grid corner}); or either model alone
 *     ({@code --model pca|logistic}). The PCA's d in 0..300 is chosen by inner cross-validation; its class
 *     spaces are streamed through per-class covariance accumulators, optionally also fed deformed copies of
 *     every training image ({@code --augment shift4}: one-pixel shifts, which share their image's CV fold;
 *     only undeformed images score d). {@code --grid corner --J 2 --power 1} gives the raw 3969 coefficients
 *     of J = 2.</li>
 * <li>{@code textures}: Brodatz-112 protocol A, {@link TextureStatistics} (log-means of Scattering2D(J=4, L=8)
 *     and the cross-channel statistics of the J=3 maps) and {@link ShrinkageLda}, on the {@code fixed} split
 *     and {@code rand0..rand9}, beside the {@link FourierFeatures} baseline with the same classifier
 *     ({@code --features means --classifier logistic}: the Kymatio-style recipe of the data set's README).</li>
 * <li>{@code images}, {@code sounds}: {@code DIR/train/<class>/*}, {@code DIR/test/<class>/*} with
 *     texture-style / FSDD-style scattering features and logistic regression.</li>
 * </ul>
 *
 * <pre>
 * ./scattering4j classify fsdd --data /data --out results/fsdd
 * </pre>
 */
public final class ClassifyCommand implements Command {
    private static final List<String> KINDS = List.of("fsdd", "mnist", "textures", "images", "sounds");

    @Override
    public String name() {
        return "classify";
    }

    @Override
    public String summary() {
        return "scattering classification pipelines: fsdd, mnist, textures, images, sounds";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: scattering4j classify fsdd|mnist|textures|images|sounds --data DIR [--out DIR] [options]",
                "",
                "  --data DIR        the data set's folder, or a root holding it under its usual name (fsdd/,",
                "                    mnist/, textures-brodatz112/); default: env " + DataDirs.ENV,
                "                    images/sounds: DIR/train/<class>/* and DIR/test/<class>/*",
                "  --out DIR         write predictions.csv (item,label,predicted) and confusion.png there",
                "  --threads N       worker threads (default: scattering4j.threads or the core count)",
                "  --seed S          seed of the inner cross-validation folds (default 0)",
                "  --folds K         inner cross-validation folds on the training set (default 3)",
                "  --cs C1,C2,..     logistic regression: C values tried by inner CV (default 0.01,0.1,1,10,100)",
                "",
                "fsdd:     --J 8 --Q 12 --length 8192 (clips zero-padded/cropped to this many samples)",
                "          --recipe cv|kymatio: cv (default) picks log(|S|+eps), eps in 1e-6,1e-4,1e-3,1e-2, as the",
                "          mean over time, mean and std, or mean, std and the means over the two halves of the",
                "          spoken span, by inner CV on the training clips; kymatio: eps 1e-6, mean",
                "mnist:    --J 3 --L 8 --power 0.5 (every coefficient as |S|^power; 1 = raw) --grid centre|corner",
                "          (centre, default: the digit on a zero canvas 2^J larger, output grid centred on the",
                "          digit, pixels 6,14,22 at J=3; corner: the digit's own transform, pixels 2,10,18)",
                "          --model blend|pca|logistic (default blend: per class, --blend-weight 3 times the affine PCA",
                "          distance over the median smallest distance of training images, minus the log-probability",
                "          of a logistic regression (C 1 unless --cs is given) on the --logistic-grid features",
                "          (default corner; --grid applies to the PCA)); the fifth session's recipe:",
                "          --model pca --grid corner --augment shift4",
                "          --max-d 300 (largest PCA dimension tried; 0: nearest class mean)",
                "          --train-size N (first N training images, default 60000) --augment shift4|shift8|none|",
                "          LIST (blend, pca: PCA class spaces also fitted on deformed copies of every training image;",
                "          none (default); shift4: one-pixel shifts left/right/up/down; shift8: the 8 neighbours;",
                "          LIST: comma-separated degrees:scale:shear:dx:dy affine deformations, bilinear resampling)",
                "textures: --J 4 --L 8 --split fixed|rand0..rand9 (split whose predictions are written,",
                "          default fixed; accuracy is printed for every split) --features stats|means (default",
                "          stats: log-means of the J transform plus correlations and cross-statistics of the",
                "          maps of J-1 (--maps-J); means: the log-means only) --classifier lda|logistic (default",
                "          lda: shrinkage LDA; also used for the Fourier baseline)",
                "images:   --J (default round(log2(min side)) - 3, in 1..6) --L 8; the size of the first training",
                "          image is required of all images; --features means|stats (default means; stats as for",
                "          textures, maps of --maps-J, default J-1, which needs J-1 >= 2) --classifier logistic|lda",
                "sounds:   --rate HZ (default: the first training file's) --length T (default: next power of",
                "          two >= the first training clip) --J (default min(8, log2 T - 3)) --Q 8",
                "          --min-length (shortest clip accepted, default min(T, 2^J): the averaging support)",
                "",
                "example: scattering4j classify fsdd --data /work/shared/data --out results/fsdd");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> pos = args.positional();
        if (pos.size() != 1 || !KINDS.contains(pos.get(0))) {
            throw new UsageException("expected one kind, one of " + KINDS + "; got " + pos);
        }
        String kind = pos.get(0);
        if (args.has("threads")) {
            int t = args.integer("threads", 1);
            if (t < 1) {
                throw new UsageException("--threads " + t + " must be >= 1");
            }
            Parallel.setThreads(t);
        }
        Path outDir = args.path("out", null);
        if (outDir != null && Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new IllegalArgumentException("--out " + outDir + " exists and is not a directory");
        }
        Common c = new Common(args.path("data", null), args.integer("seed", 0), args.integer("folds", 3),
                args.reals("cs", new double[] {0.01, 0.1, 1, 10, 100}), err);
        if (c.folds < 2) {
            throw new UsageException("--folds " + c.folds + " must be >= 2");
        }
        ClassificationReport r;
        switch (kind) {
            case "fsdd":
                r = fsdd(args, c);
                break;
            case "mnist":
                r = mnist(args, c);
                break;
            case "textures":
                r = textures(args, c);
                break;
            case "images":
                r = images(args, c);
                break;
            default:
                r = sounds(args, c);
                break;
        }
        r.print(out);
        if (outDir != null) {
            r.write(outDir);
            out.println("wrote " + outDir.resolve(ClassificationReport.PREDICTIONS) + " and "
                    + outDir.resolve(ClassificationReport.CONFUSION_PNG));
        }
        return 0;
    }

    /** Options shared by every kind, and the stage clock. */
    private static final class Common {
        final Path data;
        final long seed;
        final int folds;
        final double[] cs;
        final PrintStream err;
        final Map<String, Double> stages = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        long t0 = System.nanoTime();

        Common(Path data, long seed, int folds, double[] cs, PrintStream err) {
            this.data = data;
            this.seed = seed;
            this.folds = folds;
            this.cs = cs;
            this.err = err;
        }

        /** Ends the current stage, named {@code name}; returns its seconds. */
        double stage(String name) {
            long t = System.nanoTime();
            double s = (t - t0) * 1e-9;
            stages.merge(name, s, Double::sum);
            t0 = t;
            return s;
        }

        Progress progress(String label, long total) {
            return Progress.start(label, total, err,
                    System.console() != null ? Progress.Mode.TERMINAL : Progress.Mode.LINES, System::nanoTime);
        }

        LogisticRegression.Options logistic(int smallestClass) {
            LogisticRegression.Options o = LogisticRegression.Options.defaults().seed(seed);
            int k = Math.min(folds, smallestClass);
            if (k < 2 || cs.length == 1) {
                // too few rows per class for inner CV: use the first C as given
                return o.cs(cs[0]);
            }
            return o.cs(cs).innerFolds(k);
        }

        String rate(String what, int items, double seconds) {
            return String.format(Locale.ROOT, "%s: %d items in %.2f s (%.1f items/s, %d threads)", what, items,
                    seconds, items / seconds, Parallel.threads());
        }
    }

    // ---------------------------------------------------------------------------------------------- fsdd

    private ClassificationReport fsdd(Args args, Common c) throws IOException {
        int j = args.integer("J", 8);
        int q = args.integer("Q", 12);
        int length = args.integer("length", 8192);
        String recipe = args.string("recipe", "cv");
        args.checkNoUnknown();
        if (!recipe.equals("cv") && !recipe.equals("kymatio")) {
            throw new UsageException("--recipe " + recipe + ": allowed cv, kymatio");
        }
        if (recipe.equals("cv") && c.cs.length < 2) {
            throw new UsageException("--recipe cv ranks recipes by the inner-CV accuracy of the logistic regression, "
                    + "which needs at least two --cs values (given " + c.cs.length + "); or use --recipe kymatio");
        }
        Fsdd fsdd = Fsdd.open(DataDirs.resolve(c.data, Fsdd.FOLDER));
        List<Fsdd.Item> train = fsdd.train();
        List<Fsdd.Item> test = fsdd.test();
        requireNonEmpty(train.size(), test.size(), "FSDD");
        FsddFeatures kym = FsddFeatures.kymatio(Scatterings.of(new Scattering1D(j, length, q)));
        FsddFeatures fx = recipe.equals("kymatio") ? kym : new FsddFeatures(
                Scatterings.of(new Scattering1D(j, length, q)), kym.sampleRate(), kym.rule(), FSDD_EPS, true,
                FSDD_SEGMENTS);
        c.stage("open, build filters");
        double[][] xTrain = Featurizer.extract(train, it -> fsdd.read(it).samples(), fx, Fsdd.Item::fileName,
                c.progress("featurise fsdd train", train.size()));
        double sTrain = c.stage("featurise train");
        double[][] xTest = Featurizer.extract(test, it -> fsdd.read(it).samples(), fx, Fsdd.Item::fileName,
                c.progress("featurise fsdd test", test.size()));
        double sTest = c.stage("featurise test");
        int[] yTrain = train.stream().mapToInt(Fsdd.Item::label).toArray();
        int[] yTest = test.stream().mapToInt(Fsdd.Item::label).toArray();
        LogisticRegression m;
        if (recipe.equals("kymatio")) {
            m = LogisticRegression.fit(xTrain, yTrain, c.logistic(smallestClass(yTrain)));
            c.notes.add("features: " + fx.describe() + "; Scattering1D(J=" + j + ", N=" + length + ", Q=" + q + ")");
        } else {
            // every recipe of the grid is fitted on the training clips only; the one with the best
            // inner-CV accuracy (ties: the earlier, simpler one) is kept, its model already refitted on all of them
            m = null;
            double bestScore = -1;
            String bestName = null;
            int[] bestCols = null;
            StringBuilder table = new StringBuilder("recipe inner-CV accuracy (best C):");
            for (int e = 0; e < FSDD_EPS.length; e++) {
                for (int v = 0; v < 3; v++) {
                    boolean std = v > 0;
                    boolean halves = v > 1;
                    int[] cols = fx.columns(e, std, halves);
                    LogisticRegression r = LogisticRegression.fit(columns(xTrain, cols), yTrain,
                            c.logistic(smallestClass(yTrain)));
                    double score = -1;
                    for (double a : r.cvAccuracy()) {
                        score = Math.max(score, a);
                    }
                    String name = String.format(Locale.ROOT, "eps=%g %s", FSDD_EPS[e],
                            halves ? "mean+std+halves" : std ? "mean+std" : "mean");
                    table.append(String.format(Locale.ROOT, " [%s: %.4f, C=%g]", name, score, r.c()));
                    if (score > bestScore) {
                        bestScore = score;
                        bestName = name;
                        bestCols = cols;
                        m = r;
                    }
                }
            }
            xTest = columns(xTest, bestCols);
            c.notes.add(table.toString());
            c.notes.add("recipe chosen by inner CV on the training clips: " + bestName + " (" + bestCols.length
                    + " features); grid: " + fx.describe() + "; Scattering1D(J=" + j + ", N=" + length + ", Q=" + q
                    + ")");
        }
        c.stage("fit logistic regression");
        int[] pred = m.predict(xTest);
        c.stage("predict");
        List<String> classes = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            classes.add(Integer.toString(d));
        }
        c.notes.add(logisticNote(m, c));
        c.notes.add(c.rate("featurisation", train.size() + test.size(), sTrain + sTest));
        c.notes.add("train " + train.size() + " / test " + test.size() + " recordings (takes 0-4 are the test set)");
        return new ClassificationReport("FSDD spoken digits, scattering + logistic regression",
                test.stream().map(Fsdd.Item::fileName).toList(), yTest, pred, classes, c.stages, c.notes);
    }

    // ---------------------------------------------------------------------------------------------- mnist

    private ClassificationReport mnist(Args args, Common c) throws IOException {
        int j = args.integer("J", 3);
        int l = args.integer("L", 8);
        double power = args.real("power", 0.5);
        String model = args.string("model", MNIST_MODEL);
        double blendWeight = args.real("blend-weight", MNIST_BLEND_WEIGHT);
        int maxD = args.integer("max-d", MNIST_MAX_D);
        String grid = args.string("grid", MNIST_GRID);
        String logisticGrid = args.string("logistic-grid", MNIST_LOGISTIC_GRID);
        int trainSize = args.integer("train-size", Mnist.Split.TRAIN.count());
        boolean augmentGiven = args.has("augment");
        String augment = args.string("augment", MNIST_AUGMENT);
        args.checkNoUnknown();
        if (!model.equals("pca") && !model.equals("logistic") && !model.equals("blend")) {
            throw new UsageException("--model " + model + ": allowed blend, pca, logistic");
        }
        if (!(blendWeight > 0 && blendWeight < Double.POSITIVE_INFINITY)) {
            throw new UsageException("--blend-weight " + blendWeight + ": allowed finite > 0");
        }
        if (trainSize < 20 || trainSize > Mnist.Split.TRAIN.count()) {
            throw new UsageException("--train-size " + trainSize + ": allowed 20.." + Mnist.Split.TRAIN.count());
        }
        if (maxD < 0) {
            throw new UsageException("--max-d " + maxD + ": allowed >= 0");
        }
        for (String[] g : new String[][] {{"grid", grid}, {"logistic-grid", logisticGrid}}) {
            if (!g[1].equals("centre") && !g[1].equals("corner")) {
                throw new UsageException("--" + g[0] + " " + g[1] + ": allowed centre, corner");
            }
        }
        List<ImageDeformation> deformations = parseAugment(augment);
        if (model.equals("logistic")) {
            if (augmentGiven && !deformations.isEmpty()) {
                throw new UsageException("--augment " + augment
                        + " applies to the affine PCA of --model blend or pca only (use --augment none)");
            }
            deformations = List.of();
        }
        FeatureExtractor<double[][]> fx; // the PCA model's features (--model logistic: the logistic model's)
        FeatureExtractor<double[][]> fxLogistic; // the blend's logistic model's features
        try {
            fxLogistic = mnistFeatures(j, l, power, logisticGrid.equals("centre"));
            fx = model.equals("logistic") ? fxLogistic : mnistFeatures(j, l, power, grid.equals("centre"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--J " + j + " --L " + l + " --power " + power + " --grid " + grid
                    + " --logistic-grid " + logisticGrid + ": " + e.getMessage());
        }
        Mnist mnist = Mnist.open(DataDirs.resolve(c.data, Mnist.FOLDER));
        int[] yTrain = Arrays.copyOf(mnist.labels(Mnist.Split.TRAIN), trainSize);
        int[] yTest = mnist.labels(Mnist.Split.TEST);
        c.stage("open, build filters");
        Classifier m;
        PcaLogisticBlend blend = null;
        double sTrain;
        int copies = 1 + deformations.size();
        if (!model.equals("logistic")) {
            boolean keep = model.equals("blend");
            // reference rows of the blend's distance scale: every BLEND_SCALE_STRIDE-th undeformed image
            double[][] reference = keep ? new double[(trainSize + BLEND_SCALE_STRIDE - 1) / BLEND_SCALE_STRIDE][]
                    : null;
            int[] classes = Arrays.stream(yTrain).distinct().sorted().toArray();
            if (classes.length < 2) {
                throw new UsageException("--train-size " + trainSize + ": the first images hold only one digit");
            }
            boolean choose = maxD > 0;
            int folds = choose ? c.folds : 1;
            int[] fold = choose ? KFold.stratified(yTrain, folds, c.seed).labels() : new int[trainSize];
            AffinePcaClassifier.Builder b = new AffinePcaClassifier.Builder(fx.dimension(), classes, folds);
            List<ImageDeformation> defs = deformations;
            int[] row = {0};
            streamImages(mnist, Mnist.Split.TRAIN, trainSize, defs, fx, r -> {
                int i = row[0] / copies;
                b.addTraining(r, yTrain[i], fold[i]);
                if (choose && row[0] % copies == 0) {
                    b.addValidation(r, yTrain[i], fold[i]); // only undeformed images score d
                }
                if (keep && row[0] % copies == 0 && i % BLEND_SCALE_STRIDE == 0) {
                    reference[i / BLEND_SCALE_STRIDE] = r;
                }
                row[0]++;
            }, c);
            sTrain = c.stage("featurise train" + (copies > 1 ? " x " + copies + " (with deformed copies)" : "")
                    + " + accumulate class covariances");
            AffinePcaClassifier pca = b.fit(choose ? AffinePcaClassifier.Options.defaults().maxDimension(maxD)
                    : AffinePcaClassifier.Options.defaults().fixedDimension(0));
            c.stage("fit affine PCA classifier (" + (choose ? folds + "-fold CV of d, then " : "") + "final fit)");
            double[] cvError = pca.cvError();
            c.notes.add(!choose
                    ? "model: class-wise affine PCA (Bruna-Mallat) with d = 0 (--max-d 0: nearest class mean, no CV)"
                    : "model: class-wise affine PCA (Bruna-Mallat), d = " + pca.dimension() + " chosen in 0.." + maxD
                            + " by " + folds + "-fold CV on the training set (CV error at d: "
                            + String.format(Locale.ROOT, "%.4f", cvError[pca.dimension()]) + ")");
            c.notes.add("training augmentation: " + (deformations.isEmpty() ? "none" : copies - 1
                    + " deformed copies of every training image (" + deformations + "); "
                    + "copies share their image's CV fold and only undeformed images are scored"));
            m = pca;
            if (keep) {
                double[][] xLogistic = streamFeatures(mnist, Mnist.Split.TRAIN, trainSize, fxLogistic, c);
                sTrain += c.stage("featurise train for the logistic regression");
                LogisticRegression lr = LogisticRegression.fit(xLogistic, yTrain, args.has("cs")
                        ? c.logistic(smallestClass(yTrain))
                        : LogisticRegression.Options.defaults().seed(c.seed).cs(MNIST_BLEND_C));
                c.stage("fit logistic regression");
                blend = PcaLogisticBlend.of(pca, lr, blendWeight, reference);
                c.stage("blend scale (PCA distances of " + reference.length + " training images)");
                c.notes.add(logisticNote(lr, c) + "; fitted on the " + trainSize + " undeformed training images");
                c.notes.add(String.format(Locale.ROOT, "blend: class score = %g * PCA distance / %.6g"
                        + " - log p(logistic); %.6g = median smallest PCA distance of every %dth training image", blendWeight,
                        blend.scale(), blend.scale(), BLEND_SCALE_STRIDE));
            }
        } else {
            double[][] xTrain = streamFeatures(mnist, Mnist.Split.TRAIN, trainSize, fx, c);
            sTrain = c.stage("featurise train");
            LogisticRegression lr = LogisticRegression.fit(xTrain, yTrain, c.logistic(smallestClass(yTrain)));
            c.stage("fit logistic regression");
            c.notes.add(logisticNote(lr, c));
            m = lr;
        }
        double[][] xTest = streamFeatures(mnist, Mnist.Split.TEST, yTest.length, fx, c);
        double sTest = c.stage("featurise test");
        int[] pred;
        if (blend != null) {
            double[][] xTestLogistic = streamFeatures(mnist, Mnist.Split.TEST, yTest.length, fxLogistic, c);
            sTest += c.stage("featurise test for the logistic regression");
            pred = blend.predict(xTest, xTestLogistic);
        } else {
            pred = m.predict(xTest);
        }
        c.stage("predict");
        List<String> items = new ArrayList<>(yTest.length);
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < yTest.length; i++) {
            items.add(Integer.toString(i));
        }
        for (int d = 0; d < 10; d++) {
            classes.add(Integer.toString(d));
        }
        c.notes.add("features" + (blend != null ? " (affine PCA)" : "") + ": " + fx.describe());
        if (blend != null) {
            c.notes.add("features (logistic regression): " + fxLogistic.describe());
        }
        c.notes.add(c.rate("featurisation", (trainSize * copies + yTest.length) * (blend != null ? 2 : 1)
                - (blend != null ? trainSize * (copies - 1) : 0), sTrain + sTest));
        c.notes.add("train " + trainSize + " (first of 60000) / test " + yTest.length + " images");
        return new ClassificationReport("MNIST, scattering + " + (model.equals("pca") ? "affine PCA"
                : model.equals("blend") ? "affine PCA blended with logistic regression" : "logistic regression"),
                items, yTest, pred, classes, c.stages, c.notes);
    }

    /**
     * The MNIST features: every Scattering2D(J, L) coefficient as |S|^power. {@code centre = false}: the
     * transform of the 28 x 28 digit itself, whose output grid (Kymatio's, every 2^J pixels) starts near the
     * top left corner (pixels 2, 10, 18 in each direction at J = 3). {@code centre = true}: the digit placed
     * 2^(J-1) pixels from each side of a zero canvas 2^J larger, which moves the grid by 2^(J-1) pixels;
     * grid points off the digit are dropped. At J = 3 that is a 3 x 3 grid at pixels 6, 14, 22, centred on
     * (14, 14) where MNIST centres each digit's mass, with the same 1953 features as before.
     */
    static BatchFeatureExtractor<double[][]> mnistFeatures(int j, int l, double power, boolean centre) {
        if (!centre) {
            return Scatterings.flat(new Scattering2D(j, Mnist.SIDE, Mnist.SIDE, l, 2), power);
        }
        if (j < 1 || j > 5) {
            // checked here because the canvas size depends on J
            throw new IllegalArgumentException("J = " + j + " is out of range for --grid centre: allowed 1..5");
        }
        int margin = 1 << (j - 1);
        int side = Mnist.SIDE + 2 * margin;
        Scattering2D s = new Scattering2D(j, side, side, l, 2);
        // output point k sits at padded pixel 2^J (k + 1), i.e. digit pixel 2^J (k + 1) - padTop - margin
        int first = 0;
        while ((1 << j) * (first + 1) - s.padTop() - margin < 0) {
            first++;
        }
        return Scatterings.flat(s, power, new Scatterings.Canvas(Mnist.SIDE, Mnist.SIDE, margin, margin, first, first));
    }

    /** Default {@code --model} of {@code classify mnist}. */
    static final String MNIST_MODEL = "blend";
    /**
     * Default {@code --blend-weight}: the middle of the plateau (2..5) of the error on 10,000 held-out
     * training images (BENCHMARKS.md, "MNIST, sixth session").
     */
    static final double MNIST_BLEND_WEIGHT = 3;
    /** C of the blend's logistic regression unless {@code --cs} is given (a C grid would cost ~16 fits). */
    static final double MNIST_BLEND_C = 1;
    /** Every this many training images, one is a reference row of the blend's distance scale. */
    static final int BLEND_SCALE_STRIDE = 6;

    /**
     * Default {@code --logistic-grid} of {@code classify mnist}: the logistic regression reads the other grid
     * than the PCA, which blended better on held-out training images (0.38 % against 0.47 % with both on the
     * centred grid; BENCHMARKS.md, "MNIST, sixth session").
     */
    static final String MNIST_LOGISTIC_GRID = "corner";
    /** Default {@code --grid} of {@code classify mnist}. */
    static final String MNIST_GRID = "centre";
    /** Default {@code --max-d} of {@code classify mnist}. */
    static final int MNIST_MAX_D = 300;
    /** Default {@code --augment} of {@code classify mnist}. */
    static final String MNIST_AUGMENT = "none";

    /**
     * Parses {@code --augment}: {@code none}, {@code shift4} (one-pixel shifts left, right, up, down),
     * {@code shift8} (the eight one-pixel neighbours) or a comma-separated list of
     * {@code degrees:scale:shear:dx:dy} deformations (see {@link ImageDeformation#of}).
     */
    static List<ImageDeformation> parseAugment(String spec) {
        switch (spec) {
            case "none":
                return List.of();
            case "shift4":
                return List.of(ImageDeformation.translation(1, 0), ImageDeformation.translation(-1, 0),
                        ImageDeformation.translation(0, 1), ImageDeformation.translation(0, -1));
            case "shift8": {
                List<ImageDeformation> r = new ArrayList<>();
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        if (dx != 0 || dy != 0) {
                            r.add(ImageDeformation.translation(dx, dy));
                        }
                    }
                }
                return r;
            }
            default:
                break;
        }
        List<ImageDeformation> r = new ArrayList<>();
        for (String item : spec.split(",", -1)) {
            String[] f = item.trim().split(":", -1);
            if (f.length != 5) {
                throw new UsageException("--augment " + spec + ": item '" + item + "' must be degrees:scale:shear:dx:dy"
                        + " (or use none, shift4, shift8)");
            }
            double[] v = new double[5];
            for (int k = 0; k < 5; k++) {
                try {
                    v[k] = Double.parseDouble(f[k].trim());
                } catch (NumberFormatException e) {
                    throw new UsageException("--augment " + spec + ": '" + f[k] + "' in item '" + item
                            + "' is not a number");
                }
            }
            try {
                r.add(ImageDeformation.of(v[0], v[1], v[2], v[3], v[4]));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--augment " + spec + ": " + e.getMessage());
            }
        }
        return r;
    }

    /**
     * Streams the first {@code n} images of a split, each followed by its deformed copies, through {@code fx}
     * into {@code sink} (rows in that order), one batch of images in memory at a time.
     */
    private static void streamImages(Mnist mnist, Mnist.Split split, int n, List<ImageDeformation> deformations,
            FeatureExtractor<double[][]> fx, Featurizer.RowSink sink, Common c) throws IOException {
        int copies = 1 + deformations.size();
        try (IdxReader.Images it = mnist.images(split)) {
            Iterator<double[][]> expanded = new Iterator<>() {
                int given;
                double[][] current;

                @Override
                public boolean hasNext() {
                    return given < n * copies && (given % copies != 0 || it.hasNext());
                }

                @Override
                public double[][] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int k = given % copies;
                    given++;
                    if (k == 0) {
                        current = it.next();
                        return current;
                    }
                    return deformations.get(k - 1).apply(current);
                }
            };
            int got = Featurizer.stream(expanded, fx, 1024, sink,
                    c.progress("featurise mnist " + split.name().toLowerCase(Locale.ROOT)
                            + (copies > 1 ? " x " + copies : ""), (long) n * copies));
            if (got != n * copies) {
                throw new IOException("MNIST " + split + " holds " + got / copies + " images, expected " + n);
            }
        }
    }

    /** Streams the first {@code n} images of a split through {@code fx}, one batch in memory at a time. */
    private static double[][] streamFeatures(Mnist mnist, Mnist.Split split, int n, FeatureExtractor<double[][]> fx,
            Common c) throws IOException {
        double[][] x = new double[n][];
        int[] row = {0};
        streamImages(mnist, split, n, List.of(), fx, r -> x[row[0]++] = r, c);
        return x;
    }

    // ---------------------------------------------------------------------------------------------- textures

    private ClassificationReport textures(Args args, Common c) throws IOException {
        int j = args.integer("J", 4);
        int l = args.integer("L", 8);
        String split = args.string("split", "fixed");
        String features = choice(args, "features", "stats", "stats", "means");
        String classifier = choice(args, "classifier", "lda", "lda", "logistic");
        int mapsJ = args.integer("maps-J", j - 1);
        args.checkNoUnknown();
        Brodatz112 b = Brodatz112.open(DataDirs.resolve(c.data, Brodatz112.FOLDER));
        List<String> splits = b.splitNames();
        if (!splits.contains(split)) {
            throw new UsageException("--split " + split + ": allowed " + splits);
        }
        List<Brodatz112.Patch> patches = b.patches();
        int size = patches.get(0).size();
        FeatureExtractor<double[][]> fx = textureRecipe(features, j, mapsJ, size, size, l);
        FourierFeatures fourier = new FourierFeatures(size, size, 16, 8, 1e-10);
        c.stage("open, build filters");
        double[][] x = Featurizer.extract(patches, b::read, fx, ClassifyCommand::patchName,
                c.progress("featurise brodatz (scattering)", patches.size()));
        double sScat = c.stage("featurise (scattering)");
        double[][] xf = Featurizer.extract(patches, b::read, fourier, ClassifyCommand::patchName,
                c.progress("featurise brodatz (fourier)", patches.size()));
        c.stage("featurise (fourier baseline)");
        int[] y = patches.stream().mapToInt(Brodatz112.Patch::classIndex).toArray();
        int[] predicted = null;
        List<String> items = null;
        int[] truth = null;
        double[] accScat = new double[splits.size()];
        double[] accFourier = new double[splits.size()];
        String chosenNote = null;
        for (int si = 0; si < splits.size(); si++) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < patches.size(); i++) {
                (patches.get(i).train()[si] ? tr : te).add(i);
            }
            int[] trIdx = tr.stream().mapToInt(Integer::intValue).toArray();
            int[] teIdx = te.stream().mapToInt(Integer::intValue).toArray();
            int[] yTr = pick(y, trIdx);
            int[] yTe = pick(y, teIdx);
            Classifier m = textureClassifier(classifier, rows(x, trIdx), yTr, c);
            int[] p = m.predict(rows(x, teIdx));
            accScat[si] = Metrics.accuracy(yTe, p);
            c.stage("fit + predict (scattering)");
            Classifier mf = textureClassifier(classifier, rows(xf, trIdx), yTr, c);
            accFourier[si] = Metrics.accuracy(yTe, mf.predict(rows(xf, teIdx)));
            c.stage("fit + predict (fourier baseline)");
            if (splits.get(si).equals(split)) {
                predicted = p;
                truth = yTe;
                items = new ArrayList<>();
                for (int i : teIdx) {
                    items.add(patchName(patches.get(i)));
                }
                chosenNote = classifierNote(m, c) + " (split " + split + ")";
            }
            c.err.printf(Locale.ROOT, "split %-6s scattering %.2f %%  fourier %.2f %%%n", splits.get(si),
                    100 * accScat[si], 100 * accFourier[si]);
        }
        List<String> classes = new ArrayList<>();
        for (int k = 1; k <= Brodatz112.CLASSES; k++) {
            classes.add("D" + k);
        }
        c.notes.add("features: " + fx.describe() + "; Scattering2D(J=" + j + ", L=" + l + ")"
                + (features.equals("stats") ? ", maps J=" + mapsJ : ""));
        c.notes.add("baseline: " + fourier.describe());
        c.notes.add(chosenNote);
        c.notes.add(c.rate("featurisation (scattering)", patches.size(), sScat));
        c.notes.add("accuracy by split (" + (classifier.equals("lda") ? "shrinkage LDA" : "logistic regression")
                + " fitted on each split's training patches only):");
        c.notes.add(String.format(Locale.ROOT, "  %-22s %10s %10s", "split", "scattering", "fourier"));
        List<Double> randS = new ArrayList<>();
        List<Double> randF = new ArrayList<>();
        for (int si = 0; si < splits.size(); si++) {
            c.notes.add(String.format(Locale.ROOT, "  %-22s %9.2f%% %9.2f%%", splits.get(si), 100 * accScat[si],
                    100 * accFourier[si]));
            if (splits.get(si).startsWith("rand")) {
                randS.add(accScat[si]);
                randF.add(accFourier[si]);
            }
        }
        if (randS.size() > 1) {
            c.notes.add(String.format(Locale.ROOT, "  %-22s %s %s", "rand* mean +- std", meanStd(randS),
                    meanStd(randF)));
        }
        return new ClassificationReport("Brodatz-112 protocol A, split " + split
                + ", scattering " + features + " + " + (classifier.equals("lda") ? "shrinkage LDA" : "logistic regression"),
                items, truth, predicted, classes, c.stages, c.notes);
    }

    /** A classifier by name: shrinkage LDA (Ledoit-Wolf) or logistic regression, fitted on the given rows. */
    private static Classifier textureClassifier(String kind, double[][] x, int[] y, Common c) {
        if (kind.equals("lda")) {
            return ShrinkageLda.fit(x, y, ShrinkageLda.Options.defaults());
        }
        return LogisticRegression.fit(x, y, c.logistic(smallestClass(y)));
    }

    /** What was fitted: logistic regression's C (see {@link #logisticNote}) or the LDA shrinkage. */
    private static String classifierNote(Classifier m, Common c) {
        return m instanceof LogisticRegression lr ? logisticNote(lr, c)
                : String.format(Locale.ROOT, "shrinkage LDA, Ledoit-Wolf intensity %.4f", ((ShrinkageLda) m).shrinkage());
    }

    /** The value of option {@code --name} (default {@code def}), one of {@code allowed}. */
    private static String choice(Args args, String name, String def, String... allowed) {
        String v = args.string(name, def);
        if (!Arrays.asList(allowed).contains(v)) {
            throw new UsageException("--" + name + " " + v + ": allowed " + String.join(", ", allowed));
        }
        return v;
    }

    /** The image texture recipe: {@link TextureStatistics} (J and mapsJ) or {@link TextureFeatures} (J). */
    private static FeatureExtractor<double[][]> textureRecipe(String features, int j, int mapsJ, int rows, int cols,
            int l) {
        ScatteringTransform2D meansTransform = Scatterings.of(new Scattering2D(j, rows, cols, l, 2));
        return features.equals("stats")
                ? new TextureStatistics(meansTransform, new Scattering2D(mapsJ, rows, cols, l, 2))
                : new TextureFeatures(meansTransform, true, 1e-6);
    }

    private static String patchName(Brodatz112.Patch p) {
        return p.file() + "#tile" + p.tile();
    }

    private static String meanStd(List<Double> v) {
        double m = 0;
        for (double d : v) {
            m += d;
        }
        m /= v.size();
        double ss = 0;
        for (double d : v) {
            ss += (d - m) * (d - m);
        }
        return String.format(Locale.ROOT, "%.2f+-%.2f%%", 100 * m, 100 * Math.sqrt(ss / (v.size() - 1)));
    }

    // ---------------------------------------------------------------------------------------------- images

    private ClassificationReport images(Args args, Common c) throws IOException {
        int jOption = args.integer("J", 0); // 0: from the image size
        int l = args.integer("L", 8);
        String features = choice(args, "features", "means", "means", "stats");
        String classifier = choice(args, "classifier", "logistic", "logistic", "lda");
        int mapsJOption = args.integer("maps-J", 0); // 0: J - 1
        args.checkNoUnknown();
        ImageFolder f = ImageFolder.open(DataDirs.resolve(c.data, "images"));
        requireNonEmpty(f.train().size(), f.test().size(), "image folder " + f.dir());
        int[] size = ImageReader.size(f.train().get(0).file());
        int rows = size[0];
        int cols = size[1];
        int j = jOption != 0 ? jOption
                : Math.max(1, Math.min(6, (int) Math.round(Math.log(Math.min(rows, cols)) / Math.log(2)) - 3));
        FeatureExtractor<double[][]> fx = textureRecipe(features, j, mapsJOption != 0 ? mapsJOption : j - 1, rows,
                cols, l);
        c.stage("open, build filters");
        double[][] xTrain = Featurizer.extract(f.train(), it -> f.read(it, rows, cols), fx, ClassifyCommand::fileName,
                c.progress("featurise images train", f.train().size()));
        double sTrain = c.stage("featurise train");
        double[][] xTest = Featurizer.extract(f.test(), it -> f.read(it, rows, cols), fx, ClassifyCommand::fileName,
                c.progress("featurise images test", f.test().size()));
        double sTest = c.stage("featurise test");
        c.notes.add("features: " + fx.describe() + "; Scattering2D(J=" + j + ", L=" + l + ")");
        c.notes.add(c.rate("featurisation", f.train().size() + f.test().size(), sTrain + sTest));
        return folderReport("images in " + f.dir(), f.classes(), f.train(), f.test(), xTrain, xTest, classifier, c);
    }

    // ---------------------------------------------------------------------------------------------- sounds

    private ClassificationReport sounds(Args args, Common c) throws IOException {
        // 0 = automatic (from the first training file)
        int rateOption = args.integer("rate", 0);
        int lengthOption = args.integer("length", 0);
        int jOption = args.integer("J", 0);
        int q = args.integer("Q", 8);
        int minOption = args.integer("min-length", 0);
        args.checkNoUnknown();
        if (rateOption < 0 || lengthOption < 0) {
            throw new UsageException("--rate " + rateOption + " and --length " + lengthOption + " must be > 0");
        }
        SoundFolder f = SoundFolder.open(DataDirs.resolve(c.data, "sounds"));
        requireNonEmpty(f.train().size(), f.test().size(), "sound folder " + f.dir());
        WavReader.Info first = WavReader.readInfo(f.train().get(0).file());
        int rate = rateOption != 0 ? rateOption : first.sampleRate();
        int length = lengthOption != 0 ? lengthOption
                : nextPow2((int) Math.min(1 << 20, Math.max(16, first.frames())));
        int log2 = 31 - Integer.numberOfLeadingZeros(length);
        int j = jOption != 0 ? jOption : Math.max(1, Math.min(8, log2 - 3));
        int minLength = minOption != 0 ? minOption : Math.min(length, 1 << Math.min(30, Math.max(0, j)));
        FsddFeatures fx = new FsddFeatures(Scatterings.of(new Scattering1D(j, length, q)), rate,
                new LengthRule(length, LengthRule.Crop.START, minLength), FsddFeatures.LOG_EPS);
        c.stage("open, build filters");
        double[][] xTrain = Featurizer.extract(f.train(), it -> f.read(it, rate).samples(), fx,
                ClassifyCommand::fileName, c.progress("featurise sounds train", f.train().size()));
        double sTrain = c.stage("featurise train");
        double[][] xTest = Featurizer.extract(f.test(), it -> f.read(it, rate).samples(), fx,
                ClassifyCommand::fileName, c.progress("featurise sounds test", f.test().size()));
        double sTest = c.stage("featurise test");
        c.notes.add("features: " + fx.describe() + "; Scattering1D(J=" + j + ", N=" + length + ", Q=" + q + ")");
        c.notes.add(c.rate("featurisation", f.train().size() + f.test().size(), sTrain + sTest));
        return folderReport("sounds in " + f.dir(), f.classes(), f.train(), f.test(), xTrain, xTest, "logistic", c);
    }

    private ClassificationReport folderReport(String what, List<String> classes, List<LabelledItem> train,
            List<LabelledItem> test, double[][] xTrain, double[][] xTest, String classifier, Common c) {
        int[] yTrain = train.stream().mapToInt(LabelledItem::label).toArray();
        int[] yTest = test.stream().mapToInt(LabelledItem::label).toArray();
        if (Arrays.stream(yTrain).distinct().count() < 2) {
            throw new IllegalArgumentException(what + ": the training set holds a single class ("
                    + classes.get(yTrain[0]) + "); at least 2 are needed");
        }
        Classifier m = textureClassifier(classifier, xTrain, yTrain, c);
        c.stage(classifier.equals("lda") ? "fit shrinkage LDA" : "fit logistic regression");
        int[] pred = m.predict(xTest);
        c.stage("predict");
        c.notes.add(classifierNote(m, c));
        c.notes.add("train " + train.size() + " / test " + test.size() + " items, " + classes.size() + " classes");
        List<String> items = new ArrayList<>();
        for (LabelledItem it : test) {
            items.add(c.data == null ? fileName(it) : relative(it));
        }
        return new ClassificationReport(what + ", scattering + " + (classifier.equals("lda") ? "shrinkage LDA"
                : "logistic regression"), items, yTest, pred, classes, c.stages, c.notes);
    }

    private static String relative(LabelledItem it) {
        return it.className() + "/" + fileName(it);
    }

    private static String fileName(LabelledItem it) {
        return it.file().getFileName().toString();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static String logisticNote(LogisticRegression m, Common c) {
        double[] cv = m.cvAccuracy();
        String cvText = cv == null || cv.length <= 1 ? "no inner CV: a single C given, or too few rows per class"
                : "inner " + c.folds + "-fold CV accuracy per C " + Arrays.toString(round(cv));
        return String.format(Locale.ROOT, "model: L2 multinomial logistic regression on standardised features, C = %g "
                + "(%s; C grid %s)", m.c(), cvText, Arrays.toString(c.cs));
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 10000) / 10000.0;
        }
        return r;
    }

    private static void requireNonEmpty(int train, int test, String what) {
        if (train == 0 || test == 0) {
            throw new IllegalArgumentException(what + ": " + train + " training and " + test
                    + " test items; both sets must be non-empty");
        }
    }

    private static int smallestClass(int[] y) {
        Map<Integer, Integer> count = new LinkedHashMap<>();
        for (int v : y) {
            count.merge(v, 1, Integer::sum);
        }
        int min = Integer.MAX_VALUE;
        for (int n : count.values()) {
            min = Math.min(min, n);
        }
        return min;
    }

    private static int nextPow2(int n) {
        int p = 1;
        while (p < n) {
            p <<= 1;
        }
        return p;
    }

    /** The log constants of the FSDD recipe grid ({@code --recipe cv}). */
    static final double[] FSDD_EPS = {1e-6, 1e-4, 1e-3, 1e-2};

    /** Parts of the spoken span averaged separately in the segmented recipes of the FSDD grid. */
    static final int FSDD_SEGMENTS = 2;

    private static double[][] columns(double[][] x, int[] cols) {
        double[][] r = new double[x.length][cols.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < cols.length; k++) {
                r[i][k] = x[i][cols[k]];
            }
        }
        return r;
    }

    private static double[][] rows(double[][] x, int[] idx) {
        double[][] r = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            r[i] = x[idx[i]];
        }
        return r;
    }

    private static int[] pick(int[] y, int[] idx) {
        int[] r = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            r[i] = y[idx[i]];
        }
        return r;
    }
}
