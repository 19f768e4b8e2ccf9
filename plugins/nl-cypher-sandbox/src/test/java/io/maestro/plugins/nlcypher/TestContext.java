package io.maestro.plugins.nlcypher;

import io.maestro.api.plugin.AuditEntry;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.plugin.RunControl;
import io.maestro.api.policy.PolicyDecisions;
import io.maestro.api.policy.PolicyUnavailableException;
import io.maestro.api.policy.PolicyVerdict;
import io.maestro.core.policy.PolicyClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plugin context over a real policy client, recording what the plugin audits (the host's own wiring is tested in core). */
final class TestContext implements PluginContext {
    final List<AuditEntry> audited = new CopyOnWriteArrayList<>();
    private final Path data;
    private final Map<String, String> settings;
    private final PolicyClient policy;

    TestContext(Path data, Map<String, String> settings, PolicyClient policy) {
        this.data = data;
        this.settings = Map.copyOf(settings);
        this.policy = policy;
    }

    @Override public String pluginId() { return "nl-cypher"; }
    @Override public String pluginVersion() { return "test"; }
    @Override public Path dataDirectory() { return data; }
    @Override public Path configDirectory() { return data.resolve("config"); }
    @Override public Map<String, String> settings() { return settings; }
    @Override public RunControl runs() { return RunControl.NONE; }
    @Override public void audit(AuditEntry entry) { audited.add(entry); }

    @Override
    public PolicyDecisions policy() {
        return (path, input) -> {
            try {
                var answer = policy.evaluate(path, input);
                return new PolicyVerdict(answer.result(), answer.revision());
            } catch (io.maestro.core.policy.PolicyUnavailableException e) {
                throw new PolicyUnavailableException(e.getMessage());
            }
        };
    }
}
