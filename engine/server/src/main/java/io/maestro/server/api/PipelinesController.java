package io.maestro.server.api;

import io.maestro.core.pipeline.PipelineRecord;
import io.maestro.core.pipeline.PipelineStore;
import io.maestro.core.run.Conductor;
import io.maestro.core.run.RunHandle;
import io.maestro.core.spec.ParamSpec;
import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.spec.SpecException;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.spec.SpecProblem;
import io.maestro.core.spec.YamlDocument;
import io.maestro.core.store.RunStore;
import io.maestro.server.auth.Access;
import io.maestro.server.auth.Caller;
import io.maestro.server.auth.Permission;
import io.maestro.server.problem.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/pipelines")
@Tag(name = "pipelines")
class PipelinesController {
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private final PipelineStore pipelines;
    private final SpecParser parser;
    private final Conductor conductor;
    private final RunStore store;
    private final RunViews runs;
    private final Access access;
    private final Path home;

    PipelinesController(PipelineStore pipelines, SpecParser parser, Conductor conductor, RunStore store, RunViews runs,
                        Access access, io.maestro.core.Engine engine) {
        this.pipelines = pipelines;
        this.parser = parser;
        this.conductor = conductor;
        this.store = store;
        this.runs = runs;
        this.access = access;
        this.home = engine.home();
    }

    @PostMapping
    @Operation(summary = "Validate a spec and store it as the pipeline's next revision",
            description = "Refused with 422 and every problem found, each with file, line, column and field.")
    ResponseEntity<Views.PipelineDetail> submit(@Parameter(hidden = true) Caller caller, @RequestBody Views.SubmitPipeline body) {
        access.require(caller, Permission.PIPELINE_WRITE);
        if (body.spec() == null || body.spec().isBlank()) throw ApiException.unprocessable("spec", "is required");
        String file = body.file() == null || body.file().isBlank() ? "pipeline.yaml" : body.file();
        if (!FILE_NAME.matcher(file).matches()) {
            throw ApiException.unprocessable("file", "must be a plain file name (letters, digits, '.', '_', '-')");
        }
        PipelineSpec spec = parse(caller, file, body.spec());
        PipelineRecord saved = pipelines.save(caller.tenant(), spec.name(), file, body.spec(), caller.principal());
        return ResponseEntity.status(201).body(detail(saved, spec));
    }

    @GetMapping
    @Operation(summary = "The latest revision of each of the tenant's pipelines")
    Views.PipelineList list(@Parameter(hidden = true) Caller caller) {
        access.require(caller, Permission.PIPELINE_READ);
        var items = new ArrayList<Views.Pipeline>();
        for (PipelineRecord r : pipelines.list(caller.tenant())) {
            PipelineSpec spec = parseStored(r);
            items.add(new Views.Pipeline(r.name(), r.tenant(), r.revision(), r.submittedAt(),
                    spec == null ? 0 : spec.steps().size(), spec == null ? List.of() : params(spec)));
        }
        return new Views.PipelineList(items);
    }

    @GetMapping("/{name}")
    @Operation(summary = "A pipeline's latest revision, with its spec")
    Views.PipelineDetail get(@Parameter(hidden = true) Caller caller, @PathVariable String name) {
        access.require(caller, Permission.PIPELINE_READ);
        PipelineRecord r = latest(caller, name);
        return detail(r, parseStored(r));
    }

    @PostMapping("/{name}/runs")
    @Operation(summary = "Start a run of the pipeline's latest revision")
    ResponseEntity<Views.Run> start(@Parameter(hidden = true) Caller caller, @PathVariable String name,
                                    @RequestBody(required = false) Views.StartRun body) {
        PipelineRecord r = latest(caller, name);
        access.require(caller, Permission.RUN_START);
        Path file = specFile(r);
        PipelineSpec spec = parser.parse(file.toString(), r.specText()).withTenant(caller.tenant());
        Map<String, Object> params = body == null || body.params() == null ? Map.of() : body.params();
        RunHandle handle;
        try {
            handle = conductor.start(spec, params);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("params", e.getMessage());
        }
        store.flush(); // the run is readable by the time the caller gets its id
        return ResponseEntity.status(201).body(runs.view(runs.find(caller.tenant(), handle.runId())));
    }

    private PipelineRecord latest(Caller caller, String name) {
        return pipelines.latest(caller.tenant(), Ids.pipeline(name)).orElseThrow(() -> ApiException.notFound("pipeline " + name));
    }

    /** Parses with the CLI's checks; the spec runs in the caller's tenant and may not name another. */
    private PipelineSpec parse(Caller caller, String file, String text) {
        PipelineSpec spec;
        try {
            spec = parser.parse(file, text);
        } catch (SpecException e) {
            throw specProblems(e.problems());
        }
        var doc = YamlDocument.parse(file, text);
        if (doc.root().path("metadata").has("tenant") && !spec.tenant().equals(caller.tenant())) {
            var at = doc.locate("/metadata/tenant");
            throw specProblems(List.of(new SpecProblem(file, at.line(), at.column(), "metadata.tenant",
                    "tenant '" + spec.tenant() + "' is not the tenant of your token ('" + caller.tenant() + "')",
                    "remove metadata.tenant or set it to '" + caller.tenant() + "'")));
        }
        return spec.withTenant(caller.tenant());
    }

    private static ApiException specProblems(List<SpecProblem> problems) {
        var errors = new ArrayList<Map<String, Object>>();
        for (SpecProblem p : problems) {
            var e = new LinkedHashMap<String, Object>();
            e.put("file", p.file());
            e.put("line", p.line());
            e.put("column", p.column());
            e.put("field", p.field());
            e.put("message", p.message());
            if (p.hint() != null) e.put("hint", p.hint());
            e.put("pointer", p.format());
            errors.add(e);
        }
        String detail = problems.size() == 1 ? problems.getFirst().format() : problems.size() + " problems in the spec";
        return new ApiException(422, "Invalid pipeline spec", detail, errors);
    }

    private PipelineSpec parseStored(PipelineRecord r) {
        try {
            return parser.parse(r.file(), r.specText());
        } catch (SpecException e) {
            return null; // valid when submitted; a plugin step type it uses may have been removed since
        }
    }

    /** Where the stored spec lives on disk, so its steps get a MAESTRO_SPEC_DIR like a CLI run. */
    private Path specFile(PipelineRecord r) {
        Path file = home.resolve("pipelines").resolve(r.tenant()).resolve(r.name()).resolve("r" + r.revision()).resolve(r.file());
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, r.specText());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Views.PipelineDetail detail(PipelineRecord r, PipelineSpec spec) {
        return new Views.PipelineDetail(r.name(), r.tenant(), r.revision(), r.submittedAt(),
                spec == null ? 0 : spec.steps().size(), spec == null ? List.of() : params(spec), r.specText());
    }

    private static List<Views.Param> params(PipelineSpec spec) {
        var out = new ArrayList<Views.Param>();
        for (ParamSpec p : spec.params().values()) {
            out.add(new Views.Param(p.name(), p.type().specName(), p.defaultValue() == null, p.defaultValue(), p.description()));
        }
        return out;
    }
}
