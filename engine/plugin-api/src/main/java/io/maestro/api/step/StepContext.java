package io.maestro.api.step;

import io.maestro.api.event.TraceContext;
import java.nio.file.Path;
import java.util.Map;

/** What an executor is given for one attempt: rendered inputs, workspace, logger, trace, cancellation. */
public interface StepContext {
    String tenant();
    String runId();
    /** The step instance id, e.g. {@code test} or {@code test[jdk=21]} for a matrix instance. */
    String stepId();
    int attempt();
    /** The step's {@code with} block with every {@code ${{ }}} template already rendered. */
    Map<String, Object> inputs();
    /** The run's workspace directory, shared by the steps of a run. */
    Path workspace();
    /**
     * A file the step may append {@code key=value} lines to; they become its outputs (read by the
     * executor that uses it). Its directory is not created in advance: create it before writing.
     */
    Path outputsFile();
    /** Environment every process of this step should see (MAESTRO_*, TRACEPARENT). */
    Map<String, String> environment();
    TraceContext trace();
    StepLog log();
    Cancellation cancellation();
}
