package org.scattering4j.audioimage.features;

import java.util.Locale;
import org.scattering4j.data.io.WavReader;

/**
 * The spoken-digit recipe of Kymatio's 1D classification example (FSDD): for each clip
 * <ol>
 * <li>divide by its maximum |x| (a silent clip is refused),</li>
 * <li>bring it to the transform's length T by {@link LengthRule} (zero-pad centred; the example keeps
 *     the first T samples of a longer clip),</li>
 * <li>scatter it (the example uses {@code Scattering1D(J=8, shape=8192, Q=12)}, 337 channels),</li>
 * <li>drop the order-0 channel(s), take log(|S| + 1e-6) of the order-1 and order-2 channels, and</li>
 * <li>average each over time.</li>
 * </ol>
 * Standardising features with training-set statistics belongs to the classifier, not here.
 *
 * <pre>{@code
 * FsddFeatures fx = FsddFeatures.kymatio(transform);          // 8000 Hz, T = transform.inputLength()
 * double[] v = fx.extract(WavReader.read(file));               // refuses any other sample rate
 * }</pre>
 *
 * <p>Immutable and thread-safe if the transform is.
 */
public final class FsddFeatures implements FeatureExtractor<double[]> {
    /** Kymatio's {@code log_eps}. */
    public static final double LOG_EPS = 1e-6;

    private final ScatteringTransform1D transform;
    private final int sampleRate;
    private final LengthRule rule;
    private final double logEps;
    private final int[] keep;

    /**
     * @param transform the scattering transform (its input length is T)
     * @param sampleRate the only sample rate accepted by {@link #extract(WavReader.Audio)}
     * @param rule how clips are brought to T (its length must equal the transform's)
     * @param logEps the constant inside the logarithm (&gt; 0)
     */
    public FsddFeatures(ScatteringTransform1D transform, int sampleRate, LengthRule rule, double logEps) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate = " + sampleRate + " must be > 0");
        }
        if (rule.length() != transform.inputLength()) {
            throw new IllegalArgumentException("rule.length = " + rule.length() + " differs from the transform's "
                    + "input length " + transform.inputLength());
        }
        if (!(logEps > 0)) {
            throw new IllegalArgumentException("logEps = " + logEps + " must be > 0");
        }
        int[] orders = transform.orders();
        int k = 0;
        for (int o : orders) {
            if (o > 0) {
                k++;
            }
        }
        if (k == 0) {
            throw new IllegalArgumentException("the transform has no order-1 or order-2 channel (orders "
                    + java.util.Arrays.toString(orders) + ")");
        }
        this.keep = new int[k];
        k = 0;
        for (int c = 0; c < orders.length; c++) {
            if (orders[c] > 0) {
                keep[k++] = c;
            }
        }
        this.transform = transform;
        this.sampleRate = sampleRate;
        this.rule = rule;
        this.logEps = logEps;
    }

    /** Kymatio's settings: 8000 Hz, first-T crop, centred padding, clips of at least 1 sample, eps 1e-6. */
    public static FsddFeatures kymatio(ScatteringTransform1D transform) {
        return new FsddFeatures(transform, 8000, new LengthRule(transform.inputLength(), LengthRule.Crop.START, 1),
                LOG_EPS);
    }

    /** Features of a decoded file, refusing any rate but the configured one (nothing is resampled). */
    public double[] extract(WavReader.Audio audio) {
        WavReader.checkRate(audio.info(), sampleRate);
        return extract(audio.samples(), audio.info().file());
    }

    @Override
    public double[] extract(double[] x) {
        return extract(x, "clip");
    }

    /** Features of raw samples; {@code name} appears in error messages. */
    public double[] extract(double[] x, String name) {
        double[] y = rule.applyNormalised(x, name);
        double[][] s = transform.transform(y);
        double[] f = new double[keep.length];
        for (int k = 0; k < keep.length; k++) {
            double[] ch = s[keep[k]];
            double sum = 0;
            for (double v : ch) {
                sum += Math.log(Math.abs(v) + logEps);
            }
            f[k] = sum / ch.length;
        }
        return f;
    }

    @Override
    public int dimension() {
        return keep.length;
    }

    /** The sample rate accepted. */
    public int sampleRate() {
        return sampleRate;
    }

    /** The length rule. */
    public LengthRule rule() {
        return rule;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "fsdd: x/max|x|, %s to T=%d (min %d), log(|S|+%g) of %d order-1/2 "
                + "channels, mean over time, %d Hz", rule.crop(), rule.length(), rule.minLength(), logEps,
                keep.length, sampleRate);
    }
}
