package io.maestro.plugins.billing.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the active configuration in line with billing.yaml without a thread of its own: every
 * {@link #current()} looks at the file's modification time and size (cheap) and re-reads it when
 * they changed. A file that does not parse is refused with its problems and the previous good
 * configuration stays active; the last good text is also kept in the data directory, so a restart
 * with a broken file still enforces the limits it had.
 */
public final class ConfigWatcher {
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
    /** A file modified this recently may change again within the same timestamp: compare content too. */
    private static final Duration RACY = Duration.ofSeconds(2);

    /** The file on disk: the active configuration, refused, or absent. */
    public enum FileState { ACTIVE, REFUSED, MISSING }

    /** What {@code maestro billing config} shows. */
    public record Status(Path file, FileState fileState, BillingConfig active, String activeFrom, Instant loadedAt,
                         List<ConfigProblem> problems) { }

    private record Stamp(long modifiedMillis, long size, Object fileKey) { }

    private final Path file;
    private final Path lastGood;
    private final Clock clock;
    private BillingConfig active = BillingConfig.NONE;
    private String activeFrom = "built-in default (no billing.yaml loaded yet): no limits, every rate 0";
    private Instant loadedAt;
    private FileState fileState = FileState.MISSING;
    private List<ConfigProblem> problems = List.of();
    private Stamp stamp;
    private String seenSha;

    public ConfigWatcher(Path file, Path lastGood, Clock clock) {
        this.file = file;
        this.lastGood = lastGood;
        this.clock = clock;
        poll();
        if (fileState != FileState.ACTIVE && Files.exists(lastGood)) restoreLastGood();
    }

    public Path file() {
        return file;
    }

    /** The configuration to enforce now (re-reads billing.yaml first if it changed). */
    public synchronized BillingConfig current() {
        poll();
        return active;
    }

    public synchronized Status status() {
        poll();
        return new Status(file, fileState, active, activeFrom, loadedAt, problems);
    }

    private void poll() {
        Stamp now;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            now = new Stamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            if (fileState != FileState.MISSING) {
                log.warn("billing: {} is gone; keeping the configuration from {}", file, activeFrom);
            }
            fileState = FileState.MISSING;
            problems = List.of();
            stamp = null;
            seenSha = null;
            return;
        } catch (IOException e) {
            refuse(List.of(new ConfigProblem(file.toString(), 0, 0, "", "cannot read: " + e.getMessage(), null)), null);
            return;
        }
        boolean racy = clock.millis() - now.modifiedMillis() < RACY.toMillis();
        if (now.equals(stamp) && !racy) return;
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            refuse(List.of(new ConfigProblem(file.toString(), 0, 0, "", "cannot read: " + e.getMessage(), null)), null);
            return;
        }
        stamp = now;
        String sha = sha256(text);
        if (sha.equals(seenSha)) return;
        seenSha = sha;
        try {
            BillingConfig parsed = ConfigParser.parse(file.toString(), text);
            active = parsed;
            loadedAt = clock.instant();
            activeFrom = file + " (sha256 " + sha.substring(0, 12) + ", loaded " + loadedAt + ")";
            fileState = FileState.ACTIVE;
            problems = List.of();
            keepAsLastGood(text);
            log.info("billing: configuration loaded from {} ({} tenants, currency {})", file, parsed.tenants().size(),
                    parsed.currency());
        } catch (ConfigException e) {
            refuse(e.problems(), sha);
        }
    }

    private void refuse(List<ConfigProblem> found, String sha) {
        boolean news = fileState != FileState.REFUSED || !found.equals(problems);
        fileState = FileState.REFUSED;
        problems = List.copyOf(found);
        if (news) {
            log.error("billing: {} refused ({} problem{}); keeping the configuration from {}:\n  {}", file, found.size(),
                    found.size() == 1 ? "" : "s", activeFrom,
                    String.join("\n  ", found.stream().map(ConfigProblem::format).toList()));
        }
        if (sha == null) stamp = null; // unreadable: try again next time
    }

    private void restoreLastGood() {
        try {
            String text = Files.readString(lastGood, StandardCharsets.UTF_8);
            active = ConfigParser.parse(lastGood.toString(), text);
            loadedAt = clock.instant();
            activeFrom = "the last good copy " + lastGood + " (saved " + Files.getLastModifiedTime(lastGood) + ")";
            log.warn("billing: {} is {}; enforcing {}", file, fileState == FileState.MISSING ? "missing" : "refused",
                    activeFrom);
        } catch (IOException | ConfigException e) {
            log.error("billing: cannot use the last good copy {}: {}", lastGood, e.getMessage());
        }
    }

    private void keepAsLastGood(String text) {
        try {
            Files.createDirectories(lastGood.getParent());
            Path tmp = lastGood.resolveSibling(lastGood.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, lastGood, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, lastGood, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log.warn("billing: cannot keep a copy of the good configuration in {}: {}", lastGood, e.getMessage());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
