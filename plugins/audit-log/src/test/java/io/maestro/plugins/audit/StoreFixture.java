package io.maestro.plugins.audit;

import io.maestro.plugins.audit.AuditRecord.Actor;
import io.maestro.plugins.audit.AuditRecord.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An audit store in a temporary directory, written through the real writer, and ways to tamper with it. */
final class StoreFixture implements AutoCloseable {
    static final Duration PATIENCE = Duration.ofSeconds(20);
    static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    final Path dir;
    final AuditFiles files;
    final MutableClock clock = new MutableClock(T0);
    final AuditWriter writer;

    StoreFixture(Path dir) {
        this(dir, new AuditSettings(1_000_000, Duration.ofDays(1), 10_000));
    }

    StoreFixture(Path dir, AuditSettings settings) {
        this.dir = dir;
        this.files = new AuditFiles(dir);
        this.writer = new AuditWriter(files, settings, clock, "0.1.0-test");
    }

    /** A fresh writer on the same directory (another process, or the next plugin version). */
    AuditWriter anotherWriter() {
        return new AuditWriter(files, new AuditSettings(1_000_000, Duration.ofDays(1), 10_000), clock, "0.1.0-test");
    }

    static AuditRecord record(int i, String tenant, String action) {
        return AuditRecord.of(T0.plusSeconds(i), Actor.SYSTEM, action, new Target("run", "r-" + i, "demo"), "r-" + i,
                tenant, AuditRecord.SUCCESS, null, new AuditRecord.Trace("0af7651916cd43dd8448eb211c80319c",
                        "b7ad6b7169203331"), Map.of("n", (long) i));
    }

    /** Appends {@code n} records for tenant acme and waits until they are on disk. */
    StoreFixture append(int n) throws IOException {
        for (int i = 0; i < n; i++) writer.append(record(i, "acme", "run.submit"));
        writer.flush(PATIENCE);
        return this;
    }

    Digest seal() throws IOException {
        return writer.seal(PATIENCE);
    }

    /**
     * Record 1 is the key's creation (digest 1), then {@code digests} digests of 10 records each:
     * digest 2 covers 2..11, digest 3 12..21, digest 4 22..31.
     */
    StoreFixture sealedInTens(int digests) throws IOException {
        seal();
        for (int d = 0; d < digests; d++) {
            append(10);
            seal();
        }
        return this;
    }

    List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(files.records(), StandardCharsets.UTF_8));
    }

    void writeLines(List<String> lines) throws IOException {
        Files.writeString(files.records(), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    List<String> digestLines() throws IOException {
        return new ArrayList<>(Files.readAllLines(files.digests(), StandardCharsets.UTF_8));
    }

    void writeDigestLines(List<String> lines) throws IOException {
        Files.writeString(files.digests(), lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    AuditRecord recordAt(int line) throws Exception {
        return AuditRecord.fromMap(CanonicalJson.parseObject(lines().get(line - 1)));
    }

    Verifier.Report verify() throws IOException {
        return new Verifier(files, Verifier.Trust.storedBeside(files)).verify();
    }

    Verifier.Report verifyPinned(Path publicKey) throws IOException {
        return new Verifier(files, Verifier.Trust.pinned(List.of(publicKey))).verify();
    }

    /** Runs {@code maestro audit args…} against this store. */
    Result cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code;
        try (var o = new PrintWriter(out); var e = new PrintWriter(err)) {
            code = new AuditCli(writer, clock, "0.1.0-test").run(List.of(args), o, e);
        }
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) { }

    @Override
    public void close() {
        writer.close(PATIENCE);
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
