package io.maestro.core.policy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A policy client made on first use (so a conductor that never runs anything never starts OPA). */
public final class LazyPolicy implements PolicyClient {
    private final Supplier<PolicyClient> factory;

    public LazyPolicy(Supplier<PolicyClient> factory) {
        this.factory = factory;
    }

    @Override
    public PolicyAnswer evaluate(String path, Map<String, ?> input) {
        return factory.get().evaluate(path, input);
    }

    @Override
    public Optional<String> problem() {
        return factory.get().problem();
    }
}
