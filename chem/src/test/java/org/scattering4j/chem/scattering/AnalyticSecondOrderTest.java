package org.scattering4j.chem.scattering;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

class AnalyticSecondOrderTest {
    private static final String ID = "s3d_qm7cfg_192x128x96_J2_L3_sigma2_order2";

    @Test
    void ordersOneAndTwoMatchKymatioOnTheQm7Grid() {
        Map<String, Object> c = SharedData.caseById(ID);
        Map<String, Object> mol = Json.asObject(c.get("molecule"));
        List<Object> gp = Json.asList(mol.get("positions_grid_units_after_align_and_scale"));
        double[][] pos = new double[gp.size()][];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = Json.asDoubleArray(gp.get(i));
        }
        double[] full = Json.asDoubleArray(mol.get("full_charges"));
        double[] val = Json.asDoubleArray(mol.get("valence_charges"));
        double[] core = new double[full.length];
        for (int i = 0; i < core.length; i++) {
            core[i] = full[i] - val[i];
        }
        double[][] w = {full, val, core};
        HarmonicParams h = KymatioQm7Preset.harmonicParams();
        AnalyticSecondOrder t = new AnalyticSecondOrder(h, 2.0, AnalyticOrder2Engine.TAIL_CUTOFF);
        long t0 = System.nanoTime();
        AnalyticSecondOrder.Result r = t.compute(pos, w, KymatioQm7Preset.GRID);
        System.out.println("time " + (System.nanoTime() - t0) / 1e6 + " ms");
        t0 = System.nanoTime();
        r = t.compute(pos, w, KymatioQm7Preset.GRID);
        System.out.println("time " + (System.nanoTime() - t0) / 1e6 + " ms");
        NdArray f64 = SharedData.readF64(Json.asObject(c.get("output_f64filters_variant")));   // (3, 6, 4, 4)
        double[][] worst = new double[2][4];
        for (int ch = 0; ch < 3; ch++) {
            for (int p = 0; p < 6; p++) {
                for (int l = 0; l <= 3; l++) {
                    for (int q = 0; q < 4; q++) {
                        double a = p < 3 ? r.first[ch][p][l][q] : r.second[ch][p - 3][l][q];
                        double e = Math.abs(a / f64.get(ch, p, l, q) - 1);
                        if (p >= 3 && e > 1e-3) {
                            System.out.println("ch " + ch + " p " + p + " l " + l + " q " + q + " " + a + " vs " + f64.get(ch, p, l, q));
                        }
                        worst[p < 3 ? 0 : 1][q] = Math.max(worst[p < 3 ? 0 : 1][q], e);
                    }
                }
            }
        }
        System.out.println("order 1 worst " + java.util.Arrays.toString(worst[0]));
        System.out.println("order 2 worst " + java.util.Arrays.toString(worst[1]));
        assertTrue(worst[1][0] < 1e-2);
    }
}
