package io.maestro.plugins.audit;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.maestro.api.event.TraceContext;
import io.maestro.plugins.audit.AuditRecord.Actor;
import io.maestro.plugins.audit.AuditRecord.Target;
import io.maestro.plugins.audit.AuditRecord.Trace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns what the engine tells listeners into audit records. Parameter and output values are left
 * out on purpose (they may carry secrets or personal data): only their names are recorded.
 */
final class EventRecords {
    private EventRecords() { }

    static AuditRecord from(MaestroEvent event) {
        return switch (event) {
            case MaestroEvent.RunSubmitted e -> run(e, "run.submit", AuditRecord.SUCCESS, null,
                    details("pipeline", e.pipeline(), "param_names", names(e.params())));
            case MaestroEvent.RunStarted e -> run(e, "run.start", AuditRecord.SUCCESS, null,
                    details("pipeline", e.pipeline(), "resumed", e.resumed()));
            case MaestroEvent.RunFinished e -> run(e, "run.finish", outcome(e.status()), e.reason(),
                    details("pipeline", e.pipeline(), "status", e.status() == null ? null : e.status().name()));
            case MaestroEvent.StepScheduled e -> step(e, "step.schedule", AuditRecord.SUCCESS, null,
                    details("uses", e.uses()));
            case MaestroEvent.StepStarted e -> step(e, "step.start", AuditRecord.SUCCESS, null,
                    details("uses", e.uses(), "attempt", (long) e.attempt()));
            case MaestroEvent.StepRetrying e -> step(e, "step.retry", AuditRecord.FAILURE, e.error(),
                    details("attempt", (long) e.attempt(), "delay_ms", e.delayMillis()));
            case MaestroEvent.StepFinished e -> step(e, "step.finish", outcome(e.status()), e.reason(),
                    details("attempt", (long) e.attempt(), "status", e.status() == null ? null : e.status().name(),
                            "duration_ms", e.durationMillis(), "output_names", names(e.outputs())));
            case MaestroEvent.GateDecided e -> gate(e);
            case MaestroEvent.ArtifactProduced e -> AuditRecord.of(e.at(), Actor.SYSTEM, "artifact.produce",
                    new Target("artifact", e.name(), e.path()), e.runId(), e.tenant(), AuditRecord.SUCCESS, null,
                    trace(e.trace()), details("step", e.stepId(), "attempt", (long) e.attempt(), "path", e.path(),
                            "sha256", e.sha256(), "size_bytes", e.sizeBytes()));
            case MaestroEvent.AuditAction e -> {
                var entry = e.entry();
                Map<String, Object> details = new LinkedHashMap<>(entry.details());
                details.put("source_plugin", e.source());
                yield AuditRecord.of(e.at(), new Actor(entry.actorType(), entry.actor()), entry.action(),
                        new Target(entry.targetType(), entry.targetId(), null), entry.runId(), entry.tenant(),
                        entry.outcome(), entry.reason(), null, details);
            }
            case MaestroEvent.PluginLoaded e -> AuditRecord.of(e.at(), Actor.SYSTEM, "plugin.load",
                    new Target("plugin", e.pluginId(), e.pluginId() + " " + e.version()), null, null,
                    AuditRecord.SUCCESS, null, null, withOrigin(details("version", e.version(),
                            "extensions", e.extensions() == null ? List.of() : List.copyOf(e.extensions()))));
            case MaestroEvent.PluginUnloaded e -> AuditRecord.of(e.at(), Actor.SYSTEM, "plugin.unload",
                    new Target("plugin", e.pluginId(), e.pluginId() + " " + e.version()), null, null,
                    AuditRecord.SUCCESS, null, null, withOrigin(details("version", e.version())));
        };
    }

    private static AuditRecord gate(MaestroEvent.GateDecided e) {
        String outcome = switch (e.decision() == null ? "" : e.decision()) {
            case "allow" -> AuditRecord.SUCCESS;
            case "deny" -> AuditRecord.DENIED;
            case "hold" -> AuditRecord.HELD;
            default -> AuditRecord.UNKNOWN;
        };
        Target target = e.stepId() == null ? new Target("run", e.runId(), null) : new Target("step", e.stepId(), null);
        return AuditRecord.of(e.at(), Actor.SYSTEM, "gate.decide", target, e.runId(), e.tenant(), outcome, e.reason(),
                trace(e.trace()), details("decision", e.decision(), "gate", e.gate()));
    }

    private static AuditRecord run(MaestroEvent e, String action, String outcome, String reason,
                                   Map<String, Object> details) {
        String pipeline = details.get("pipeline") instanceof String p ? p : null;
        return AuditRecord.of(e.at(), Actor.SYSTEM, action, new Target("run", e.runId(), pipeline), e.runId(),
                e.tenant(), outcome, reason, trace(e.trace()), details);
    }

    private static AuditRecord step(MaestroEvent e, String action, String outcome, String reason,
                                    Map<String, Object> details) {
        return AuditRecord.of(e.at(), Actor.SYSTEM, action, new Target("step", e.stepId(), null), e.runId(),
                e.tenant(), outcome, reason, trace(e.trace()), details);
    }

    static String outcome(RunStatus status) {
        if (status == null) return AuditRecord.UNKNOWN;
        return switch (status) {
            case SUCCEEDED -> AuditRecord.SUCCESS;
            case FAILED -> AuditRecord.FAILURE;
            case CANCELLED -> AuditRecord.CANCELLED;
            case SUBMITTED, RUNNING -> AuditRecord.UNKNOWN;
        };
    }

    static String outcome(StepStatus status) {
        if (status == null) return AuditRecord.UNKNOWN;
        return switch (status) {
            case SUCCEEDED -> AuditRecord.SUCCESS;
            case FAILED -> AuditRecord.FAILURE;
            case CANCELLED -> AuditRecord.CANCELLED;
            case SKIPPED -> AuditRecord.SKIPPED;
            case PENDING, SCHEDULED, HELD, RUNNING, RETRYING -> AuditRecord.UNKNOWN;
        };
    }

    static Trace trace(TraceContext t) {
        if (t == null || t.equals(TraceContext.NONE)) return null;
        return new Trace(t.traceId(), t.spanId());
    }

    /** Key/value pairs, nulls dropped. */
    static Map<String, Object> details(Object... kv) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Which process observed it: plugin loads happen in every conductor and CLI process. */
    static Map<String, Object> withOrigin(Map<String, Object> details) {
        details.put("host", Origin.HOST);
        details.put("pid", Origin.PID);
        return details;
    }

    private static List<Object> names(Map<String, ?> map) {
        return map == null ? List.of() : List.copyOf(new TreeSet<>(map.keySet()));
    }

    static final class Origin {
        static final String HOST = hostName();
        static final long PID = ProcessHandle.current().pid();

        private Origin() { }

        /** Without a DNS lookup (it can hang on a badly configured host, and this runs on a listener thread). */
        private static String hostName() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) return env.strip();
            for (String f : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
                try {
                    String name = java.nio.file.Files.readString(java.nio.file.Path.of(f)).strip();
                    if (!name.isEmpty()) return name;
                } catch (java.io.IOException | RuntimeException e) {
                    // try the next source
                }
            }
            return "unknown";
        }
    }
}
