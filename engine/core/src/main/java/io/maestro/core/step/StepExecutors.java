package io.maestro.core.step;

import io.maestro.api.step.StepExecutor;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Step types by name: the built-ins, plus what plugins register. */
public final class StepExecutors {
    private final Map<String, StepExecutor> byType = new ConcurrentHashMap<>();

    public static StepExecutors builtIn() {
        var executors = new StepExecutors();
        executors.register(new ShellExecutor());
        executors.register(new HttpExecutor());
        executors.register(new NoopExecutor());
        return executors;
    }

    public void register(StepExecutor executor) {
        StepExecutor previous = byType.putIfAbsent(executor.type(), executor);
        if (previous != null && previous != executor) {
            throw new IllegalArgumentException("step type '" + executor.type() + "' is already provided by "
                    + previous.getClass().getName());
        }
    }

    public void unregister(StepExecutor executor) {
        byType.remove(executor.type(), executor);
    }

    public Optional<StepExecutor> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return Set.copyOf(byType.keySet());
    }
}
