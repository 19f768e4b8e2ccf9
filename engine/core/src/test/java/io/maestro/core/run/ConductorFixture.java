package io.maestro.core.run;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunListener;
import io.maestro.api.event.StepListener;
import io.maestro.core.event.EventBus;
import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.step.StepExecutors;
import io.maestro.core.store.JdbcRunStore;
import io.maestro.core.store.StepRecord;
import io.maestro.core.store.StoreUrls;
import io.maestro.core.telemetry.Telemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A real conductor on an embedded H2 store in a temp dir, recording every event and span. */
public final class ConductorFixture implements AutoCloseable {
    public final Path home;
    public final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    public final InMemorySpanExporter spans = InMemorySpanExporter.create();
    public final Telemetry telemetry = new Telemetry(metrics, Map.of(), List.of(SimpleSpanProcessor.create(spans)));
    public final EventBus bus = new EventBus(metrics);
    public final StepExecutors executors = StepExecutors.builtIn();
    public final JdbcRunStore store;
    public final Conductor conductor;
    /** Knows the step types of loaded plugins too. */
    public final SpecParser parser = new SpecParser(new io.maestro.core.spec.SpecChecks(
            new io.maestro.core.expr.Expressions(), executors::types));
    public final List<MaestroEvent> events = new CopyOnWriteArrayList<>();

    public ConductorFixture(Path home) {
        this(home, 16);
    }

    public ConductorFixture(Path home, int globalConcurrency) {
        this.home = home;
        this.store = JdbcRunStore.open(StoreUrls.embedded(home), null, null);
        this.conductor = new Conductor(store, bus, executors, telemetry,
                new ConductorConfig(home, globalConcurrency, 8, Owners.current(), Duration.ofSeconds(1)));
        bus.addListener("recorder", new Recorder());
    }

    private final class Recorder implements RunListener, StepListener {
        @Override public void onRunSubmitted(MaestroEvent.RunSubmitted e) { events.add(e); }
        @Override public void onRunStarted(MaestroEvent.RunStarted e) { events.add(e); }
        @Override public void onRunFinished(MaestroEvent.RunFinished e) { events.add(e); }
        @Override public void onPluginLoaded(MaestroEvent.PluginLoaded e) { events.add(e); }
        @Override public void onPluginUnloaded(MaestroEvent.PluginUnloaded e) { events.add(e); }
        @Override public void onStepScheduled(MaestroEvent.StepScheduled e) { events.add(e); }
        @Override public void onStepStarted(MaestroEvent.StepStarted e) { events.add(e); }
        @Override public void onStepRetrying(MaestroEvent.StepRetrying e) { events.add(e); }
        @Override public void onStepFinished(MaestroEvent.StepFinished e) { events.add(e); }
        @Override public void onArtifactProduced(MaestroEvent.ArtifactProduced e) { events.add(e); }
    }

    public PipelineSpec spec(String yaml) {
        return parser.parse("test.yaml", yaml);
    }

    public RunHandle start(String yaml) {
        return conductor.start(spec(yaml), Map.of());
    }

    public Map<String, StepRecord> steps(String runId) {
        return store.steps(runId).stream().collect(Collectors.toMap(StepRecord::stepId, Function.identity()));
    }

    public List<MaestroEvent> eventsOf(String runId) {
        bus.drain();
        return events.stream().filter(e -> runId.equals(e.runId())).toList();
    }

    /** The most step attempts running at the same time, as the event order shows it. */
    public static int mostRunningAtOnce(List<MaestroEvent> events) {
        int running = 0;
        int max = 0;
        for (MaestroEvent e : events) {
            if (e instanceof MaestroEvent.StepStarted) max = Math.max(max, ++running);
            if (e instanceof MaestroEvent.StepFinished) running--;
        }
        return max;
    }

    @Override
    public void close() {
        conductor.close();
        bus.close();
        telemetry.close();
        store.close();
    }
}
