package org.scattering4j.scattering.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

class MorletFilterBank2DTest {

    @Test
    void matchesKymatiosStoredBank32x32J2L8() {
        Map<String, Object> f = Json.asObject(Json.parse(SharedData.kymatio().resolve("filters/filters_2d_32x32_J2_L8.json")));
        int mp = Json.asInt(f.get("M_padded"));
        int np = Json.asInt(f.get("N_padded"));
        MorletFilterBank2D bank = new MorletFilterBank2D(mp, np, 2, 8);
        int checked = 0;
        for (String part : new String[] {"psi", "phi"}) {
            Map<String, Object> p = Json.asObject(f.get(part));
            NdArray all = SharedData.readF64(Json.asObject(p.get("file")));
            for (Object o : Json.asList(p.get("filters"))) {
                Map<String, Object> filt = Json.asObject(o);
                int index = Json.asInt(filt.get("index"));
                if (part.equals("psi")) {
                    assertEquals(Json.asInt(filt.get("j")), bank.j(index));
                    assertEquals(Json.asInt(filt.get("theta")), bank.theta(index));
                    assertEquals(Json.asDouble(filt.get("angle_rad")), bank.angle(bank.theta(index)), 1e-15);
                    assertEquals(Json.asDouble(filt.get("sigma")), bank.sigma(bank.j(index)), 1e-15);
                    assertEquals(Json.asDouble(filt.get("xi")), bank.xi(bank.j(index)), 1e-15);
                    assertEquals(Json.asDouble(filt.get("slant")), bank.slant(), 1e-15);
                    assertEquals(Json.asList(filt.get("levels")).size(), bank.levels(bank.j(index)));
                } else {
                    assertEquals(Json.asDouble(filt.get("sigma")), bank.sigmaPhi(), 1e-15);
                    assertEquals(Json.asList(filt.get("levels")).size(), bank.J());
                }
                for (Object lo : Json.asList(filt.get("levels"))) {
                    Map<String, Object> lv = Json.asObject(lo);
                    int level = Json.asInt(lv.get("level"));
                    int off = Json.asInt(lv.get("offset"));
                    int[] shape = Json.asIntArray(lv.get("shape"));
                    double[] mine = part.equals("psi") ? bank.psi(index, level) : bank.phi(level);
                    assertEquals(shape[0] * shape[1], mine.length);
                    for (int i = 0; i < mine.length; i++) {
                        // Kymatio stores float32 filters (upcast here): ~2e-7 absolute differences are expected
                        assertEquals(all.data()[off + i], mine[i], 1e-6, part + " " + index + " level " + level + " @" + i);
                    }
                    checked++;
                }
            }
        }
        assertEquals(16 + 2, checked);
    }

    /** The bank's thresholded, parallel construction against the definition with all 25 copies. */
    @Test
    void atomsMatchTheDirectDefinitionOnANonSquareGrid() {
        int mp = 16;
        int np = 20;
        int bigJ = 2;
        int bigL = 3;
        MorletFilterBank2D bank = new MorletFilterBank2D(mp, np, bigJ, bigL);
        for (int n = 0; n < bigJ * bigL; n++) {
            int j = n / bigL;
            double[] want = directFourier(mp, np, 0.8 * Math.pow(2, j), bank.angle(n % bigL),
                    0.75 * Math.PI / Math.pow(2, j), 4.0 / bigL, true);
            double[] got = bank.psi(n, 0);
            for (int i = 0; i < got.length; i++) {
                assertEquals(want[i], got[i], 1e-12, "psi " + n + " @" + i);
            }
        }
        double[] want = directFourier(mp, np, 0.8 * 2, 0, 0, 1, false);
        double[] got = bank.phi(0);
        for (int i = 0; i < got.length; i++) {
            assertEquals(want[i], got[i], 1e-12, "phi @" + i);
        }
        // level 1 is the low-frequency crop
        double[] l1 = bank.phi(1);
        assertEquals(8 * 10, l1.length);
        assertEquals(got[0], l1[0], 0);
        assertEquals(got[3 * np + 4], l1[3 * 10 + 4], 0);
        assertEquals(got[(mp - 1) * np + (np - 2)], l1[7 * 10 + 8], 0);
        assertEquals(got[(mp - 4) * np + 2], l1[4 * 10 + 2], 0);
    }

    /** Re(naive DFT2) of Kymatio's spatial atom, summed over all 5 x 5 copies, straight from the formula. */
    static double[] directFourier(int mp, int np, double sigma, double theta, double xi, double slant, boolean morlet) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        // R diag(1, slant^2) R^T / (2 sigma^2)
        double a11 = (c * c + slant * slant * s * s) / (2 * sigma * sigma);
        double a12 = (c * s - s * c * slant * slant) / (2 * sigma * sigma);
        double a22 = (s * s + slant * slant * c * c) / (2 * sigma * sigma);
        double[] gr = new double[mp * np];
        double[] gi = new double[mp * np];
        double[] e0 = new double[mp * np];
        for (int u = 0; u < mp; u++) {
            for (int v = 0; v < np; v++) {
                for (int a = -2; a <= 2; a++) {
                    for (int b = -2; b <= 2; b++) {
                        double x = u + a * mp;
                        double y = v + b * np;
                        double q = a11 * x * x + 2 * a12 * x * y + a22 * y * y;
                        double e = Math.exp(-q);
                        double ph = xi * (x * c + y * s);
                        gr[u * np + v] += e * Math.cos(ph);
                        gi[u * np + v] += e * Math.sin(ph);
                        e0[u * np + v] += e;
                    }
                }
            }
        }
        if (morlet) {
            double sr = 0;
            double si = 0;
            double se = 0;
            for (int i = 0; i < gr.length; i++) {
                sr += gr[i];
                si += gi[i];
                se += e0[i];
            }
            for (int i = 0; i < gr.length; i++) {
                gr[i] -= sr / se * e0[i];
                gi[i] -= si / se * e0[i];
            }
        }
        double z = 2 * 3.1415 * sigma * sigma / slant;
        double[] out = new double[mp * np];
        for (int k1 = 0; k1 < mp; k1++) {
            for (int k2 = 0; k2 < np; k2++) {
                double acc = 0;
                for (int u = 0; u < mp; u++) {
                    for (int v = 0; v < np; v++) {
                        double ang = -2 * Math.PI * ((double) (k1 * u % mp) / mp + (double) (k2 * v % np) / np);
                        acc += gr[u * np + v] * Math.cos(ang) - gi[u * np + v] * Math.sin(ang);
                    }
                }
                out[k1 * np + k2] = acc / z;
            }
        }
        return out;
    }

    @Test
    void everyWaveletHasZeroMeanAtEveryLevel() {
        for (int[] cfg : new int[][] {{40, 40, 2, 8}, {56, 48, 3, 6}, {36, 44, 2, 5}}) {
            MorletFilterBank2D bank = new MorletFilterBank2D(cfg[0], cfg[1], cfg[2], cfg[3]);
            for (int n = 0; n < bank.size(); n++) {
                for (int r = 0; r < bank.levels(bank.j(n)); r++) {
                    assertEquals(0, bank.psi(n, r)[0], 1e-12, "psi_hat(0) of n=" + n + " level " + r);
                }
            }
            // Kymatio's 3.1415 makes phi_hat(0) = pi / 3.1415 instead of 1
            assertEquals(Math.PI / 3.1415, bank.phi(0)[0], 1e-12);
        }
    }

    /**
     * Littlewood-Paley sum 0.5 sum_n (|psi_n(w)|^2 + |psi_n(-w)|^2) + |phi(w)|^2 over the padded grid.
     * conventions.md 2.3 measured 0.123 .. 1.0001 (J=2) and 0.123 .. 1.019 (J=3), L = 8.
     */
    @Test
    void littlewoodPaleySumStaysInKymatiosMeasuredRange() {
        double[] r2 = lpRange(new MorletFilterBank2D(40, 40, 2, 8));
        assertTrue(r2[0] > 0.12 && r2[0] < 0.13, "J=2 min " + r2[0]);
        assertTrue(r2[1] > 1.0 && r2[1] <= 1.0002, "J=2 max " + r2[1]);
        double[] r3 = lpRange(new MorletFilterBank2D(80, 80, 3, 8));
        assertTrue(r3[0] > 0.12 && r3[0] < 0.13, "J=3 min " + r3[0]);
        assertTrue(r3[1] > 1.01 && r3[1] <= 1.0195, "J=3 max " + r3[1]);
    }

    private static double[] lpRange(MorletFilterBank2D bank) {
        int mp = bank.paddedRows();
        int np = bank.paddedCols();
        double[] lp = new double[mp * np];
        double[] phi = bank.phi(0);
        for (int n = 0; n < bank.size(); n++) {
            double[] p = bank.psi(n, 0);
            for (int u = 0; u < mp; u++) {
                for (int v = 0; v < np; v++) {
                    double a = p[u * np + v];
                    double b = p[((mp - u) % mp) * np + (np - v) % np];
                    lp[u * np + v] += 0.5 * (a * a + b * b);
                }
            }
        }
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int i = 0; i < lp.length; i++) {
            double v = lp[i] + phi[i] * phi[i];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    @Test
    void badParametersNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MorletFilterBank2D(40, 40, 0, 8));
        assertTrue(e.getMessage().contains("J = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MorletFilterBank2D(40, 40, 2, 0));
        assertTrue(e.getMessage().contains("L = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MorletFilterBank2D(42, 40, 2, 8));
        assertTrue(e.getMessage().contains("paddedRows = 42"), e.getMessage());
        MorletFilterBank2D b = new MorletFilterBank2D(40, 40, 2, 8);
        e = assertThrows(IllegalArgumentException.class, () -> b.psi(3, 1));
        assertTrue(e.getMessage().contains("level = 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.psi(16, 0));
        assertTrue(e.getMessage().contains("n = 16"), e.getMessage());
    }
}
