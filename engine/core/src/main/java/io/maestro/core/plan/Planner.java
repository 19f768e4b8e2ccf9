package io.maestro.core.plan;

import io.maestro.core.spec.PipelineSpec;
import io.maestro.core.spec.StepSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedAcyclicGraph;

/** Turns a validated spec into a {@link RunPlan}: expands matrices and orders the DAG with JGraphT. */
public final class Planner {

    public RunPlan plan(PipelineSpec spec) {
        var instancesOf = new LinkedHashMap<String, List<String>>();
        var matrixOf = new HashMap<String, Map<String, Object>>();
        for (StepSpec s : spec.steps()) {
            var keys = new ArrayList<String>();
            for (Map<String, Object> combo : combinations(s)) {
                String key = combo.isEmpty() ? s.id() : s.id() + combo.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "[", "]"));
                keys.add(key);
                matrixOf.put(key, combo);
            }
            instancesOf.put(s.id(), List.copyOf(keys));
        }

        var dag = new DirectedAcyclicGraph<String, DefaultEdge>(DefaultEdge.class);
        var unordered = new HashMap<String, PlannedStep>();
        for (StepSpec s : spec.steps()) {
            var needs = new ArrayList<String>();
            for (String need : s.needs()) needs.addAll(instancesOf.get(need));
            for (String key : instancesOf.get(s.id())) {
                dag.addVertex(key);
                unordered.put(key, new PlannedStep(key, s, matrixOf.get(key), List.copyOf(needs)));
            }
        }
        var dependents = new HashMap<String, List<String>>();
        for (PlannedStep p : unordered.values()) {
            for (String need : p.needs()) {
                dag.addEdge(need, p.key()); // throws on a cycle; specs are validated first
                dependents.computeIfAbsent(need, k -> new ArrayList<>()).add(p.key());
            }
        }

        var ordered = new ArrayList<PlannedStep>(unordered.size());
        var byKey = new LinkedHashMap<String, PlannedStep>();
        var depth = new HashMap<String, Integer>();
        var longestPrev = new HashMap<String, String>();
        for (String key : dag) { // topological order
            PlannedStep p = unordered.get(key);
            ordered.add(p);
            byKey.put(key, p);
            int d = 0;
            String prev = null;
            for (String need : p.needs()) {
                int nd = depth.get(need) + 1;
                if (nd > d) {
                    d = nd;
                    prev = need;
                }
            }
            depth.put(key, d);
            if (prev != null) longestPrev.put(key, prev);
        }

        var levels = new ArrayList<List<String>>();
        String deepest = null;
        for (PlannedStep p : ordered) {
            int d = depth.get(p.key());
            while (levels.size() <= d) levels.add(new ArrayList<>());
            levels.get(d).add(p.key());
            if (deepest == null || d > depth.get(deepest)) deepest = p.key();
        }
        var critical = new ArrayList<String>();
        for (String k = deepest; k != null; k = longestPrev.get(k)) critical.add(k);
        Collections.reverse(critical);

        return new RunPlan(spec, List.copyOf(ordered), Collections.unmodifiableMap(byKey),
                Collections.unmodifiableMap(instancesOf), Collections.unmodifiableMap(dependents),
                levels.stream().map(List::copyOf).toList(), List.copyOf(critical));
    }

    private static List<Map<String, Object>> combinations(StepSpec s) {
        List<Map<String, Object>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        if (!s.hasMatrix()) return combos;
        for (var axis : s.matrix().entrySet()) {
            var next = new ArrayList<Map<String, Object>>();
            for (Map<String, Object> partial : combos) {
                for (Object value : axis.getValue()) {
                    var combo = new LinkedHashMap<>(partial);
                    combo.put(axis.getKey(), value);
                    next.add(combo);
                }
            }
            combos = next;
        }
        return combos;
    }
}
