package io.maestro.plugins.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditWriterTest {
    @TempDir Path dir;

    @Test
    void aNewWriterOnTheSameDirectoryContinuesTheChainAfterTheStopRecordOfTheLastOne() throws Exception {
        try (var store = new StoreFixture(dir)) {
            store.append(3);
            store.writer.close(StoreFixture.PATIENCE);

            AuditWriter next = store.anotherWriter();
            next.append(StoreFixture.record(9, "acme", "run.submit"));
            next.flush(StoreFixture.PATIENCE);

            List<AuditRecord> records = records(store);
            assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThat(records).extracting(AuditRecord::action).containsExactly("run.submit", "run.submit",
                    "run.submit", "audit.stop", "audit.key.create", "run.submit");
            assertThat(store.digestLines()).hasSize(1).first().asString().contains("\"last_seq\":5"); // signed on stop
            assertThat(store.verify().ok()).isTrue();
            next.close(StoreFixture.PATIENCE);
        }
    }

    @Test
    void twoWritersAppendingAtOnceToOneStoreKeepOneUnbrokenChain() throws Exception {
        try (var store = new StoreFixture(dir)) {
            AuditWriter other = store.anotherWriter(); // e.g. the old and new version during a hot reload
            var start = new CountDownLatch(1);
            try (var pool = Executors.newFixedThreadPool(2)) {
                var futures = new ArrayList<Future<?>>();
                for (AuditWriter w : List.of(store.writer, other)) {
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < 300; i++) {
                            w.append(StoreFixture.record(i, "acme", "step.start"));
                            if (i % 50 == 0) w.seal(StoreFixture.PATIENCE);
                        }
                        w.flush(StoreFixture.PATIENCE);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) f.get();
            }
            other.close(StoreFixture.PATIENCE);

            var report = store.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(records(store).stream().filter(r -> r.action().equals("step.start"))).hasSize(600);
            assertThat(report.digests()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void appendReturnsAtOnceWhileTheStoreIsBlockedAndCountsWhatDidNotFitInTheQueue() throws Exception {
        try (var store = new StoreFixture(dir, new AuditSettings(1_000_000, Duration.ofDays(1), 3))) {
            long took;
            Closeable held = store.files.lock(); // another process holds the store
            try {
                long t0 = System.nanoTime();
                for (int i = 0; i < 5; i++) store.writer.append(StoreFixture.record(i, "acme", "run.submit"));
                took = System.nanoTime() - t0;
            } finally {
                held.close();
            }
            store.writer.flush(StoreFixture.PATIENCE);

            List<AuditRecord> records = records(store);
            assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofMillis(200));
            // each write carries a notice of what was dropped since the last one
            List<AuditRecord> notices = records.stream().filter(r -> r.action().equals("audit.drop")).toList();
            assertThat(records.stream().filter(r -> r.action().equals("run.submit"))).hasSize(3);
            assertThat(notices).isNotEmpty().allSatisfy(n -> assertThat(n.outcome()).isEqualTo("failure"));
            assertThat(notices.stream().mapToLong(n -> (Long) n.details().get("count")).sum()).isEqualTo(2);
        }
    }

    @Test
    void aStoreThatCannotBeWrittenFailsNoAppendAndCatchesUpOnceItCanBe() throws Exception {
        try (var store = new StoreFixture(dir)) {
            Files.createDirectories(store.files.records()); // a directory where the log file should be: writes fail

            for (int i = 0; i < 3; i++) store.writer.append(StoreFixture.record(i, "acme", "run.submit"));
            assertThatThrownBy(() -> store.writer.flush(StoreFixture.PATIENCE)).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot be written");

            Files.delete(store.files.records());
            eventually(() -> Files.isRegularFile(store.files.records()));
            store.writer.flush(StoreFixture.PATIENCE);

            assertThat(records(store)).hasSize(3);
            assertThat(store.verify().ok()).isTrue();
        }
    }

    @Test
    void anIncompleteLastLineIsMovedAsideAndRecordedBeforeTheNextAppend() throws Exception {
        try (var store = new StoreFixture(dir)) {
            store.append(2);
            Files.writeString(store.files.records(), "{\"action\":\"run.sub", java.nio.file.StandardOpenOption.APPEND);

            store.append(1);

            List<AuditRecord> records = records(store);
            assertThat(records).extracting(AuditRecord::action).containsExactly("run.submit", "run.submit",
                    "audit.repair", "run.submit");
            assertThat(records.get(2).details()).containsEntry("bytes", 18L);
            try (Stream<Path> torn = Files.list(store.files.torn())) {
                assertThat(torn).singleElement().satisfies(f ->
                        assertThat(Files.readString(f)).isEqualTo("{\"action\":\"run.sub"));
            }
            assertThat(store.verify().ok()).isTrue();
        }
    }

    @Test
    void aDigestIsSignedOnceEnoughRecordsAreUnsigned() throws Exception {
        try (var store = new StoreFixture(dir, new AuditSettings(5, Duration.ofDays(1), 1000))) {
            for (int i = 0; i < 12; i++) store.append(1);

            eventually(() -> digests(store) >= 2);
            var report = store.verify();
            assertThat(report.ok()).isTrue();
            assertThat(report.signedThrough()).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void anIdleLogIsSignedOnceTheIntervalHasPassed() throws Exception {
        var writer = new AuditWriter(new AuditFiles(dir), new AuditSettings(1000, Duration.ofMillis(300), 1000),
                Clock.systemUTC(), "test");
        try {
            writer.append(StoreFixture.record(1, "acme", "run.submit"));
            writer.flush(StoreFixture.PATIENCE);
            assertThat(AuditFiles.sizeOf(dir.resolve(AuditFiles.DIGESTS))).isZero();

            eventuallyIo(() -> AuditFiles.sizeOf(dir.resolve(AuditFiles.DIGESTS)) > 0);

            var report = new Verifier(new AuditFiles(dir), Verifier.Trust.storedBeside(new AuditFiles(dir))).verify();
            assertThat(report.ok()).isTrue();
            assertThat(report.signedThrough()).isEqualTo(report.records());
        } finally {
            writer.close(StoreFixture.PATIENCE);
        }
    }

    @Test
    void theSigningKeyIsPrivateToItsOwnerAndThePublicHalfIsExportedBesideIt() throws Exception {
        try (var store = new StoreFixture(dir)) {
            store.append(1).seal();

            assertThat(Files.getPosixFilePermissions(store.files.privateKey()))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
            assertThat(Files.readString(store.files.publicKey())).startsWith("-----BEGIN PUBLIC KEY-----");
            assertThat(store.cli("public-key").out()).isEqualTo(Files.readString(store.files.publicKey()));
        }
    }

    private static List<AuditRecord> records(StoreFixture store) throws Exception {
        var out = new ArrayList<AuditRecord>();
        AuditQuery.ALL.scan(store.files, out::add);
        return out;
    }

    private static long digests(StoreFixture store) {
        try {
            return Files.exists(store.files.digests()) ? store.digestLines().size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 10 s");
            Thread.sleep(20);
        }
    }

    interface IoCheck {
        boolean check() throws IOException;
    }

    private static void eventuallyIo(IoCheck condition) throws InterruptedException {
        eventually(() -> {
            try {
                return condition.check();
            } catch (IOException e) {
                return false;
            }
        });
    }
}
