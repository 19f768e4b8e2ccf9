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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real conductor wired as {@code maestro run} wires it (built-in step types, no plugins, no OTLP
 * export), over a store in a fresh temporary home that {@link #close()} deletes.
 */
final class BenchConductor implements AutoCloseable {
    private static final AtomicInteger MEM_DATABASES = new AtomicInteger();

    private final Path home;
    private final Telemetry telemetry;
    private final EventBus bus;
    private final RunStore store;
    private final Conductor conductor;

    BenchConductor(StoreKind kind) {
        try {
            home = Files.createTempDirectory("maestro-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var registry = new SimpleMeterRegistry();
        telemetry = new Telemetry(registry, Map.of(), List.of());
        bus = new EventBus(registry);
        String url = switch (kind) {
            case FILE -> StoreUrls.embedded(home);
            case MEM -> "jdbc:h2:mem:bench" + MEM_DATABASES.incrementAndGet()
                    + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        };
        store = JdbcRunStore.open(url, null, null);
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
        deleteTree(home);
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is not worth failing a benchmark for
        }
    }
}
