package org.scattering4j.scattering.synthesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scattering4j.testing.TestArrays;

class SpectralPreconditionerTest {

    @Test
    void inverseSymmetryAndSpectrum1D() {
        int n = 300;
        SpectralPreconditioner p = SpectralPreconditioner.of1D(n, 1.0 / 64, 0.5);
        double[] a = TestArrays.randn(n, 1);
        double[] b = TestArrays.randn(n, 2);
        double[] ac = a.clone();
        assertArrayEquals(a, p.apply(p.applyInverse(a)), 1e-12);
        assertArrayEquals(ac, a, 0.0);
        // symmetric: <P a, b> = <a, P b>
        assertEquals(TestArrays.dot(p.apply(a), b), TestArrays.dot(a, p.apply(b)), 1e-10);
        // a tone at f cycles/sample is scaled by (f / 0.5)^-alpha; below fMin by (fMin / 0.5)^-alpha
        for (int k : new int[] {1, 30, 150}) {
            double[] tone = new double[n];
            for (int i = 0; i < n; i++) {
                tone[i] = Math.cos(2 * Math.PI * k * i / n);
            }
            double f = Math.max((double) k / n, 1.0 / 64);
            double gain = Math.pow(f / 0.5, -0.5);
            double[] out = p.apply(tone);
            for (int i = 0; i < n; i += 37) {
                assertEquals(gain * tone[i], out[i], 1e-10);
            }
        }
        assertArrayEquals(a, SpectralPreconditioner.of1D(n, 0.01, 0.0).apply(a), 1e-12);
    }

    @Test
    void twoDimensionalRoundTrip() {
        SpectralPreconditioner p = SpectralPreconditioner.of2D(12, 10, 0.05, 0.5);
        double[] a = TestArrays.randn(120, 3);
        assertArrayEquals(a, p.applyInverse(p.apply(a)), 1e-12);
        double[] b = TestArrays.randn(120, 4);
        assertEquals(TestArrays.dot(p.apply(a), b), TestArrays.dot(a, p.apply(b)), 1e-10);
    }

    @Test
    void preconditionedSynthesisIsDeterministicAndConverges() {
        double[] target = ScatteringMoments1DTest.texture(512, 7);
        ScatteringMoments1D m = new ScatteringMoments1D(5, 512, 4, 1);
        SpectralPreconditioner p = SpectralPreconditioner.of1D(512, 1.0 / 32, 0.5);
        double[] start = TextureSynthesis.gaussianBaseline1D(target, 3L);
        TextureSynthesis.Result a = TextureSynthesis.synthesize(m, target, true, 40, 3L, null, start, p);
        TextureSynthesis.Result b = TextureSynthesis.synthesize(m, target, true, 40, 3L, null, start, p);
        assertArrayEquals(a.x(), b.x(), 0.0);
        double[] e0 = a.initialErrors();
        double[] e = a.errors();
        assertTrue(e[0] < e0[0] / 5 && e[1] < e0[1] / 5, java.util.Arrays.toString(e) + " from "
                + java.util.Arrays.toString(e0));
        // errors reported on x = P y, the returned signal
        MomentLoss loss = new MomentLoss(m, m.moments(target), true);
        assertArrayEquals(loss.relativeErrors(m.moments(a.x())), e, 1e-12);
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> SpectralPreconditioner.of1D(0, 0.1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SpectralPreconditioner.of1D(10, 0.0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> SpectralPreconditioner.of1D(10, 0.1, -1));
        assertThrows(IllegalArgumentException.class, () -> SpectralPreconditioner.of2D(0, 3, 0.1, 0.5));
        SpectralPreconditioner p = SpectralPreconditioner.of1D(10, 0.1, 0.5);
        assertThrows(IllegalArgumentException.class, () -> p.apply(new double[9]));
        double[] t = ScatteringMoments1DTest.texture(64, 1);
        ScatteringMoments1D m = new ScatteringMoments1D(3, 64, 2, 1);
        assertThrows(IllegalArgumentException.class,
                () -> TextureSynthesis.synthesize(m, t, true, 5, 1L, null, null, p));
    }
}
