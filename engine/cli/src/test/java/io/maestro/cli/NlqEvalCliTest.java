package io.maestro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code maestro nlq eval} end to end: embedded Neo4j, the TINY sample graph, the offline translator. */
class NlqEvalCliTest {
    @TempDir
    Path home;

    @Test
    void scoresAnEvaluationSetAndHoldsTheFloor() throws Exception {
        Path set = home.resolve("set.yaml");
        Files.writeString(set, """
                - {id: q001, category: count, question: How many people are in the graph?, gold: "MATCH (p:Person) RETURN count(p) AS n", ordered: false}
                - {id: q002, category: filter, question: Which devices are tablets?, gold: "MATCH (d:Device {kind: 'tablet'}) RETURN d.id AS id", ordered: false}
                - {id: q003, category: aggregate, question: How many transactions per channel?, gold: "MATCH (t:Transaction) RETURN t.channel AS c, count(t) AS n", ordered: false}
                - {id: q004, category: out_of_scope, question: Write me a poem about spring, gold: null, ordered: false}
                """);
        var cli = new Cli(home);

        var ok = cli.run("nlq", "eval", "--set", set.toString(), "--size", "tiny", "--min-accuracy", "100", "--failures");

        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("4 questions (3 with gold Cypher, 1 out of scope)").contains("execution accuracy 100.0%")
                .contains("out-of-scope questions refused 100.0%");
        assertThat(home.resolve("nlq-eval/tiny-42/loaded")).exists();

        Files.writeString(set, """
                - {id: q001, category: count, question: How many people are in the graph?, gold: "MATCH (p:Person) RETURN count(p) + 1 AS n", ordered: false}
                """);
        var below = cli.run("nlq", "eval", "--set", set.toString(), "--size", "tiny", "--min-accuracy", "50", "--failures");
        assertThat(below.exitCode()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(below.out()).contains("q001").contains("gold:");
        assertThat(below.err()).contains("below --min-accuracy");
    }

    @Test
    void badInputIsAClearErrorWithoutAStackTrace() throws Exception {
        var cli = new Cli(home);
        var size = cli.run("nlq", "eval", "--size", "huge");
        assertThat(size.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(size.err()).contains("--size: must be tiny or small").doesNotContain("Exception");

        Path bad = home.resolve("bad.yaml");
        Files.writeString(bad, "- {id: q001, category: count, question: x}\n");
        var set = cli.run("nlq", "eval", "--set", bad.toString());
        assertThat(set.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(set.err()).contains("bad.yaml").contains("q001").doesNotContain("\tat ");

        var backend = cli.and("MAESTRO_NLQ_BACKEND", "skynet").run("nlq", "eval", "--size", "tiny");
        assertThat(backend.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(backend.err()).contains("MAESTRO_NLQ_BACKEND");
    }
}
