package io.maestro.plugins.nlcypher;

import io.maestro.api.http.PluginResponse;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import org.neo4j.driver.types.IsoDuration;
import org.neo4j.driver.types.Point;
import org.slf4j.MDC;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON in and out of the routes (Jackson from the host's class path: this plugin's own mapper, so no
 * host cache ever holds a class of this plugin), and RFC 9457 problems with the extra members the
 * console needs ({@code rule} for sandbox refusals, {@code errors} for bad input).
 */
final class Json {
    final ObjectMapper mapper = JsonMapper.builder().build();

    /** The body as a JSON object. */
    Map<String, Object> object(byte[] body) {
        if (body == null || body.length == 0) throw new BadInputException("body", "the body is empty; send a JSON object");
        Object parsed;
        try {
            parsed = mapper.readValue(body, Object.class);
        } catch (RuntimeException e) { // JacksonException
            throw new BadInputException("body", "the body is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?> map)) throw new BadInputException("body", "the body must be a JSON object");
        var out = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    PluginResponse ok(Object body) {
        return new PluginResponse(200, "application/json", Map.of(), mapper.writeValueAsBytes(body));
    }

    PluginResponse problem(int status, String title, String detail, Map<String, Object> extra) {
        return problem(status, title, detail, extra, Map.of());
    }

    PluginResponse problem(int status, String title, String detail, Map<String, Object> extra, Map<String, String> headers) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extra);
        String trace = MDC.get("trace_id");
        if (trace != null && status >= 500) body.put("traceId", trace);
        return new PluginResponse(status, "application/problem+json", headers, mapper.writeValueAsBytes(body));
    }

    PluginResponse badInput(String field, String reason) {
        return problem(400, "Bad request", field + ": " + reason, Map.of("errors", List.of(Map.of("field", field, "reason", reason))));
    }

    /** A value from the sandbox as JSON can carry it: temporals and durations as ISO strings, points as maps. */
    static Object value(Object v) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Long l -> l;
            case Integer i -> i;
            case Double d -> d.isNaN() || d.isInfinite() ? d.toString() : d;
            case Number n -> n;
            case Map<?, ?> m -> {
                var out = new LinkedHashMap<String, Object>();
                for (Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), value(e.getValue()));
                yield out;
            }
            case List<?> l -> {
                var out = new ArrayList<Object>(l.size());
                for (Object o : l) out.add(value(o));
                yield out;
            }
            case TemporalAccessor t -> t.toString();
            case IsoDuration d -> d.toString();
            case Point p -> Double.isNaN(p.z()) ? Map.of("srid", p.srid(), "x", p.x(), "y", p.y())
                    : Map.of("srid", p.srid(), "x", p.x(), "y", p.y(), "z", p.z());
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            default -> String.valueOf(v);
        };
    }

    /**
     * A query parameter from a request as the driver takes it: integers as Long, decimals as Double,
     * lists and maps of the same; {@code at} names the field for the error.
     */
    static Object parameter(Object v, String at) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i.longValue();
            case Long l -> l;
            case BigInteger big -> {
                try {
                    yield big.longValueExact();
                } catch (ArithmeticException e) {
                    throw new BadInputException(at, "the integer is outside the 64-bit range the graph stores");
                }
            }
            case BigDecimal d -> d.doubleValue();
            case Number n -> n.doubleValue();
            case List<?> l -> {
                var out = new ArrayList<Object>(l.size());
                for (int i = 0; i < l.size(); i++) out.add(parameter(l.get(i), at + "[" + i + "]"));
                yield out;
            }
            case Map<?, ?> m -> {
                var out = new LinkedHashMap<String, Object>();
                for (Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), parameter(e.getValue(), at + "." + e.getKey()));
                yield out;
            }
            default -> throw new BadInputException(at, "not a JSON value the graph can take");
        };
    }
}
