package io.maestro.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecParserTest {
    private final SpecParser parser = new SpecParser();

    private static final String VALID = """
            apiVersion: maestro/v1
            kind: Pipeline
            metadata:
              name: intelgraph-build
              tenant: intelgraph
              labels: {team: platform}
            params:
              gitRef: {type: string, default: main}
              runTests: {type: boolean, default: true}
            defaults:
              timeout: 10m
              retry: {max: 2, backoff: exponential, delay: 1s, maxDelay: 30s}
            concurrency: 4
            steps:
              - id: build
                uses: shell
                with: {run: "mvn -q -B package"}
              - id: test
                needs: [build]
                when: params.runTests
                matrix: {jdk: ["17", "21"]}
                with: {run: "echo testing on ${{ matrix.jdk }} at ${{ params.gitRef }}"}
                retry: {max: 3, delay: 200ms}
                timeout: 2m
              - id: package
                needs: [test]
                with: {run: "echo version=1.2.3 >> $MAESTRO_OUTPUTS"}
              - id: publish
                needs: [package]
                uses: http
                with: {method: POST, url: "http://127.0.0.1:9/never", body: "${{ steps.package.outputs.version }}"}
                continueOnFailure: true
            """;

    private List<String> problems(String yaml) {
        try {
            parser.parse("p.yaml", yaml);
        } catch (SpecException e) {
            return e.problems().stream().map(SpecProblem::format).toList();
        }
        throw new AssertionError("spec was accepted");
    }

    @Test
    void theIssueExampleIsValidAndBindsEveryField() {
        PipelineSpec spec = parser.parse("p.yaml", VALID);
        assertThat(spec.name()).isEqualTo("intelgraph-build");
        assertThat(spec.tenant()).isEqualTo("intelgraph");
        assertThat(spec.concurrency()).isEqualTo(4);
        StepSpec test = spec.step("test");
        assertThat(test.uses()).isEqualTo("shell");
        assertThat(test.retry()).isEqualTo(new RetrySpec(3, true, java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(30)));
        assertThat(test.timeout()).hasMinutes(2);
        assertThat(spec.step("build").timeout()).hasMinutes(10);
        assertThat(spec.step("build").retry().max()).isEqualTo(2);
        assertThat(test.matrix()).containsEntry("jdk", List.of("17", "21"));
        assertThat(spec.step("publish").continueOnFailure()).isTrue();
    }

    @Test
    void reportsEveryProblemAtOnceWithLineColumnFieldAndHint() {
        List<String> problems = problems("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: p}
                params:
                  gitRef: {type: string, default: main}
                concurrency: "four"
                steps:
                  - id: build
                    with: {run: make}
                    retries: 3
                  - id: test
                    needs: [biuld]
                    when: "params.runTests &&"
                    with: {run: "echo ${{ params.gitRf }}"}
                  - id: test
                    with: {run: "echo dup"}
                  - id: deploy
                    uses: shel
                    with: {run: "echo ${{ steps.build.outputs.v }}"}
                """);
        assertThat(problems).containsExactly(
                "p.yaml:6:1 concurrency: wrong type: string found, integer expected",
                "p.yaml:10:5 steps[0].retries: unknown field 'retries' (did you mean 'retry'?)",
                "p.yaml:12:13 steps[1].needs[0]: step 'test' needs unknown step 'biuld' (did you mean 'build'?)",
                problems.get(3),
                "p.yaml:14:12 steps[1].with.run: 'params.gitRf' references unknown param 'gitRf' (did you mean 'params.gitRef'?)",
                "p.yaml:15:5 steps[2].id: duplicate step id 'test' (step ids must be unique; rename one)",
                "p.yaml:18:5 steps[3].uses: unknown step type 'shel' (did you mean 'shell'?)",
                "p.yaml:19:12 steps[3].with.run: 'steps.build.outputs.v' references step 'build', which is not upstream of 'deploy' "
                        + "(add 'build' to needs (directly or through another step))");
        assertThat(problems.get(3)).startsWith("p.yaml:13:5 steps[1].when: expression 'params.runTests &&' does not compile");
    }

    @Test
    void printsTheCyclePathInNeedsOrder() {
        assertThat(problems("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: p}
                steps:
                  - {id: a, needs: [b], uses: noop}
                  - {id: b, needs: [c], uses: noop}
                  - {id: c, needs: [a], uses: noop}
                  - {id: d, uses: noop}
                """)).singleElement().asString()
                .matches("p\\.yaml:\\d+:\\d+ steps\\[\\d\\]\\.needs: dependency cycle: (a → b → c → a|b → c → a → b|c → a → b → c) .*");
    }

    @Test
    void malformedYamlIsOneClearProblemWithItsPosition() {
        assertThat(problems("apiVersion: maestro/v1\nsteps: [a, b\nkind: x\n")).singleElement().asString()
                .startsWith("p.yaml:3:").contains("malformed YAML");
    }

    @Test
    void duplicateYamlKeysAreReported() {
        assertThat(problems("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: p}
                steps:
                  - id: a
                    uses: noop
                    uses: shell
                """)).singleElement().asString().isEqualTo("p.yaml:7:5 steps[0].uses: duplicate key 'uses' (remove one of the two)");
    }

    @Test
    void aMatrixOfAHundredThousandCombinationsIsRefused() {
        var values = String.join(", ", java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString).toList());
        assertThat(problems("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: p}
                steps:
                  - id: huge
                    uses: noop
                    matrix: {a: [%1$s], b: [%1$s], c: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}
                """.formatted(values))).singleElement().asString()
                .isEqualTo("p.yaml:7:5 steps[0].matrix: matrix expands to 100000 combinations, over the limit of 256 "
                        + "(split the step or reduce the values)");
    }

    @Test
    void aSpecOverFiveMegabytesIsRefusedBeforeParsing(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "# " + "x".repeat(5 * 1024 * 1024) + "\n");
        assertThatThrownBy(() -> parser.parseFile(big)).isInstanceOf(SpecException.class)
                .hasMessageContaining("over the 5242880-byte limit");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> parser.parseFile(dir.resolve("nope.yaml"))).isInstanceOf(SpecException.class)
                .hasMessageStartingWith(dir.resolve("nope.yaml") + " no such file");
    }

    @Test
    void templatesMayOnlyReferenceUpstreamStepsAndOwnMatrixKeys() {
        assertThat(problems("""
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: p}
                steps:
                  - {id: a, with: {run: "echo ${{ steps.b.outputs.x }}"}}
                  - {id: b, with: {run: "echo ${{ matrix.os }}"}}
                """)).containsExactly(
                "p.yaml:5:20 steps[0].with.run: 'steps.b.outputs.x' references step 'b', which is not upstream of 'a' "
                        + "(add 'b' to needs (directly or through another step))",
                "p.yaml:6:20 steps[1].with.run: 'matrix.os' references matrix.os but step 'b' has no such matrix key");
    }

    @Test
    void transitiveUpstreamStepsMayBeReferenced() {
        parser.parse("p.yaml", """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata: {name: p}
                steps:
                  - {id: a, with: {run: "echo x=1 >> $MAESTRO_OUTPUTS"}}
                  - {id: b, needs: [a], uses: noop}
                  - {id: c, needs: [b], when: "steps.a.outputs.x == '1'", with: {run: "echo ${{ steps.a.outputs.x }}"}}
                """);
    }

    @Test
    void paramsAreCoercedToTheirDeclaredTypes() {
        PipelineSpec spec = parser.parse("p.yaml", VALID);
        assertThat(Params.resolve(spec, Map.of("runTests", "false"))).containsEntry("runTests", false)
                .containsEntry("gitRef", "main");
        assertThatThrownBy(() -> Params.resolve(spec, Map.of("runTests", "maybe")))
                .hasMessage("param 'runTests' expects boolean, got 'maybe'");
        assertThatThrownBy(() -> Params.resolve(spec, Map.of("gitref", "x")))
                .hasMessage("unknown param 'gitref' (did you mean 'gitRef'?)");
    }

    @Test
    void theCheckedInExamplesAndSchemaAgree() throws Exception {
        Path specs = Path.of("../../dag-specs");
        // the examples may use the step types of the plugins built in this repository (graph-checks.yaml: cypher)
        var withRepoPlugins = new SpecParser(new SpecChecks(new io.maestro.core.expr.Expressions(),
                () -> java.util.Set.of("shell", "http", "noop", "cypher")));
        try (var files = Files.list(specs)) {
            List<Path> yamls = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(yamls).hasSizeGreaterThanOrEqualTo(3);
            for (Path p : yamls) withRepoPlugins.parseFile(p);
        }
    }
}
