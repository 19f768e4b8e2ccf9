package io.maestro.bench;

import io.maestro.api.event.RunStatus;
import io.maestro.core.event.EventBus;
import io.maestro.core.run.Conductor;
import io.maestro.core.run.ConductorConfig;
import io.maestro.core.run.RunHandle;
import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.step.StepExecutors;
import io.maestro.core.store.JdbcRunStore;
import io.maestro.core.store.RunStore;
import io.maestro.core.store.StoreUrls;
import io.maestro.core.telemetry.Telemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real conductor wired as {@code maestro run} wires it (built-in step types, no plugins, no OTLP
 * export), over a store in a home directory of its own.
 */
final class BenchConductor implements AutoCloseable {
    private static final AtomicInteger MEM_DATABASES = new AtomicInteger();

    private final Path home;
    private final boolean ownsHome;
    private final String memUrl;
    private final Telemetry telemetry;
    private final EventBus bus;
    private final RunStore store;
    private final Conductor conductor;

    /** Over a fresh temporary home that {@link #close()} deletes. */
    BenchConductor(StoreKind kind) {
        this(kind, createTempHome(), true);
    }

    /**
     * Over {@code home}, which the caller deletes when it likes: deleting tens of thousands of run
     * directories just before the next measured run makes ext4 slow at creating that run's
     * directories (it skips recently freed inodes), which would be measured as scheduler time.
     */
    BenchConductor(StoreKind kind, Path home) {
        this(kind, home, false);
    }

    private BenchConductor(StoreKind kind, Path home, boolean ownsHome) {
        this.home = home;
        this.ownsHome = ownsHome;
        var registry = new SimpleMeterRegistry();
        telemetry = new Telemetry(registry, Map.of(), List.of());
        bus = new EventBus(registry);
        memUrl = kind == StoreKind.MEM ? "jdbc:h2:mem:bench" + MEM_DATABASES.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" : null;
        store = switch (kind) {
            case FILE -> JdbcRunStore.open(StoreUrls.embedded(home), null, null);
            case MEM -> JdbcRunStore.open(memUrl, null, null);
            case NONE -> new DiscardingRunStore();
        };
        conductor = new Conductor(store, bus, StepExecutors.builtIn(), telemetry, ConductorConfig.defaults(home));
    }

    /** Runs the spec to its end; a run that does not succeed makes the benchmark fail, not look fast. */
    RunStatus runToSuccess(PipelineSpec spec) {
        RunHandle handle = conductor.start(spec, Map.of());
        RunStatus status = handle.await();
        if (status != RunStatus.SUCCEEDED) {
            throw new IllegalStateException("run " + handle.runId() + " of " + spec.name() + " ended " + status);
        }
        return status;
    }

    Path home() {
        return home;
    }

    @Override
    public void close() {
        conductor.close();
        bus.close();
        telemetry.close();
        store.close();
        if (memUrl != null) dropMemoryDatabase(memUrl);
        if (ownsHome) deleteTree(home);
    }

    private static Path createTempHome() {
        try {
            return Files.createTempDirectory("maestro-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DB_CLOSE_DELAY=-1 keeps an in-memory database after its last connection: free it for the next iteration. */
    private static void dropMemoryDatabase(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + url + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        try {
            io.maestro.core.os.LocalResources.deleteTree(root);
        } catch (IOException | java.io.UncheckedIOException e) {
            // a leftover temp directory is not worth failing a benchmark for
        }
    }
}
