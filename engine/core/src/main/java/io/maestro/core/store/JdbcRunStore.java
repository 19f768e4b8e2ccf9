package io.maestro.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link RunStore} over JDBC (H2 embedded or PostgreSQL), schema by Flyway. One writer thread
 * applies records in call order and commits them in groups: each group is one transaction that
 * appends the events and logs and rewrites the projected rows they changed.
 */
public final class JdbcRunStore implements RunStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcRunStore.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX_GROUP = 4096;
    private static final RetryPolicy<Object> WRITE_RETRY = RetryPolicy.builder()
            .withMaxRetries(5).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(3))
            .onRetry(e -> log.warn("run store write failed, retrying: {}", rootMessage(e.getLastException())))
            .build();

    private final HikariDataSource dataSource;
    private final String description;
    private final Jdbc jdbc;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Map<String, Map<String, StepRow>> activeSteps = new ConcurrentHashMap<>();
    private final Map<String, RunRow> activeRuns = new ConcurrentHashMap<>();
    private final Thread writer;
    private volatile Exception writeFailure;
    private volatile boolean closed;

    private record Flush(CompletableFuture<Void> done) { }

    private record Log(String runId, String stepId, int attempt, LogLine.Stream stream, String line, Instant at) { }

    private record Heartbeat(String runId, String owner, Instant at) { }

    /** Mutable projection of one step, owned by the writer thread. */
    private static final class StepRow {
        String uses;
        StepStatus status = StepStatus.PENDING;
        int attempts;
        String reason;
        Map<String, String> outputs;
        Instant startedAt;
        Instant finishedAt;
        Long durationMs;
    }

    private static final class RunRow {
        RunStatus status = RunStatus.SUBMITTED;
        // set by RunFinished only: a run being resumed still carries its old terminal status until RunStarted
        boolean finished;
        String reason;
        String owner;
        Instant heartbeatAt;
        Instant startedAt;
        Instant finishedAt;
    }

    private JdbcRunStore(HikariDataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
        this.jdbc = new Jdbc(dataSource, description);
        this.writer = Thread.ofPlatform().name("maestro-store-writer").daemon().start(this::writeLoop);
    }

    /**
     * Opens (and migrates) the store at {@code url}. Credentials come from {@code user}/{@code password}
     * or the URL; error messages show the URL without them.
     */
    public static JdbcRunStore open(String url, String user, String password) {
        String safeUrl = StoreUrls.redact(url);
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) config.setUsername(user);
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(1); // one attempt: a wrong URL or login fails at once
        config.setPoolName("maestro-store");
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the run store at " + safeUrl + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").loggers("slf4j").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new StoreException("cannot migrate the run store at " + safeUrl + ": " + rootMessage(e), e);
        }
        return new JdbcRunStore(ds, safeUrl);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String toString() {
        return "run store " + description;
    }

    // ---- writes ------------------------------------------------------------------------------

    @Override
    public void createRun(NewRun run) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var ps = c.prepareStatement("INSERT INTO runs (run_id, tenant, pipeline, spec_path, spec_text, "
                    + "params_json, status, trace_id, owner, heartbeat_at, created_at, region) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, run.runId());
                ps.setString(2, run.tenant());
                ps.setString(3, run.pipeline());
                ps.setString(4, run.specPath());
                ps.setString(5, run.specText());
                ps.setString(6, JSON.writeValueAsString(run.params()));
                ps.setString(7, RunStatus.SUBMITTED.name());
                ps.setString(8, run.traceId());
                ps.setString(9, run.owner());
                ps.setTimestamp(10, ts(run.createdAt()));
                ps.setTimestamp(11, ts(run.createdAt()));
                ps.setString(12, run.region());
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("INSERT INTO step_states (run_id, step_id, uses, status, attempts) "
                    + "VALUES (?,?,?,?,0)")) {
                for (NewRun.PlannedStepRow s : run.steps()) {
                    ps.setString(1, run.runId());
                    ps.setString(2, s.stepId());
                    ps.setString(3, s.uses());
                    ps.setString(4, StepStatus.PENDING.name());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot record run " + run.runId() + " in " + description + ": " + e.getMessage(), e);
        }
        var rows = new ConcurrentHashMap<String, StepRow>();
        for (NewRun.PlannedStepRow s : run.steps()) {
            var row = new StepRow();
            row.uses = s.uses();
            rows.put(s.stepId(), row);
        }
        activeSteps.put(run.runId(), rows);
        var runRow = new RunRow();
        runRow.owner = run.owner();
        runRow.heartbeatAt = run.createdAt();
        activeRuns.put(run.runId(), runRow);
    }

    @Override
    public boolean prepareResume(String runId, String expectedOwner, String owner) {
        flush();
        RunRecord run = findRun(runId).orElseThrow(() -> new StoreException("no run " + runId));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // compare-and-set on the owner seen by the caller: of two conductors resuming at once, one wins
            try (var ps = c.prepareStatement("UPDATE runs SET owner = ?, heartbeat_at = ?, reason = NULL, "
                    + "finished_at = NULL WHERE run_id = ? AND owner IS NOT DISTINCT FROM ?")) {
                ps.setString(1, owner);
                ps.setTimestamp(2, ts(Instant.now()));
                ps.setString(3, runId);
                ps.setString(4, expectedOwner);
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
            }
            try (var ps = c.prepareStatement("UPDATE step_states SET status = ?, reason = NULL, finished_at = NULL, "
                    + "duration_ms = NULL WHERE run_id = ? AND status <> ?")) {
                ps.setString(1, StepStatus.PENDING.name());
                ps.setString(2, runId);
                ps.setString(3, StepStatus.SUCCEEDED.name());
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot prepare run " + runId + " for resume: " + e.getMessage(), e);
        }
        var rows = new ConcurrentHashMap<String, StepRow>();
        for (StepRecord s : steps(runId)) {
            var row = new StepRow();
            row.uses = s.uses();
            row.status = s.status();
            row.attempts = s.attempts();
            row.outputs = s.outputs();
            row.startedAt = s.startedAt();
            row.finishedAt = s.finishedAt();
            row.durationMs = s.durationMillis();
            rows.put(s.stepId(), row);
        }
        activeSteps.put(runId, rows);
        var runRow = new RunRow();
        runRow.status = run.status();
        runRow.owner = owner;
        runRow.heartbeatAt = Instant.now();
        runRow.startedAt = run.startedAt();
        activeRuns.put(runId, runRow);
        return true;
    }

    @Override
    public void record(MaestroEvent event) {
        enqueue(event);
    }

    @Override
    public void log(String runId, String stepId, int attempt, LogLine.Stream stream, String line) {
        enqueue(new Log(runId, stepId, attempt, stream, line, Instant.now()));
    }

    @Override
    public void heartbeat(String runId, String owner) {
        enqueue(new Heartbeat(runId, owner, Instant.now()));
    }

    @Override
    public void flush() {
        var done = new CompletableFuture<Void>();
        enqueue(new Flush(done));
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the run store");
        } catch (ExecutionException e) {
            throw new StoreException("writing to " + description + " failed: " + rootMessage(e.getCause()), e.getCause());
        }
    }

    private void enqueue(Object op) {
        if (closed) throw new StoreException(description + " is closed");
        queue.add(op);
    }

    private void writeLoop() {
        var group = new ArrayList<Object>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, MAX_GROUP);
            var flushes = new ArrayList<CompletableFuture<Void>>();
            boolean stop = false;
            var work = new ArrayList<Object>(group.size());
            for (Object op : group) {
                if (op instanceof Flush f) flushes.add(f.done());
                else if (op == STOP) stop = true;
                else work.add(op);
            }
            group.clear();
            if (!work.isEmpty()) {
                try {
                    // a database blip must not lose events: retry the whole group (re-applying it is idempotent)
                    Failsafe.with(WRITE_RETRY).run(() -> writeGroup(work));
                } catch (Exception e) {
                    // the log now has a gap; refuse later writes rather than record an inconsistent history
                    log.error("run store write failed after retries: {}", rootMessage(e));
                    writeFailure = e;
                }
            }
            Exception failure = writeFailure;
            for (var f : flushes) {
                if (failure == null) f.complete(null);
                else f.completeExceptionally(failure);
            }
            if (stop) return;
        }
    }

    private static final Object STOP = new Object();

    private void writeGroup(List<Object> ops) throws SQLException {
        var dirtySteps = new LinkedHashMap<String, LinkedHashSet<String>>();
        var dirtyRuns = new LinkedHashSet<String>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (var events = c.prepareStatement("INSERT INTO run_events (run_id, step_id, attempt, type, payload_json, at) "
                    + "VALUES (?,?,?,?,?,?)");
                 var logs = c.prepareStatement("INSERT INTO step_logs (run_id, step_id, attempt, stream, line, at) "
                         + "VALUES (?,?,?,?,?,?)")) {
                int eventCount = 0;
                int logCount = 0;
                for (Object op : ops) {
                    switch (op) {
                        case MaestroEvent e -> {
                            // plugin events belong to no run; plugins' audit actions are the audit log's to keep
                            // (a plugin's bad run id must never fail the run store's writes)
                            if (e.runId() == null || e instanceof MaestroEvent.AuditAction) continue;
                            events.setString(1, e.runId());
                            events.setString(2, e.stepId());
                            events.setInt(3, e.attempt());
                            events.setString(4, e.getClass().getSimpleName());
                            events.setString(5, JSON.writeValueAsString(e));
                            events.setTimestamp(6, ts(e.at()));
                            events.addBatch();
                            eventCount++;
                            project(e, dirtySteps, dirtyRuns);
                        }
                        case Log l -> {
                            logs.setString(1, l.runId());
                            logs.setString(2, l.stepId());
                            logs.setInt(3, l.attempt());
                            logs.setString(4, l.stream() == LogLine.Stream.OUT ? "O" : "E");
                            logs.setString(5, l.line());
                            logs.setTimestamp(6, ts(l.at()));
                            logs.addBatch();
                            logCount++;
                        }
                        case Heartbeat h -> {
                            RunRow run = activeRuns.get(h.runId());
                            if (run != null) {
                                run.heartbeatAt = h.at();
                                run.owner = h.owner();
                                dirtyRuns.add(h.runId());
                            }
                        }
                        default -> throw new IllegalStateException("unknown store op " + op);
                    }
                }
                if (eventCount > 0) events.executeBatch();
                if (logCount > 0) logs.executeBatch();
            }
            writeStepRows(c, dirtySteps);
            writeRunRows(c, dirtyRuns);
            c.commit();
        }
        for (String runId : dirtyRuns) {
            RunRow row = activeRuns.get(runId);
            if (row != null && row.finished) {
                activeRuns.remove(runId);
                activeSteps.remove(runId);
            }
        }
    }

    private void project(MaestroEvent event, Map<String, LinkedHashSet<String>> dirtySteps, LinkedHashSet<String> dirtyRuns) {
        RunRow run = activeRuns.get(event.runId());
        if (run == null) return;
        StepRow step = event.stepId() == null ? null
                : activeSteps.getOrDefault(event.runId(), Map.of()).get(event.stepId());
        switch (event) {
            case MaestroEvent.RunSubmitted e -> { }
            case MaestroEvent.RunStarted e -> {
                run.status = RunStatus.RUNNING;
                if (run.startedAt == null) run.startedAt = e.at();
                dirtyRuns.add(e.runId());
            }
            case MaestroEvent.RunFinished e -> {
                run.status = e.status();
                run.reason = e.reason();
                run.finishedAt = e.at();
                run.owner = null;
                run.finished = true;
                dirtyRuns.add(e.runId());
            }
            case MaestroEvent.StepScheduled e -> {
                if (step != null) step.status = StepStatus.SCHEDULED;
            }
            case MaestroEvent.StepStarted e -> {
                if (step != null) {
                    step.status = StepStatus.RUNNING;
                    step.attempts = Math.max(step.attempts, e.attempt());
                    if (step.startedAt == null) step.startedAt = e.at();
                }
            }
            case MaestroEvent.StepRetrying e -> {
                if (step != null) {
                    step.status = StepStatus.RETRYING;
                    step.reason = e.error();
                }
            }
            case MaestroEvent.StepFinished e -> {
                if (step != null) {
                    step.status = e.status();
                    step.reason = e.reason();
                    step.attempts = Math.max(step.attempts, e.attempt());
                    step.outputs = e.outputs();
                    step.finishedAt = e.at();
                    step.durationMs = e.durationMillis();
                }
            }
            case MaestroEvent.ArtifactProduced e -> { }
            case MaestroEvent.GateDecided e -> { }
            case MaestroEvent.AuditAction e -> { }
            case MaestroEvent.PluginLoaded e -> { }
            case MaestroEvent.PluginUnloaded e -> { }
        }
        if (step != null) dirtySteps.computeIfAbsent(event.runId(), k -> new LinkedHashSet<>()).add(event.stepId());
    }

    private void writeStepRows(Connection c, Map<String, LinkedHashSet<String>> dirty) throws SQLException {
        if (dirty.isEmpty()) return;
        try (var ps = c.prepareStatement("UPDATE step_states SET status = ?, attempts = ?, reason = ?, outputs_json = ?, "
                + "started_at = ?, finished_at = ?, duration_ms = ? WHERE run_id = ? AND step_id = ?")) {
            for (var entry : dirty.entrySet()) {
                Map<String, StepRow> rows = activeSteps.get(entry.getKey());
                for (String stepId : entry.getValue()) {
                    StepRow r = rows.get(stepId);
                    ps.setString(1, r.status.name());
                    ps.setInt(2, r.attempts);
                    ps.setString(3, r.reason);
                    ps.setString(4, r.outputs == null ? null : JSON.writeValueAsString(r.outputs));
                    ps.setTimestamp(5, ts(r.startedAt));
                    ps.setTimestamp(6, ts(r.finishedAt));
                    if (r.durationMs == null) ps.setNull(7, java.sql.Types.BIGINT);
                    else ps.setLong(7, r.durationMs);
                    ps.setString(8, entry.getKey());
                    ps.setString(9, stepId);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private void writeRunRows(Connection c, LinkedHashSet<String> dirty) throws SQLException {
        if (dirty.isEmpty()) return;
        try (var ps = c.prepareStatement("UPDATE runs SET status = ?, reason = ?, owner = ?, heartbeat_at = ?, "
                + "started_at = ?, finished_at = ? WHERE run_id = ?")) {
            for (String runId : dirty) {
                RunRow r = activeRuns.get(runId);
                ps.setString(1, r.status.name());
                ps.setString(2, r.reason);
                ps.setString(3, r.owner);
                ps.setTimestamp(4, ts(r.heartbeatAt));
                ps.setTimestamp(5, ts(r.startedAt));
                ps.setTimestamp(6, ts(r.finishedAt));
                ps.setString(7, runId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override
    public Optional<RunRecord> findRun(String runId) {
        var runs = queryRuns("SELECT * FROM runs WHERE run_id = ?", List.of(runId));
        return runs.stream().findFirst();
    }

    @Override
    public List<RunRecord> listRuns(RunQuery q) {
        var sql = new StringBuilder("SELECT * FROM runs WHERE 1=1");
        var args = new ArrayList<Object>();
        if (q.tenant() != null) { sql.append(" AND tenant = ?"); args.add(q.tenant()); }
        if (q.pipeline() != null) { sql.append(" AND pipeline = ?"); args.add(q.pipeline()); }
        if (q.status() != null) { sql.append(" AND status = ?"); args.add(q.status().name()); }
        if (q.since() != null) { sql.append(" AND created_at >= ?"); args.add(ts(q.since())); }
        if (q.until() != null) { sql.append(" AND created_at < ?"); args.add(ts(q.until())); }
        if (q.after() != null) {
            sql.append(" AND (created_at < ? OR (created_at = ? AND run_id < ?))");
            args.add(ts(q.after().createdAt()));
            args.add(ts(q.after().createdAt()));
            args.add(q.after().runId());
        }
        sql.append(" ORDER BY created_at DESC, run_id DESC LIMIT ").append(Math.max(1, Math.min(q.limit(), 10_000)));
        return queryRuns(sql.toString(), args);
    }

    private List<RunRecord> queryRuns(String sql, List<Object> args) {
        return query(sql, args, rs -> new RunRecord(rs.getString("run_id"), rs.getString("tenant"),
                rs.getString("pipeline"), rs.getString("spec_path"), rs.getString("spec_text"),
                JSON.readValue(rs.getString("params_json"), new TypeReference<LinkedHashMap<String, Object>>() { }),
                RunStatus.valueOf(rs.getString("status")), rs.getString("reason"), rs.getString("trace_id"),
                rs.getString("owner"), instant(rs, "heartbeat_at"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("region")));
    }

    @Override
    public List<StepRecord> steps(String runId) {
        return query("SELECT * FROM step_states WHERE run_id = ?", List.of(runId), rs -> {
            String outputs = rs.getString("outputs_json");
            long duration = rs.getLong("duration_ms");
            Long durationMs = rs.wasNull() ? null : duration;
            return new StepRecord(rs.getString("run_id"), rs.getString("step_id"), rs.getString("uses"),
                    StepStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("reason"),
                    outputs == null ? Map.of() : JSON.readValue(outputs, new TypeReference<LinkedHashMap<String, String>>() { }),
                    instant(rs, "started_at"), instant(rs, "finished_at"), durationMs);
        });
    }

    @Override
    public List<LogLine> logs(String runId, String stepId, long afterSeq, int limit) {
        String sql = "SELECT * FROM step_logs WHERE run_id = ?" + (stepId == null ? "" : " AND step_id = ?")
                + " AND seq > ? ORDER BY seq LIMIT " + clampLimit(limit);
        List<Object> args = stepId == null ? List.of(runId, afterSeq) : List.of(runId, stepId, afterSeq);
        return query(sql, args, rs -> new LogLine(rs.getLong("seq"),
                rs.getString("step_id"), rs.getInt("attempt"),
                "O".equals(rs.getString("stream")) ? LogLine.Stream.OUT : LogLine.Stream.ERR,
                rs.getString("line"), instant(rs, "at")));
    }

    @Override
    public List<EventRecord> events(String runId, long afterSeq, int limit) {
        return query("SELECT * FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT " + clampLimit(limit),
                List.of(runId, afterSeq), JdbcRunStore::eventRecord);
    }

    @Override
    public List<EventRecord> eventsAfter(long afterSeq, int limit) {
        return query("SELECT * FROM run_events WHERE seq > ? ORDER BY seq LIMIT " + clampLimit(limit),
                List.of(afterSeq), JdbcRunStore::eventRecord);
    }

    @Override
    public long lastEventSeq() {
        return query("SELECT COALESCE(MAX(seq), 0) AS last FROM run_events", List.of(), rs -> rs.getLong("last")).getFirst();
    }

    private static EventRecord eventRecord(ResultSet rs) throws SQLException {
        return new EventRecord(rs.getLong("seq"), rs.getString("run_id"), rs.getString("step_id"), rs.getInt("attempt"),
                rs.getString("type"), rs.getString("payload_json"), instant(rs, "at"));
    }

    private static int clampLimit(int limit) {
        return Math.max(1, limit);
    }

    @Override
    public Map<String, Map<StepStatus, Integer>> stepCounts(java.util.Collection<String> runIds) {
        Map<String, Map<StepStatus, Integer>> counts = new HashMap<>();
        if (runIds.isEmpty()) return counts;
        var ids = List.copyOf(runIds);
        String marks = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        query("SELECT run_id, status, COUNT(*) AS n FROM step_states WHERE run_id IN (" + marks + ") GROUP BY run_id, status",
                ids, rs -> counts.computeIfAbsent(rs.getString("run_id"), k -> new java.util.EnumMap<>(StepStatus.class))
                        .put(StepStatus.valueOf(rs.getString("status")), rs.getInt("n")));
        return counts;
    }

    private <T> List<T> query(String sql, List<?> args, Jdbc.RowMapper<T> mapper) {
        return jdbc.query(sql, args, mapper);
    }

    @Override
    public void close() {
        if (closed) return;
        try {
            flush();
        } catch (StoreException e) {
            log.warn("closing run store with unwritten records: {}", e.getMessage());
        } finally {
            closed = true;
            queue.add(STOP);
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dataSource.close();
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Jdbc.instant(rs, column);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return StoreUrls.redact(m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m));
    }
}
