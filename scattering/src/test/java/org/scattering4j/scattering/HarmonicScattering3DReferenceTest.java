package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scattering4j.scattering.density.GaussianDensity3D;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

/**
 * Every HarmonicScattering3D case of the Kymatio manifest: the float64-filter variant at the tight
 * tolerances of conventions 3.6 (p >= 2: 1e-6, p = 1: 1e-5, p = 0.5: 1e-5 of the largest |value| of
 * that power), the official float32 output at its looser ones, and order 0.
 */
class HarmonicScattering3DReferenceTest {

    /** Parses {@code kymatio.numpy.HarmonicScattering3D(J=2, shape=(32, 32, 32), L=2, ...)}. */
    static HarmonicScattering3D fromCall(Map<String, Object> c) {
        String call = (String) c.get("call");
        int J = Integer.parseInt(arg(call, "J"));
        String sh = call.substring(call.indexOf("shape=(") + 7, call.indexOf(')', call.indexOf("shape=(")));
        String[] d = sh.split(",");
        int[] shape = {Integer.parseInt(d[0].trim()), Integer.parseInt(d[1].trim()), Integer.parseInt(d[2].trim())};
        int L = Integer.parseInt(arg(call, "L"));
        double sigma = Double.parseDouble(arg(call, "sigma_0"));
        String mo = call.contains("max_order=") ? arg(call, "max_order") : "2";
        boolean cov = !call.contains("rotation_covariant=False");
        double[] q = Json.asList(c.get("integral_powers")).stream().mapToDouble(Json::asDouble).toArray();
        return HarmonicScattering3D.builder(J, shape).L(L).sigma0(sigma).maxOrder(Integer.parseInt(mo))
                .rotationCovariant(cov).integralPowers(q).build();
    }

    private static String arg(String call, String name) {
        int i = call.indexOf(name + "=");
        int e = i + name.length() + 1;
        int end = e;
        while (end < call.length() && call.charAt(end) != ',' && call.charAt(end) != ')') {
            end++;
        }
        return call.substring(e, end).trim();
    }

    /** Relative error per power: max |a - b| / max |b| over all entries of that power. */
    static double[] relErrPerPower(double[] a, double[] b, int nq) {
        double[] num = new double[nq];
        double[] den = new double[nq];
        for (int i = 0; i < a.length; i++) {
            int q = i % nq;
            num[q] = Math.max(num[q], Math.abs(a[i] - b[i]));
            den[q] = Math.max(den[q], Math.abs(b[i]));
        }
        for (int q = 0; q < nq; q++) {
            num[q] /= den[q];
        }
        return num;
    }

    static void assertClose(double[] got, double[] want, double[] powers, double[] tol, String what) {
        assertEquals(want.length, got.length, what + ": length");
        double[] err = relErrPerPower(got, want, powers.length);
        for (int q = 0; q < powers.length; q++) {
            double t = tol[q];
            assertTrue(err[q] <= t, what + ": power " + powers[q] + " relative error " + err[q] + " > " + t);
        }
    }

    static double[] tightTol(double[] powers) {
        double[] t = new double[powers.length];
        for (int q = 0; q < powers.length; q++) {
            t[q] = powers[q] >= 2 ? 1e-6 : 1e-5;
        }
        return t;
    }

    static double[] officialTol(double[] powers, boolean large) {
        double[] t = new double[powers.length];
        for (int q = 0; q < powers.length; q++) {
            t[q] = powers[q] >= 2 ? 1e-6 : powers[q] >= 1 ? 1e-5 : (large ? 5e-2 : 3e-3);
        }
        return t;
    }

    @Test
    void smallGridCasesMatchKymatio() {
        List<Map<String, Object>> cases = SharedData.cases("HarmonicScattering3D");
        int checked = 0;
        for (Map<String, Object> c : cases) {
            if (!c.containsKey("input")) {
                continue; // the QM7-size case regenerates its input (own test)
            }
            HarmonicScattering3D s = fromCall(c);
            NdArray x = SharedData.readF64((String) c.get("input"), Json.asIntArray(c.get("input_shape")));
            int b = x.dim(0);
            double[][] vols = new double[b][];
            for (int i = 0; i < b; i++) {
                vols[i] = x.row(i);
            }
            double[] before = x.data().clone();
            NdArray out = s.transform(vols);
            assertArrayEquals(before, x.data(), 0, "input modified");
            double[] q = s.integralPowers();
            String id = (String) c.get("id");
            assertArrayEquals(Json.asIntArray(Json.asObject(c.get("output")).get("shape")), out.shape(), id);
            NdArray f64 = SharedData.readF64(Json.asObject(c.get("output_f64filters_variant")));
            assertClose(out.data(), f64.data(), q, tightTol(q), id + " vs f64filters");
            NdArray off = SharedData.readF64(Json.asObject(c.get("output")));
            assertClose(out.data(), off.data(), q, officialTol(q, false), id + " vs official");
            NdArray o0 = SharedData.readF64(Json.asObject(c.get("output_order0")));
            NdArray mine0 = s.order0(vols, q);
            assertClose(mine0.data(), o0.data(), q, new double[] {1e-6, 1e-6, 1e-6, 1e-6}, id + " order 0");
            checked++;
        }
        assertEquals(3, checked, "number of small-grid cases");
    }

    /** The QM7-size grid: regenerate the three densities, check them, compare the transform. */
    @Test
    void qm7SizeCaseMatchesKymatio() {
        Map<String, Object> c = SharedData.caseById("s3d_qm7cfg_192x128x96_J2_L3_sigma2_order2");
        double[][] rho = qm7CaseDensities(c);
        HarmonicScattering3D s = fromCall(c);
        double[] q = s.integralPowers();
        NdArray out = s.transform(rho);
        NdArray f64 = SharedData.readF64(Json.asObject(c.get("output_f64filters_variant")));
        assertClose(out.data(), f64.data(), q, tightTol(q), "qm7 vs f64filters");
        NdArray off = SharedData.readF64(Json.asObject(c.get("output")));
        assertClose(out.data(), off.data(), q, officialTol(q, true), "qm7 vs official");
        NdArray o0 = SharedData.readF64(Json.asObject(c.get("output_order0")));
        assertClose(s.order0(rho, q).data(), o0.data(), q, new double[] {1e-6, 1e-6, 1e-6, 1e-6}, "qm7 order 0");
    }

    /** The three densities (full, valence, core) of the QM7-size case, checked against density_checks. */
    static double[][] qm7CaseDensities(Map<String, Object> c) {
        Map<String, Object> mol = Json.asObject(c.get("molecule"));
        List<Object> pos = Json.asList(mol.get("positions_grid_units_after_align_and_scale"));
        double[][] p = new double[pos.size()][];
        for (int a = 0; a < p.length; a++) {
            p[a] = Json.asList(pos.get(a)).stream().mapToDouble(Json::asDouble).toArray();
        }
        double[] full = Json.asList(mol.get("full_charges")).stream().mapToDouble(Json::asDouble).toArray();
        double[] val = Json.asList(mol.get("valence_charges")).stream().mapToDouble(Json::asDouble).toArray();
        double[] core = new double[full.length];
        for (int a = 0; a < full.length; a++) {
            core[a] = full[a] - val[a];
        }
        double sigma = Json.asDouble(mol.get("sigma"));
        int[] sh = Json.asIntArray(c.get("input_shape"));
        double[][] rho = {
            GaussianDensity3D.render(sh[1], sh[2], sh[3], p, full, sigma),
            GaussianDensity3D.render(sh[1], sh[2], sh[3], p, val, sigma),
            GaussianDensity3D.render(sh[1], sh[2], sh[3], p, core, sigma)};
        Map<String, Object> chk = Json.asObject(c.get("density_checks"));
        double[] sum = Json.asList(chk.get("sum")).stream().mapToDouble(Json::asDouble).toArray();
        double[] sumSq = Json.asList(chk.get("sum_sq")).stream().mapToDouble(Json::asDouble).toArray();
        double[] max = Json.asList(chk.get("max")).stream().mapToDouble(Json::asDouble).toArray();
        for (int d = 0; d < 3; d++) {
            double s = 0;
            double s2 = 0;
            double m = 0;
            for (double v : rho[d]) {
                s += v;
                s2 += v * v;
                m = Math.max(m, v);
            }
            assertEquals(sum[d], s, 1e-9 * Math.abs(sum[d]), "density " + d + " sum");
            assertEquals(sumSq[d], s2, 1e-9 * sumSq[d], "density " + d + " sum_sq");
            assertEquals(max[d], m, 1e-12 * max[d], "density " + d + " max");
        }
        for (Object o : Json.asList(chk.get("samples"))) {
            Map<String, Object> smp = Json.asObject(o);
            int[] idx = Json.asIntArray(smp.get("index"));
            double[] v = Json.asList(smp.get("values")).stream().mapToDouble(Json::asDouble).toArray();
            int flat = (idx[0] * sh[2] + idx[1]) * sh[3] + idx[2];
            for (int d = 0; d < 3; d++) {
                assertEquals(v[d], rho[d][flat], 1e-12 * Math.max(1e-300, Math.abs(v[d])) + 1e-300,
                        "density " + d + " at " + java.util.Arrays.toString(idx));
            }
        }
        return rho;
    }
}
