package io.maestro.sandbox.redteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.maestro.sandbox.BlockedQueryException;
import io.maestro.sandbox.CypherSandbox;
import io.maestro.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw Cypher escapes (redteam/cypher-escapes.txt), each run through the whole sandbox — parser,
 * real OPA, EXPLAIN on a real Neo4j — and each must be blocked by the expected rule before
 * anything runs. The graph is checked unchanged afterwards.
 */
class RedTeamCypherTest {
    record Case(int line, String rule, String cypher) { }

    @TempDir static Path dir;
    static io.maestro.sandbox.SandboxFixtureAccess fixture;
    static CypherSandbox sandbox;

    @BeforeAll
    static void start() {
        fixture = io.maestro.sandbox.SandboxFixtureAccess.start(dir);
        var d = SandboxSettings.defaults(); // no rate limit in the way of the corpus
        sandbox = fixture.sandbox(new SandboxSettings(d.rowCap(), d.timeout(), d.cheapRows(), d.moderateRows(), d.blockedRows(), 100_000, d.blockedBurst()));
    }

    @AfterAll
    static void stop() {
        if (fixture != null) fixture.close();
    }

    static List<Case> cases() throws IOException {
        var out = new ArrayList<Case>();
        try (InputStream in = RedTeamCypherTest.class.getResourceAsStream("/redteam/cypher-escapes.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) continue;
                int bar = line.indexOf(" | ");
                out.add(new Case(i + 1, line.substring(0, bar).strip(), line.substring(bar + 3).replace("\\n", "\n")));
            }
        }
        return out;
    }

    @Test
    void theCorpusIsLargeAndCoversEveryRule() throws IOException {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(100);
        assertThat(cases.stream().map(Case::rule).distinct()).contains("cypher.write", "cypher.load_csv", "cypher.procedure_forbidden",
                "cypher.procedure_not_allowed", "cypher.function_forbidden", "cypher.var_length_unbounded", "cypher.var_length_too_long",
                "cypher.cost_blocked", "cypher.unparseable");
    }

    @TestFactory
    Stream<DynamicTest> everyEscapeIsBlockedByItsRule() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest("line " + c.line() + ": " + c.cypher().replace('\n', ' '), () -> {
            BlockedQueryException blocked = catchThrowableOfType(BlockedQueryException.class,
                    () -> sandbox.run("acme", "mallory", null, c.cypher(), java.util.Map.of("name", "x", "q", "CREATE (n)",
                            "script", "CREATE (n)", "url", "file:///etc/passwd")));
            assertThat(blocked).as("blocked: " + c.cypher()).isNotNull();
            assertThat(blocked.rules()).as(c.cypher() + " → " + blocked.getMessage()).contains(c.rule());
        }));
    }

    @Test
    void nothingWasWrittenAndEveryAttemptWasAudited() throws IOException {
        for (Case c : cases()) {
            try {
                sandbox.preview("acme", "mallory", null, c.cypher());
            } catch (BlockedQueryException expected) {
                // counted below
            }
        }
        assertThat(fixture.countNodes()).isEqualTo(600);
        assertThat(fixture.audited()).hasSizeGreaterThanOrEqualTo(cases().size());
        assertThat(fixture.audited()).allSatisfy(a -> assertThat(a.user()).isEqualTo("mallory"));
        assertThat(fixture.metric("maestro.sandbox.blocked_burst")).as("the burst alert fired").isPositive();
    }
}
