package io.maestro.core.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A string with {@code ${{ expr }}} parts; the parts are CEL, the rest is literal text. */
public final class Template {
    private static final String OPEN = "${{";
    private static final String CLOSE = "}}";

    /** A {@code ${{ }}} occurrence: the CEL source and its offset in the string. */
    public record Part(String expression, int offset) { }

    private Template() { }

    public static boolean hasParts(String text) {
        return text.contains(OPEN);
    }

    public static List<Part> parts(String text) throws ExpressionException {
        var parts = new ArrayList<Part>();
        int from = 0;
        while (true) {
            int start = text.indexOf(OPEN, from);
            if (start < 0) return parts;
            int end = text.indexOf(CLOSE, start + OPEN.length());
            if (end < 0) throw new ExpressionException("'${{' at offset " + start + " is never closed with '}}'");
            parts.add(new Part(text.substring(start + OPEN.length(), end).strip(), start));
            from = end + CLOSE.length();
        }
    }

    public static String render(String text, Expressions expressions, Map<String, ?> variables)
            throws ExpressionException {
        if (!hasParts(text)) return text;
        var out = new StringBuilder();
        int from = 0;
        for (Part part : parts(text)) {
            out.append(text, from, part.offset());
            Object value = expressions.compile(part.expression()).evaluate(variables);
            out.append(value);
            from = text.indexOf(CLOSE, part.offset() + OPEN.length()) + CLOSE.length();
        }
        return out.append(text.substring(from)).toString();
    }
}
