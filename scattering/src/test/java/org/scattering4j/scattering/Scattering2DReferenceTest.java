package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

/** Every Scattering2D case of the Kymatio reference manifest: outputs, meta, resolved sizes. */
class Scattering2DReferenceTest {
    private static final Pattern CALL = Pattern.compile(
            "J=(\\d+), shape=\\((\\d+), (\\d+)\\), L=(\\d+), max_order=(\\d+)");

    private static Scattering2D fromCall(Map<String, Object> c) {
        Matcher m = CALL.matcher((String) c.get("call"));
        assertTrue(m.find(), "cannot parse call " + c.get("call"));
        return new Scattering2D(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void everyManifestCaseMatchesKymatio() {
        List<Map<String, Object>> cases = SharedData.cases("Scattering2D");
        assertFalse(cases.isEmpty());
        for (Map<String, Object> c : cases) {
            String id = (String) c.get("id");
            Scattering2D s = fromCall(c);
            NdArray x = SharedData.readF64((String) c.get("input"), Json.asIntArray(c.get("input_shape")));
            NdArray got = s.transform(x);
            NdArray official = SharedData.readF64(Json.asObject(c.get("output")));
            NdArray f64 = SharedData.readF64(Json.asObject(c.get("output_f64filters_variant")));
            assertArrayEquals(official.shape(), got.shape(), id + " shape");
            double scale = maxAbs(f64.data());
            double d64 = maxDiff(got.data(), f64.data());
            double dOff = maxDiff(got.data(), official.data());
            assertTrue(d64 <= 1e-10 * scale, id + ": max |S - S_f64filters| = " + d64 + " > 1e-10 * " + scale);
            assertTrue(dOff <= 1e-6 * scale, id + ": max |S - S_official| = " + dOff + " > 1e-6 * " + scale);

            Map<String, Object> res = Json.asObject(c.get("resolved"));
            assertEquals(Json.asInt(res.get("M_padded")), s.paddedRows(), id);
            assertEquals(Json.asInt(res.get("N_padded")), s.paddedCols(), id);
            assertEquals(Json.asInt(res.get("pad_top")), s.padTop(), id);
            assertEquals(Json.asInt(res.get("pad_left")), s.padLeft(), id);
            assertEquals(Json.asInt(res.get("pad_bottom")), s.paddedRows() - s.rows() - s.padTop(), id);
            assertEquals(Json.asInt(res.get("pad_right")), s.paddedCols() - s.cols() - s.padLeft(), id);
            assertEquals(Json.asInt(res.get("n_channels")), s.channels(), id);
            assertArrayEquals(Json.asIntArray(res.get("out_spatial")), new int[] {s.outputRows(), s.outputCols()}, id);

            Map<String, Object> meta = Json.asObject(Json.parse(SharedData.kymatio().resolve((String) c.get("meta"))));
            List<Object> want = Json.asList(meta.get("channels"));
            List<Map<String, Object>> have = s.meta();
            assertEquals(want.size(), have.size(), id + " meta size");
            for (int i = 0; i < want.size(); i++) {
                Map<String, Object> w = Json.asObject(want.get(i));
                Map<String, Object> h = have.get(i);
                for (String key : new String[] {"index", "order"}) {
                    assertEquals(Json.asInt(w.get(key)), ((Number) h.get(key)).intValue(), id + " meta " + i + " " + key);
                }
                for (String key : new String[] {"n", "j", "theta"}) {
                    // round trip through JSON to compare like with like
                    assertArrayEquals(Json.asIntArray(w.get(key)),
                            Json.asIntArray(Json.parse(Json.write(h.get(key), false))), id + " meta " + i + " " + key);
                }
            }
        }
    }
}
