package org.scattering4j.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading and writing the plain maps that models serialise to. A map read back from JSON holds
 * {@code List<Double>} where the written map held {@code double[]}; both are accepted.
 */
final class MapIo {
    private MapIo() {
    }

    static Map<String, Object> start(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("version", 1);
        return m;
    }

    static void checkType(Map<String, ?> m, String type) {
        if (m == null) {
            throw new IllegalArgumentException("model map must not be null");
        }
        Object t = m.get("type");
        if (!type.equals(t)) {
            throw new IllegalArgumentException("model map has type = " + t + "; expected " + type);
        }
        double v = number(m, "version");
        if (v != 1) {
            throw new IllegalArgumentException("model map version = " + v + "; only version 1 is supported");
        }
    }

    static Object get(Map<String, ?> m, String key) {
        if (!m.containsKey(key)) {
            throw new IllegalArgumentException("model map lacks the key '" + key + "'");
        }
        return m.get(key);
    }

    static double number(Map<String, ?> m, String key) {
        Object o = get(m, key);
        if (!(o instanceof Number)) {
            throw new IllegalArgumentException("model map key '" + key + "' must be a number, got " + o);
        }
        return ((Number) o).doubleValue();
    }

    static int integer(Map<String, ?> m, String key) {
        double d = number(m, key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("model map key '" + key + "' must be an integer, got " + d);
        }
        return (int) d;
    }

    static String string(Map<String, ?> m, String key) {
        Object o = get(m, key);
        if (!(o instanceof String)) {
            throw new IllegalArgumentException("model map key '" + key + "' must be a string, got " + o);
        }
        return (String) o;
    }

    static double[] doubles(Map<String, ?> m, String key) {
        Object o = get(m, key);
        if (o instanceof double[]) {
            return ((double[]) o).clone();
        }
        if (o instanceof List) {
            List<?> l = (List<?>) o;
            double[] r = new double[l.size()];
            for (int i = 0; i < r.length; i++) {
                Object e = l.get(i);
                if (e == null) {
                    // JSON writes NaN as null
                    r[i] = Double.NaN;
                    continue;
                }
                if (!(e instanceof Number)) {
                    throw new IllegalArgumentException("model map key '" + key + "'[" + i + "] must be a number, got "
                            + e);
                }
                r[i] = ((Number) e).doubleValue();
            }
            return r;
        }
        throw new IllegalArgumentException("model map key '" + key + "' must be an array of numbers, got " + o);
    }

    static double[] doubles(Map<String, ?> m, String key, int length) {
        double[] r = doubles(m, key);
        if (r.length != length) {
            throw new IllegalArgumentException("model map key '" + key + "' has length " + r.length + "; expected "
                    + length);
        }
        return r;
    }

    static int[] ints(Map<String, ?> m, String key) {
        Object o = get(m, key);
        if (o instanceof int[]) {
            return ((int[]) o).clone();
        }
        double[] d = doubles(m, key);
        int[] r = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("model map key '" + key + "'[" + i + "] must be an integer, got "
                        + d[i]);
            }
            r[i] = (int) d[i];
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, ?> m, String key) {
        Object o = get(m, key);
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("model map key '" + key + "' must be a map, got " + o);
        }
        return (Map<String, Object>) o;
    }
}
