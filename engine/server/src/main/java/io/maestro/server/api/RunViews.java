package io.maestro.server.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.maestro.api.event.StepStatus;
import io.maestro.core.plan.PlannedStep;
import io.maestro.core.plan.Planner;
import io.maestro.core.plan.RunPlan;
import io.maestro.core.spec.SpecException;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.store.EventRecord;
import io.maestro.core.store.RunRecord;
import io.maestro.core.store.RunStore;
import io.maestro.core.store.StepRecord;
import io.maestro.server.problem.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads runs for a caller's tenant and shapes them for the API. */
@org.springframework.stereotype.Component
class RunViews {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final RunStore store;
    private final SpecParser parser;
    private final Planner planner = new Planner();
    private final Cache<String, RunPlan> plans = Caffeine.newBuilder().maximumSize(200).build();

    RunViews(RunStore store, SpecParser parser) {
        this.store = store;
        this.parser = parser;
    }

    /** The run if it belongs to {@code tenant}; another tenant's run is "not found", like a missing one. */
    RunRecord find(String tenant, String runId) {
        return store.findRun(Ids.runId(runId)).filter(r -> r.tenant().equals(tenant))
                .orElseThrow(() -> ApiException.notFound("run " + runId));
    }

    Views.Run view(RunRecord r, Map<StepStatus, Integer> counts) {
        Instant end = r.finishedAt();
        Long duration = r.startedAt() == null ? null
                : Duration.between(r.startedAt(), end != null ? end : Instant.now()).toMillis();
        return new Views.Run(r.runId(), r.tenant(), r.pipeline(), r.status(), r.reason(), r.params(), r.traceId(),
                r.createdAt(), r.startedAt(), end, duration, counts == null ? Map.of() : counts, r.region());
    }

    Views.Run view(RunRecord r) {
        return view(r, store.stepCounts(List.of(r.runId())).get(r.runId()));
    }

    List<Views.Step> steps(RunRecord run) {
        RunPlan plan = plan(run);
        var records = new LinkedHashMap<String, StepRecord>();
        for (StepRecord s : store.steps(run.runId())) records.put(s.stepId(), s);
        var out = new ArrayList<Views.Step>();
        if (plan != null) {
            for (PlannedStep p : plan.steps()) {
                StepRecord s = records.remove(p.key());
                out.add(step(p.key(), p.stepId(), p.matrix(), p.needs(), s, p.spec().uses()));
            }
        }
        for (StepRecord s : records.values()) out.add(step(s.stepId(), s.stepId().replaceFirst("\\[.*$", ""), Map.of(), List.of(), s, s.uses()));
        return out;
    }

    private static Views.Step step(String key, String id, Map<String, Object> matrix, List<String> needs, StepRecord s, String uses) {
        if (s == null) return new Views.Step(key, id, uses, matrix, needs, StepStatus.PENDING, 0, null, Map.of(), null, null, null);
        return new Views.Step(key, id, s.uses(), matrix, needs, s.status(), s.attempts(), s.reason(), s.outputs(),
                s.startedAt(), s.finishedAt(), s.durationMillis());
    }

    /** The plan of a run, from its recorded spec; null if the spec no longer parses (a plugin step type went away). */
    private RunPlan plan(RunRecord run) {
        return plans.get(run.runId(), id -> {
            try {
                return planner.plan(parser.parse(run.specPath() == null ? id : run.specPath(), run.specText()));
            } catch (SpecException e) {
                return null;
            }
        });
    }

    /** Each attempt of each step, from the run's event log. */
    List<Views.Attempt> attempts(RunRecord run) {
        var open = new LinkedHashMap<String, Views.Attempt>();
        var out = new ArrayList<Views.Attempt>();
        for (EventRecord e : store.events(run.runId())) {
            if (e.stepId() == null) continue;
            String key = e.stepId() + "#" + e.attempt();
            switch (e.type()) {
                case "StepStarted" -> open.put(key, new Views.Attempt(e.stepId(), e.attempt(), "RUNNING", e.at(), null, null));
                case "StepRetrying", "StepFinished" -> {
                    Views.Attempt a = open.remove(key);
                    if (a == null) continue;
                    JsonNode p = JSON.readTree(e.payloadJson());
                    String status = e.type().equals("StepRetrying") ? "FAILED" : p.path("status").asString("FAILED");
                    String reason = e.type().equals("StepRetrying") ? p.path("error").asString(null) : p.path("reason").asString(null);
                    out.add(new Views.Attempt(a.stepKey(), a.attempt(), status, a.startedAt(), e.at(), reason));
                }
                default -> { }
            }
        }
        out.addAll(open.values());
        out.sort(java.util.Comparator.comparing(Views.Attempt::startedAt));
        return out;
    }

    List<Views.Artifact> artifacts(RunRecord run) {
        var out = new ArrayList<Views.Artifact>();
        for (EventRecord e : store.events(run.runId())) {
            if (!e.type().equals("ArtifactProduced")) continue;
            JsonNode p = JSON.readTree(e.payloadJson());
            out.add(new Views.Artifact(p.path("name").asString(), e.stepId(), e.attempt(), p.path("sha256").asString(),
                    p.path("sizeBytes").asLong(), e.at(), run.region()));
        }
        return out;
    }

    /** The file of the newest artifact called {@code name}, as its event recorded it. */
    String artifactPath(RunRecord run, String name) {
        String path = null;
        for (EventRecord e : store.events(run.runId())) {
            if (!e.type().equals("ArtifactProduced")) continue;
            JsonNode p = JSON.readTree(e.payloadJson());
            if (name.equals(p.path("name").asString())) path = p.path("path").asString();
        }
        if (path == null) throw ApiException.notFound("artifact " + name);
        return path;
    }
}
