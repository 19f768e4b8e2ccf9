package io.maestro.core.store;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.StepStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run store port: an append-only log of run and step events with current state projected
 * from it, plus step logs. {@link #record} and {@link #log} are asynchronous and applied in call
 * order; {@link #flush} waits until everything recorded so far is committed.
 */
public interface RunStore extends AutoCloseable {

    /** Records a new run and all its planned step instances as PENDING, atomically. */
    void createRun(NewRun run);

    /**
     * Takes ownership of an unfinished run to resume it, if its owner is still {@code expectedOwner}
     * (null for none): non-succeeded steps go back to PENDING.
     *
     * @return false when another conductor claimed the run first (nothing is changed)
     */
    boolean prepareResume(String runId, String expectedOwner, String owner);

    void record(MaestroEvent event);

    void log(String runId, String stepId, int attempt, LogLine.Stream stream, String line);

    /** Marks the run as still owned by a live conductor. */
    void heartbeat(String runId, String owner);

    /** Waits until every record and log call so far is committed; throws if any write failed. */
    void flush();

    Optional<RunRecord> findRun(String runId);

    List<RunRecord> listRuns(RunQuery query);

    List<StepRecord> steps(String runId);

    /** All log lines of a run ({@code stepId} null) or of one step, in order. */
    default List<LogLine> logs(String runId, String stepId) {
        return logs(runId, stepId, 0, Integer.MAX_VALUE);
    }

    /** At most {@code limit} log lines with a sequence number above {@code afterSeq}, in order. */
    List<LogLine> logs(String runId, String stepId, long afterSeq, int limit);

    default List<EventRecord> events(String runId) {
        return events(runId, 0, Integer.MAX_VALUE);
    }

    /** At most {@code limit} events of one run with a sequence number above {@code afterSeq}, in order. */
    List<EventRecord> events(String runId, long afterSeq, int limit);

    /** At most {@code limit} events of all runs with a sequence number above {@code afterSeq}, in order. */
    List<EventRecord> eventsAfter(long afterSeq, int limit);

    /** The highest event sequence number stored (0 when there is none). */
    long lastEventSeq();

    /** How many steps of each run are in each state. */
    Map<String, Map<StepStatus, Integer>> stepCounts(Collection<String> runIds);

    @Override
    void close();
}
