package org.scattering4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesNestedValuesAndKeepsKeyOrder() {
        Map<String, Object> m = Json.asObject(Json.parse(
                "{\"b\": [1, 2.5e-3, null, true, \"x\\u00e9\\n\"], \"a\": {\"c\": -3}}"));
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        List<Object> b = Json.asList(m.get("b"));
        assertEquals(1.0, b.get(0));
        assertEquals(2.5e-3, (Double) b.get(1), 0);
        assertNull(b.get(2));
        assertEquals(Boolean.TRUE, b.get(3));
        assertEquals("x\u00e9\n", b.get(4));
        assertEquals(-3, Json.asInt(Json.asObject(m.get("a")).get("c")));
        assertTrue(Double.isNaN(Json.asDouble(null)));
    }

    @Test
    void roundTripsWrittenValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "quote\" and \\ backslash");
        m.put("values", new double[] {1, 0.1, Double.NaN, -2.5e-300});
        m.put("ints", new int[] {3, -4});
        m.put("list", List.of(Map.of("k", 1.5), List.of()));
        for (boolean pretty : new boolean[] {false, true}) {
            Map<String, Object> back = Json.asObject(Json.parse(Json.write(m, pretty)));
            assertEquals(m.get("name"), back.get("name"));
            double[] v = Json.asDoubleArray(back.get("values"));
            assertEquals(0.1, v[1], 0);
            assertTrue(Double.isNaN(v[2]), "NaN is written as null and read back as NaN");
            assertEquals(-2.5e-300, v[3], 0);
            assertEquals(-4, Json.asIntArray(back.get("ints"))[1]);
            assertEquals(1.5, Json.asDouble(Json.asObject(Json.asList(back.get("list")).get(0)).get("k")), 0);
        }
    }

    @Test
    void malformedInputNamesLineAndProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\n\"a\": [1, 2,, 3]}"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1} x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1e]"));
        assertThrows(IllegalArgumentException.class, () -> Json.asInt(1.5));
        assertThrows(IllegalArgumentException.class, () -> Json.asObject(List.of()));
    }
}
