package io.maestro.cli;

import io.maestro.api.event.RunStatus;
import io.maestro.core.run.RunHandle;
import io.maestro.core.spec.Durations;
import io.maestro.core.store.RunRecord;
import io.maestro.core.store.StepRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import sun.misc.Signal;

/** Shared by {@code run} and {@code resume}: live progress, Ctrl-C, summary table, exit code. */
final class RunWatcher {
    private RunWatcher() { }

    static int watch(io.maestro.core.Engine session, RunHandle handle, PrintWriter out, boolean printMetrics) throws Exception {
        int width = handle.plan().steps().stream().mapToInt(s -> s.key().length()).max().orElse(12);
        AutoCloseable progress = session.bus().addListener("cli-progress", new ProgressPrinter(handle.runId(), out, width));
        Signal.handle(new Signal("INT"), sig -> {
            if (session.conductor().cancel(handle.runId())) {
                synchronized (out) {
                    out.println("cancelling run " + handle.runId() + " (running steps are being killed)");
                    out.flush();
                }
            }
        });
        RunStatus status = handle.await();
        session.bus().drain();
        progress.close();
        RunRecord run = session.store().findRun(handle.runId()).orElseThrow();
        List<StepRecord> steps = session.store().steps(handle.runId());
        Duration took = run.startedAt() != null && run.finishedAt() != null
                ? Duration.between(run.startedAt(), run.finishedAt()) : Duration.ZERO;
        out.println();
        printSummary(out, handle, steps);
        out.printf("run %s %s in %s%s%n", handle.runId(), status.name().toLowerCase(), Durations.format(took),
                run.reason() == null ? "" : ": " + run.reason());
        if (status != RunStatus.SUCCEEDED) {
            out.println("  logs: maestro logs " + handle.runId() + "    resume: maestro resume " + handle.runId());
        }
        if (printMetrics) {
            out.println();
            out.print(session.metrics().scrape());
        }
        out.flush();
        return switch (status) {
            case SUCCEEDED -> ExitCodes.OK;
            case CANCELLED -> ExitCodes.CANCELLED;
            default -> ExitCodes.RUN_FAILED;
        };
    }

    static void printSummary(PrintWriter out, RunHandle handle, List<StepRecord> steps) {
        var order = handle.plan().steps().stream().map(p -> p.key()).toList();
        var sorted = steps.stream().sorted(Comparator.comparingInt(s -> order.indexOf(s.stepId()))).toList();
        Table.print(out, List.of("STEP", "STATUS", "ATTEMPTS", "DURATION"), sorted.stream().map(s -> List.of(
                s.stepId(), s.status().name().toLowerCase(), Integer.toString(s.attempts()),
                s.durationMillis() == null ? "-" : Durations.format(Duration.ofMillis(s.durationMillis())))).toList());
    }
}
