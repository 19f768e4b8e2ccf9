package io.maestro.core.plugin;

import io.maestro.api.policy.PolicyDecisions;
import io.maestro.api.policy.PolicyUnavailableException;
import io.maestro.api.policy.PolicyVerdict;
import io.maestro.core.policy.PolicyAnswer;
import io.maestro.core.policy.PolicyClient;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's policy client as a plugin's {@link PolicyDecisions}: the plugin sees only API types,
 * and a missing decision stays a failure (fail closed) on its side of the boundary.
 */
final class PluginPolicy implements PolicyDecisions {
    private final String pluginId;
    private final PolicyClient policy;

    PluginPolicy(String pluginId, PolicyClient policy) {
        this.pluginId = pluginId;
        this.policy = policy;
    }

    @Override
    public PolicyVerdict evaluate(String path, Map<String, Object> input) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(input, "input");
        try {
            PolicyAnswer answer = policy.evaluate(path, input);
            return new PolicyVerdict(answer.result(), answer.revision());
        } catch (io.maestro.core.policy.PolicyUnavailableException e) {
            throw new PolicyUnavailableException(e.getMessage(), e);
        } catch (RuntimeException e) { // e.g. OPA could not be started: still no decision, never an allow
            throw new PolicyUnavailableException("no policy decision for plugin " + pluginId + " at " + path + ": " + e.getMessage(), e);
        }
    }
}
