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
final class ConductorFixture implements AutoCloseable {
    final Path home;
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final Telemetry telemetry = new Telemetry(metrics, Map.of(), List.of(SimpleSpanProcessor.create(spans)));
    final EventBus bus = new EventBus(metrics);
    final JdbcRunStore store;
    final Conductor conductor;
    final SpecParser parser = new SpecParser();
    final List<MaestroEvent> events = new CopyOnWriteArrayList<>();

    ConductorFixture(Path home) {
        this(home, 16);
    }

    ConductorFixture(Path home, int globalConcurrency) {
        this.home = home;
        this.store = JdbcRunStore.open(StoreUrls.embedded(home), null, null);
        this.conductor = new Conductor(store, bus, StepExecutors.builtIn(), telemetry,
                new ConductorConfig(home, globalConcurrency, 8, Owners.current(), Duration.ofSeconds(1)));
        bus.addListener("recorder", new Recorder());
    }

    private final class Recorder implements RunListener, StepListener {
        @Override public void onRunSubmitted(MaestroEvent.RunSubmitted e) { events.add(e); }
        @Override public void onRunStarted(MaestroEvent.RunStarted e) { events.add(e); }
        @Override public void onRunFinished(MaestroEvent.RunFinished e) { events.add(e); }
        @Override public void onStepScheduled(MaestroEvent.StepScheduled e) { events.add(e); }
        @Override public void onStepStarted(MaestroEvent.StepStarted e) { events.add(e); }
        @Override public void onStepRetrying(MaestroEvent.StepRetrying e) { events.add(e); }
        @Override public void onStepFinished(MaestroEvent.StepFinished e) { events.add(e); }
        @Override public void onArtifactProduced(MaestroEvent.ArtifactProduced e) { events.add(e); }
    }

    PipelineSpec spec(String yaml) {
        return parser.parse("test.yaml", yaml);
    }

    RunHandle start(String yaml) {
        return conductor.start(spec(yaml), Map.of());
    }

    Map<String, StepRecord> steps(String runId) {
        return store.steps(runId).stream().collect(Collectors.toMap(StepRecord::stepId, Function.identity()));
    }

    List<MaestroEvent> eventsOf(String runId) {
        bus.drain();
        return events.stream().filter(e -> runId.equals(e.runId())).toList();
    }

    /** The most step attempts running at the same time, as the event order shows it. */
    static int mostRunningAtOnce(List<MaestroEvent> events) {
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
