package io.maestro.plugins.audit;

import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tuning from {@code MAESTRO_PLUGIN_AUDIT_LOG_<KEY>}: a digest is signed once {@code DIGEST_EVERY_RECORDS}
 * records are unsigned, or {@code DIGEST_INTERVAL} after the last digest when any are; at most
 * {@code QUEUE_CAPACITY} records wait for the disk before new ones are dropped (and counted).
 */
record AuditSettings(int digestEveryRecords, Duration digestInterval, int queueCapacity) {
    private static final Logger log = LoggerFactory.getLogger(AuditSettings.class);
    static final AuditSettings DEFAULTS = new AuditSettings(1000, Duration.ofMinutes(5), 100_000);

    /** A bad value is logged and replaced by its default: auditing is never switched off by a typo. */
    static AuditSettings from(Map<String, String> settings) {
        int every = positiveInt(settings, "DIGEST_EVERY_RECORDS", DEFAULTS.digestEveryRecords);
        Duration interval = DEFAULTS.digestInterval;
        String text = settings.get("DIGEST_INTERVAL");
        if (text != null) {
            try {
                interval = TimeArgs.duration(text);
            } catch (IllegalArgumentException e) {
                log.warn("MAESTRO_PLUGIN_AUDIT_LOG_DIGEST_INTERVAL='{}' is not a duration like 5m or 1h; using {}",
                        text, TimeArgs.format(interval));
            }
        }
        int capacity = positiveInt(settings, "QUEUE_CAPACITY", DEFAULTS.queueCapacity);
        return new AuditSettings(every, interval, capacity);
    }

    private static int positiveInt(Map<String, String> settings, String key, int fallback) {
        String text = settings.get(key);
        if (text == null) return fallback;
        try {
            int n = Integer.parseInt(text.strip());
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        log.warn("MAESTRO_PLUGIN_AUDIT_LOG_{}='{}' is not a positive integer; using {}", key, text, fallback);
        return fallback;
    }
}
