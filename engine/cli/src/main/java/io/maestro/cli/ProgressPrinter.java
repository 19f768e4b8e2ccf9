package io.maestro.cli;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunListener;
import io.maestro.api.event.StepListener;
import io.maestro.core.spec.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** One terminal line per step state change of the run being watched. */
final class ProgressPrinter implements RunListener, StepListener {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final String runId;
    private final PrintWriter out;
    private final int width;

    ProgressPrinter(String runId, PrintWriter out, int width) {
        this.runId = runId;
        this.out = out;
        this.width = Math.max(12, Math.min(width, 48));
    }

    @Override
    public void onStepStarted(MaestroEvent.StepStarted e) {
        line(e, "running", e.attempt() > 1 ? "attempt " + e.attempt() : "");
    }

    @Override
    public void onStepRetrying(MaestroEvent.StepRetrying e) {
        line(e, "retrying", e.error() + "; next attempt in " + Durations.format(Duration.ofMillis(e.delayMillis())));
    }

    @Override
    public void onStepFinished(MaestroEvent.StepFinished e) {
        String detail = switch (e.status()) {
            case SUCCEEDED -> Durations.format(Duration.ofMillis(e.durationMillis()));
            default -> e.reason() == null ? "" : e.reason();
        };
        line(e, e.status().name().toLowerCase(), detail);
    }

    private void line(MaestroEvent e, String state, String detail) {
        if (!runId.equals(e.runId())) return;
        synchronized (out) {
            out.printf("  %s %-" + width + "s %-9s %s%n", TIME.format(e.at()), e.stepId(), state, detail);
            out.flush();
        }
    }
}
