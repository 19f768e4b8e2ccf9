package io.maestro.server.api;

import io.maestro.api.event.RunStatus;
import io.maestro.api.event.StepStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's payloads: immutable records, one per resource shape. */
public final class Views {
    private Views() { }

    @Schema(description = "The caller, as its API token says")
    public record Me(@Schema(example = "acme") String tenant, @Schema(example = "operator") String role,
                     @Schema(example = "ci-bot") String tokenName) { }

    @Schema(description = "A pipeline spec to validate and store as the next revision")
    public record SubmitPipeline(
            @Schema(description = "file name used in error locations", example = "intelgraph-build.yaml") String file,
            @Schema(description = "the spec, as YAML text", example = "apiVersion: maestro/v1\nkind: Pipeline\nmetadata:\n  name: hello\nsteps:\n  - id: greet\n    run: echo hello\n")
            String spec) { }

    public record Param(@Schema(example = "branch") String name, @Schema(example = "string") String type,
                        boolean required, @Schema(example = "main") Object defaultValue, String description) { }

    public record Pipeline(@Schema(example = "intelgraph-build") String name, @Schema(example = "acme") String tenant,
                           @Schema(example = "3") int revision, Instant submittedAt, @Schema(example = "12") int stepCount,
                           List<Param> params) { }

    public record PipelineDetail(String name, String tenant, int revision, Instant submittedAt, int stepCount,
                                 List<Param> params, @Schema(description = "the spec as submitted") String spec) { }

    public record PipelineList(List<Pipeline> items) { }

    @Schema(description = "Params of a new run; unknown names and wrong types are refused")
    public record StartRun(@Schema(example = "{\"branch\": \"main\"}") Map<String, Object> params) { }

    public record Run(@Schema(example = "01936f0e-8a5c-7cc2-9a1e-3f4b2c1d0e9f") String id,
                      @Schema(example = "acme") String tenant, @Schema(example = "intelgraph-build") String pipeline,
                      RunStatus status, String reason, Map<String, Object> params,
                      @Schema(example = "4bf92f3577b34da6a3ce929d0e0e4736") String traceId, Instant createdAt,
                      Instant startedAt, Instant finishedAt, Long durationMillis, Map<StepStatus, Integer> stepCounts,
                      @Schema(example = "eu-west-1", description = "where the run's workspace, logs and artifacts are kept "
                              + "(its pipeline's `region` label, else the server's MAESTRO_REGION); null when unset") String region) { }

    public record RunPage(List<Run> items, @Schema(description = "pass as `cursor` for the next page; null at the end")
                          String nextCursor) { }

    public record Step(@Schema(example = "test[jdk=21]") String key, @Schema(example = "test") String stepId,
                       @Schema(example = "shell") String uses, Map<String, Object> matrix, List<String> needs,
                       StepStatus status, int attempts, String reason, Map<String, String> outputs,
                       Instant startedAt, Instant finishedAt, Long durationMillis) { }

    public record StepList(List<Step> items) { }

    public record Attempt(String stepKey, int attempt, @Schema(example = "FAILED") String status, Instant startedAt,
                          Instant finishedAt, String reason) { }

    public record AttemptList(List<Attempt> items) { }

    public record LogLine(long seq, int attempt, @Schema(example = "OUT") String stream,
                          @Schema(example = "compiling 42 sources") String line, Instant at) { }

    public record LogPage(List<LogLine> items, @Schema(description = "pass as `after` to read on") long next) { }

    public record Outputs(Map<String, Map<String, String>> outputs) { }

    public record Artifact(@Schema(example = "report.html") String name, String stepKey, int attempt, String sha256,
                           long sizeBytes, Instant at,
                           @Schema(example = "eu-west-1", description = "the region it is stored in: its run's") String region) { }

    public record ArtifactList(List<Artifact> items) { }

    public record Span(String spanId, String parentSpanId, String name, Instant startedAt, long startOffsetMicros,
                       long durationMicros, @Schema(example = "OK") String status, Map<String, String> attributes) { }

    public record Trace(String traceId, List<Span> spans) { }

    public record Plugin(@Schema(example = "audit-log") String id, @Schema(example = "1.0.0") String version,
                         @Schema(example = "STARTED") String state, List<String> extensions, String requires,
                         String problem) { }

    public record PluginList(List<Plugin> items) { }

    public record Link(@Schema(example = "Grafana Tempo") String name,
                       @Schema(example = "http://localhost:3000/explore?traceId={traceId}") String urlTemplate) { }

    public record UiConfig(Link traceLink, Link logLink) { }
}
