package org.scattering4j.chem.scattering;

import java.util.List;
import java.util.Map;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.Json;

public class O2Scratch {
    public static void main(String[] args) {
        Map<String, Object> c = SharedData.caseById("s3d_qm7cfg_192x128x96_J2_L3_sigma2_order2");
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
        AnalyticSecondOrder t = new AnalyticSecondOrder(KymatioQm7Preset.harmonicParams(), 2.0, 5.5);
        AnalyticSecondOrder.Result r = null;
        for (int it = 0; it < Integer.parseInt(args[0]); it++) {
            long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            r = t.compute(pos, w, KymatioQm7Preset.GRID);
            System.err.println("total " + (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0) / 1e6);
        }
        org.scattering4j.util.NdArray f64 = SharedData.readF64(Json.asObject(c.get("output_f64filters_variant")));
        for (int p = 0; p < 6; p++) {
            for (int l = 0; l <= 3; l++) {
                StringBuilder sb = new StringBuilder("p" + p + " l" + l + ":");
                for (int q = 0; q < 4; q++) {
                    double e = 0;
                    for (int ch = 0; ch < 3; ch++) {
                        double a = p < 3 ? r.first[ch][p][l][q] : r.second[ch][p - 3][l][q];
                        e = Math.max(e, Math.abs(a / f64.get(ch, p, l, q) - 1));
                    }
                    sb.append(String.format(" %.1e", e));
                }
                System.out.println(sb);
            }
        }
    }
}
