package org.scattering4j.chem.scattering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scattering4j.chem.Molecule;
import org.scattering4j.chem.MoleculeException;
import org.scattering4j.chem.density.Alignment;
import org.scattering4j.chem.density.DensityChannel;
import org.scattering4j.chem.density.DensityModel;
import org.scattering4j.chem.density.GridSpec;

class EnginesTest {
    static final Molecule WATER = Molecule.of(new int[] {8, 1, 1},
            new double[][] {{0, 0, 0.1173}, {0, 0.7572, -0.4692}, {0, -0.7572, -0.4692}}, "water", Map.of());

    private static FeaturizationSpec smallSpec() {
        DensityModel dm = new DensityModel(List.of(DensityChannel.NUCLEAR_CHARGE, DensityChannel.VALENCE), 2.0, 3.0,
                Alignment.PCA);
        return new FeaturizationSpec("small", dm, GridSpec.fixed(32, 32, 32),
                new HarmonicParams(1, 2, 1.0, new double[] {0.5, 1, 2}, 1), Double.POSITIVE_INFINITY);
    }

    @Test
    void gridEngineWithFftTransformEqualsAnalyticEngine() {
        FeaturizationSpec spec = smallSpec();
        HarmonicParams h = spec.harmonic();
        DensityTransform fft = (rho, shape) -> {
            double[][][] s = KymatioFftTwin.firstOrder(rho, shape, h);
            double[] flat = new double[(h.J() + 1) * (h.L() + 1) * h.powerCount()];
            int t = 0;
            for (double[][] a : s) {
                for (double[] b : a) {
                    for (double v : b) {
                        flat[t++] = v;
                    }
                }
            }
            return flat;
        };
        InvariantEngine grid = new GridInvariantEngine(spec, fft, 1, "fft-twin");
        InvariantEngine analytic = new AnalyticInvariantEngine(spec);
        assertEquals(grid.layout().names(), analytic.layout().names());
        double[] g = grid.compute(WATER);
        double[] a = analytic.compute(WATER);
        assertEquals(2 * 3 + 2 * 3 * 2 * 3, a.length);
        for (int i = 0; i < a.length; i++) {
            FeatureLayout.Entry e = analytic.layout().entry(i);
            double tol = e.q == 0.5 ? 1e-6 : 1e-9;
            assertEquals(g[i], a[i], tol * Math.abs(g[i]), e.name());
        }
        assertEquals(10.0, a[analytic.layout().order0Index(0, 1)], 1e-9); // sum of Z
        assertEquals(8.0, a[analytic.layout().order0Index(1, 1)], 1e-9); // valence electrons
    }

    @Test
    void featuresDoNotChangeWhenTheMoleculeIsRotatedAndMoved() {
        InvariantEngine e = new AnalyticInvariantEngine(KymatioQm7Preset.adaptiveSpec());
        Molecule m = Molecule.of(new int[] {6, 8, 1, 1, 1, 1}, new double[][] {{-0.0467, 0.6651, 0}, {-0.0467, -0.7563, 0},
                {-1.0927, 0.9771, 0.0}, {0.4423, 1.0829, 0.8909}, {0.4423, 1.0829, -0.8909}, {0.8575, -1.0864, 0}});
        double[][] p = m.positions();
        double a = 0.9;
        double b = -0.4;
        double[][] q = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            double x = Math.cos(a) * p[i][0] - Math.sin(a) * p[i][1];
            double y = Math.sin(a) * p[i][0] + Math.cos(a) * p[i][1];
            double z = p[i][2];
            q[i] = new double[] {x + 3.1, Math.cos(b) * y - Math.sin(b) * z - 7, Math.sin(b) * y + Math.cos(b) * z + 0.5};
        }
        double[] f1 = e.compute(m);
        double[] f2 = e.compute(Molecule.of(m.atomicNumbers(), q));
        for (int i = 0; i < f1.length; i++) {
            // PCA undoes the motion up to axis signs; the adaptive box edge is not mirror-symmetric ([-n/2, n/2-1])
            // and the q = 0.5 integrand is still about e^-9 of its peak there
            double tol = e.layout().entry(i).q == 0.5 ? 1e-5 : 1e-8;
            assertEquals(f1[i], f2[i], tol * Math.abs(f1[i]), e.layout().entry(i).name());
        }
    }

    @Test
    void adaptiveAndFixedGridsAgree() {
        Molecule m = Molecule.of(new int[] {6, 6, 1, 1, 1, 1, 1, 1}, new double[][] {{0.7560, 0, 0}, {-0.7560, 0, 0},
                {1.1404, 0.8922, 0.5033}, {1.1404, -0.0102, -1.0243}, {1.1404, -0.8820, 0.5210},
                {-1.1404, 0.8841, -0.5174}, {-1.1404, -0.8841, 0.5174}, {-1.1404, 0.0, -1.0348}});
        double[] fixed = new AnalyticInvariantEngine(KymatioQm7Preset.spec().withSamplesPerWidth(2.0)).compute(m);
        double[] adaptive = new AnalyticInvariantEngine(KymatioQm7Preset.adaptiveSpec()).compute(m);
        FeatureLayout layout = new AnalyticInvariantEngine(KymatioQm7Preset.spec()).layout();
        for (int i = 0; i < fixed.length; i++) {
            // q = 0.5 sees the periodic images of the fixed grid and the tails beyond the adaptive box
            // (measured: q = 1, l = 3, j = 2 differs by 3.6e-6: the r^3 tail beyond 6 widths)
            double tol = layout.entry(i).q == 0.5 ? 2e-3 : 1e-5;
            assertEquals(fixed[i], adaptive[i], tol * Math.abs(fixed[i]), layout.entry(i).name());
        }
    }

    @Test
    void tooLargeForTheFixedGridIsASpecificError() {
        // 20 carbons 1.5 A apart: +-14 A, beyond the +-10.8 A that the 192-voxel axis holds at 8.88 voxels per A
        double[][] p = new double[20][];
        int[] z = new int[20];
        for (int i = 0; i < 20; i++) {
            z[i] = 6;
            p[i] = new double[] {1.5 * i, 0.1 * (i % 2), 0};
        }
        Molecule chain = Molecule.of(z, p);
        MoleculeException e = assertThrows(MoleculeException.class,
                () -> new AnalyticInvariantEngine(KymatioQm7Preset.spec()).compute(chain));
        assertTrue(e.getMessage().contains("does not fit the fixed 192x128x96 grid"), e.getMessage());
        assertEquals(156, new AnalyticInvariantEngine(KymatioQm7Preset.adaptiveSpec()).compute(chain).length);
    }

    @Test
    void gridEngineRejectsATransformOfTheWrongSize() {
        InvariantEngine bad = new GridInvariantEngine(smallSpec(), (rho, shape) -> new double[3], 1, "bad");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bad.compute(WATER));
        assertTrue(e.getMessage().contains("returned 3 values, expected 18"), e.getMessage());
    }

    @Test
    void singleAtomAndDiatomicWork() {
        InvariantEngine e = new AnalyticInvariantEngine(KymatioQm7Preset.fastSpec());
        double[] he = e.compute(Molecule.of(new int[] {2}, new double[][] {{1, 2, 3}}));
        assertEquals(2.0, he[e.layout().order0Index(0, 1)], 1e-12);
        assertEquals(0.0, he[e.layout().order0Index(2, 1)], 0); // helium has no core electrons
        double[] h2 = e.compute(Molecule.of(new int[] {1, 1}, new double[][] {{0, 0, 0}, {0, 0, 0.74}}));
        assertEquals(2.0, h2[e.layout().order0Index(0, 1)], 1e-12);
        for (double v : h2) {
            assertTrue(Double.isFinite(v));
        }
    }
}
