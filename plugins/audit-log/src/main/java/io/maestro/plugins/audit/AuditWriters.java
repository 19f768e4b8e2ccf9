package io.maestro.plugins.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open writers of this plugin version, one per data directory. PF4J creates the extension and
 * the {@link AuditPlugin} separately; this is how {@code stop()} reaches the writer. It is static on
 * purpose and lives exactly as long as this version's class loader.
 */
final class AuditWriters {
    private static final Map<Path, AuditWriter> OPEN = new ConcurrentHashMap<>();
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);

    private AuditWriters() { }

    static AuditWriter open(Path dataDirectory, AuditSettings settings, String pluginVersion) {
        var files = new AuditFiles(dataDirectory);
        return OPEN.computeIfAbsent(files.dir, d -> new AuditWriter(files, settings, Clock.systemUTC(), pluginVersion));
    }

    /** Writes, signs and closes everything (the plugin is stopping). */
    static void closeAll() {
        for (AuditWriter w : List.copyOf(OPEN.values())) {
            w.close(CLOSE_PATIENCE);
            OPEN.values().remove(w);
        }
    }
}
