package io.maestro.core.store;

import java.time.Instant;

/** One entry of a run's event log, as stored (payload is the event record as JSON). */
public record EventRecord(long seq, String runId, String stepId, int attempt, String type, String payloadJson, Instant at) {
}
