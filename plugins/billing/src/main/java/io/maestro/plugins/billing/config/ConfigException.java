package io.maestro.plugins.billing.config;

import java.util.List;
import java.util.stream.Collectors;

/** billing.yaml was refused; {@link #problems()} says where and why, one line each. */
public final class ConfigException extends Exception {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
