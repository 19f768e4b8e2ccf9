package io.maestro.plugins.billing.ledger;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flat JSON object per line: string, integer, boolean and null values, nothing nested. Money is
 * written as a string so no reader turns it into a binary floating-point number.
 */
public final class JsonLine {
    private JsonLine() { }

    public static String write(Map<String, ?> fields) {
        var sb = new StringBuilder("{");
        for (var e : fields.entrySet()) {
            if (sb.length() > 1) sb.append(',');
            quote(sb, e.getKey());
            sb.append(':');
            Object v = e.getValue();
            switch (v) {
                case null -> sb.append("null");
                case Long l -> sb.append(l);
                case Integer i -> sb.append(i);
                case Boolean b -> sb.append(b);
                case BigDecimal d -> quote(sb, d.toPlainString());
                default -> quote(sb, v.toString());
            }
        }
        return sb.append('}').toString();
    }

    public static String quote(String s) {
        var sb = new StringBuilder();
        quote(sb, s);
        return sb.toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /** @throws IllegalArgumentException when the line is not one flat JSON object */
    public static Map<String, Object> parse(String line) {
        return new Reader(line).object();
    }

    private static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            var out = new LinkedHashMap<String, Object>();
            space();
            expect('{');
            space();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    space();
                    out.put(key, value());
                    space();
                    char c = next();
                    if (c == '}') break;
                    if (c != ',') throw error("expected ',' or '}'");
                }
            }
            space();
            if (i != s.length()) throw error("text after the object");
            return out;
        }

        private Object value() {
            char c = peek();
            if (c == '"') return string();
            if (s.startsWith("null", i)) { i += 4; return null; }
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            String number = s.substring(start, i);
            if (number.isEmpty()) throw error("expected a value");
            try {
                return number.matches("-?\\d+") ? (Object) Long.valueOf(number) : new BigDecimal(number);
            } catch (NumberFormatException e) {
                throw error("bad number '" + number + "'");
            }
        }

        private String string() {
            expect('"');
            var sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') return sb.toString();
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw error("short \\u escape");
                        try {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private char peek() {
            if (i >= s.length()) throw error("unexpected end");
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) throw error("expected '" + c + "'");
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at character " + (i + 1));
        }
    }
}
