package io.maestro.core.policy;

import io.maestro.core.os.LocalResources;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OPA as a child process on loopback (the embedded default). Maestro builds the policies into a
 * bundle signed with the home's local key and serves it from a {@link BundleService}; OPA polls
 * it, verifies the signature, and reports its status back. So a new revision is picked up while
 * OPA runs, and a bundle that fails to build, is unsigned or tampered with is refused while the
 * previous good revision keeps deciding — and {@link #status()} and the metrics say so.
 * OPA's log goes to {@code <dir>/opa.log}; {@link #close()} stops it.
 */
public final class LocalOpa implements AutoCloseable {
    /**
     * OPA runs under a small POSIX shell that also watches its own stdin, a pipe from this JVM: when
     * the JVM dies, even by SIGKILL, the pipe closes and the watcher stops OPA, so no OPA outlives its
     * Maestro. A SIGTERM to the shell (our {@code destroy()}) stops OPA at once; the shell exits with OPA's code.
     * (Background jobs of a non-interactive shell read /dev/null, hence the pipe kept on fd 3 for the watcher.)
     */
    static final String WATCHDOG = """
            exec 3<&0
            "$@" </dev/null 3<&- & child=$!
            ( while read -r _ <&3; do :; done; kill "$child" 2>/dev/null ) & watcher=$!
            exec 3<&-
            trap 'kill "$child" "$watcher" 2>/dev/null; exit 143' TERM INT HUP
            wait "$child"; code=$?
            kill "$watcher" 2>/dev/null
            exit "$code"
            """;

    private static final Logger log = LoggerFactory.getLogger(LocalOpa.class);
    public static final String KEY_ID = "maestro-local";
    private final Path opa;
    private final Path dir;
    private final SigningKeys keys;
    private final BundleService service;
    private final MeterRegistry metrics;
    private Process process;
    private URI url;
    private volatile BundleStatus status = new BundleStatus(null, null, null, null);
    private Thread watcher;
    private Thread shutdownHook;

    private LocalOpa(Path opa, Path dir, SigningKeys keys, MeterRegistry metrics) throws IOException {
        this.opa = opa;
        this.dir = dir;
        this.keys = keys;
        this.metrics = metrics;
        this.service = new BundleService(this::onStatus);
        Gauge.builder("maestro.policy.bundle.healthy", this, o -> o.status.healthy() ? 1 : 0)
                .description("1 when the latest policy bundle is the one deciding, 0 when it was refused").register(metrics);
    }

    /**
     * Starts OPA over the policies shipped in this build, or those under {@code sources} when given.
     *
     * @param opa the OPA binary ({@code bin/install-opa} installs the pinned one)
     * @param dir working directory: keys, sources, bundle, config and log
     */
    public static LocalOpa start(Path opa, Path dir, Path sources, Duration startTimeout, MeterRegistry metrics) {
        if (!Files.isExecutable(opa)) {
            throw new PolicyUnavailableException("no OPA binary at " + opa + ": run bin/install-opa (it installs the pinned OPA with go install)"
                    + " or set MAESTRO_OPA_URL to a running OPA");
        }
        LocalOpa local = null;
        try {
            Files.createDirectories(dir);
            local = new LocalOpa(opa, dir, SigningKeys.ensure(dir.resolve("keys"), KEY_ID), metrics);
            String revision = sources == null ? PolicyBundle.extractShipped(dir.resolve("src")) : PolicyBundle.copy(sources, dir.resolve("src"));
            local.service.publish(build(opa, dir, local.keys, dir.resolve("src"), revision));
            local.status = new BundleStatus(null, revision, null, null);
            local.launch(startTimeout);
            return local;
        } catch (IOException e) {
            if (local != null) local.close();
            throw new UncheckedIOException("cannot prepare the local OPA in " + dir, e);
        } catch (RuntimeException e) {
            if (local != null) local.close();
            throw e;
        }
    }

    /**
     * Builds {@code sources} into a new signed bundle and serves it; OPA activates it at its next
     * poll (within 2 s). A policy that does not build leaves the current revision deciding.
     *
     * @return the new revision
     * @throws PolicyBundleException when the policies do not build (the reason names the file and line)
     */
    public String publish(Path sources) {
        String revision;
        byte[] bundle;
        try {
            revision = PolicyBundle.copy(sources, dir.resolve("next"));
            bundle = build(opa, dir, keys, dir.resolve("next"), revision);
        } catch (IOException | PolicyBundleException e) {
            String reason = e instanceof PolicyBundleException ? e.getMessage() : "cannot read " + sources + ": " + e.getMessage();
            refused(reason);
            throw e instanceof PolicyBundleException p ? p : new PolicyBundleException(reason);
        }
        publishBuilt(bundle, revision);
        return revision;
    }

    /** Serves bundle bytes as they are (tests use it to hand OPA an unsigned or tampered bundle). */
    synchronized void publishBuilt(byte[] bundle, String revision) {
        service.publish(bundle);
        BundleStatus s = status;
        status = new BundleStatus(s.activeRevision(), revision, s.error(), s.errorAt());
        log.info("policy bundle {} published for OPA", revision);
    }

    /** Watches {@code sources} and publishes each change (checked every {@code every}). */
    public synchronized void watch(Path sources, Duration every) {
        if (watcher != null) return;
        watcher = Thread.ofPlatform().daemon().name("policy-watch").start(() -> {
            String last = status.publishedRevision();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every.toMillis());
                    String now = PolicyBundle.revisionOf(sources);
                    if (!now.equals(last)) {
                        last = now;
                        publish(sources);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | IOException e) {
                    log.warn("policy bundle not published: {}", e.getMessage());
                }
            }
        });
    }

    /** The bundle's state as OPA last reported it. */
    public BundleStatus status() {
        return status;
    }

    public URI url() {
        return url;
    }

    /** The revision deciding now (the published one until OPA's first status report). */
    public String revision() {
        BundleStatus s = status;
        return s.activeRevision() != null ? s.activeRevision() : s.publishedRevision();
    }

    public Path dir() {
        return dir;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** OPA's status report: which revision is active, and why the latest bundle was refused (counted once per reason). */
    private synchronized void onStatus(JsonNode report) {
        JsonNode bundle = report.path("bundles").path("maestro");
        if (bundle.isMissingNode()) return;
        String active = bundle.path("active_revision").asString(null);
        String code = bundle.path("code").asString(null);
        BundleStatus s = status;
        if (code != null && !code.isBlank()) {
            status = new BundleStatus(active, s.publishedRevision(), s.error(), s.errorAt());
            String reason = "OPA refused the bundle: " + bundle.path("message").asString(code);
            if (!reason.equals(s.error())) refused(reason);
        } else if (active != null && active.equals(s.publishedRevision())) {
            if (s.error() != null) log.info("policy bundle {} is active again", active);
            status = new BundleStatus(active, s.publishedRevision(), null, null);
        } else {
            status = new BundleStatus(active, s.publishedRevision(), s.error(), s.errorAt());
        }
    }

    private synchronized void refused(String reason) {
        BundleStatus s = status;
        status = new BundleStatus(s.activeRevision(), s.publishedRevision(), reason, Instant.now());
        metrics.counter("maestro.policy.bundle.failures").increment();
        log.error("policy bundle refused, revision {} keeps deciding: {}", s.activeRevision(), reason);
    }

    /** {@code opa build} of {@code src} into a bundle signed with {@code keys}. */
    static byte[] build(Path opa, Path dir, SigningKeys keys, Path src, String revision) throws IOException {
        Path out = dir.resolve("bundle-" + revision + ".tar.gz");
        try {
            exec(dir, List.of(opa.toString(), "build", "--bundle", src.toString(), "--revision", revision,
                    "--signing-key", keys.privateKey().toString(), "--signing-alg", "RS256", "--verification-key-id", keys.keyId(),
                    "--output", out.toString()), "opa build");
            return Files.readAllBytes(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private void launch(Duration startTimeout) throws IOException {
        int port = LocalResources.freeLoopbackPort();
        url = URI.create("http://127.0.0.1:" + port);
        Path config = dir.resolve("opa-config.json");
        Files.writeString(config, JsonMapper.builder().build().writeValueAsString(Map.of(
                "services", Map.of("maestro", Map.of("url", service.url().toString())),
                "bundles", Map.of("maestro", Map.of("service", "maestro", "resource", BundleService.BUNDLE_PATH.substring(1),
                        "polling", Map.of("min_delay_seconds", 1, "max_delay_seconds", 2),
                        "signing", Map.of("keyid", keys.keyId()))),
                "keys", Map.of(keys.keyId(), Map.of("algorithm", "RS256", "key", Files.readString(keys.publicKey()))),
                "status", Map.of("service", "maestro"))));
        Path logFile = dir.resolve("opa.log");
        var command = new java.util.ArrayList<>(List.of("sh", "-c", WATCHDOG, "maestro-opa"));
        command.addAll(List.of(opa.toString(), "run", "--server", "--addr", "127.0.0.1:" + port, "--skip-version-check",
                "--log-format", "json", "--log-level", "error", "--config-file", config.toString()));
        process = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        Process started = process;
        // a JVM that exits (normally, or on SIGTERM / Ctrl-C) takes its OPA with it
        shutdownHook = new Thread(started::destroy, "stop-local-opa");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitReady(startTimeout, logFile);
        log.info("local OPA {} on {} (pid {}) polling bundle revision {} from {}", opa, url, process.pid(), status.publishedRevision(), service.url());
    }

    private void awaitReady(Duration timeout, Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/health?bundles=true")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PolicyUnavailableException("OPA exited with code " + process.exitValue() + " before it was ready: " + LocalResources.lastLines(logFile, 10));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
                if (status.error() != null) throw new PolicyUnavailableException("OPA refused the first policy bundle: " + status.error());
                Thread.sleep(50);
            } catch (IOException e) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PolicyUnavailableException("interrupted while starting OPA", e);
            }
        }
        throw new PolicyUnavailableException("OPA did not activate the policy bundle within " + timeout.toSeconds() + " s: " + LocalResources.lastLines(logFile, 10));
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (watcher != null) watcher.interrupt();
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to
            }
        }
        if (process != null) {
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
        service.close();
    }

    static void exec(Path dir, List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PolicyBundleException(what + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PolicyBundleException("interrupted during " + what);
        }
        if (p.exitValue() != 0) throw new PolicyBundleException(what + " failed: " + output.strip());
    }


}
