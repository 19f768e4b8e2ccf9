package io.maestro.core.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OPA as a child process on loopback (the embedded default): the shipped policies are built into
 * a bundle signed with the home's local key, and OPA is started to verify and load it, so an
 * unsigned or tampered bundle is refused exactly as in production. Its log goes to
 * {@code <dir>/opa.log}; {@link #close()} stops it.
 */
public final class LocalOpa implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalOpa.class);
    public static final String KEY_ID = "maestro-local";
    private final Process process;
    private final URI url;
    private final String revision;
    private final Path dir;

    private LocalOpa(Process process, URI url, String revision, Path dir) {
        this.process = process;
        this.url = url;
        this.revision = revision;
        this.dir = dir;
    }

    /**
     * @param opa the OPA binary ({@code bin/install-opa} installs the pinned one)
     * @param dir working directory: keys, sources, bundle and log
     */
    public static LocalOpa start(Path opa, Path dir, Duration startTimeout) {
        if (!Files.isExecutable(opa)) {
            throw new PolicyUnavailableException("no OPA binary at " + opa + ": run bin/install-opa (it installs the pinned OPA with go install)"
                    + " or set MAESTRO_OPA_URL to a running OPA");
        }
        try {
            Files.createDirectories(dir);
            SigningKeys keys = SigningKeys.ensure(dir.resolve("keys"), KEY_ID);
            String revision = PolicyBundle.extractShipped(dir.resolve("src"));
            Path bundle = dir.resolve("bundle.tar.gz");
            build(opa, dir, keys, revision, bundle);
            return run(opa, dir, keys, revision, bundle, startTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the local OPA in " + dir, e);
        }
    }

    /** {@code opa build} of {@code dir/src} into a bundle signed with the local key. */
    static void build(Path opa, Path dir, SigningKeys keys, String revision, Path bundle) throws IOException {
        Path claims = dir.resolve("claims.json");
        Files.writeString(claims, "{\"keyid\":\"" + keys.keyId() + "\"}");
        exec(dir, List.of(opa.toString(), "build", "--bundle", dir.resolve("src").toString(), "--revision", revision,
                "--signing-key", keys.privateKey().toString(), "--signing-alg", "RS256", "--claims-file", claims.toString(),
                "--output", bundle.toString()), "opa build");
    }

    static LocalOpa run(Path opa, Path dir, SigningKeys keys, String revision, Path bundle, Duration startTimeout)
            throws IOException {
        int port = freePort();
        URI url = URI.create("http://127.0.0.1:" + port);
        Path logFile = dir.resolve("opa.log");
        var command = new ArrayList<>(List.of(opa.toString(), "run", "--server", "--addr", "127.0.0.1:" + port,
                "--skip-version-check", "--log-format", "json", "--log-level", "error",
                "--verification-key", keys.publicKey().toString(), "--verification-key-id", keys.keyId(),
                "--signing-alg", "RS256", "--bundle", bundle.toString()));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        var opaProcess = new LocalOpa(process, url, revision, dir);
        try {
            opaProcess.awaitReady(startTimeout, logFile);
        } catch (RuntimeException e) {
            opaProcess.close();
            throw e;
        }
        log.info("local OPA {} serving bundle revision {} on {} (pid {})", opa, revision, url, process.pid());
        return opaProcess;
    }

    private void awaitReady(Duration timeout, Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/health?bundles=true")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PolicyUnavailableException("OPA exited with code " + process.exitValue() + " before it was ready: " + tail(logFile));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolicyUnavailableException("interrupted while starting OPA", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolicyUnavailableException("interrupted while starting OPA", e);
            }
        }
        throw new PolicyUnavailableException("OPA did not become ready within " + timeout.toSeconds() + " s: " + tail(logFile));
    }

    public URI url() {
        return url;
    }

    /** The revision of the bundle it was started with. */
    public String revision() {
        return revision;
    }

    public Path dir() {
        return dir;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static void exec(Path dir, List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PolicyUnavailableException(what + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyUnavailableException("interrupted during " + what, e);
        }
        if (p.exitValue() != 0) throw new PolicyUnavailableException(what + " failed (exit " + p.exitValue() + "): " + output.strip());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no OPA log at " + logFile + ")";
        }
    }
}
