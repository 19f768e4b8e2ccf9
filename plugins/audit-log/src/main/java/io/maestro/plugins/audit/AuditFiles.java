package io.maestro.plugins.audit;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Where the audit log lives in the plugin's data directory, and the few file operations it needs:
 * a store-wide lock (several conductor and CLI processes, or two plugin versions during a reload,
 * may append to the same directory), durable appends, and reading a consistent prefix.
 */
final class AuditFiles {
    static final String RECORDS = "audit-log.jsonl";
    static final String DIGESTS = "audit-digests.jsonl";
    static final String PRIVATE_KEY = "signing-key.pem";
    static final String PUBLIC_KEY = "signing-key.pub.pem";
    static final String RETIRED_KEYS = "retired-keys";
    static final String TORN = "torn";
    private static final String LOCK = "audit.lock";
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(30);

    final Path dir;

    AuditFiles(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path records() { return dir.resolve(RECORDS); }
    Path digests() { return dir.resolve(DIGESTS); }
    Path privateKey() { return dir.resolve(PRIVATE_KEY); }
    Path publicKey() { return dir.resolve(PUBLIC_KEY); }
    Path retiredKeys() { return dir.resolve(RETIRED_KEYS); }
    Path torn() { return dir.resolve(TORN); }

    /** Held while appending or taking a snapshot; released by {@link Closeable#close()}. */
    Closeable lock() throws IOException {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + LOCK_PATIENCE.toNanos();
        try {
            while (true) {
                try {
                    FileLock lock = channel.lock();
                    return () -> {
                        try {
                            lock.release();
                        } finally {
                            channel.close();
                        }
                    };
                } catch (OverlappingFileLockException e) {
                    // another version of this plugin, in this JVM, holds it for one batch
                    if (System.nanoTime() > deadline) {
                        throw new IOException(dir + ": the audit store stayed locked for " + LOCK_PATIENCE.toSeconds() + " s");
                    }
                    Thread.sleep(2);
                }
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the audit store lock");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The lengths of the two files at one instant: readers look at nothing written after. */
    record Snapshot(long recordsSize, long digestsSize) { }

    /**
     * Takes a {@link Snapshot} under the lock. A copy in a read-only place (an investigator's
     * workstation) is read without the lock: nothing appends to it.
     */
    Snapshot snapshot() throws IOException {
        Closeable lock;
        try {
            lock = lock();
        } catch (AccessDeniedException | java.nio.file.ReadOnlyFileSystemException e) {
            lock = null;
        } catch (FileSystemException e) {
            if (!Files.isWritable(dir)) lock = null;
            else throw e;
        }
        try {
            return new Snapshot(sizeOf(records()), sizeOf(digests()));
        } finally {
            if (lock != null) lock.close();
        }
    }

    static long sizeOf(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Appends {@code text} and forces it to disk before returning (and the directory entry of a new file). */
    static void appendDurably(Path file, String text) throws IOException {
        boolean created = !Files.exists(file);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(false);
        }
        if (created) forceDirectory(file.getParent());
    }

    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a directory; the file's own data is already forced
        }
    }

    /** Whether the first {@code size} bytes end with a newline (true for an empty file). */
    static boolean endsWithNewline(Path file, long size) throws IOException {
        if (size == 0) return true;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, size - 1);
            return one.get(0) == '\n';
        }
    }

    /** Offset just after the last newline in the first {@code size} bytes (0 if none). */
    static long endOfLastCompleteLine(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = size;
            ByteBuffer buf = ByteBuffer.allocate(8192);
            while (pos > 0) {
                int n = (int) Math.min(buf.capacity(), pos);
                buf.clear().limit(n);
                ch.read(buf, pos - n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') return pos - n + i + 1;
                }
                pos -= n;
            }
            return 0;
        }
    }

    /** The bytes from {@code from} to {@code to}. */
    static byte[] read(Path file, long from, long to) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(to - from));
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) >= 0) {
                // keep reading
            }
            return buf.array();
        }
    }

    /** The last complete line (without its newline) of a file whose first {@code size} bytes end with one. */
    static String lastLine(Path file, long size) throws IOException {
        if (size == 0) return null;
        long end = size - 1; // the final newline
        long start = endOfLastCompleteLine(file, end);
        return new String(read(file, start, end), StandardCharsets.UTF_8);
    }

    /** Reads the lines of the first {@code limit} bytes of a file, one at a time; a missing file has none. */
    static final class Lines implements Closeable {
        private final BufferedReader reader;
        private long number;

        Lines(Path file, long limit) throws IOException {
            InputStream in = limit == 0 || !Files.exists(file) ? InputStream.nullInputStream()
                    : new Limited(Files.newInputStream(file), limit);
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        }

        /** The next line, or null at the end. */
        String next() throws IOException {
            String line = reader.readLine();
            if (line != null) number++;
            return line;
        }

        /** 1-based number of the line last returned. */
        long number() {
            return number;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = super.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }
    }

    /** Moves the bytes after the last complete line aside (into {@code torn/}) and cuts the file there. */
    TornTail cutTornTail(Path file) throws IOException {
        long size = sizeOf(file);
        long keep = endOfLastCompleteLine(file, size);
        byte[] fragment = read(file, keep, size);
        Files.createDirectories(torn());
        Path saved = torn().resolve(file.getFileName() + "." + System.currentTimeMillis() + ".fragment");
        Files.write(saved, fragment);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(keep);
            ch.force(false);
        }
        return new TornTail(file.getFileName().toString(), saved, fragment);
    }

    record TornTail(String file, Path savedTo, byte[] bytes) {
        String sha256() {
            try {
                return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
