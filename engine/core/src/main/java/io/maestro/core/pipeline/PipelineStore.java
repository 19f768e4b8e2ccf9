package io.maestro.core.pipeline;

import java.util.List;
import java.util.Optional;

/** Pipelines submitted to a server, per tenant; each submission of a name adds a revision. */
public interface PipelineStore {

    /** Stores {@code specText} (already validated) as the next revision of the pipeline. */
    PipelineRecord save(String tenant, String name, String file, String specText, String submittedBy);

    Optional<PipelineRecord> latest(String tenant, String name);

    /** The latest revision of every pipeline of the tenant, by name. */
    List<PipelineRecord> list(String tenant);
}
