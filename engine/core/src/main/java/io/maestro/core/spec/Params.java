package io.maestro.core.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/** Resolves run parameters: command-line or API values over spec defaults, coerced to declared types. */
public final class Params {
    private Params() { }

    /**
     * @param given raw values (strings from {@code -p key=value}, or typed values from JSON)
     * @throws IllegalArgumentException naming the parameter and the reason
     */
    public static Map<String, Object> resolve(PipelineSpec spec, Map<String, ?> given) {
        for (String key : given.keySet()) {
            if (!spec.params().containsKey(key)) {
                String hint = Suggestions.didYouMean(key, spec.params().keySet())
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse(spec.params().isEmpty() ? " (this pipeline declares no params)"
                                : " (declared: " + String.join(", ", spec.params().keySet()) + ")");
                throw new IllegalArgumentException("unknown param '" + key + "'" + hint);
            }
        }
        var resolved = new LinkedHashMap<String, Object>();
        for (ParamSpec p : spec.params().values()) {
            Object value = given.containsKey(p.name()) ? given.get(p.name()) : p.defaultValue();
            if (value == null) {
                throw new IllegalArgumentException("param '" + p.name() + "' is required (" + p.type().specName()
                        + "); pass -p " + p.name() + "=…");
            }
            resolved.put(p.name(), coerce(p, value));
        }
        return resolved;
    }

    static Object coerce(ParamSpec p, Object value) {
        String text = String.valueOf(value);
        Object typed = switch (p.type()) {
            case STRING -> text;
            case BOOLEAN -> {
                if (value instanceof Boolean b) yield b;
                if (text.equals("true") || text.equals("false")) yield Boolean.parseBoolean(text);
                throw wrongType(p, text);
            }
            case INTEGER -> {
                if (value instanceof Number n && n.doubleValue() == n.longValue()) yield n.longValue();
                try {
                    yield Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw wrongType(p, text);
                }
            }
            case NUMBER -> {
                if (value instanceof Number n) yield n.doubleValue();
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw wrongType(p, text);
                }
            }
        };
        if (!p.allowed().isEmpty() && p.allowed().stream().noneMatch(a -> String.valueOf(a).equals(String.valueOf(typed)))) {
            throw new IllegalArgumentException("param '" + p.name() + "' must be one of " + p.allowed() + ", got '" + text + "'");
        }
        return typed;
    }

    private static IllegalArgumentException wrongType(ParamSpec p, String text) {
        return new IllegalArgumentException("param '" + p.name() + "' expects " + p.type().specName() + ", got '" + text + "'");
    }
}
