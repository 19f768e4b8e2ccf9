package io.maestro.core.spec;

import java.util.List;
import java.util.Map;

/** A validated pipeline spec. {@code file} is where it came from, for messages. */
public record PipelineSpec(String file, String text, String name, String tenant, Map<String, String> labels,
                           Map<String, ParamSpec> params, Integer concurrency, List<StepSpec> steps) {

    /** The same spec run on behalf of {@code owner} (a server scopes every spec to its caller's tenant). */
    public PipelineSpec withTenant(String owner) {
        return new PipelineSpec(file, text, name, owner, labels, params, concurrency, steps);
    }

    public StepSpec step(String id) {
        for (StepSpec s : steps) if (s.id().equals(id)) return s;
        return null;
    }
}
