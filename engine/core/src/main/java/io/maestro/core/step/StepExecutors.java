package io.maestro.core.step;

import io.maestro.api.step.StepExecutor;
import java.util.List;
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

    private final Map<String, List<StepExecutor>> owned = new java.util.HashMap<>();

    /**
     * Atomically replaces the step types {@code owner} provides. Refuses (changing nothing) when a
     * type is already provided by someone else.
     */
    public synchronized void replace(String owner, List<StepExecutor> next) {
        List<StepExecutor> previous = owned.getOrDefault(owner, List.of());
        for (StepExecutor e : next) {
            StepExecutor current = byType.get(e.type());
            if (current != null && !previous.contains(current)) {
                throw new IllegalArgumentException("step type '" + e.type() + "' is already provided by "
                        + describe(current));
            }
        }
        for (StepExecutor e : previous) byType.remove(e.type(), e);
        for (StepExecutor e : next) byType.put(e.type(), e);
        if (next.isEmpty()) owned.remove(owner);
        else owned.put(owner, List.copyOf(next));
    }

    private String describe(StepExecutor e) {
        for (var entry : owned.entrySet()) if (entry.getValue().contains(e)) return "plugin '" + entry.getKey() + "'";
        return "the built-in " + e.getClass().getSimpleName();
    }

    public Optional<StepExecutor> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return Set.copyOf(byType.keySet());
    }
}
