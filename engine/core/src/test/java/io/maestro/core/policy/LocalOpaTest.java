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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default against the real OPA binary: the shipped policies in a signed bundle served
 * to OPA, decisions naming their revision, hot reload, and refusals that keep the previous revision.
 */
class LocalOpaTest {
    static final Path OPA = PolicySettings.fromEnvironment(System.getenv()).opaBinary();
    static final Path REPO_POLICIES = Path.of(System.getProperty("maestro.repo", "../..")).resolve("policies");
    static final String AUTHZ = "maestro/authz/decision";

    @TempDir static Path dir;
    static LocalOpa opa;
    static SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    static OpaPolicyClient client;

    @BeforeAll
    static void start() {
        opa = LocalOpa.start(OPA, dir.resolve("policy"), null, Duration.ofSeconds(30), metrics);
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
        PolicyAnswer allowed = client.evaluate(AUTHZ, authz("acme", "operator", "run:resume", "acme"));
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.revision()).isEqualTo(opa.revision()).startsWith("content-");
        assertThat(allowed.text("rule", "")).isEqualTo("rbac.grant");

        PolicyAnswer denied = client.evaluate(AUTHZ, authz("acme", "viewer", "run:resume", "acme"));
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.text("rule", "")).isEqualTo("rbac.no_grant");

        PolicyAnswer crossTenant = client.evaluate(AUTHZ, authz("acme", "tenant-admin", "run:read", "globex"));
        assertThat(crossTenant.allowed()).isFalse();
        assertThat(crossTenant.text("rule", "")).isEqualTo("tenant.boundary");

        assertThat(metrics.get("maestro.policy.evaluate").tag("outcome", "answered").timer().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void anUndefinedDocumentIsADenialNotAnError() {
        PolicyAnswer answer = client.evaluate("maestro/no_such_document", Map.of());
        assertThat(answer.result()).isNull();
        assertThat(answer.allowed()).isFalse();
    }

    @Test
    void aNewRevisionIsPickedUpWhileRunningAndABadOneIsRefusedWhileThePreviousKeepsDeciding(@TempDir Path work) throws Exception {
        var metrics = new SimpleMeterRegistry(); // this instance's own bundle gauge
        try (LocalOpa local = LocalOpa.start(OPA, work.resolve("opa"), REPO_POLICIES, Duration.ofSeconds(30), metrics)) {
            var direct = new OpaPolicyClient(local.url(), Duration.ofSeconds(2), metrics, OpenTelemetry.noop().getTracer("test"));
            Map<String, Object> viewerCancels = authz("acme", "viewer", "run:cancel", "acme");
            String first = local.revision();
            assertThat(direct.evaluate(AUTHZ, viewerCancels).allowed()).isFalse();

            // 1. a good change: viewers may now cancel; OPA activates it within its polling interval
            Path edited = work.resolve("edited");
            PolicyBundle.copy(REPO_POLICIES, edited);
            Path authz = edited.resolve("maestro/authz/authz.rego");
            Files.writeString(authz, Files.readString(authz).replaceFirst("\"viewer\": \\{", "\"viewer\": {\n\t\t\"run:cancel\","));
            String second = local.publish(edited);
            assertThat(second).isNotEqualTo(first);
            PolicyAnswer reloaded = await(() -> direct.evaluate(AUTHZ, viewerCancels), a -> second.equals(a.revision()));
            assertThat(reloaded.allowed()).isTrue();
            await(local::status, s -> second.equals(s.activeRevision()) && s.healthy());

            // 2. a policy that does not compile: refused at build, the file named, second keeps deciding
            Path broken = work.resolve("broken");
            PolicyBundle.copy(edited, broken);
            Files.writeString(broken.resolve("maestro/authz/authz.rego"), "package maestro.authz\n\ndecision := {\n");
            assertThatThrownBy(() -> local.publish(broken)).isInstanceOf(PolicyBundleException.class).hasMessageContaining("authz.rego");
            assertThat(local.status().error()).contains("authz.rego");
            assertThat(direct.evaluate(AUTHZ, viewerCancels).revision()).isEqualTo(second);

            // 3. a bundle signed with another key (same key id): OPA refuses it, second keeps deciding, status says why
            SigningKeys intruder = SigningKeys.ensure(work.resolve("intruder-keys"), LocalOpa.KEY_ID);
            Path src = work.resolve("intruder-src");
            String forgedRevision = PolicyBundle.copy(REPO_POLICIES, src) + "-forged";
            local.publishBuilt(LocalOpa.build(OPA, work, intruder, src, forgedRevision), forgedRevision);
            BundleStatus refused = await(local::status, s -> s.error() != null && s.error().contains("OPA refused"));
            assertThat(refused.error()).containsIgnoringCase("signature");
            assertThat(refused.activeRevision()).isEqualTo(second);
            assertThat(direct.evaluate(AUTHZ, viewerCancels).revision()).isEqualTo(second);

            // 4. a signed bundle with one file changed after signing (same entry names, only the content differs)
            byte[] signed = LocalOpa.build(OPA, work, SigningKeys.ensure(work.resolve("opa/keys"), LocalOpa.KEY_ID), src, "tamper-me");
            Path tarball = Files.write(work.resolve("signed.tar.gz"), signed);
            Path unpacked = Files.createDirectories(work.resolve("unpacked"));
            LocalOpa.exec(work, List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), "tar");
            Path data = unpacked.resolve("data.json"); // opa build merges the data files into one
            assertThat(Files.readString(data)).contains("eu-west-1");
            Files.writeString(data, Files.readString(data).replace("eu-west-1", "us-east-1")); // an attacker moving acme's region pin
            Path tampered = work.resolve("tampered.tar.gz");
            var tar = new java.util.ArrayList<>(List.of("tar", "-czPf", tampered.toString(), "-C", unpacked.toString(), "--transform", "s,^,/,"));
            try (var files = Files.walk(unpacked)) {
                files.filter(Files::isRegularFile).map(p -> unpacked.relativize(p).toString()).forEach(tar::add);
            }
            LocalOpa.exec(work, tar, "tar");
            local.publishBuilt(Files.readAllBytes(tampered), "tampered");
            await(local::status, s -> s.error() != null && s.error().contains("digest mismatch"));
            assertThat(direct.evaluate(AUTHZ, viewerCancels).revision()).isEqualTo(second);

            // 5. an unsigned bundle: refused the same way
            Path unsigned = work.resolve("unsigned.tar.gz");
            LocalOpa.exec(work, List.of(OPA.toString(), "build", "--bundle", src.toString(), "--revision", "unsigned", "--output", unsigned.toString()), "opa build");
            local.publishBuilt(Files.readAllBytes(unsigned), "unsigned");
            await(local::status, s -> s.error() != null && s.error().contains(".signatures.json"));
            assertThat(direct.evaluate(AUTHZ, viewerCancels).revision()).isEqualTo(second);
            assertThat(metrics.get("maestro.policy.bundle.healthy").gauge().value()).isZero();
            // compile error, foreign key, tampered, unsigned: each counted once, however often OPA reports it
            assertThat(metrics.get("maestro.policy.bundle.failures").counter().count()).isEqualTo(4);

            // 6. the original policies again: healthy, and viewers may no longer cancel
            assertThat(local.publish(REPO_POLICIES)).isEqualTo(first);
            await(local::status, s -> first.equals(s.activeRevision()) && s.healthy());
            assertThat(direct.evaluate(AUTHZ, viewerCancels).allowed()).isFalse();
        }
    }

    @Test
    void aDeadOpaFailsClosedAndTheCacheDoesNotHideIt(@TempDir Path work) {
        LocalOpa doomed = LocalOpa.start(OPA, work, null, Duration.ofSeconds(30), metrics);
        var direct = new OpaPolicyClient(doomed.url(), Duration.ofMillis(500), metrics, OpenTelemetry.noop().getTracer("test"));
        var cached = new CachingPolicyClient(direct, Duration.ofMillis(200), 100, metrics);
        Map<String, Object> input = authz("acme", "operator", "run:start", "acme");
        assertThat(cached.evaluate(AUTHZ, input).allowed()).isTrue();
        assertThat(cached.problem()).isEmpty();
        doomed.close();
        assertThatThrownBy(() -> direct.evaluate(AUTHZ, input))
                .isInstanceOf(PolicyUnavailableException.class).hasMessageContaining(doomed.url().toString());
        cached.invalidate();
        assertThatThrownBy(() -> cached.evaluate(AUTHZ, input)).isInstanceOf(PolicyUnavailableException.class);
        assertThat(cached.problem()).hasValueSatisfying(p -> assertThat(p).contains("unreachable"));
    }

    @Test
    void theInstallScriptPinsTheVersionTheEngineLooksFor() throws Exception {
        String script = Files.readString(Path.of(System.getProperty("maestro.repo", "../..")).resolve("bin/install-opa"));
        assertThat(script).contains("OPA_VERSION=\"" + PolicySettings.OPA_VERSION + "\"");
    }

    static <T> T await(Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) throw new AssertionError("not reached within 15 s; last: " + last);
            Thread.sleep(100);
            last = probe.get();
        }
        return last;
    }
}
