package io.maestro.plugins.audit;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunListener;
import io.maestro.api.event.StepListener;
import io.maestro.api.plugin.PluginCommand;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.plugin.PluginContextAware;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every run, step, gate and plugin event in the audit log, and adds {@code maestro audit}.
 * One class for both so the listener and the command share one writer. Listener calls only queue
 * a record: they never block the bus and never throw into it.
 */
@Extension
public final class AuditLogExtension implements RunListener, StepListener, PluginCommand, PluginContextAware {
    private static final Logger log = LoggerFactory.getLogger(AuditLogExtension.class);

    private AuditWriter writer;
    private String version;

    @Override
    public void init(PluginContext context) {
        version = context.pluginVersion();
        writer = AuditWriters.open(context.dataDirectory(), AuditSettings.from(context.settings()), version);
    }

    private void record(MaestroEvent event) {
        try {
            writer.append(EventRecords.from(event));
        } catch (RuntimeException e) { // an audit problem must never reach a run
            log.error("cannot record {} of run {}: {}", event.getClass().getSimpleName(), event.runId(), e.toString());
        }
    }

    @Override public void onRunSubmitted(MaestroEvent.RunSubmitted e) { record(e); }
    @Override public void onRunStarted(MaestroEvent.RunStarted e) { record(e); }
    @Override public void onRunFinished(MaestroEvent.RunFinished e) { record(e); }
    @Override public void onGateDecided(MaestroEvent.GateDecided e) { record(e); }
    @Override public void onAuditAction(MaestroEvent.AuditAction e) { record(e); }
    @Override public void onPluginLoaded(MaestroEvent.PluginLoaded e) { record(e); }
    @Override public void onPluginUnloaded(MaestroEvent.PluginUnloaded e) { record(e); }
    @Override public void onStepScheduled(MaestroEvent.StepScheduled e) { record(e); }
    @Override public void onStepStarted(MaestroEvent.StepStarted e) { record(e); }
    @Override public void onStepRetrying(MaestroEvent.StepRetrying e) { record(e); }
    @Override public void onStepFinished(MaestroEvent.StepFinished e) { record(e); }
    @Override public void onArtifactProduced(MaestroEvent.ArtifactProduced e) { record(e); }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String description() {
        return "Verify, query and export the tamper-evident audit log (verify | query | export | seal | rotate-key)";
    }

    @Override
    public int run(List<String> args, PrintWriter out, PrintWriter err) {
        int code = new AuditCli(writer, Clock.systemUTC(), version).run(args, out, err);
        out.flush();
        err.flush();
        return code;
    }
}
