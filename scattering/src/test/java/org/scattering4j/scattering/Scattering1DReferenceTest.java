package org.scattering4j.scattering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scattering4j.testing.SharedData;
import org.scattering4j.util.Json;
import org.scattering4j.util.NdArray;

/**
 * Every {@code Scattering1D} case of the Kymatio reference manifest: outputs (rtol 1e-10 of max |S|),
 * channel meta and the resolved parameters. The transform is built from the case's {@code call}
 * string, so new cases of the same form are picked up without code changes.
 */
class Scattering1DReferenceTest {
    static Stream<Arguments> cases() {
        return SharedData.cases("Scattering1D").stream().map(c -> Arguments.of(c.get("id"), c));
    }

    private static final Map<String, Scattering1D> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

    /** Builds (once per call string) the transform a manifest {@code call} describes. */
    static Scattering1D fromCall(String call) {
        return BUILT.computeIfAbsent(call, Scattering1DReferenceTest::parseCall);
    }

    /** Parses keyword arguments J, shape, Q (int or tuple), T (int or 'global'), max_order, stride. */
    static Scattering1D parseCall(String call) {
        int J = intArg(call, "J", -1);
        int shape = intArg(call, "shape", -1);
        Scattering1D.Builder b = Scattering1D.builder(J, shape);
        Matcher q = Pattern.compile("\\bQ=\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)").matcher(call);
        Matcher q1 = Pattern.compile("\\bQ=\\(\\s*(\\d+)\\s*,?\\s*\\)").matcher(call);
        if (q.find()) {
            b.q(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)));
        } else if (q1.find()) {
            b.q(Integer.parseInt(q1.group(1)));
        } else {
            b.q(intArg(call, "Q", 1));
        }
        if (call.contains("T='global'") || call.contains("T=\"global\"")) {
            b.globalAveraging();
        } else if (Pattern.compile("\\bT=\\d").matcher(call).find()) {
            b.T(intArg(call, "T", -1));
        }
        b.maxOrder(intArg(call, "max_order", 2));
        if (Pattern.compile("\\bstride=\\d").matcher(call).find()) {
            b.stride(intArg(call, "stride", -1));
        }
        return b.build();
    }

    private static int intArg(String call, String name, int dflt) {
        Matcher m = Pattern.compile("\\b" + name + "=(\\d+)").matcher(call);
        return m.find() ? Integer.parseInt(m.group(1)) : dflt;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputsMatchKymatio(String id, Map<String, Object> c) {
        Scattering1D s = fromCall((String) c.get("call"));
        NdArray x = SharedData.readF64((String) c.get("input"), Json.asIntArray(c.get("input_shape")));
        NdArray expected = SharedData.readF64(Json.asObject(c.get("output")));
        double[] before = x.data().clone();
        NdArray got = s.transform(x);
        assertArrayEquals(before, x.data(), "input modified");
        assertArrayEquals(expected.shape(), got.shape(), id + " shape");
        double max = 0;
        for (double v : expected.data()) {
            max = Math.max(max, Math.abs(v));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.size(); i++) {
            double d = Math.abs(expected.data()[i] - got.data()[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= 1e-10 * max, id + ": max deviation " + worst + " at flat index " + at
                + " exceeds 1e-10 * max|S| = " + 1e-10 * max);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void metaMatchesKymatio(String id, Map<String, Object> c) {
        Scattering1D s = fromCall((String) c.get("call"));
        Map<String, Object> ref = Json.asObject(Json.parse(SharedData.kymatio().resolve((String) c.get("meta"))));
        List<Object> channels = Json.asList(ref.get("channels"));
        List<Map<String, Object>> mine = s.metaJson();
        assertEquals(channels.size(), mine.size(), id + " channel count");
        assertEquals(channels.size(), s.meta().size());
        for (int i = 0; i < channels.size(); i++) {
            Map<String, Object> r = Json.asObject(channels.get(i));
            Map<String, Object> m = mine.get(i);
            String where = id + " channel " + i;
            assertEquals(Json.asInt(r.get("index")), ((Number) m.get("index")).intValue(), where);
            assertEquals(Json.asInt(r.get("order")), ((Number) m.get("order")).intValue(), where);
            assertEquals(Json.asInt(r.get("order")), s.meta().get(i).order(), where);
            assertArrayEquals(Json.asIntArray(r.get("key")), s.meta().get(i).key(), where + " key");
            for (String f : new String[] {"n", "j", "xi", "sigma"}) {
                List<Object> rv = Json.asList(r.get(f));
                @SuppressWarnings("unchecked")
                List<Object> mv = (List<Object>) m.get(f);
                assertEquals(rv.size(), mv.size(), where + " " + f);
                for (int k = 0; k < rv.size(); k++) {
                    if (rv.get(k) == null) {
                        assertNull(mv.get(k), where + " " + f + "[" + k + "]");
                    } else {
                        double e = Json.asDouble(rv.get(k));
                        double g = ((Number) mv.get(k)).doubleValue();
                        assertEquals(e, g, 1e-13 * Math.abs(e), where + " " + f + "[" + k + "]");
                    }
                }
            }
        }
        // The JSON form is writable and parses back to the same structure.
        Object back = Json.parse(Json.write(mine, false));
        assertEquals(channels.size(), Json.asList(back).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvedParametersMatchKymatio(String id, Map<String, Object> c) {
        Scattering1D s = fromCall((String) c.get("call"));
        Map<String, Object> r = Json.asObject(c.get("resolved"));
        int[] q = Json.asIntArray(r.get("Q"));
        assertEquals(q[0], s.q1(), id + " Q1");
        assertEquals(q[1], s.q2(), id + " Q2");
        assertEquals(Json.asInt(r.get("T")), s.T(), id + " T");
        assertEquals(Json.asInt(r.get("log2_T")), s.log2T(), id + " log2_T");
        assertEquals("global".equals(r.get("average")), s.isGlobal(), id + " average");
        if (r.get("stride") == null) {
            assertTrue(s.isGlobal());
            assertEquals(0, s.stride());
        } else {
            assertFalse(s.isGlobal());
            assertEquals(Json.asInt(r.get("stride")), s.stride(), id + " stride");
        }
        assertEquals(Json.asInt(r.get("N_padded")), s.paddedLength(), id + " N_padded");
        assertEquals(Json.asInt(r.get("pad_left")), s.padLeft(), id + " pad_left");
        assertEquals(Json.asInt(r.get("pad_right")), s.padRight(), id + " pad_right");
        Map<String, Object> start = Json.asObject(r.get("ind_start"));
        Map<String, Object> end = Json.asObject(r.get("ind_end"));
        assertEquals(start.size(), s.indLevels(), id + " number of ind_start levels");
        for (Map.Entry<String, Object> e : start.entrySet()) {
            int level = Integer.parseInt(e.getKey());
            assertEquals(Json.asInt(e.getValue()), s.indStart(level), id + " ind_start[" + level + "]");
            assertEquals(Json.asInt(end.get(e.getKey())), s.indEnd(level), id + " ind_end[" + level + "]");
        }
        assertEquals(Json.asInt(r.get("n_psi1")), s.nPsi1(), id + " n_psi1");
        assertEquals(Json.asInt(r.get("n_psi2")), s.nPsi2(), id + " n_psi2");
        assertArrayEquals(Json.asIntArray(r.get("output_size_by_order")), s.outputSizeByOrder(), id);
        int total = 0;
        for (int v : s.outputSizeByOrder()) {
            total += v;
        }
        assertEquals(total, s.outputSize());
    }
}
