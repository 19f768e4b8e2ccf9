package io.maestro.api.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything that happens to a run, as immutable records. Plugins receive these through
 * {@link io.maestro.api.event.RunListener} and {@link io.maestro.api.event.StepListener}.
 * Each event carries tenant, run id, step id (null for run-level events), attempt (0 for
 * run-level events), time and trace context.
 */
public sealed interface MaestroEvent {
    String tenant();
    String runId();
    String stepId();
    int attempt();
    Instant at();
    TraceContext trace();

    /** A run was accepted and recorded, before any gate or step. */
    record RunSubmitted(String tenant, String runId, String pipeline, Map<String, Object> params,
                        Instant at, TraceContext trace) implements MaestroEvent {
        public String stepId() { return null; }
        public int attempt() { return 0; }
    }

    /** A run started executing; {@code resumed} is true when it continues an earlier, unfinished run. */
    record RunStarted(String tenant, String runId, String pipeline, boolean resumed,
                      Instant at, TraceContext trace) implements MaestroEvent {
        public String stepId() { return null; }
        public int attempt() { return 0; }
    }

    record RunFinished(String tenant, String runId, String pipeline, RunStatus status, String reason,
                       Instant at, TraceContext trace) implements MaestroEvent {
        public String stepId() { return null; }
        public int attempt() { return 0; }
    }

    /** A step's dependencies are done and its {@code when} holds; it waits for a concurrency slot. */
    record StepScheduled(String tenant, String runId, String stepId, String uses,
                         Instant at, TraceContext trace) implements MaestroEvent {
        public int attempt() { return 0; }
    }

    record StepStarted(String tenant, String runId, String stepId, String uses, int attempt,
                       Instant at, TraceContext trace) implements MaestroEvent { }

    /** An attempt failed and another one follows after {@code delayMillis}. */
    record StepRetrying(String tenant, String runId, String stepId, int attempt, String error, long delayMillis,
                        Instant at, TraceContext trace) implements MaestroEvent { }

    /** A step reached a terminal state; outputs are those the last attempt produced. */
    record StepFinished(String tenant, String runId, String stepId, int attempt, StepStatus status,
                        String reason, Map<String, String> outputs, long durationMillis,
                        Instant at, TraceContext trace) implements MaestroEvent { }

    /**
     * The gates answered for a run (stepId null) or a step: {@code decision} is allow, deny or hold;
     * {@code gate} names the gate that decided (null when every gate allowed).
     */
    record GateDecided(String tenant, String runId, String stepId, String decision, String gate, String reason,
                       Instant at, TraceContext trace) implements MaestroEvent {
        public int attempt() { return 0; }
    }

    record ArtifactProduced(String tenant, String runId, String stepId, int attempt, String name, String path,
                            String sha256, long sizeBytes, Instant at, TraceContext trace) implements MaestroEvent { }

    /** An {@link io.maestro.api.plugin.AuditEntry} a plugin emitted; {@code source} is that plugin's id. */
    record AuditAction(String source, io.maestro.api.plugin.AuditEntry entry, Instant at) implements MaestroEvent {
        public String tenant() { return entry.tenant(); }
        public String runId() { return entry.runId(); }
        public String stepId() { return null; }
        public int attempt() { return 0; }
        public TraceContext trace() { return TraceContext.NONE; }
    }

    record PluginLoaded(String pluginId, String version, List<String> extensions, Instant at) implements MaestroEvent {
        public String tenant() { return null; }
        public String runId() { return null; }
        public String stepId() { return null; }
        public int attempt() { return 0; }
        public TraceContext trace() { return TraceContext.NONE; }
    }

    record PluginUnloaded(String pluginId, String version, Instant at) implements MaestroEvent {
        public String tenant() { return null; }
        public String runId() { return null; }
        public String stepId() { return null; }
        public int attempt() { return 0; }
        public TraceContext trace() { return TraceContext.NONE; }
    }
}
