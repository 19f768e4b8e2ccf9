package io.maestro.plugins.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of the audit log: who ({@code actor}) did what ({@code action}, verb last:
 * {@code run.submit}, {@code plugin.unload}) to what ({@code target}), for which tenant, with which
 * outcome and why, when, under which trace, plus free {@code details}. {@code seq}, {@code prev} and
 * {@code hash} chain it to the record before: {@code hash = SHA-256(canonical JSON of every other
 * field, prev included)}. Before it is written a record has seq 0 and no prev/hash.
 */
record AuditRecord(long seq, Instant time, Actor actor, String action, Target target, String run, String tenant,
                   String outcome, String reason, Trace trace, Map<String, Object> details, String prev,
                   String hash) {
    static final int FORMAT = 1;
    /** The {@code prev} of record 1. */
    static final String GENESIS = "0".repeat(64);

    /** Outcomes used so far; the field is open for new ones. */
    static final String SUCCESS = "success", FAILURE = "failure", DENIED = "denied", HELD = "held",
            CANCELLED = "cancelled", SKIPPED = "skipped", UNKNOWN = "unknown";

    AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        details = details == null ? Map.of() : details;
    }

    /** Who acted: {@code system/maestro} for the engine today; SSO will fill in users. */
    record Actor(String type, String name) {
        static final Actor SYSTEM = new Actor("system", "maestro");
    }

    /** What was acted on: {@code type} (run, step, plugin, artifact, …), its id, and a display name. */
    record Target(String type, String id, String name) { }

    record Trace(String traceId, String spanId) { }

    /** A record not yet written: the writer gives it its place in the chain. */
    static AuditRecord of(Instant time, Actor actor, String action, Target target, String run, String tenant,
                          String outcome, String reason, Trace trace, Map<String, Object> details) {
        return new AuditRecord(0, time, actor, action, target, run, tenant, outcome, reason, trace, details, null, null);
    }

    /** This record as number {@code seq} after a record whose hash is {@code prev}. */
    AuditRecord chained(long seq, String prev) {
        var unhashed = new AuditRecord(seq, time, actor, action, target, run, tenant, outcome, reason, trace, details,
                prev, null);
        return new AuditRecord(seq, time, actor, action, target, run, tenant, outcome, reason, trace, details, prev,
                hashOf(unhashed.body()));
    }

    /** Every field but {@code hash}, absent fields left out: the hashed content. */
    Map<String, Object> body() {
        var m = new LinkedHashMap<String, Object>();
        m.put("v", FORMAT);
        m.put("seq", seq);
        m.put("time", time.toString());
        m.put("actor", actorMap());
        m.put("action", action);
        if (target != null) {
            var t = new LinkedHashMap<String, Object>();
            putIfPresent(t, "type", target.type());
            putIfPresent(t, "id", target.id());
            putIfPresent(t, "name", target.name());
            m.put("target", t);
        }
        putIfPresent(m, "run", run);
        putIfPresent(m, "tenant", tenant);
        putIfPresent(m, "outcome", outcome);
        putIfPresent(m, "reason", reason);
        if (trace != null) m.put("trace", Map.of("trace_id", trace.traceId(), "span_id", trace.spanId()));
        if (!details.isEmpty()) m.put("details", details);
        putIfPresent(m, "prev", prev);
        return m;
    }

    private Map<String, Object> actorMap() {
        var a = new LinkedHashMap<String, Object>();
        putIfPresent(a, "type", actor.type());
        putIfPresent(a, "name", actor.name());
        return a;
    }

    /** The line written to the log (without the newline). */
    String toJsonLine() {
        Map<String, Object> m = body();
        m.put("hash", hash);
        return CanonicalJson.write(m);
    }

    /** SHA-256 (hex) of the canonical JSON of {@code body}: how every record hash is made and checked. */
    static String hashOf(Map<String, Object> body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(CanonicalJson.write(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }

    /** Thrown when a parsed line lacks what every record has; the message names the field. */
    static final class MalformedRecordException extends Exception {
        MalformedRecordException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads a record from its parsed line, checking only shape (the verifier checks the chain). */
    @SuppressWarnings("unchecked")
    static AuditRecord fromMap(Map<String, Object> m) throws MalformedRecordException {
        long seq = requireLong(m, "seq");
        if (seq < 1) throw new MalformedRecordException("seq must be at least 1");
        Instant time;
        try {
            time = Instant.parse(requireString(m, "time"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedRecordException("time is not an ISO-8601 instant");
        }
        Map<String, Object> a = optionalMap(m, "actor");
        if (a == null) throw new MalformedRecordException("no actor");
        Map<String, Object> t = optionalMap(m, "target");
        Map<String, Object> tr = optionalMap(m, "trace");
        Object details = m.get("details");
        if (details != null && !(details instanceof Map)) throw new MalformedRecordException("details is not an object");
        String prev = requireString(m, "prev");
        String hash = requireString(m, "hash");
        if (!isHex64(prev)) throw new MalformedRecordException("prev is not a SHA-256 hex digest");
        if (!isHex64(hash)) throw new MalformedRecordException("hash is not a SHA-256 hex digest");
        return new AuditRecord(seq, time, new Actor(str(a, "type"), str(a, "name")), requireString(m, "action"),
                t == null ? null : new Target(str(t, "type"), str(t, "id"), str(t, "name")),
                str(m, "run"), str(m, "tenant"), str(m, "outcome"), str(m, "reason"),
                tr == null ? null : new Trace(str(tr, "trace_id"), str(tr, "span_id")),
                details == null ? Map.of() : (Map<String, Object>) details, prev, hash);
    }

    static boolean isHex64(String s) {
        return s != null && s.length() == 64 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static long requireLong(Map<String, Object> m, String key) throws MalformedRecordException {
        if (m.get(key) instanceof Long n) return n;
        throw new MalformedRecordException(key + " is missing or not an integer");
    }

    private static String requireString(Map<String, Object> m, String key) throws MalformedRecordException {
        if (m.get(key) instanceof String s) return s;
        throw new MalformedRecordException(key + " is missing or not a string");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalMap(Map<String, Object> m, String key) throws MalformedRecordException {
        Object v = m.get(key);
        if (v == null) return null;
        if (v instanceof Map) return (Map<String, Object>) v;
        throw new MalformedRecordException(key + " is not an object");
    }

    private static String str(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? s : null;
    }
}
