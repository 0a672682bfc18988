package org.scattering4j.audioimage.features;

import java.util.Locale;
import org.scattering4j.data.io.WavReader;
import org.scattering4j.scattering.fft.Fft;

/**
 * The Fourier baseline for sounds: the clip's power spectrum averaged in logarithmically spaced
 * frequency bands, then logged (a constant-Q band energy, what first-order scattering computes with
 * wavelets, without its time resolution). Prepared like {@link FsddFeatures}: divide by max |x|,
 * bring to length T by a {@link LengthRule}; then P(k) = |X(k)|<sup>2</sup> / T for the FFT bins
 * k = 1 .. T/2 at f<sub>k</sub> = k rate / T Hz. Band b covers [e<sub>b</sub>, e<sub>b+1</sub>) with
 * e<sub>b</sub> = fMin (rate / 2 / fMin)<sup>b / bands</sup> (the last band includes rate/2); bins
 * below fMin are left out. Feature b = log(mean P in band b + logEps).
 *
 * <pre>{@code
 * SpectrumFeatures fx = new SpectrumFeatures(8000, new LengthRule(8192, LengthRule.Crop.START, 1), 32, 60, 1e-10);
 * double[] v = fx.extract(fsdd.read(item));   // refuses other sample rates
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SpectrumFeatures implements FeatureExtractor<double[]> {
    private final int sampleRate;
    private final LengthRule rule;
    private final int bands;
    private final double fMin;
    private final double logEps;
    /** band of FFT bin k (k = 0 .. T/2); -1 = left out */
    private final int[] band;
    private final int[] count;

    /**
     * @param sampleRate the only rate accepted by {@link #extract(WavReader.Audio)} (&gt; 0)
     * @param rule how clips are brought to length T
     * @param bands number of bands (&ge; 1)
     * @param fMin lower edge of the first band in Hz (0 &lt; fMin &lt; rate/2)
     * @param logEps constant inside the logarithm (&gt; 0)
     * @throws IllegalArgumentException also if a band would hold no FFT bin (too many bands for T)
     */
    public SpectrumFeatures(int sampleRate, LengthRule rule, int bands, double fMin, double logEps) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate = " + sampleRate + " must be > 0");
        }
        if (bands < 1) {
            throw new IllegalArgumentException("bands = " + bands + " must be >= 1");
        }
        if (!(fMin > 0 && fMin < sampleRate / 2.0)) {
            throw new IllegalArgumentException("fMin = " + fMin + " Hz, allowed (0, " + sampleRate / 2.0 + ")");
        }
        if (!(logEps > 0)) {
            throw new IllegalArgumentException("logEps = " + logEps + " must be > 0");
        }
        this.sampleRate = sampleRate;
        this.rule = rule;
        this.bands = bands;
        this.fMin = fMin;
        this.logEps = logEps;
        int t = rule.length();
        this.band = new int[t / 2 + 1];
        this.count = new int[bands];
        double nyquist = sampleRate / 2.0;
        double logSpan = Math.log(nyquist / fMin);
        for (int k = 0; k <= t / 2; k++) {
            double f = k * (double) sampleRate / t;
            int b = -1;
            if (k > 0 && f >= fMin) {
                b = Math.min(bands - 1, (int) Math.floor(Math.log(f / fMin) / logSpan * bands));
                count[b]++;
            }
            band[k] = b;
        }
        for (int b = 0; b < bands; b++) {
            if (count[b] == 0) {
                throw new IllegalArgumentException("band " + b + " (from " + fMin * Math.exp(logSpan * b / bands)
                        + " Hz) holds no FFT bin of length " + t + " at " + sampleRate + " Hz: use fewer than " + bands
                        + " bands, a higher fMin, or a longer T");
            }
        }
    }

    /** Features of a decoded file, refusing any rate but the configured one. */
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
        int t = y.length;
        double[] z = new double[2 * t];
        for (int i = 0; i < t; i++) {
            z[2 * i] = y[i];
        }
        Fft.forward(z, t);
        return binned(z);
    }

    /** Bands the power of an interleaved spectrum of length T (tests feed a naive DFT here). */
    double[] binned(double[] spectrum) {
        int t = rule.length();
        double[] acc = new double[bands];
        for (int k = 1; k <= t / 2; k++) {
            int b = band[k];
            if (b >= 0) {
                double re = spectrum[2 * k];
                double im = spectrum[2 * k + 1];
                acc[b] += (re * re + im * im) / t;
            }
        }
        for (int b = 0; b < bands; b++) {
            acc[b] = Math.log(acc[b] / count[b] + logEps);
        }
        return acc;
    }

    @Override
    public int dimension() {
        return bands;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "spectrum: x/max|x|, %s to T=%d, log(mean power + %g) in %d log-spaced "
                + "bands from %g Hz to %d Hz", rule.crop(), rule.length(), logEps, bands, fMin, sampleRate / 2);
    }
}
