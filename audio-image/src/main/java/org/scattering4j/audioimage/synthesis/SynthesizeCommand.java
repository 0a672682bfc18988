package org.scattering4j.audioimage.synthesis;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scattering4j.cli.Args;
import org.scattering4j.cli.Command;
import org.scattering4j.cli.Main;
import org.scattering4j.cli.UsageException;
import org.scattering4j.data.io.ImageReader;
import org.scattering4j.data.io.ImageWriter;
import org.scattering4j.data.io.Npy;
import org.scattering4j.data.io.WavReader;
import org.scattering4j.data.io.WavWriter;
import org.scattering4j.scattering.synthesis.MomentLoss;
import org.scattering4j.scattering.synthesis.MomentMap;
import org.scattering4j.scattering.synthesis.PowerSpectra;
import org.scattering4j.scattering.synthesis.ScatteringMoments1D;
import org.scattering4j.scattering.synthesis.ScatteringMoments2D;
import org.scattering4j.scattering.synthesis.SpectralPreconditioner;
import org.scattering4j.scattering.synthesis.TextureSynthesis;
import org.scattering4j.util.NdArray;

/**
 * {@code scattering4j synthesize}: texture synthesis from scattering moments (Bruna and Mallat 2013)
 * for a sound or an image, plus its Gaussian baseline (same power spectrum, random phases).
 *
 * <pre>
 * ./scattering4j synthesize --in applause.wav --out applause-synth.wav --J 10 --Q 8 --seconds 5 --seed 1
 * ./scattering4j synthesize --in applause.wav --out a.wav --start gaussian --precondition 0.5 --target 0.009
 * ./scattering4j synthesize --in I_1.npy --crop 256 --out dust.png --J 5 --L 8 --iterations 200
 * </pre>
 *
 * Sounds: the first {@code --seconds} of the (mono-mixed) WAV; output a 32-bit float WAV at the input
 * rate. Images: a .npy (2D) or any image file read as gray; output a PNG on the original's value
 * scale and a .npy beside it. The baseline goes to {@code <out>-gaussian.<ext>} unless
 * {@code --no-gaussian}. The loss is printed on stderr at every iteration, the relative moment errors
 * per order of the synthesis and of the baseline on stdout. Everything is computed before any file is
 * written, and files written before a failed write are removed, so an error leaves no output.
 */
public final class SynthesizeCommand implements Command, Main.HasFlags {
    @Override
    public String name() {
        return "synthesize";
    }

    @Override
    public String summary() {
        return "texture synthesis of a sound or image from its scattering moments";
    }

    @Override
    public Set<String> flags() {
        return Set.of("no-gaussian", "raw", "quiet");
    }

    @Override
    public String usage() {
        return String.join("\n",
                "usage: scattering4j synthesize --in FILE --out FILE [options]",
                "  --in          sound (.wav) or image (.npy 2D array, .png/.jpg/... read as gray)",
                "  --out         .wav for a sound, .png for an image (a .npy with the values is written beside it)",
                "  --J           log2 of the largest scale (default 10 for sounds, 4 for images)",
                "  --Q           first-order wavelets per octave, sounds only (default 8; Q2 = 1)",
                "  --L           angles, images only (default 8)",
                "  --seconds     length of the sound taken from the start (default 5, > 0; whole file if shorter)",
                "  --crop        images: take the top-left CROP x CROP square (default: whole image)",
                "  --seed        seed of the initial white noise and of the baseline's phases (default 1)",
                "  --iterations  L-BFGS iterations (default 100)",
                "  --start       starting point: white (Gaussian white noise with the original's mean and std) or",
                "                gaussian (the Gaussian baseline: the original's power spectrum, random phases) (default white)",
                "  --precondition ALPHA  optimise y with x = P y, P the Fourier multiplier (max(f, 2^-J)/0.5)^-ALPHA",
                "                (f in cycles per sample; 0.5 evens out the gradients of low and high bands; default 0: off)",
                "  --target      stop early once the loss is below TARGET^2, which bounds every order's relative",
                "                moment error by TARGET (e.g. 0.009; default 0: run all iterations)",
                "  --raw         do not normalise order-2 moments by their order-1 parent",
                "  --no-gaussian do not write the Gaussian baseline <out>-gaussian.<ext>",
                "  --figure      optional PNG: original / synthesis / Gaussian side by side (spectrograms or images)",
                "  --spectrum    optional PNG: power spectra of the three",
                "  --histogram   optional PNG (images): pixel histograms of the three",
                "  --quiet       no per-iteration loss lines");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path in = args.path("in");
        Path target = args.path("out");
        boolean audio = ext(in).equals("wav");
        int bigJ = args.integer("J", audio ? 10 : 4);
        int q = args.integer("Q", 8);
        int bigL = args.integer("L", 8);
        double seconds = args.real("seconds", 5.0);
        int crop = args.integer("crop", 0);
        long seed = args.integer("seed", 1);
        int iterations = args.integer("iterations", 100);
        boolean normalised = !args.flag("raw");
        boolean gaussian = !args.flag("no-gaussian");
        boolean quiet = args.flag("quiet");
        String start = args.string("start", "white");
        double targetError = args.real("target", 0.0);
        double precondition = args.real("precondition", 0.0);
        Path figure = args.path("figure", null);
        Path spectrum = args.path("spectrum", null);
        Path histogram = args.path("histogram", null);
        args.checkNoUnknown();
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        }
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--seconds " + seconds + " is out of range: need a finite value > 0");
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("--iterations " + iterations + " is out of range: need >= 0");
        }
        if (!start.equals("white") && !start.equals("gaussian")) {
            throw new IllegalArgumentException("--start " + start + " is not allowed: need white or gaussian");
        }
        if (!(targetError >= 0) || Double.isInfinite(targetError)) {
            throw new IllegalArgumentException("--target " + targetError + " is out of range: need a finite value >= 0");
        }
        if (!(precondition >= 0) || precondition > 4) {
            throw new IllegalArgumentException("--precondition " + precondition + " is out of range: need 0 <= ALPHA <= 4");
        }
        if (crop < 0) {
            throw new IllegalArgumentException("--crop " + crop + " is out of range: need >= 1 (or 0 for none)");
        }
        if (!Files.isRegularFile(in)) {
            throw new IllegalArgumentException("--in " + in + ": no such file");
        }
        String outExt = ext(target);
        if (audio && !outExt.equals("wav")) {
            throw new IllegalArgumentException("--out " + target + ": a sound is written as .wav");
        }
        if (!audio && !outExt.equals("png")) {
            throw new IllegalArgumentException("--out " + target + ": an image is written as .png");
        }

        // ---- load
        double[] x0;
        int rate = 0;
        int rows = 0;
        int cols = 0;
        MomentMap map;
        if (audio) {
            WavReader.Audio a = WavReader.read(in);
            rate = a.info().sampleRate();
            double[] s = a.samples();
            long want = Math.round(seconds * rate);
            int n = (int) Math.min(s.length, Math.max(1, want));
            x0 = java.util.Arrays.copyOf(s, n);
            if (n < want) {
                err.printf(Locale.ROOT, "synthesize: %s has only %.3f s; using all of it%n", in, (double) n / rate);
            }
            map = new ScatteringMoments1D(bigJ, n, q, 1);
        } else {
            double[][] img = readImage(in);
            rows = img.length;
            cols = img[0].length;
            if (crop > 0) {
                if (crop > rows || crop > cols) {
                    throw new IllegalArgumentException("--crop " + crop + " is larger than the image " + rows + " x "
                            + cols);
                }
                rows = crop;
                cols = crop;
            }
            x0 = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    x0[r * cols + c] = img[r][c];
                }
            }
            map = new ScatteringMoments2D(bigJ, bigL, rows, cols);
        }
        for (int i = 0; i < x0.length; i++) {
            if (!Double.isFinite(x0[i])) {
                throw new IllegalArgumentException("--in " + in + ": value " + i + " is " + x0[i]
                        + "; samples must be finite");
            }
        }

        // ---- synthesise
        out.printf(Locale.ROOT, "synthesize: %s, %s, %d moments (%s), seed %d, %d iterations, start %s%s%n", in,
                audio ? x0.length + " samples at " + rate + " Hz, J=" + bigJ + " Q=" + q
                        : rows + " x " + cols + " pixels, J=" + bigJ + " L=" + bigL,
                map.size(), normalised ? "order 2 normalised" : "raw", seed, iterations, start,
                precondition == 0 ? "" : ", preconditioner alpha " + precondition);
        boolean needBaseline = gaussian || figure != null || spectrum != null || histogram != null
                || start.equals("gaussian");
        double[] g = needBaseline
                ? (audio ? TextureSynthesis.gaussianBaseline1D(x0, seed)
                        : TextureSynthesis.gaussianBaseline2D(x0, rows, cols, seed))
                : null;
        long t0 = System.nanoTime();
        long[] last = {t0};
        double stopBelow = targetError * targetError;
        TextureSynthesis.Result r = TextureSynthesis.synthesize(map, x0, normalised, iterations, seed,
                (it, loss) -> {
                    long now = System.nanoTime();
                    if (!quiet) {
                        err.printf(Locale.ROOT, "iteration %4d  loss %.6e  (%.2f s)%n", it, loss, (now - last[0]) / 1e9);
                    }
                    last[0] = now;
                    // loss = e1^2 + e2^2 (relative errors per order), so loss < E^2 implies e1, e2 < E
                    return !(loss < stopBelow);
                }, start.equals("gaussian") ? g : null, precondition == 0 ? null
                        : audio ? SpectralPreconditioner.of1D(x0.length, Math.pow(2, -bigJ), precondition)
                                : SpectralPreconditioner.of2D(rows, cols, Math.pow(2, -bigJ), precondition));
        double secs = (System.nanoTime() - t0) / 1e9;
        double[] x = r.x();
        MomentLoss loss = new MomentLoss(map, map.moments(x0), normalised);
        double[] eg = g == null ? null : loss.relativeErrors(map.moments(g));
        out.printf(Locale.ROOT, "relative moment error  order 1  order 2%n");
        out.printf(Locale.ROOT, "  start %-8s       %.3e  %.3e%n", start, r.initialErrors()[0], r.initialErrors()[1]);
        out.printf(Locale.ROOT, "  synthesis            %.3e  %.3e   (%d iterations, %.1f s, %s)%n", r.errors()[0],
                r.errors()[1], r.iterations(), secs, r.reason());
        if (eg != null) {
            out.printf(Locale.ROOT, "  Gaussian baseline    %.3e  %.3e%n", eg[0], eg[1]);
        }
        if (!audio) {
            out.printf(Locale.ROOT, "skewness  original %.3f  synthesis %.3f%s%n", SynthesisFigures.skewness(x0),
                    SynthesisFigures.skewness(x),
                    g == null ? "" : String.format(Locale.ROOT, "  Gaussian %.3f", SynthesisFigures.skewness(g)));
        }

        // ---- write (remove what was written if a later write fails)
        List<Path> written = new ArrayList<>();
        boolean ok = false;
        try {
            String[] labels = {"original", "synthesis", "Gaussian"};
            if (audio) {
                writeWav(target, x, rate, written);
                if (gaussian) {
                    writeWav(sibling(target, "-gaussian", "wav"), g, rate, written);
                }
                if (figure != null) {
                    SynthesisFigures.spectrogramPanels(figure, labels, new double[][] {x0, x, g}, rate);
                    written.add(figure);
                }
                if (spectrum != null) {
                    int seg = Math.min(4096, Integer.highestOneBit(x0.length));
                    double[] f = new double[seg / 2 + 1];
                    for (int k = 0; k < f.length; k++) {
                        f[k] = (double) k * rate / seg;
                    }
                    SynthesisFigures.spectraPlot(spectrum, "power spectrum", "frequency (Hz)", labels, f,
                            new double[][] {PowerSpectra.averaged1D(x0, seg), PowerSpectra.averaged1D(x, seg),
                                PowerSpectra.averaged1D(g, seg)});
                    written.add(spectrum);
                }
            } else {
                writeImage(target, x, rows, cols, x0, written);
                if (gaussian) {
                    writeImage(sibling(target, "-gaussian", "png"), g, rows, cols, x0, written);
                }
                if (figure != null) {
                    SynthesisFigures.imagePanels(figure, labels, new double[][] {x0, x, g}, rows, cols);
                    written.add(figure);
                }
                if (spectrum != null) {
                    double[] pa = PowerSpectra.radial2D(x0, rows, cols);
                    double[] f = new double[pa.length];
                    for (int k = 0; k < f.length; k++) {
                        f[k] = k;
                    }
                    SynthesisFigures.spectraPlot(spectrum, "radial power spectrum", "frequency (cycles per image)",
                            labels, f, new double[][] {pa, PowerSpectra.radial2D(x, rows, cols),
                                PowerSpectra.radial2D(g, rows, cols)});
                    written.add(spectrum);
                }
                if (histogram != null) {
                    SynthesisFigures.histogramPlot(histogram, "pixel values", labels, new double[][] {x0, x, g});
                    written.add(histogram);
                }
            }
            ok = true;
        } finally {
            if (!ok) {
                for (Path p : written) {
                    Files.deleteIfExists(p);
                }
            }
        }
        out.printf("synthesize: wrote %s%n", String.join(", ", written.stream().map(Path::toString).toList()));
        return 0;
    }

    private static double[][] readImage(Path in) throws IOException {
        if (ext(in).equals("npy")) {
            NdArray a = Npy.read(in);
            int[] s = a.shape();
            boolean single = s.length == 3 && s[0] == 1;
            if (s.length != 2 && !single) {
                throw new IllegalArgumentException("--in " + in + " has shape " + java.util.Arrays.toString(s)
                        + "; expected one image (M, N) or (1, M, N)");
            }
            int m = s[s.length - 2];
            int n = s[s.length - 1];
            double[] d = a.data();
            double[][] img = new double[m][n];
            for (int r = 0; r < m; r++) {
                System.arraycopy(d, r * n, img[r], 0, n);
            }
            return img;
        }
        return ImageReader.read(in);
    }

    private static void writeWav(Path p, double[] x, int rate, List<Path> written) throws IOException {
        WavWriter.write(p, x, rate, WavWriter.Format.FLOAT_32);
        written.add(p);
    }

    /** PNG on the original's scale (its min black, max white, others clipped) and a float64 .npy. */
    private static void writeImage(Path png, double[] x, int rows, int cols, double[] ref, List<Path> written)
            throws IOException {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double v : ref) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[][] img = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                img[r][c] = hi > lo ? (x[r * cols + c] - lo) / (hi - lo) : 0;
            }
        }
        ImageWriter.writePng(png, img, ImageWriter.Scaling.UNIT);
        written.add(png);
        Path npy = sibling(png, "", "npy");
        Npy.write(npy, new NdArray(new int[] {rows, cols}, x.clone()));
        written.add(npy);
    }

    static String ext(Path p) {
        String s = p.getFileName().toString();
        int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** {@code dir/stem + suffix + "." + ext} for {@code dir/stem.something}. */
    static Path sibling(Path p, String suffix, String ext) {
        String s = p.getFileName().toString();
        int dot = s.lastIndexOf('.');
        String stem = dot < 0 ? s : s.substring(0, dot);
        return p.resolveSibling(stem + suffix + "." + ext);
    }
}
