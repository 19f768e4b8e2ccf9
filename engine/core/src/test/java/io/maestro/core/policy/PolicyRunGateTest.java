package io.maestro.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.RunStatus;
import io.maestro.core.Engine;
import io.maestro.core.run.RunHandle;
import io.maestro.core.store.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs through a real engine: the policy run gate (real OPA) refuses step types and regions a tenant may not use. */
class PolicyRunGateTest {
    static final Path REPO_POLICIES = Path.of(System.getProperty("maestro.repo", "../..")).resolve("policies");

    static String spec(String tenant, String labels, String uses) {
        return """
                apiVersion: maestro/v1
                kind: Pipeline
                metadata:
                  name: gated
                  tenant: %s
                  labels: {%s}
                steps:
                  - id: build
                    uses: %s
                    with: {run: "echo built"}
                """.formatted(tenant, labels, uses);
    }

    static Engine engine(Path home, Map<String, String> extra) {
        var env = new HashMap<>(extra);
        env.put("MAESTRO_HOME", home.toString());
        env.put("MAESTRO_PLUGINS_DIR", home.resolve("plugins").toString());
        return new Engine(env, null, problem -> { throw new AssertionError(problem); }, List.of());
    }

    static RunRecord run(Engine engine, String specText) {
        RunHandle handle = engine.conductor().start(engine.parser().parse("gated.yaml", specText), Map.of());
        handle.await();
        engine.store().flush();
        return engine.store().findRun(handle.runId()).orElseThrow();
    }

    @Test
    void aStepTypeTheTenantMayNotUseAndAForeignRegionAreRefusedBeforeAnyStepRuns(@TempDir Path home) throws Exception {
        // policies of our own: tenant "lab" may only use noop steps and is pinned to eu-west-1
        Path policies = home.resolve("policies");
        PolicyBundle.copy(REPO_POLICIES, policies);
        Files.writeString(policies.resolve("maestro/tenants/data.json"),
                "{\"lab\": {\"region\": \"eu-west-1\", \"step_types\": [\"noop\"]}}");
        try (Engine engine = engine(home, Map.of("MAESTRO_POLICY_DIR", policies.toString()))) {
            RunRecord shell = run(engine, spec("lab", "", "shell"));
            assertThat(shell.status()).isEqualTo(RunStatus.FAILED);
            assertThat(shell.reason()).contains("gate.step_type_not_allowed").contains("step build uses shell").contains("policy revision content-");
            assertThat(engine.store().logs(shell.runId(), null)).as("no step ran").noneMatch(l -> l.line().contains("built"));

            RunRecord foreign = run(engine, spec("lab", "region: us-east-1", "noop"));
            assertThat(foreign.status()).isEqualTo(RunStatus.FAILED);
            assertThat(foreign.reason()).contains("residency.region_pinned").contains("eu-west-1").contains("us-east-1");

            assertThat(run(engine, spec("lab", "region: eu-west-1", "noop")).status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run(engine, spec("other", "", "shell")).status()).as("an unpinned tenant").isEqualTo(RunStatus.SUCCEEDED);
        }
    }

    @Test
    void aRunPinnedElsewhereThanThisConductorsStorageIsRefused(@TempDir Path home) {
        try (Engine engine = engine(home, Map.of("MAESTRO_REGION", "us-east-1"))) {
            RunRecord acme = run(engine, spec("acme", "", "noop"));
            assertThat(acme.status()).isEqualTo(RunStatus.FAILED);
            assertThat(acme.reason()).contains("residency.region_pinned").contains("us-east-1");

            RunRecord pinned = run(engine, spec("default", "region: eu-west-1", "noop"));
            assertThat(pinned.status()).isEqualTo(RunStatus.FAILED);
            assertThat(pinned.reason()).contains("residency.storage_region");

            assertThat(run(engine, spec("globex", "", "noop")).status()).isEqualTo(RunStatus.SUCCEEDED);
        }
    }

    @Test
    void withoutOpaRunsAreRefusedNotWaved(@TempDir Path home) {
        try (Engine engine = engine(home, Map.of("MAESTRO_OPA_BIN", home.resolve("no-opa-here").toString()))) {
            RunRecord refused = run(engine, spec("default", "", "noop"));
            assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
            assertThat(refused.reason()).contains("policy").contains("install-opa");
        }
    }
}
