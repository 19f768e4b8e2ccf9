package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-sent events: a run's events in order, and a reconnect with Last-Event-ID misses nothing. */
class EventStreamTest {
    @TempDir static Path home;
    static TestServer server;
    static String token;

    @BeforeAll
    static void start() {
        server = TestServer.embedded(home);
        token = server.token("acme", Role.OPERATOR);
        String admin = server.token("acme", Role.AUTHOR);
        server.submit(admin, "s.yaml", TestServer.spec("streamed", """
                  - id: a
                    with: {run: 'echo one; sleep 0.3; echo two'}
                  - id: b
                    needs: [a]
                    with: {run: 'echo three'}
                """));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Event(long id, String type, String data) { }

    /** Reads events until {@code stop} returns true for one (inclusive), or the limit. */
    static List<Event> read(String path, Long lastEventId, java.util.function.Predicate<Event> stop) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(server.server.url() + path)).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30));
        if (lastEventId != null) b.header("Last-Event-ID", lastEventId.toString());
        HttpResponse<java.io.InputStream> r = server.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        var events = new ArrayList<Event>();
        try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            long id = -1;
            String type = null;
            var data = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("id:")) id = Long.parseLong(line.substring(3).strip());
                else if (line.startsWith("event:")) type = line.substring(6).strip();
                else if (line.startsWith("data:")) data.append(line.substring(5));
                else if (line.isEmpty() && type != null) {
                    var e = new Event(id, type, data.toString());
                    events.add(e);
                    if (stop.test(e)) return events;
                    type = null;
                    data.setLength(0);
                }
            }
        }
        return events;
    }

    @Test
    void streamsARunsEventsAndResumesAfterTheLastEventId() throws Exception {
        String runId = server.startRun(token, "streamed", Map.of());
        List<Event> all = read("/api/v1/runs/" + runId + "/events", null, e -> e.type().equals("RunFinished"));
        assertThat(all.getFirst().type()).isEqualTo("RunSubmitted");
        assertThat(all).extracting(Event::type).contains("RunStarted", "StepStarted", "StepFinished");
        assertThat(all).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        assertThat(all.getLast().data()).contains("\"status\":\"SUCCEEDED\"").contains("\"runId\":\"" + runId + "\"");

        // a client that broke off after the third event gets exactly the rest
        Event third = all.get(2);
        List<Event> rest = read("/api/v1/runs/" + runId + "/events", third.id(), e -> e.type().equals("RunFinished"));
        assertThat(rest).extracting(Event::id).containsExactlyElementsOf(all.subList(3, all.size()).stream().map(Event::id).toList());
    }

    @Test
    void theTenantStreamCarriesLiveEventsOfItsRunsOnly() throws Exception {
        var seen = new java.util.concurrent.CompletableFuture<List<Event>>();
        var mine = new java.util.concurrent.atomic.AtomicReference<String>("none yet");
        Thread.ofVirtual().start(() -> {
            try {
                seen.complete(read("/api/v1/events", null, e -> e.type().equals("RunFinished") && e.data().contains(mine.get())));
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        });
        Thread.sleep(500); // the subscription is live before the run starts
        String otherAdmin = server.token("globex", Role.TENANT_ADMIN);
        server.submit(otherAdmin, "g.yaml", TestServer.spec("globex-only", "  - id: a\n    with: {run: 'true'}\n"));
        String foreign = server.startRun(otherAdmin, "globex-only", Map.of());
        server.awaitRun(otherAdmin, foreign, "SUCCEEDED");
        String runId = server.startRun(token, "streamed", Map.of());
        mine.set(runId);
        List<Event> events = seen.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(events).allSatisfy(e -> assertThat(e.data()).contains("\"tenant\":\"acme\"").doesNotContain(foreign));
        assertThat(events.stream().filter(e -> e.data().contains(runId))).extracting(Event::type)
                .contains("RunStarted", "StepFinished", "RunFinished");
    }

    @Test
    void followsAStepLogLive() throws Exception {
        String runId = server.startRun(token, "streamed", Map.of());
        List<Event> lines = read("/api/v1/runs/" + runId + "/steps/a/logs/stream", null, e -> e.data().contains("\"two\""));
        assertThat(lines).extracting(Event::type).containsOnly("log");
        assertThat(lines).extracting(Event::data).anySatisfy(d -> assertThat(d).contains("\"line\":\"one\""));
        List<Event> after = read("/api/v1/runs/" + runId + "/steps/a/logs/stream", lines.getFirst().id(), e -> true);
        assertThat(after.getFirst().data()).contains("\"line\":\"two\"");
    }
}
