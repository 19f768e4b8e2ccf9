package io.maestro.plugins.nlcypher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * Each tenant's console runs, one JSON line per attempt, appended to {@code <dir>/<tenant>.jsonl} in the
 * plugin's data directory (so it outlives restarts and plugin versions). Read newest first from the end
 * of the file, never more than {@link #MAX_SCAN_BYTES}; a torn or unreadable line is skipped. A file that
 * grows past {@code maxFileBytes} is compacted to its newest {@code keep} entries (written aside, then
 * moved over atomically): the history is the analyst's convenience, the audit log is the record.
 */
final class QueryHistory {
    private static final Logger log = LoggerFactory.getLogger(QueryHistory.class);
    static final int MAX_LIMIT = 500;
    static final long MAX_SCAN_BYTES = 32L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    static final int KEEP = 5_000;

    private final Path dir;
    private final ObjectMapper json;
    private final long maxFileBytes;
    private final int keep;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    QueryHistory(Path dir, ObjectMapper json) {
        this(dir, json, MAX_FILE_BYTES, KEEP);
    }

    QueryHistory(Path dir, ObjectMapper json, long maxFileBytes, int keep) {
        if (maxFileBytes > MAX_SCAN_BYTES) throw new IllegalArgumentException("a history file must stay readable: at most " + MAX_SCAN_BYTES + " bytes");
        this.dir = dir;
        this.json = json;
        this.maxFileBytes = maxFileBytes;
        this.keep = keep;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the query history directory " + dir, e);
        }
    }

    void append(String tenant, HistoryEntry e) {
        var line = e.toMap();
        byte[] bytes = (json.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (locks.computeIfAbsent(tenant, t -> new Object())) {
            try {
                long size;
                // no fsync per query: the history is the analyst's convenience, the audit log is the record
                try (FileChannel out = FileChannel.open(file(tenant), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) out.write(buffer);
                    size = out.size();
                }
                if (size > maxFileBytes) compact(tenant);
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot append to the query history of tenant " + tenant, ex);
            }
        }
    }

    /** Keeps the newest {@link #keep} entries; called with the tenant's lock held. */
    private void compact(String tenant) throws IOException {
        List<HistoryEntry> newest = newest(tenant, keep);
        var text = new StringBuilder();
        for (int i = newest.size() - 1; i >= 0; i--) text.append(json.writeValueAsString(newest.get(i).toMap())).append('\n');
        Path aside = dir.resolve(tenant + ".jsonl.compacting");
        Files.writeString(aside, text, StandardCharsets.UTF_8);
        Files.move(aside, file(tenant), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        log.info("query history of tenant {} compacted to its newest {} entries", tenant, newest.size());
    }

    /** The tenant's latest {@code limit} entries, newest first. */
    List<HistoryEntry> newest(String tenant, int limit) {
        Path f = file(tenant);
        var entries = new ArrayList<HistoryEntry>();
        if (!Files.exists(f)) return entries;
        try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
            long pos = in.size();
            long scanned = 0;
            byte[] carry = new byte[0]; // the end of a line whose start lies before pos
            while (pos > 0 && entries.size() < limit && scanned < MAX_SCAN_BYTES) {
                int n = (int) Math.min(CHUNK, pos);
                pos -= n;
                ByteBuffer buffer = ByteBuffer.allocate(n);
                while (buffer.hasRemaining() && in.read(buffer, pos + buffer.position()) >= 0) { }
                byte[] block = concat(buffer.array(), carry);
                int end = block.length;
                for (int i = block.length - 1; i >= 0 && entries.size() < limit; i--) {
                    if (block[i] == '\n') {
                        parse(block, i + 1, end, entries);
                        end = i;
                    }
                }
                carry = Arrays.copyOf(block, end);
                scanned += n;
            }
            if (pos == 0 && entries.size() < limit) parse(carry, 0, carry.length, entries);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the query history of tenant " + tenant, ex);
        }
        return entries;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parameters(Object stored) {
        return stored instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private void parse(byte[] bytes, int from, int to, List<HistoryEntry> into) {
        if (to <= from) return;
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return;
        try {
            Object parsed = json.readValue(text, Object.class);
            if (parsed instanceof Map<?, ?> m) {
                into.add(new HistoryEntry(str(m.get("id")), Instant.parse(str(m.get("at"))), str(m.get("user")),
                        str(m.get("question")), str(m.get("cypher")), parameters(m.get("parameters")), str(m.get("status")), str(m.get("rule")),
                        m.get("rows") instanceof Number rows ? rows.intValue() : null, str(m.get("costClass"))));
                return;
            }
        } catch (RuntimeException e) { // JacksonException included
            // reported below
        }
        log.warn("skipped an unreadable line of the query history ({} bytes)", to - from);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path file(String tenant) {
        return dir.resolve(Console.checked(tenant) + ".jsonl");
    }
}
