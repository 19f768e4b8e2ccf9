package io.maestro.server.api;

import io.maestro.core.store.LogLine;
import io.maestro.core.store.RunRecord;
import io.maestro.core.store.RunStore;
import io.maestro.server.auth.Access;
import io.maestro.server.auth.Caller;
import io.maestro.server.auth.Permission;
import io.maestro.server.problem.ApiException;
import io.maestro.server.stream.LogFollower;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/runs/{runId}/steps/{stepKey}/logs")
@Tag(name = "logs")
class LogsController {
    private final RunStore store;
    private final RunViews runs;
    private final Access access;

    LogsController(RunStore store, RunViews runs, Access access) {
        this.store = store;
        this.runs = runs;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "A range of a step's log: lines after sequence number `after`, at most `limit`")
    Views.LogPage read(@Parameter(hidden = true) Caller caller, @PathVariable String runId, @PathVariable String stepKey,
                       @RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "1000") int limit) {
        access.require(caller, Permission.LOG_READ);
        RunRecord run = runs.find(caller.tenant(), runId);
        if (after < 0) throw ApiException.badRequest("after", "must not be negative");
        if (limit < 1 || limit > 10_000) throw ApiException.badRequest("limit", "must be between 1 and 10000");
        List<LogLine> lines = store.logs(run.runId(), Ids.stepKey(stepKey), after, limit);
        return new Views.LogPage(lines.stream().map(LogsController::view).toList(), lines.isEmpty() ? after : lines.getLast().seq());
    }

    @GetMapping(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Follow a step's log as server-sent events (event `log`, id = sequence number); "
            + "reconnect with Last-Event-ID to continue where the stream broke")
    SseEmitter follow(@Parameter(hidden = true) Caller caller, @PathVariable String runId, @PathVariable String stepKey,
                      @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        access.require(caller, Permission.LOG_READ);
        RunRecord run = runs.find(caller.tenant(), runId);
        return LogFollower.open(store, run.runId(), Ids.stepKey(stepKey), Streams.lastEventId(lastEventId),
                LogsController::view);
    }

    static Views.LogLine view(LogLine l) {
        return new Views.LogLine(l.seq(), l.attempt(), l.stream().name(), l.line(), l.at());
    }
}
