package io.maestro.core.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot be run, with every problem found (not only the first). */
public class SpecException extends RuntimeException {
    private final List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public static SpecException of(SpecProblem problem) {
        return new SpecException(List.of(problem));
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
