package io.maestro.server.api;

import io.maestro.api.event.RunStatus;
import io.maestro.core.run.Conductor;
import io.maestro.core.run.RunException;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.store.RunCursor;
import io.maestro.core.store.RunQuery;
import io.maestro.core.store.RunRecord;
import io.maestro.core.store.RunStore;
import io.maestro.server.auth.Access;
import io.maestro.server.auth.Caller;
import io.maestro.server.auth.Permission;
import io.maestro.server.problem.ApiException;
import io.maestro.server.trace.SpanKeeper;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/runs")
@Tag(name = "runs")
class RunsController {
    private static final Pattern ARTIFACT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._=,-]{0,254}");
    private final RunStore store;
    private final RunViews runs;
    private final Conductor conductor;
    private final SpecParser parser;
    private final Access access;
    private final SpanKeeper spans;

    RunsController(RunStore store, RunViews runs, Conductor conductor, SpecParser parser, Access access, SpanKeeper spans) {
        this.store = store;
        this.runs = runs;
        this.conductor = conductor;
        this.parser = parser;
        this.access = access;
        this.spans = spans;
    }

    @GetMapping
    @Operation(summary = "The tenant's runs, newest first, filtered; follow nextCursor for more")
    Views.RunPage list(@Parameter(hidden = true) Caller caller,
                       @RequestParam(required = false) String pipeline,
                       @RequestParam(required = false) RunStatus status,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
                       @RequestParam(defaultValue = "50") int limit,
                       @RequestParam(required = false) String cursor) {
        access.require(caller, Permission.RUN_READ);
        if (limit < 1 || limit > 200) throw ApiException.badRequest("limit", "must be between 1 and 200");
        if (pipeline != null) Ids.pipeline(pipeline);
        if (since != null && until != null && !since.isBefore(until)) throw ApiException.badRequest("until", "must be after since");
        RunCursor after = Cursors.decode(cursor);
        List<RunRecord> page = store.listRuns(new RunQuery(caller.tenant(), pipeline, status, since, until, after, limit + 1));
        boolean more = page.size() > limit;
        if (more) page = page.subList(0, limit);
        var counts = store.stepCounts(page.stream().map(RunRecord::runId).toList());
        var items = page.stream().map(r -> runs.view(r, counts.get(r.runId()))).toList();
        return new Views.RunPage(items, more ? Cursors.encode(RunCursor.after(page.getLast())) : null);
    }

    @GetMapping("/{runId}")
    @Operation(summary = "One run")
    Views.Run get(@Parameter(hidden = true) Caller caller, @PathVariable String runId) {
        access.require(caller, Permission.RUN_READ);
        return runs.view(runs.find(caller.tenant(), runId));
    }

    @PostMapping("/{runId}/cancel")
    @Operation(summary = "Cancel a running run: its running steps are killed and recorded as cancelled")
    ResponseEntity<Views.Run> cancel(@Parameter(hidden = true) Caller caller, @PathVariable String runId) {
        RunRecord run = runs.find(caller.tenant(), runId);
        access.require(caller, Permission.RUN_CANCEL);
        if (run.status().isTerminal()) throw ApiException.conflict("run " + runId + " already finished (" + run.status() + ")");
        if (!conductor.cancel(runId, "cancelled by " + caller.principal())) {
            throw ApiException.conflict("run " + runId + " is executed by another conductor (" + run.owner() + "); cancel it there");
        }
        store.flush();
        return ResponseEntity.accepted().body(runs.view(runs.find(caller.tenant(), runId)));
    }

    @PostMapping("/{runId}/resume")
    @Operation(summary = "Resume a failed or cancelled run: succeeded steps keep their outputs, the others run again")
    ResponseEntity<Views.Run> resume(@Parameter(hidden = true) Caller caller, @PathVariable String runId) {
        runs.find(caller.tenant(), runId);
        access.require(caller, Permission.RUN_RESUME);
        try {
            conductor.resume(runId, parser);
        } catch (RunException e) {
            throw ApiException.conflict(e.getMessage());
        }
        store.flush();
        return ResponseEntity.accepted().body(runs.view(runs.find(caller.tenant(), runId)));
    }

    @GetMapping("/{runId}/steps")
    @Operation(summary = "The run's step instances with their needs (the DAG) and current state")
    Views.StepList steps(@Parameter(hidden = true) Caller caller, @PathVariable String runId) {
        access.require(caller, Permission.RUN_READ);
        return new Views.StepList(runs.steps(runs.find(caller.tenant(), runId)));
    }

    @GetMapping("/{runId}/attempts")
    @Operation(summary = "Every attempt of every step, for a timeline")
    Views.AttemptList attempts(@Parameter(hidden = true) Caller caller, @PathVariable String runId) {
        access.require(caller, Permission.RUN_READ);
        return new Views.AttemptList(runs.attempts(runs.find(caller.tenant(), runId)));
    }

    @GetMapping("/{runId}/outputs")
    @Operation(summary = "Outputs of the run's steps, by step key")
    Views.Outputs outputs(@Parameter(hidden = true) Caller caller, @PathVariable String runId) {
        access.require(caller, Permission.RUN_READ);
        var out = new LinkedHashMap<String, Map<String, String>>();
        for (Views.Step s : runs.steps(runs.find(caller.tenant(), runId))) if (!s.outputs().isEmpty()) out.put(s.key(), s.outputs());
        return new Views.Outputs(out);
    }

    @GetMapping("/{runId}/artifacts")
    @Operation(summary = "Artifacts the run's steps produced")
    Views.ArtifactList artifacts(@Parameter(hidden = true) Caller caller, @PathVariable String runId) {
        access.require(caller, Permission.ARTIFACT_READ);
        return new Views.ArtifactList(runs.artifacts(runs.find(caller.tenant(), runId)));
    }

    @GetMapping("/{runId}/artifacts/{name}")
    @Operation(summary = "Download an artifact by name")
    ResponseEntity<Resource> artifact(@Parameter(hidden = true) Caller caller, @PathVariable String runId,
                                      @PathVariable String name) {
        access.require(caller, Permission.ARTIFACT_READ);
        if (!ARTIFACT_NAME.matcher(name).matches() || name.contains("..")) {
            throw ApiException.badRequest("name", "not an artifact name (no path separators or '..')");
        }
        Path file = Path.of(runs.artifactPath(runs.find(caller.tenant(), runId), name));
        if (!Files.isRegularFile(file)) throw ApiException.notFound("artifact " + name + " (its file is gone)");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(new FileSystemResource(file));
    }

    @GetMapping("/{runId}/trace")
    @Operation(summary = "The run's own spans, kept by this server, for a waterfall without a tracing backend")
    Views.Trace trace(@Parameter(hidden = true) Caller caller, @PathVariable String runId) {
        access.require(caller, Permission.RUN_READ);
        RunRecord run = runs.find(caller.tenant(), runId);
        if (run.traceId() == null) return new Views.Trace(null, List.of());
        List<SpanData> kept = new ArrayList<>(spans.spans(run.traceId()));
        kept.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
        long origin = kept.isEmpty() ? 0 : kept.getFirst().getStartEpochNanos();
        var out = new ArrayList<Views.Span>();
        for (SpanData s : kept) {
            var attributes = new LinkedHashMap<String, String>();
            s.getAttributes().forEach((k, v) -> attributes.put(k.getKey(), String.valueOf(v)));
            String parent = s.getParentSpanContext().isValid() ? s.getParentSpanId() : null;
            out.add(new Views.Span(s.getSpanId(), parent, s.getName(), Instant.ofEpochSecond(0, s.getStartEpochNanos()),
                    (s.getStartEpochNanos() - origin) / 1_000, (s.getEndEpochNanos() - s.getStartEpochNanos()) / 1_000,
                    s.getStatus().getStatusCode().name(), attributes));
        }
        return new Views.Trace(run.traceId(), out);
    }
}
