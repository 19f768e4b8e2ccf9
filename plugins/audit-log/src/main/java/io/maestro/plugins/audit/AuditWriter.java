package io.maestro.plugins.audit;

import io.maestro.plugins.audit.AuditRecord.Actor;
import io.maestro.plugins.audit.AuditRecord.Target;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only code that writes the audit store. Listeners hand it records ({@link #append}: a queue
 * offer, never blocking, never throwing); one thread per store writes them in batches, each batch
 * chained to the file's current last record and forced to disk under the store lock, and signs a
 * digest when one is due. IO failures are logged and retried; records that cannot even be queued
 * are counted and the count is itself recorded once writing resumes.
 */
final class AuditWriter {
    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration IDLE_WAKEUP = Duration.ofMinutes(1);

    private final AuditFiles files;
    private final AuditSettings settings;
    private final Clock clock;
    private final String pluginVersion;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Records accepted but not yet on disk (bounded by the queue capacity). */
    private final AtomicInteger unwritten = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Object startLock = new Object();
    private volatile Thread thread;
    private volatile boolean closed;

    // writer-thread state
    private Exception lastError;
    private long lastErrorLogged;
    private SealState seal = SealState.UNKNOWN;

    /** What decides the next digest: how many records are unsigned, and when the last digest was made. */
    private record SealState(long unsigned, Instant lastDigestAt) {
        static final SealState UNKNOWN = new SealState(0, null);
    }

    /** The chain's end as found in the file: the last record's number and hash. */
    record Tail(long seq, String hash) {
        static final Tail EMPTY = new Tail(0, AuditRecord.GENESIS);
    }

    /** The result of a key rotation. */
    record Rotation(String previousKeyId, String newKeyId, Digest sealedWithPreviousKey) { }

    private sealed interface Request permits Flush, Seal, RotateKey, Close { }

    private record Flush(CompletableFuture<Void> done) implements Request { }

    private record Seal(CompletableFuture<Digest> done) implements Request { }

    private record RotateKey(CompletableFuture<Rotation> done) implements Request { }

    private record Close(CompletableFuture<Void> done) implements Request { }

    AuditWriter(AuditFiles files, AuditSettings settings, Clock clock, String pluginVersion) {
        this.files = files;
        this.settings = settings;
        this.clock = clock;
        this.pluginVersion = pluginVersion;
    }

    AuditFiles files() {
        return files;
    }

    /** Queues a record; returns at once. Over capacity (the disk is gone for a long time) it is dropped and counted. */
    void append(AuditRecord record) {
        if (closed) {
            log.warn("audit record {} arrived after the audit log closed; not recorded", record.action());
            return;
        }
        if (unwritten.incrementAndGet() > settings.queueCapacity()) {
            unwritten.decrementAndGet();
            if (dropped.incrementAndGet() % 1000 == 1) {
                log.error("audit queue full ({} records waiting for the disk): dropping records; the count is recorded "
                        + "when writing resumes", settings.queueCapacity());
            }
            return;
        }
        queue.add(record);
        ensureStarted();
    }

    /** Waits until every record appended before this call is on disk. */
    void flush(Duration timeout) throws IOException {
        if (thread == null) return;
        await(new Flush(new CompletableFuture<>()), timeout);
    }

    /** Writes what is queued and signs a digest over every unsigned record now; null if none were unsigned. */
    Digest seal(Duration timeout) throws IOException {
        return await(new Seal(new CompletableFuture<>()), timeout);
    }

    /** Signs what is unsigned with the current key, then switches to a new key the old one vouches for. */
    Rotation rotateKey(Duration timeout) throws IOException {
        return await(new RotateKey(new CompletableFuture<>()), timeout);
    }

    /** Records that the audit log stops, writes everything, signs the tail, and stops the thread. */
    void close(Duration timeout) {
        if (thread == null || closed) {
            closed = true;
            return;
        }
        append(AuditRecord.of(clock.instant(), Actor.SYSTEM, "audit.stop",
                new Target("plugin", "audit-log", "audit-log " + pluginVersion), null, null, AuditRecord.SUCCESS,
                "the audit-log plugin stopped (shutdown, upgrade or removal): nothing is recorded by this process "
                        + "until it loads again", null, EventRecords.withOrigin(EventRecords.details("version", pluginVersion))));
        closed = true;
        long deadline = System.nanoTime() + timeout.toNanos(); // one budget: a hung disk must not hang the unload
        try {
            await(new Close(new CompletableFuture<>()), timeout);
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } catch (IOException e) {
            log.warn("audit log did not close cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T await(Request request, Duration timeout) throws IOException {
        if (closed && !(request instanceof Close)) throw new IOException("the audit log in " + files.dir + " is closed");
        ensureStarted();
        queue.add(request);
        CompletableFuture<T> done = (CompletableFuture<T>) switch (request) {
            case Flush f -> f.done();
            case Seal s -> s.done();
            case RotateKey r -> r.done();
            case Close c -> c.done();
        };
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) throw io;
            throw new IOException(cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("the audit writer did not answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private void ensureStarted() {
        if (thread != null) return;
        synchronized (startLock) {
            if (thread == null) thread = Thread.ofVirtual().name("audit-log-writer").start(this::run);
        }
    }

    // ---- the writer thread ---------------------------------------------------------------------

    private void run() {
        var batch = new ArrayList<AuditRecord>();
        try {
            while (true) {
                Object first = queue.poll(waitMillis(batch), TimeUnit.MILLISECONDS);
                var items = new ArrayList<>();
                if (first != null) items.add(first);
                queue.drainTo(items, 10_000);
                boolean stop = false;
                for (Object item : items) {
                    if (item instanceof AuditRecord r) batch.add(r);
                    else stop |= handle((Request) item, batch);
                }
                write(batch);
                if (stop) return;
                if (batch.isEmpty() && sealDue()) sealQuietly();
            }
        } catch (InterruptedException e) {
            write(batch);
        } catch (LinkageError e) {
            // the plugin's class loader was closed under us (a jar without Plugin-Class never got stop())
            log.warn("audit writer for {} stopped: this plugin version was unloaded ({})", files.dir, e.toString());
        }
    }

    private long waitMillis(List<AuditRecord> batch) {
        if (!batch.isEmpty()) return RETRY.toMillis(); // retrying a failed write
        if (seal.unsigned() == 0 || seal.lastDigestAt() == null) return IDLE_WAKEUP.toMillis();
        long untilDue = Duration.between(clock.instant(), seal.lastDigestAt().plus(settings.digestInterval())).toMillis();
        return Math.max(10, Math.min(untilDue, IDLE_WAKEUP.toMillis()));
    }

    private boolean sealDue() {
        if (seal.unsigned() <= 0) return false;
        if (seal.unsigned() >= settings.digestEveryRecords()) return true;
        return seal.lastDigestAt() != null
                && !clock.instant().isBefore(seal.lastDigestAt().plus(settings.digestInterval()));
    }

    /** Answers a request once everything queued before it is written; true when the thread should stop. */
    private boolean handle(Request request, List<AuditRecord> batch) {
        boolean written = write(batch);
        switch (request) {
            case Flush f -> {
                if (written) f.done().complete(null);
                else f.done().completeExceptionally(failure());
            }
            case Seal s -> {
                if (!written) s.done().completeExceptionally(failure());
                else {
                    try {
                        s.done().complete(locked(this::sealLocked));
                    } catch (IOException | GeneralSecurityException | RuntimeException e) {
                        s.done().completeExceptionally(e);
                    }
                }
            }
            case RotateKey r -> {
                if (!written) r.done().completeExceptionally(failure());
                else {
                    try {
                        r.done().complete(locked(this::rotateLocked));
                    } catch (IOException | GeneralSecurityException | RuntimeException e) {
                        r.done().completeExceptionally(e);
                    }
                }
            }
            case Close c -> {
                if (written) sealQuietly();
                else log.error("audit log closing with {} records it could not write: {}", batch.size(), lastError);
                c.done().complete(null);
                return true;
            }
        }
        return false;
    }

    private IOException failure() {
        return new IOException("the audit log cannot be written: " + lastError, lastError);
    }

    /** Writes the batch (and any drop notice); on failure keeps it for the next try. */
    private boolean write(List<AuditRecord> batch) {
        long droppedNow = dropped.getAndSet(0);
        if (batch.isEmpty() && droppedNow == 0) return true;
        var records = new ArrayList<AuditRecord>(batch.size() + 1);
        if (droppedNow > 0) {
            records.add(AuditRecord.of(clock.instant(), Actor.SYSTEM, "audit.drop", null, null, null,
                    AuditRecord.FAILURE, droppedNow + " audit records were dropped: the queue was full while the "
                            + "store could not be written", null, EventRecords.details("count", droppedNow)));
        }
        records.addAll(batch);
        try {
            locked(() -> {
                Tail tail = appendLocked(records);
                try {
                    refreshSealStateLocked(tail);
                } catch (IOException | RuntimeException e) { // the records are written; only the next digest waits
                    log.warn("cannot read the audit digest state in {}: {}", files.dir, e.toString());
                }
                return null;
            });
            unwritten.addAndGet(-batch.size());
            batch.clear();
            lastError = null;
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            dropped.addAndGet(droppedNow);
            lastError = e;
            long now = System.currentTimeMillis();
            if (now - lastErrorLogged > 60_000) { // a full disk should not flood the log
                lastErrorLogged = now;
                log.error("cannot write the audit log in {} ({} record(s) waiting, retrying every {} s): {}", files.dir,
                        batch.size(), RETRY.toSeconds(), e.toString());
            }
            return false;
        }
    }

    private void sealQuietly() {
        try {
            locked(this::sealLocked);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            log.error("cannot sign an audit digest in {}: {}", files.dir, e.toString());
            seal = new SealState(seal.unsigned(), clock.instant()); // try again after an interval, not in a loop
        }
    }

    // ---- under the store lock ------------------------------------------------------------------

    private interface LockedWork<T> {
        T run() throws IOException, GeneralSecurityException;
    }

    private <T> T locked(LockedWork<T> work) throws IOException, GeneralSecurityException {
        Closeable lock = files.lock();
        try {
            return work.run();
        } finally {
            lock.close();
        }
    }

    /** Chains {@code records} to the file's current end and forces them to disk. */
    private Tail appendLocked(List<AuditRecord> records) throws IOException {
        Path file = files.records();
        long size = AuditFiles.sizeOf(file);
        if (!AuditFiles.endsWithNewline(file, size)) {
            var torn = files.cutTornTail(file);
            log.error("the audit log ended in an incomplete line ({} bytes, a crash during a write?): moved to {}",
                    torn.bytes().length, torn.savedTo());
            records = new ArrayList<>(records);
            records.addFirst(repairRecord(torn));
        }
        Tail tail = tailLocked();
        var text = new StringBuilder(records.size() * 512);
        long seq = tail.seq();
        String prev = tail.hash();
        for (AuditRecord r : records) {
            AuditRecord c = r.chained(++seq, prev);
            prev = c.hash();
            text.append(c.toJsonLine()).append('\n');
        }
        AuditFiles.appendDurably(file, text.toString());
        return new Tail(seq, prev);
    }

    private AuditRecord repairRecord(AuditFiles.TornTail torn) {
        return AuditRecord.of(clock.instant(), Actor.SYSTEM, "audit.repair", new Target("file", torn.file(), null),
                null, null, AuditRecord.SUCCESS, "an incomplete last line (a write cut short by a crash or a full disk) "
                        + "was moved aside before appending", null, EventRecords.details("bytes", (long) torn.bytes().length,
                        "sha256", torn.sha256(), "moved_to", files.dir.relativize(torn.savedTo()).toString()));
    }

    /** The last record's number and hash, read from the file (another process may have appended). */
    Tail tailLocked() throws IOException {
        Path file = files.records();
        long size = AuditFiles.sizeOf(file);
        String last = AuditFiles.lastLine(file, size);
        if (last == null) return Tail.EMPTY;
        try {
            AuditRecord r = AuditRecord.fromMap(CanonicalJson.parseObject(last));
            return new Tail(r.seq(), r.hash());
        } catch (CanonicalJson.SyntaxException | AuditRecord.MalformedRecordException e) {
            // keep recording (losing the audit trail is worse), chained to the raw line; verify reports the line
            long lines = 0;
            try (var reader = new AuditFiles.Lines(file, size)) {
                while (reader.next() != null) lines++;
            }
            log.error("the last line of {} is not an audit record ({}); new records chain to its raw bytes: "
                    + "run 'maestro audit verify'", file, e.getMessage());
            return new Tail(lines, sha256(last));
        }
    }

    private Digest lastDigestLocked() throws IOException {
        Path file = files.digests();
        long size = AuditFiles.sizeOf(file);
        if (!AuditFiles.endsWithNewline(file, size)) {
            var torn = files.cutTornTail(file);
            log.error("the digest file ended in an incomplete line: moved to {}", torn.savedTo());
            appendLocked(List.of(repairRecord(torn)));
            size = AuditFiles.sizeOf(file);
        }
        String last = AuditFiles.lastLine(file, size);
        if (last == null) return null;
        try {
            return Digest.fromMap(CanonicalJson.parseObject(last));
        } catch (CanonicalJson.SyntaxException | AuditRecord.MalformedRecordException e) {
            throw new IOException(file + ": the last digest is unreadable (" + e.getMessage()
                    + "); run 'maestro audit verify' and see runbooks/audit-log.md");
        }
    }

    private void refreshSealStateLocked(Tail tail) throws IOException {
        Digest last = lastDigestLocked();
        long lastSeq = tail.seq();
        Instant lastAt = last != null ? last.time() : seal.lastDigestAt() != null ? seal.lastDigestAt() : clock.instant();
        seal = new SealState(lastSeq - (last == null ? 0 : last.lastSeq()), lastAt);
    }

    /** Signs a digest over the records after the last digest; null when there are none. */
    private Digest sealLocked() throws IOException, GeneralSecurityException {
        SigningKey key = signingKeyLocked();
        Digest last = lastDigestLocked();
        Tail tail = tailLocked();
        long from = last == null ? 1 : last.lastSeq() + 1;
        if (tail.seq() < from) {
            seal = new SealState(0, last == null ? clock.instant() : last.time());
            return null;
        }
        Digest digest = new Digest(last == null ? 1 : last.number() + 1, from, tail.seq(), tail.hash(),
                last == null ? null : last.signature(), clock.instant(), key.id(), null).signedWith(key.privateKey());
        AuditFiles.appendDurably(files.digests(), digest.toJsonLine() + "\n");
        seal = new SealState(0, digest.time());
        return digest;
    }

    private Rotation rotateLocked() throws IOException, GeneralSecurityException {
        SigningKey old = signingKeyLocked();
        sealLocked();
        KeyPair next = SigningKeys.generate();
        String nextId = SigningKeys.keyId(next.getPublic());
        appendLocked(List.of(AuditRecord.of(clock.instant(), Actor.SYSTEM, "audit.key.rotate",
                new Target("key", nextId, null), null, null, AuditRecord.SUCCESS,
                "signing key rotated; the previous key signs the digest covering this record", null,
                EventRecords.details("algorithm", SigningKeys.ALGORITHM, "previous_key_id", old.id(),
                        "public_key", SigningKeys.publicPem(next.getPublic())))));
        Digest vouch = sealLocked(); // signed with the old key: the new key is trusted through it
        Files.createDirectories(files.retiredKeys());
        writeAtomically(files.retiredKeys().resolve(old.id() + ".pub.pem"), SigningKeys.publicPem(old.publicKey()), false);
        writeAtomically(files.publicKey(), SigningKeys.publicPem(next.getPublic()), false);
        writeAtomically(files.privateKey(), SigningKeys.privatePem(next.getPrivate()), true);
        log.info("audit signing key rotated: {} -> {} (vouched for by digest {})", old.id(), nextId, vouch.number());
        return new Rotation(old.id(), nextId, vouch);
    }

    private record SigningKey(PrivateKey privateKey, PublicKey publicKey, String id) { }

    /** The current key, created (and recorded in the chain) on first use. Read each time: another process may rotate it. */
    private SigningKey signingKeyLocked() throws IOException, GeneralSecurityException {
        try {
            PrivateKey priv = SigningKeys.readPrivatePem(Files.readString(files.privateKey()));
            PublicKey pub = SigningKeys.readPublicPem(Files.readString(files.publicKey()));
            if (!SigningKeys.matches(priv, pub)) {
                throw new GeneralSecurityException(files.publicKey() + " is not the public half of " + files.privateKey()
                        + ": restore both from backup (see runbooks/audit-log.md)");
            }
            return new SigningKey(priv, pub, SigningKeys.keyId(pub));
        } catch (NoSuchFileException e) {
            return createKeyLocked();
        }
    }

    private SigningKey createKeyLocked() throws IOException {
        KeyPair kp = SigningKeys.generate();
        String id = SigningKeys.keyId(kp.getPublic());
        boolean hadDigests = AuditFiles.sizeOf(files.digests()) > 0;
        if (hadDigests) {
            log.error("no audit signing key in {} although digests exist: created a new key {}; its digests will not "
                    + "verify against the old public key (see runbooks/audit-log.md)", files.dir, id);
        }
        retireOrphanPublicKeyLocked();
        writeAtomically(files.publicKey(), SigningKeys.publicPem(kp.getPublic()), false);
        writeAtomically(files.privateKey(), SigningKeys.privatePem(kp.getPrivate()), true);
        appendLocked(List.of(AuditRecord.of(clock.instant(), Actor.SYSTEM, "audit.key.create", new Target("key", id, null),
                null, null, AuditRecord.SUCCESS, hadDigests ? "created although earlier digests exist: the previous key "
                        + "was missing" : "first signing key of this audit log", null,
                EventRecords.details("algorithm", SigningKeys.ALGORITHM, "public_key",
                        SigningKeys.publicPem(kp.getPublic())))));
        log.info("audit signing key {} created in {} (public key: {})", id, files.dir, files.publicKey());
        return new SigningKey(kp.getPrivate(), kp.getPublic(), id);
    }

    /** A public key whose private half is gone still verifies the digests it signed: keep it. */
    private void retireOrphanPublicKeyLocked() throws IOException {
        if (!Files.exists(files.publicKey())) return;
        try {
            PublicKey orphan = SigningKeys.readPublicPem(Files.readString(files.publicKey()));
            Files.createDirectories(files.retiredKeys());
            writeAtomically(files.retiredKeys().resolve(SigningKeys.keyId(orphan) + ".pub.pem"),
                    SigningKeys.publicPem(orphan), false);
        } catch (GeneralSecurityException e) {
            log.error("{} is not a readable public key ({}); it is replaced", files.publicKey(), e.getMessage());
        }
    }

    private static void writeAtomically(Path target, String text, boolean secret) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret) {
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        AuditFiles.forceDirectory(target.getParent());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
