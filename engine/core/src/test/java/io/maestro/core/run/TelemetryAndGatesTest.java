package io.maestro.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunStatus;
import io.maestro.api.gate.Decision;
import io.maestro.api.gate.GateSubject;
import io.maestro.api.gate.StepGate;
import io.maestro.core.event.EventBus;
import io.maestro.core.step.StepExecutors;
import io.maestro.core.store.JdbcRunStore;
import io.maestro.core.store.StoreUrls;
import io.maestro.core.telemetry.Telemetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TelemetryAndGatesTest {
    @TempDir Path home;

    @Test
    void aHoldingGateIsAskedAgainUntilItAllows() {
        try (var f = new ConductorFixture(home)) {
            var asked = new AtomicInteger();
            f.bus.addStepGate(new StepGate() {
                @Override
                public Decision decide(GateSubject s) {
                    return asked.incrementAndGet() < 3 ? Decision.hold("waiting for approval") : Decision.allow();
                }

                @Override
                public Duration recheckAfter() { return Duration.ofMillis(20); }
            });
            RunHandle run = f.start("""
                    apiVersion: maestro/v1
                    kind: Pipeline
                    metadata: {name: hold}
                    steps: [{id: deploy, uses: noop}]
                    """);
            assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(asked.get()).isEqualTo(3);
        }
    }

    @Test
    void theGlobalLimitHoldsAcrossRuns() {
        try (var f = new ConductorFixture(home, 1)) {
            String yaml = """
                    apiVersion: maestro/v1
                    kind: Pipeline
                    metadata: {name: global}
                    steps: [{id: a, with: {run: "sleep 0.2"}}, {id: b, with: {run: "sleep 0.2"}}]
                    """;
            RunHandle first = f.start(yaml);
            RunHandle second = f.start(yaml);
            assertThat(first.await()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(second.await()).isEqualTo(RunStatus.SUCCEEDED);
            f.bus.drain();
            assertThat(ConductorFixture.mostRunningAtOnce(f.events)).isEqualTo(1);
        }
    }

    @Test
    void anHttpStepSendsItsTraceparentAndReturnsStatusAndBody() throws Exception {
        var received = new CopyOnWriteArrayList<String>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("traceparent") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "accepted".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (var f = new ConductorFixture(home)) {
            RunHandle run = f.start("""
                    apiVersion: maestro/v1
                    kind: Pipeline
                    metadata: {name: hook}
                    steps:
                      - {id: ver, uses: noop, with: {outputs: {version: "1.2.3"}}}
                      - id: notify
                        needs: [ver]
                        uses: http
                        with: {method: POST, url: "http://127.0.0.1:%d/hook", body: "v=${{ steps.ver.outputs.version }}"}
                    """.formatted(server.getAddress().getPort()));
            assertThat(run.await()).isEqualTo(RunStatus.SUCCEEDED);
            SpanData span = f.spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("step notify"))
                    .findFirst().orElseThrow();
            assertThat(received).containsExactly("POST 00-" + span.getTraceId() + "-" + span.getSpanId() + "-01 v=1.2.3");
            assertThat(f.steps(run.runId()).get("notify").outputs()).containsEntry("status", "202")
                    .containsEntry("body", "accepted");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void spansAreExportedOverOtlpWhenAnEndpointIsConfigured() throws Exception {
        var posts = new CopyOnWriteArrayList<String>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posts.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        var metrics = new SimpleMeterRegistry();
        var telemetry = new Telemetry(metrics, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://127.0.0.1:" + collector.getAddress().getPort()), List.of());
        try (var store = JdbcRunStore.open(StoreUrls.embedded(home), null, null); var bus = new EventBus(metrics)) {
            var conductor = new Conductor(store, bus, StepExecutors.builtIn(), telemetry, ConductorConfig.defaults(home));
            var spec = new io.maestro.core.spec.SpecParser().parse("t.yaml", """
                    apiVersion: maestro/v1
                    kind: Pipeline
                    metadata: {name: exported}
                    steps: [{id: only-step, uses: noop}]
                    """);
            assertThat(conductor.start(spec, Map.of()).await()).isEqualTo(RunStatus.SUCCEEDED);
            conductor.close();
            telemetry.close(); // flushes the batch
            assertThat(posts).isNotEmpty();
            assertThat(posts).allSatisfy(p -> assertThat(p).startsWith("/v1/traces application/x-protobuf"));
            assertThat(String.join("", posts)).contains("run exported", "step only-step", "maestro.run_id");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void logsWrittenDuringAStepAttemptCarryItsTraceAndSpanIds() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(StepRunner.class);
        var previousLevel = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(appender);
        try (var f = new ConductorFixture(home)) {
            RunHandle run = f.start("""
                    apiVersion: maestro/v1
                    kind: Pipeline
                    metadata: {name: logs}
                    steps: [{id: broken, with: {run: "exit 4"}}]
                    """);
            assertThat(run.await()).isEqualTo(RunStatus.FAILED);
            SpanData span = f.spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("step broken"))
                    .findFirst().orElseThrow();
            assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().contains("attempt 1 of run"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.getMDCPropertyMap()).containsEntry("trace_id", span.getTraceId())
                                .containsEntry("span_id", span.getSpanId()).containsEntry("step_id", "broken")
                                .containsEntry("run_id", run.runId());
                    });
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(previousLevel);
        }
    }
}
