package io.maestro.plugins.nlcypher;

import io.maestro.api.plugin.PluginContext;
import io.maestro.api.policy.PolicyVerdict;
import io.maestro.core.policy.PolicyAnswer;
import io.maestro.core.policy.PolicyClient;
import io.maestro.core.policy.PolicyUnavailableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The host's policy decisions ({@code PluginContext.policy()}) as the {@link PolicyClient} the sandbox asks.
 * Fails closed like every policy client: no decision (OPA down, or a host without a policy layer) is a
 * {@link PolicyUnavailableException}, never an allow.
 */
final class HostPolicy implements PolicyClient {
    private final PluginContext context;

    HostPolicy(PluginContext context) {
        this.context = context;
    }

    @Override
    public PolicyAnswer evaluate(String path, Map<String, ?> input) {
        try {
            PolicyVerdict verdict = context.policy().evaluate(path, new LinkedHashMap<>(input));
            return new PolicyAnswer(verdict.result(), verdict.revision());
        } catch (io.maestro.api.policy.PolicyUnavailableException e) {
            throw new PolicyUnavailableException(e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new PolicyUnavailableException("this Maestro gives plugins no policy decisions, so no query can be judged", e);
        }
    }

    @Override
    public Optional<String> problem() {
        return Optional.empty();
    }
}
