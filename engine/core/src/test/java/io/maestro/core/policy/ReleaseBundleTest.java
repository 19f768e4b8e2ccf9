package io.maestro.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.api.event.RunStatus;
import io.maestro.core.Engine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release path: policies/build-bundle.sh signs a bundle whose revision is the git describe of
 * the repo; an external OPA verifies it with the key id; Maestro pointed at it (MAESTRO_OPA_URL)
 * decides with that revision.
 */
class ReleaseBundleTest {
    static final Path REPO = Path.of(System.getProperty("maestro.repo", "../..")).toAbsolutePath().normalize();
    static final Path OPA = PolicySettings.fromEnvironment(System.getenv()).opaBinary();

    @Test
    void aSignedReleaseBundleServedByAnExternalOpaDecidesWithTheGitRevision(@TempDir Path work) throws Exception {
        SigningKeys keys = SigningKeys.ensure(work.resolve("keys"), "maestro-2026-11");
        Path bundle = work.resolve("maestro-policy.tar.gz");
        run(List.of(REPO.resolve("policies/build-bundle.sh").toString(), bundle.toString(), keys.privateKey().toString(), keys.keyId()));
        String revision = run(List.of("git", "-C", REPO.toString(), "describe", "--always", "--dirty")).strip();

        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process opa = new ProcessBuilder(OPA.toString(), "run", "--server", "--addr", "127.0.0.1:" + port, "--skip-version-check",
                "--bundle", bundle.toString(), "--verification-key", keys.publicKey().toString(),
                "--verification-key-id", keys.keyId(), "--signing-alg", "RS256")
                .redirectErrorStream(true).redirectOutput(work.resolve("opa.log").toFile()).start();
        try {
            URI url = URI.create("http://127.0.0.1:" + port);
            awaitHealthy(url);
            var env = Map.of("MAESTRO_HOME", work.resolve("home").toString(), "MAESTRO_OPA_URL", url.toString(),
                    "MAESTRO_PLUGINS_DIR", work.resolve("plugins").toString());
            try (Engine engine = new Engine(env, null, p -> { throw new AssertionError(p); }, List.of())) {
                PolicyAnswer answer = engine.policy().evaluate(Authorization.PATH, Map.of(
                        "subject", Map.of("tenant", "acme", "role", "auditor", "id", "tok_a"),
                        "action", "audit:read", "resource", Map.of("kind", "audit", "tenant", "acme")));
                assertThat(answer.allowed()).isTrue();
                assertThat(answer.revision()).isEqualTo(revision);
                assertThat(engine.localOpa()).as("no local OPA when MAESTRO_OPA_URL is set").isEmpty();

                var spec = engine.parser().parse("p.yaml", "apiVersion: maestro/v1\nkind: Pipeline\nmetadata: {name: p}\nsteps: [{id: a, uses: noop}]\n");
                assertThat(engine.conductor().start(spec, Map.of()).await()).isEqualTo(RunStatus.SUCCEEDED);
            }
        } finally {
            opa.destroy();
            opa.waitFor();
        }
    }

    @Test
    void theScriptRefusesASigningKeyInsideTheRepository() throws Exception {
        Path inside = REPO.resolve("policies/stray-key.pem");
        try {
            java.nio.file.Files.writeString(inside, "not a key");
            Process p = new ProcessBuilder(REPO.resolve("policies/build-bundle.sh").toString(), "/tmp/never.tar.gz", inside.toString(), "k")
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isNotZero();
            assertThat(output).contains("inside the repository");
        } finally {
            java.nio.file.Files.deleteIfExists(inside);
        }
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError(command.getFirst() + " failed: " + output);
        return output;
    }

    static void awaitHealthy(URI url) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/health?bundles=true")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(50);
        }
        throw new AssertionError("OPA did not become healthy at " + url);
    }
}
