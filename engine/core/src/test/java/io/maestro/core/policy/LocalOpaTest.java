package io.maestro.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default against the real OPA binary: a signed bundle of the shipped policies, decisions with their revision, refusals. */
class LocalOpaTest {
    static final Path OPA = PolicySettings.fromEnvironment(System.getenv()).opaBinary();

    @TempDir static Path dir;
    static LocalOpa opa;
    static SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    static OpaPolicyClient client;

    @BeforeAll
    static void start() {
        opa = LocalOpa.start(OPA, dir.resolve("policy"), Duration.ofSeconds(30));
        client = new OpaPolicyClient(opa.url(), Duration.ofSeconds(2), metrics, OpenTelemetry.noop().getTracer("test"));
    }

    @AfterAll
    static void stop() {
        if (opa != null) opa.close();
    }

    static Map<String, Object> authz(String tenant, String role, String action, String resourceTenant) {
        return Map.of("subject", Map.of("tenant", tenant, "role", role, "id", "tok_1"),
                "action", action, "resource", Map.of("kind", action.substring(0, action.indexOf(':')), "tenant", resourceTenant));
    }

    @Test
    void decidesFromTheSignedBundleAndNamesItsRevision() {
        PolicyAnswer allowed = client.evaluate("maestro/authz/decision", authz("acme", "operator", "run:resume", "acme"));
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.revision()).isEqualTo(opa.revision()).startsWith("content-");
        assertThat(allowed.text("rule", "")).isNotBlank();

        PolicyAnswer denied = client.evaluate("maestro/authz/decision", authz("acme", "viewer", "run:resume", "acme"));
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.text("rule", "")).isNotBlank();

        PolicyAnswer crossTenant = client.evaluate("maestro/authz/decision", authz("acme", "tenant-admin", "run:read", "globex"));
        assertThat(crossTenant.allowed()).isFalse();
        assertThat(crossTenant.text("rule", "")).contains("tenant");

        assertThat(metrics.get("maestro.policy.evaluate").tag("outcome", "answered").timer().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anUndefinedDocumentIsADenialNotAnError() {
        PolicyAnswer answer = client.evaluate("maestro/no_such_document", Map.of());
        assertThat(answer.result()).isNull();
        assertThat(answer.allowed()).isFalse();
    }

    @Test
    void opaRefusesAnUnsignedOrTamperedBundle(@TempDir Path work) throws Exception {
        SigningKeys keys = SigningKeys.ensure(dir.resolve("policy/keys"), LocalOpa.KEY_ID);
        Path src = work.resolve("src");
        PolicyBundle.copy(dir.resolve("policy/src"), src);

        Path unsigned = work.resolve("unsigned.tar.gz");
        LocalOpa.exec(work, List.of(OPA.toString(), "build", "--bundle", src.toString(), "--output", unsigned.toString()), "opa build");
        assertThatThrownBy(() -> LocalOpa.run(OPA, work, keys, "unsigned", unsigned, Duration.ofSeconds(20)))
                .isInstanceOf(PolicyUnavailableException.class).hasMessageContaining("exited").hasMessageContaining(".signatures.json");

        // a signed bundle with one policy changed after signing
        Path signed = work.resolve("signed.tar.gz");
        LocalOpa.build(OPA, work, keys, "r1", signed);
        Path unpacked = Files.createDirectories(work.resolve("unpacked"));
        LocalOpa.exec(work, List.of("tar", "-xzf", signed.toString(), "-C", unpacked.toString()), "tar");
        Path rego;
        try (var files = Files.walk(unpacked)) {
            rego = files.filter(p -> p.toString().endsWith("authz.rego")).findFirst().orElseThrow();
        }
        Files.writeString(rego, Files.readString(rego) + "\n# tampered\n");
        Path tampered = work.resolve("tampered.tar.gz");
        // the same entry names as the signed bundle ("/path", kept with -P): only the content differs
        var entries = new java.util.ArrayList<>(List.of("tar", "-czPf", tampered.toString(), "-C", unpacked.toString(), "--transform", "s,^,/,"));
        try (var files = Files.walk(unpacked)) {
            files.filter(Files::isRegularFile).map(p -> unpacked.relativize(p).toString()).forEach(entries::add);
        }
        LocalOpa.exec(work, entries, "tar");
        Path tamperedLog = Files.createDirectories(work.resolve("tampered-run"));
        assertThatThrownBy(() -> LocalOpa.run(OPA, tamperedLog, keys, "r1", tampered, Duration.ofSeconds(20)))
                .isInstanceOf(PolicyUnavailableException.class).hasMessageContaining("exited").hasMessageContaining("authz.rego");

        // and the untouched signed bundle loads
        try (LocalOpa ok = LocalOpa.run(OPA, work, keys, "r1", signed, Duration.ofSeconds(20))) {
            assertThat(ok.isAlive()).isTrue();
        }
    }

    @Test
    void aDeadOpaFailsClosedAndTheCacheDoesNotHideIt(@TempDir Path work) {
        LocalOpa doomed = LocalOpa.start(OPA, work, Duration.ofSeconds(30));
        var direct = new OpaPolicyClient(doomed.url(), Duration.ofMillis(500), metrics, OpenTelemetry.noop().getTracer("test"));
        var cached = new CachingPolicyClient(direct, Duration.ofMillis(200), 100, metrics);
        Map<String, Object> input = authz("acme", "operator", "run:start", "acme");
        assertThat(cached.evaluate("maestro/authz/decision", input).allowed()).isTrue();
        doomed.close();
        assertThatThrownBy(() -> direct.evaluate("maestro/authz/decision", input))
                .isInstanceOf(PolicyUnavailableException.class).hasMessageContaining(doomed.url().toString());
        cached.invalidate();
        assertThatThrownBy(() -> cached.evaluate("maestro/authz/decision", input)).isInstanceOf(PolicyUnavailableException.class);
        assertThat(metrics.get("maestro.policy.evaluate").tag("outcome", "unavailable").timer().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theInstallScriptPinsTheVersionTheEngineLooksFor() throws Exception {
        String script = Files.readString(Path.of(System.getProperty("maestro.repo", "../..")).resolve("bin/install-opa"));
        assertThat(script).contains("OPA_VERSION=\"" + PolicySettings.OPA_VERSION + "\"");
    }
}
