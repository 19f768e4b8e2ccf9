package io.maestro.core.spec;

import io.maestro.core.expr.CompiledExpression;
import io.maestro.core.expr.ExpressionException;
import io.maestro.core.expr.Expressions;
import io.maestro.core.expr.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/** Checks a bound spec beyond what JSON Schema can say: references, cycles, expressions, limits. */
public final class SpecChecks {
    /** Matrix combinations allowed for one step. */
    public static final int MAX_MATRIX = 256;
    /** Step instances allowed in one run after matrix expansion. */
    public static final int MAX_STEP_INSTANCES = 50_000;

    private final Expressions expressions;
    private final Supplier<Set<String>> stepTypes;

    public SpecChecks() {
        this(new Expressions(), () -> Set.of("shell", "http", "noop"));
    }

    public SpecChecks(Expressions expressions, Supplier<Set<String>> stepTypes) {
        this.expressions = expressions;
        this.stepTypes = stepTypes;
    }

    void check(PipelineSpec spec, YamlDocument doc, List<SpecProblem> problems) {
        var ids = new HashMap<String, StepSpec>();
        for (StepSpec s : spec.steps()) {
            if (ids.putIfAbsent(s.id(), s) != null) {
                problems.add(doc.problem(s.pointer() + "/id", "duplicate step id '" + s.id() + "'",
                        "step ids must be unique; rename one"));
            }
        }
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        ids.keySet().forEach(graph::addVertex);
        Set<String> types = stepTypes.get();
        long instances = 0;
        for (StepSpec s : spec.steps()) {
            for (int i = 0; i < s.needs().size(); i++) {
                String need = s.needs().get(i);
                String at = s.pointer() + "/needs/" + i;
                if (need.equals(s.id())) {
                    problems.add(doc.problem(at, "step '" + s.id() + "' needs itself", "remove it from needs"));
                } else if (!ids.containsKey(need)) {
                    problems.add(doc.problem(at, "step '" + s.id() + "' needs unknown step '" + need + "'",
                            Suggestions.didYouMean(need, ids.keySet()).map(x -> "did you mean '" + x + "'?")
                                    .orElse("known steps: " + String.join(", ", ids.keySet()))));
                } else {
                    graph.addEdge(need, s.id());
                }
            }
            if (!types.contains(s.uses())) {
                problems.add(doc.problem(s.pointer() + "/uses", "unknown step type '" + s.uses() + "'",
                        Suggestions.didYouMean(s.uses(), types).map(x -> "did you mean '" + x + "'?")
                                .orElse("available: " + String.join(", ", types.stream().sorted().toList()))));
            }
            checkInputs(s, doc, problems);
            long size;
            try {
                size = s.matrixSize();
            } catch (ArithmeticException e) {
                size = Long.MAX_VALUE;
            }
            if (size > MAX_MATRIX) {
                problems.add(doc.problem(s.pointer() + "/matrix", "matrix expands to " + size
                        + " combinations, over the limit of " + MAX_MATRIX, "split the step or reduce the values"));
            }
            instances += Math.min(size, MAX_MATRIX);
        }
        if (instances > MAX_STEP_INSTANCES) {
            problems.add(doc.problem("/steps", "the run would have " + instances + " step instances, over the limit of "
                    + MAX_STEP_INSTANCES, "split the pipeline"));
        }
        boolean acyclic = !reportCycle(graph, ids, doc, problems);
        var upstream = new Upstream(graph);
        for (StepSpec s : spec.steps()) {
            // upstream checks are meaningless in a cyclic graph
            checkExpressions(spec, s, acyclic ? () -> upstream.of(s.id()) : null, doc, problems);
        }
    }

    /**
     * Ancestors of a step, computed on demand (a reverse walk) and only for steps whose expressions
     * reference other steps: computing them for every step is quadratic on a deep 10,000-step DAG.
     */
    private static final class Upstream {
        private final Graph<String, DefaultEdge> graph;
        private final Map<String, Set<String>> memo = new HashMap<>();

        Upstream(Graph<String, DefaultEdge> graph) {
            this.graph = graph;
        }

        Set<String> of(String step) {
            return memo.computeIfAbsent(step, s -> {
                var seen = new HashSet<String>();
                var todo = new java.util.ArrayDeque<String>();
                todo.add(s);
                while (!todo.isEmpty()) {
                    for (DefaultEdge e : graph.incomingEdgesOf(todo.poll())) {
                        String src = graph.getEdgeSource(e);
                        if (seen.add(src)) todo.add(src);
                    }
                }
                return seen;
            });
        }
    }

    private static void checkInputs(StepSpec s, YamlDocument doc, List<SpecProblem> problems) {
        String required = switch (s.uses()) {
            case "shell" -> "run";
            case "http" -> "url";
            default -> null;
        };
        if (required != null && !(s.with().get(required) instanceof String)) {
            problems.add(doc.problem(s.pointer() + (s.with().isEmpty() ? "" : "/with"),
                    "a '" + s.uses() + "' step needs with." + required + " (a string)",
                    "add 'with: {" + required + ": …}'"));
        }
    }

    /** Reports a dependency cycle with its path; true when there is one. */
    private static boolean reportCycle(Graph<String, DefaultEdge> graph, Map<String, StepSpec> ids, YamlDocument doc,
                                       List<SpecProblem> problems) {
        CycleDetector<String, DefaultEdge> detector = new CycleDetector<>(graph);
        if (!detector.detectCycles()) return false;
        Set<String> inCycles = detector.findCycles();
        String start = inCycles.iterator().next();
        var sub = new AsSubgraph<>(graph, inCycles);
        List<String> path = null;
        for (DefaultEdge e : sub.outgoingEdgesOf(start)) {
            var p = BFSShortestPath.findPathBetween(sub, sub.getEdgeTarget(e), start);
            if (p != null && (path == null || p.getLength() + 1 < path.size())) {
                path = new ArrayList<>(List.of(start));
                path.addAll(p.getVertexList());
            }
        }
        if (path != null) java.util.Collections.reverse(path); // edges run need → dependent; show "needs" order
        String cycle = path == null ? String.join(", ", inCycles) : String.join(" → ", path);
        problems.add(doc.problem(ids.get(start).pointer() + "/needs", "dependency cycle: " + cycle,
                "each step needs the next; remove one of these needs"));
        return true;
    }

    private void checkExpressions(PipelineSpec spec, StepSpec s, Supplier<Set<String>> upstream, YamlDocument doc,
                                  List<SpecProblem> problems) {
        if (s.when() != null) {
            checkExpression(spec, s, s.when(), upstream, s.pointer() + "/when", doc, problems);
        }
        walkStrings(s.with(), s.pointer() + "/with", (text, pointer) -> {
            if (!Template.hasParts(text)) return;
            try {
                for (Template.Part part : Template.parts(text)) {
                    checkExpression(spec, s, part.expression(), upstream, pointer, doc, problems);
                }
            } catch (ExpressionException e) {
                problems.add(doc.problem(pointer, e.getMessage(), "close it with '}}'"));
            }
        });
    }

    private void checkExpression(PipelineSpec spec, StepSpec s, String source, Supplier<Set<String>> upstreamOf,
                                 String pointer, YamlDocument doc, List<SpecProblem> problems) {
        CompiledExpression expr;
        try {
            expr = expressions.compile(source);
        } catch (ExpressionException e) {
            problems.add(doc.problem(pointer, "expression '" + source + "' does not compile: " + e.getMessage(),
                    "variables are params, steps, run and matrix (CEL syntax)"));
            return;
        }
        for (CompiledExpression.Reference ref : expr.references()) {
            switch (ref.root()) {
                case "params" -> {
                    if (!spec.params().containsKey(ref.name())) {
                        problems.add(doc.problem(pointer, "'" + source + "' references unknown param '" + ref.name() + "'",
                                Suggestions.didYouMean(ref.name(), spec.params().keySet())
                                        .map(x -> "did you mean 'params." + x + "'?").orElse("declare it under params:")));
                    }
                }
                case "steps" -> {
                    Set<String> upstream = upstreamOf == null ? null : upstreamOf.get();
                    if (upstream != null && !upstream.contains(ref.name())) {
                        boolean exists = spec.step(ref.name()) != null;
                        problems.add(doc.problem(pointer, "'" + source + "' references step '" + ref.name() + "'"
                                        + (exists ? ", which is not upstream of '" + s.id() + "'" : ", which does not exist"),
                                exists ? "add '" + ref.name() + "' to needs (directly or through another step)"
                                        : Suggestions.didYouMean(ref.name(), upstream).map(x -> "did you mean '" + x + "'?")
                                        .orElse("only steps this one needs can be referenced")));
                    }
                }
                case "matrix" -> {
                    if (!s.hasMatrix() || !s.matrix().containsKey(ref.name())) {
                        problems.add(doc.problem(pointer, "'" + source + "' references matrix." + ref.name()
                                + " but step '" + s.id() + "' has no such matrix key", null));
                    }
                }
                case "run" -> {
                    if (!List.of("id", "tenant", "pipeline").contains(ref.name())) {
                        problems.add(doc.problem(pointer, "'" + source + "' references unknown run." + ref.name(),
                                "run has id, tenant and pipeline"));
                    }
                }
                default -> { }
            }
        }
    }

    private interface StringVisitor {
        void visit(String text, String pointer);
    }

    @SuppressWarnings("unchecked")
    private static void walkStrings(Object value, String pointer, StringVisitor visitor) {
        if (value instanceof String text) {
            visitor.visit(text, pointer);
        } else if (value instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((k, v) -> walkStrings(v, pointer + "/" + k, visitor));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) walkStrings(list.get(i), pointer + "/" + i, visitor);
        }
    }
}
