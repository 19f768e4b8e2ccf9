package io.maestro.server.api;

import io.maestro.core.store.RunStore;
import io.maestro.server.auth.Access;
import io.maestro.server.auth.Caller;
import io.maestro.server.auth.Permission;
import io.maestro.server.problem.ApiException;
import io.maestro.server.stream.EventFeed;
import io.maestro.server.stream.Subscription;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "events")
class Streams {
    private final EventFeed feed;
    private final RunStore store;
    private final RunViews runs;
    private final Access access;

    Streams(EventFeed feed, RunStore store, RunViews runs, Access access) {
        this.feed = feed;
        this.store = store;
        this.runs = runs;
        this.access = access;
    }

    @GetMapping(value = "/runs/{runId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "A run's events as server-sent events, from its first (or after Last-Event-ID), then live")
    SseEmitter run(@Parameter(hidden = true) Caller caller, @PathVariable String runId,
                   @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        access.require(caller, Permission.RUN_READ);
        runs.find(caller.tenant(), runId);
        return Subscription.open(caller.tenant(), runId, lastEventId(lastEventId), feed, store);
    }

    @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Events of all the tenant's runs as server-sent events, live (or after Last-Event-ID)")
    SseEmitter all(@Parameter(hidden = true) Caller caller,
                   @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        access.require(caller, Permission.RUN_READ);
        Long after = lastEventId(lastEventId);
        return Subscription.open(caller.tenant(), null, after, feed, store);
    }

    static Long lastEventId(String header) {
        if (header == null || header.isBlank()) return null;
        try {
            long id = Long.parseLong(header.strip());
            if (id >= 0) return id;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiException.badRequest("Last-Event-ID", "must be an event id this API sent (a non-negative integer)");
    }
}
