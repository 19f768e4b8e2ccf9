package io.maestro.core.plan;

import io.maestro.core.spec.PipelineSpec;
import java.util.List;
import java.util.Map;

/**
 * The executable form of a spec: step instances in topological order, the instances each step id
 * expanded to, the DAG levels (steps of one level can run together) and the critical path.
 */
public record RunPlan(PipelineSpec spec, List<PlannedStep> steps, Map<String, PlannedStep> byKey,
                      Map<String, List<String>> instancesOf, Map<String, List<String>> dependents,
                      List<List<String>> levels, List<String> criticalPath) {

    public PlannedStep step(String key) {
        return byKey.get(key);
    }
}
