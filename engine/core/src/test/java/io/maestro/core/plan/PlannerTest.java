package io.maestro.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.spec.SpecParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
    private final SpecParser parser = new SpecParser();

    @Test
    void expandsMatricesAndMakesDependentsWaitForEveryInstance() {
        RunPlan plan = new Planner().plan(parser.parse("p.yaml", """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: p}
                steps:
                  - {id: build, uses: noop}
                  - {id: test, needs: [build], uses: noop, matrix: {jdk: ["17", "21"], os: [linux]}}
                  - {id: lint, needs: [build], uses: noop}
                  - {id: package, needs: [test, lint], uses: noop}
                """));
        assertThat(plan.instancesOf().get("test")).containsExactly("test[jdk=17,os=linux]", "test[jdk=21,os=linux]");
        assertThat(plan.step("package").needs()).containsExactlyInAnyOrder("test[jdk=17,os=linux]",
                "test[jdk=21,os=linux]", "lint");
        assertThat(plan.levels()).containsExactly(List.of("build"),
                List.of("test[jdk=17,os=linux]", "test[jdk=21,os=linux]", "lint"), List.of("package"));
        assertThat(plan.criticalPath()).hasSize(3).startsWith("build").endsWith("package");
    }

    @Test
    void criticalPathFollowsTheLongestChain() {
        RunPlan plan = new Planner().plan(parser.parse("p.yaml", """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: p}
                steps:
                  - {id: a, uses: noop}
                  - {id: b, uses: noop, needs: [a]}
                  - {id: c, uses: noop, needs: [b]}
                  - {id: x, uses: noop}
                  - {id: d, uses: noop, needs: [c, x]}
                """));
        assertThat(plan.criticalPath()).containsExactly("a", "b", "c", "d");
        assertThat(plan.levels().get(0)).containsExactlyInAnyOrder("a", "x");
    }
}
