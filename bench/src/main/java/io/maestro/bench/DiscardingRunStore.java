package io.maestro.bench;

import io.maestro.api.event.MaestroEvent;
import io.maestro.core.store.EventRecord;
import io.maestro.core.store.LogLine;
import io.maestro.core.store.NewRun;
import io.maestro.core.store.RunQuery;
import io.maestro.core.store.RunRecord;
import io.maestro.core.store.RunStore;
import io.maestro.core.store.StepRecord;
import java.util.List;
import java.util.Optional;

/**
 * A run store that keeps nothing: with it a benchmark measures the conductor's own scheduling, with
 * no SQL, serialisation or commit waits. Not something Maestro offers; a lower bound only.
 */
final class DiscardingRunStore implements RunStore {
    @Override public void createRun(NewRun run) { }
    @Override public boolean prepareResume(String runId, String expectedOwner, String owner) { return false; }
    @Override public void record(MaestroEvent event) { }
    @Override public void log(String runId, String stepId, int attempt, LogLine.Stream stream, String line) { }
    @Override public void heartbeat(String runId, String owner) { }
    @Override public void flush() { }
    @Override public Optional<RunRecord> findRun(String runId) { return Optional.empty(); }
    @Override public List<RunRecord> listRuns(RunQuery query) { return List.of(); }
    @Override public List<StepRecord> steps(String runId) { return List.of(); }
    @Override public List<LogLine> logs(String runId, String stepId, long afterSeq, int limit) { return List.of(); }
    @Override public List<EventRecord> events(String runId, long afterSeq, int limit) { return List.of(); }
    @Override public long lastEventSeq() { return 0; }
    @Override public List<EventRecord> eventsAfter(long afterSeq, int limit) { return List.of(); }
    @Override public java.util.Map<String, java.util.Map<io.maestro.api.event.StepStatus, Integer>> stepCounts(
            java.util.Collection<String> runIds) { return java.util.Map.of(); }
    @Override public void close() { }
}
