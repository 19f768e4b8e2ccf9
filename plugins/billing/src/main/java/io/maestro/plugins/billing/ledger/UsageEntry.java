package io.maestro.plugins.billing.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metered quantity, priced when it was metered (a later rate change never reprices history).
 * {@code id} is derived from the event, so an event delivered twice is recorded once.
 */
public record UsageEntry(String id, Instant at, String tenant, String pipeline, String runId, String stepId,
                         int attempt, String uses, Unit unit, long quantity, BigDecimal rate, String currency,
                         BigDecimal cost) {

    public static UsageEntry priced(String id, Instant at, String tenant, String pipeline, String runId, String stepId,
                                    int attempt, String uses, Unit unit, long quantity, BigDecimal rate, String currency) {
        return new UsageEntry(id, at, tenant, pipeline, runId, stepId, attempt, uses, unit, quantity, rate, currency,
                unit.cost(quantity, rate));
    }

    /** Usage belongs to the calendar month (UTC) in which it happened. */
    public YearMonth month() {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    public String toJson() {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", id);
        m.put("at", at.toString());
        m.put("tenant", tenant);
        m.put("pipeline", pipeline);
        m.put("runId", runId);
        m.put("stepId", stepId);
        m.put("attempt", attempt);
        m.put("uses", uses);
        m.put("unit", unit.id());
        m.put("quantity", quantity);
        m.put("rate", rate);
        m.put("ratePer", unit.pricedPer());
        m.put("currency", currency);
        m.put("cost", cost);
        return JsonLine.write(m);
    }

    /** @throws IllegalArgumentException when a field is missing or malformed */
    public static UsageEntry fromJson(String line) {
        Map<String, Object> m = JsonLine.parse(line);
        Unit unit = Unit.byId(text(m, "unit", true)).orElseThrow(() -> new IllegalArgumentException("unknown unit " + m.get("unit")));
        Object attempt = m.get("attempt");
        return new UsageEntry(text(m, "id", true), Instant.parse(text(m, "at", true)), text(m, "tenant", true),
                text(m, "pipeline", false), text(m, "runId", false), text(m, "stepId", false),
                attempt instanceof Long l ? l.intValue() : 0, text(m, "uses", false), unit,
                whole(m, "quantity"), decimal(m, "rate"), text(m, "currency", true), decimal(m, "cost"));
    }

    private static String text(Map<String, Object> m, String key, boolean required) {
        Object v = m.get(key);
        if (v == null && !required) return null;
        if (!(v instanceof String s)) throw new IllegalArgumentException("field '" + key + "' missing or not text");
        return s;
    }

    private static long whole(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Long l)) throw new IllegalArgumentException("field '" + key + "' missing or not a whole number");
        return l;
    }

    private static BigDecimal decimal(Map<String, Object> m, String key) {
        Object v = m.get(key);
        try {
            if (v instanceof String s) return new BigDecimal(s);
            if (v instanceof Long l) return BigDecimal.valueOf(l);
            if (v instanceof BigDecimal d) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("field '" + key + "' missing or not a decimal");
    }
}
