package io.maestro.core.run;

import io.maestro.api.event.TraceContext;
import io.maestro.api.step.Cancellation;
import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepLog;
import io.maestro.core.store.LogLine;
import io.maestro.core.store.RunStore;
import java.nio.file.Path;
import java.util.Map;

/** The {@link StepContext} of one attempt. */
record AttemptContext(String tenant, String runId, String stepId, int attempt, Map<String, Object> inputs,
                      Path workspace, Path outputsFile, Map<String, String> environment, TraceContext trace,
                      StepLog log, Cancellation cancellation) implements StepContext {

    /** Step output lines go to the run store, tagged with step and attempt. */
    record Log(RunStore store, String runId, String stepId, int attempt) implements StepLog {
        @Override
        public void stdout(String line) {
            store.log(runId, stepId, attempt, LogLine.Stream.OUT, line);
        }

        @Override
        public void stderr(String line) {
            store.log(runId, stepId, attempt, LogLine.Stream.ERR, line);
        }
    }
}
