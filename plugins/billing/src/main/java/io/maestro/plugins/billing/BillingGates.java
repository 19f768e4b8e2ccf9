package io.maestro.plugins.billing;

import io.maestro.api.event.MaestroEvent;
import io.maestro.api.event.RunListener;
import io.maestro.api.event.StepListener;
import io.maestro.api.gate.Decision;
import io.maestro.api.gate.FailMode;
import io.maestro.api.gate.GateSubject;
import io.maestro.api.gate.RunGate;
import io.maestro.api.gate.StepGate;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.plugin.PluginContextAware;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run gate, step gate and listeners of the billing plugin, in one class because PF4J makes one
 * instance per extension class and they share the live state (a run gate decides with what the
 * listeners metered). Denials read {@code denied by gate billing/limits: tenant acme: …}.
 *
 * <p>Fails closed by default (a broken ledger must not mean unlimited spending); set
 * {@code MAESTRO_PLUGIN_BILLING_FAIL_MODE=open} to let runs through when the plugin cannot decide.
 */
@Extension
public class BillingGates implements RunGate, StepGate, RunListener, StepListener, PluginContextAware {
    private static final Logger log = LoggerFactory.getLogger(BillingGates.class);

    private Billing billing;
    private FailMode failMode = FailMode.CLOSED;

    @Override
    public void init(PluginContext context) throws IOException {
        billing = Billing.open(context, Clock.systemUTC());
        String mode = context.settings().get("FAIL_MODE");
        if (mode != null) {
            try {
                failMode = FailMode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                log.error("billing: MAESTRO_PLUGIN_BILLING_FAIL_MODE={} is neither 'open' nor 'closed'; failing closed", mode);
            }
        }
    }

    @Override
    public Decision decide(GateSubject subject) throws IOException {
        return billing.decide(subject);
    }

    @Override
    public String gateName() {
        return "limits";
    }

    @Override
    public FailMode failMode() {
        return failMode;
    }

    @Override public void onRunFinished(MaestroEvent.RunFinished e) { billing.onRunFinished(e); }
    @Override public void onGateDecided(MaestroEvent.GateDecided e) { billing.onGateDecided(e); }
    @Override public void onStepStarted(MaestroEvent.StepStarted e) { billing.onStepStarted(e); }
    @Override public void onStepRetrying(MaestroEvent.StepRetrying e) { billing.onStepRetrying(e); }
    @Override public void onStepFinished(MaestroEvent.StepFinished e) { billing.onStepFinished(e); }
    @Override public void onArtifactProduced(MaestroEvent.ArtifactProduced e) { billing.onArtifactProduced(e); }
}
