package org.scattering4j.audioimage.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scattering4j.data.io.WavReader;
import org.scattering4j.scattering.fft.Fft;
import org.scattering4j.testing.SharedData;

class SpectrumFeaturesTest {
    @Test
    void fastPathMatchesTheNaiveDftTwin() {
        Random rnd = new Random(2);
        double[] x = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        LengthRule rule = new LengthRule(64, LengthRule.Crop.START, 1);
        SpectrumFeatures fx = new SpectrumFeatures(1000, rule, 3, 40, 1e-12);
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        double[] y = rule.apply(x, "x");
        double[] z = new double[128];
        for (int i = 0; i < 64; i++) {
            z[2 * i] = y[i] / max;
        }
        assertArrayEquals(fx.binned(Fft.naiveDft(z, 64, false)), fx.extract(x), 1e-10);
    }

    @Test
    void aToneLandsInTheBandOfItsFrequency() {
        int rate = 8000;
        int t = 8192;
        double[] x = new double[t];
        for (int i = 0; i < t; i++) {
            x[i] = Math.sin(2 * Math.PI * 1500.0 * i / rate);
        }
        SpectrumFeatures fx = new SpectrumFeatures(rate, new LengthRule(t, LengthRule.Crop.START, 1), 6, 62.5, 1e-12);
        double[] f = fx.extract(x);
        // edges 62.5 * 64^(b/6): 62.5, 125, 250, 500, 1000, 2000, 4000 -> 1500 Hz is in band 4
        int best = 0;
        for (int b = 1; b < f.length; b++) {
            if (f[b] > f[best]) {
                best = b;
            }
        }
        assertEquals(4, best);
    }

    @Test
    void badSettingsAndRatesAreRefused() throws IOException {
        LengthRule rule = new LengthRule(8192, LengthRule.Crop.START, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpectrumFeatures(8000, rule, 200, 20, 1e-10));
        assertTrue(e.getMessage().contains("holds no FFT bin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpectrumFeatures(8000, rule, 8, 4000, 1e-10));
        SpectrumFeatures fx = new SpectrumFeatures(8000, rule, 16, 60, 1e-10);
        WavReader.Audio fsdd = WavReader.read(SharedData.data("fsdd").resolve("recordings/5_lucas_3.wav"));
        assertEquals(16, fx.extract(fsdd).length);
        WavReader.Audio speech = WavReader.read(SharedData.data("audio-samples")
                .resolve("speech/librispeech_198-209-0000.wav"));
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> fx.extract(speech));
        assertTrue(r.getMessage().contains("16000"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fx.extract(new double[100]));
    }
}
