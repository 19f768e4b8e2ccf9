package io.maestro.core.policy;

import io.maestro.api.gate.Decision;
import io.maestro.api.gate.GateSubject;
import io.maestro.api.gate.RunGate;
import io.maestro.core.store.RunStore;
import io.maestro.core.store.StepRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run gate of the policy layer ({@code data.maestro.gates.run}): before any step runs, OPA sees
 * the tenant, the pipeline, every planned step's type and the run's region, and may refuse the run
 * (a step type the tenant may not use, a region the tenant is not pinned to). Fails closed: no
 * answer from OPA is a denial.
 *
 * <p>The run's region is recorded with the run: the pipeline's {@code region} label, else the region
 * this conductor stores runs and artifacts in ({@code MAESTRO_REGION}). A run pinned to another
 * region than that storage is refused here, since its workspace, logs and artifacts would be
 * written outside it.
 */
public final class PolicyRunGate implements RunGate {
    public static final String PATH = "maestro/gates/run";
    private final PolicyClient policy;
    private final RunStore store;
    private final String storageRegion;

    public PolicyRunGate(PolicyClient policy, RunStore store, String storageRegion) {
        this.policy = policy;
        this.store = store;
        this.storageRegion = storageRegion == null || storageRegion.isBlank() ? null : storageRegion.strip();
    }

    @Override
    public Decision decide(GateSubject subject) {
        String region = store.findRun(subject.runId()).map(io.maestro.core.store.RunRecord::region).orElse(null);
        if (region != null && storageRegion != null && !region.equals(storageRegion)) {
            return Decision.deny("residency.storage_region: the run is pinned to region " + region
                    + " but this conductor stores runs and artifacts in " + storageRegion);
        }
        var steps = new ArrayList<Map<String, Object>>();
        for (StepRecord s : store.steps(subject.runId())) steps.add(Map.of("id", s.stepId(), "uses", s.uses()));
        var input = new LinkedHashMap<String, Object>();
        input.put("tenant", subject.tenant());
        input.put("pipeline", subject.pipeline());
        input.put("steps", steps);
        if (region != null) input.put("region", region);
        PolicyAnswer answer = policy.evaluate(PATH, input);
        if (answer.allowed()) return Decision.allow();
        List<?> violations = answer.list("violations");
        String reasons = violations.isEmpty() ? (answer.result() == null ? "policy.undefined: no run gate in the policy bundle" : "policy.no_rule")
                : violations.stream().map(PolicyRunGate::describe).collect(Collectors.joining("; "));
        return Decision.deny(reasons + (answer.revision() == null ? "" : " (policy revision " + answer.revision() + ")"));
    }

    private static String describe(Object violation) {
        if (!(violation instanceof Map<?, ?> v)) return String.valueOf(violation);
        return v.get("rule") + ": " + v.get("message");
    }

    @Override
    public String gateName() {
        return "policy";
    }
}
