package io.maestro.core.run;

import io.maestro.api.event.RunStatus;
import io.maestro.core.plan.RunPlan;
import java.util.concurrent.CompletableFuture;

/** A run the conductor accepted: its id, its plan, and its final status once it ends. */
public record RunHandle(String runId, RunPlan plan, CompletableFuture<RunStatus> completion) {

    public RunStatus await() {
        return completion.join();
    }
}
