package io.maestro.core.pipeline;

import java.time.Instant;

/** One submitted revision of a tenant's pipeline: the spec text exactly as submitted. */
public record PipelineRecord(String tenant, String name, int revision, String file, String specText,
                             String submittedBy, Instant submittedAt) {
}
