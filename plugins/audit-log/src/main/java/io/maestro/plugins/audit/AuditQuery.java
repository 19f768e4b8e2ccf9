package io.maestro.plugins.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Which records an investigation wants: every given criterion must hold. {@code action} may end or
 * contain {@code *} ({@code step.*}); {@code since} is inclusive, {@code until} exclusive.
 */
record AuditQuery(String tenant, String actor, String action, Instant since, Instant until, String run,
                  String outcome, long fromSeq) {
    static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null, 0);

    boolean matches(AuditRecord r) {
        return matches(r, actionPattern());
    }

    private boolean matches(AuditRecord r, Pattern actionPattern) {
        if (tenant != null && !tenant.equals(r.tenant())) return false;
        if (actor != null && !actor.equals(r.actor().name())) return false;
        if (actionPattern != null && !actionPattern.matcher(r.action()).matches()) return false;
        if (since != null && r.time().isBefore(since)) return false;
        if (until != null && !r.time().isBefore(until)) return false;
        if (run != null && !run.equals(r.run())) return false;
        if (outcome != null && !outcome.equals(r.outcome())) return false;
        return r.seq() >= fromSeq;
    }

    private Pattern actionPattern() {
        if (action == null) return null;
        var regex = new StringBuilder();
        for (String part : action.split("\\*", -1)) {
            if (!regex.isEmpty()) regex.append(".*");
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** Feeds the matching records, in log order, to {@code sink}; returns how many lines were not readable records. */
    long scan(AuditFiles files, Consumer<AuditRecord> sink) throws IOException {
        AuditFiles.Snapshot snap = files.snapshot();
        long unreadable = 0;
        Pattern compiled = actionPattern();
        try (var lines = new AuditFiles.Lines(files.records(), snap.recordsSize())) {
            String text;
            while ((text = lines.next()) != null) {
                AuditRecord r;
                try {
                    r = AuditRecord.fromMap(CanonicalJson.parseObject(text));
                } catch (CanonicalJson.SyntaxException | AuditRecord.MalformedRecordException e) {
                    unreadable++;
                    continue;
                }
                if (matches(r, compiled)) sink.accept(r);
            }
        }
        return unreadable;
    }
}
