package io.maestro.core.store;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Where the run store lives, and how its URL is shown without credentials. */
public final class StoreUrls {
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password|passwd|pwd)=[^&;]*");
    private static final Pattern USERINFO = Pattern.compile("//[^/@]+:[^/@]+@");

    private StoreUrls() { }

    /**
     * The embedded default: an H2 file database under {@code home}, shareable by several processes.
     * {@code WRITE_DELAY=0} makes every commit durable at once (H2 otherwise flushes up to 500 ms
     * later, and a SIGKILL in that window would lose steps already reported as succeeded).
     */
    public static String embedded(Path home) {
        Path db = home.toAbsolutePath().resolve("db").resolve("maestro");
        return "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                + ";DEFAULT_NULL_ORDERING=HIGH";
    }

    public static String redact(String text) {
        if (text == null) return null;
        return USERINFO.matcher(PASSWORD.matcher(text).replaceAll("$1=***")).replaceAll("//***@");
    }
}
