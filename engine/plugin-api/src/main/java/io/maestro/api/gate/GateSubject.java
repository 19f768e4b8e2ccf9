package io.maestro.api.gate;

import io.maestro.api.event.TraceContext;
import java.util.Map;

/** What a gate is asked about: a run about to start (stepId null) or a step about to start. */
public record GateSubject(String tenant, String runId, String pipeline, String stepId, String uses,
                          Map<String, Object> params, Map<String, String> labels, TraceContext trace) {
}
