package org.scattering4j.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, dependency-free JSON reader and writer for the library's own files (meta descriptions,
 * model files, reference manifests).
 *
 * <p>Values map to Java as: object &rarr; {@link LinkedHashMap} (key order kept), array &rarr;
 * {@link ArrayList}, number &rarr; {@link Double}, string &rarr; {@link String}, {@code true/false}
 * &rarr; {@link Boolean}, {@code null} &rarr; {@code null}. On writing, {@code NaN} and infinite
 * doubles are written as {@code null} (as NumPy-oriented tools expect), and {@code double[]},
 * {@code int[]}, {@code long[]}, {@link List}, {@link Map}, {@link Number}, {@link Boolean} and
 * {@link CharSequence} are accepted.
 *
 * <pre>{@code
 * Map<String, Object> m = Json.asObject(Json.parse("{\"a\": [1, 2.5, null]}"));
 * String text = Json.write(m, true);
 * }</pre>
 */
public final class Json {
    private final String s;
    private int pos;

    private Json(String s) {
        this.s = s;
    }

    /** Parses a JSON text; throws {@link IllegalArgumentException} naming the offset on malformed input. */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.skipWs();
        Object v = p.value();
        p.skipWs();
        if (p.pos != p.s.length()) {
            throw p.error("unexpected trailing characters");
        }
        return v;
    }

    /** Reads and parses a UTF-8 JSON file; errors name the file. */
    public static Object parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JSON file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Object o) {
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, got " + describe(o));
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> asList(Object o) {
        if (!(o instanceof List)) {
            throw new IllegalArgumentException("expected a JSON array, got " + describe(o));
        }
        return (List<Object>) o;
    }

    /** A JSON number as double; {@code null} becomes NaN. */
    public static double asDouble(Object o) {
        if (o == null) {
            return Double.NaN;
        }
        if (!(o instanceof Number)) {
            throw new IllegalArgumentException("expected a JSON number, got " + describe(o));
        }
        return ((Number) o).doubleValue();
    }

    public static int asInt(Object o) {
        double d = asDouble(o);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected an integer, got " + d);
        }
        return (int) d;
    }

    public static double[] asDoubleArray(Object o) {
        List<Object> l = asList(o);
        double[] r = new double[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = asDouble(l.get(i));
        }
        return r;
    }

    public static int[] asIntArray(Object o) {
        List<Object> l = asList(o);
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = asInt(l.get(i));
        }
        return r;
    }

    private static String describe(Object o) {
        return o == null ? "null" : o.getClass().getSimpleName();
    }

    private IllegalArgumentException error(String what) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, s.length()); i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return new IllegalArgumentException("malformed JSON at line " + line + " (offset " + pos + "): " + what);
    }

    private void skipWs() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                pos++;
            } else {
                break;
            }
        }
    }

    private Object value() {
        if (pos >= s.length()) {
            throw error("unexpected end of input");
        }
        char c = s.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            case 'N':
                literal("NaN");
                return Double.NaN;
            default:
                return number();
        }
    }

    private void literal(String word) {
        if (!s.startsWith(word, pos)) {
            throw error("expected '" + word + "'");
        }
        pos += word.length();
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        pos++;
        skipWs();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            return m;
        }
        while (true) {
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw error("expected a string key");
            }
            String k = string();
            skipWs();
            if (pos >= s.length() || s.charAt(pos) != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWs();
            m.put(k, value());
            skipWs();
            if (pos >= s.length()) {
                throw error("unterminated object");
            }
            char c = s.charAt(pos++);
            if (c == '}') {
                return m;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        pos++;
        skipWs();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            return l;
        }
        while (true) {
            skipWs();
            l.add(value());
            skipWs();
            if (pos >= s.length()) {
                throw error("unterminated array");
            }
            char c = s.charAt(pos++);
            if (c == ']') {
                return l;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': b.append('"'); break;
                    case '\\': b.append('\\'); break;
                    case '/': b.append('/'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (pos + 4 > s.length()) {
                            throw error("bad unicode escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad unicode escape");
                        }
                        pos += 4;
                        break;
                    default:
                        throw error("bad escape '\\" + e + "'");
                }
            } else {
                b.append(c);
            }
        }
    }

    private Double number() {
        int start = pos;
        if (s.startsWith("-Infinity", pos)) {
            pos += 9;
            return Double.NEGATIVE_INFINITY;
        }
        if (s.startsWith("Infinity", pos)) {
            pos += 8;
            return Double.POSITIVE_INFINITY;
        }
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw error("unexpected character '" + s.charAt(pos) + "'");
        }
        try {
            return Double.valueOf(s.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number '" + s.substring(start, Math.min(s.length(), start + 20)) + "'");
        }
    }

    /** Serialises a value (see class doc for the accepted types). */
    public static String write(Object value, boolean pretty) {
        StringBuilder b = new StringBuilder();
        write(b, value, pretty, 0);
        if (pretty) {
            b.append('\n');
        }
        return b.toString();
    }

    private static void indent(StringBuilder b, boolean pretty, int level) {
        if (pretty) {
            b.append('\n');
            for (int i = 0; i < level; i++) {
                b.append("  ");
            }
        }
    }

    private static void write(StringBuilder b, Object v, boolean pretty, int level) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            writeDouble(b, d);
        } else if (v instanceof Number) {
            b.append(((Number) v).longValue());
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof CharSequence) {
            quote(b, v.toString());
        } else if (v instanceof double[]) {
            double[] a = (double[]) v;
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    b.append(pretty ? ", " : ",");
                }
                writeDouble(b, a[i]);
            }
            b.append(']');
        } else if (v instanceof int[]) {
            int[] a = (int[]) v;
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    b.append(pretty ? ", " : ",");
                }
                b.append(a[i]);
            }
            b.append(']');
        } else if (v instanceof long[]) {
            long[] a = (long[]) v;
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    b.append(pretty ? ", " : ",");
                }
                b.append(a[i]);
            }
            b.append(']');
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            b.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                if (!first) {
                    b.append(',');
                }
                first = false;
                indent(b, pretty, level + 1);
                quote(b, String.valueOf(e.getKey()));
                b.append(pretty ? ": " : ":");
                write(b, e.getValue(), pretty, level + 1);
            }
            if (!m.isEmpty()) {
                indent(b, pretty, level);
            }
            b.append('}');
        } else if (v instanceof Iterable) {
            b.append('[');
            boolean first = true;
            boolean nested = false;
            for (Object o : (Iterable<?>) v) {
                nested |= o instanceof Map || o instanceof Iterable;
            }
            for (Object o : (Iterable<?>) v) {
                if (!first) {
                    b.append(',');
                    if (pretty && !nested) {
                        b.append(' ');
                    }
                }
                first = false;
                if (nested) {
                    indent(b, pretty, level + 1);
                }
                write(b, o, pretty, level + 1);
            }
            if (nested && !first) {
                indent(b, pretty, level);
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass().getName() + " as JSON");
        }
    }

    private static void writeDouble(StringBuilder b, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            b.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            b.append((long) d);
        } else {
            b.append(d);
        }
    }

    private static void quote(StringBuilder b, String str) {
        b.append('"');
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }
}
