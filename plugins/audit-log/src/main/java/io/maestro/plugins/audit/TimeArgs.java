package io.maestro.plugins.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times on the command line: instants ({@code 2026-05-01T08:00:00Z}), dates, or durations ago ({@code 24h}). */
final class TimeArgs {
    private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private TimeArgs() { }

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}, {@code 500ms}, or ISO-8601 {@code PT1H}/{@code P7D}. */
    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        }
        try {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 30m, 24h, 7d or PT1H");
        }
    }

    /** An instant, a date (midnight UTC), or a duration meaning that long before now. */
    static Instant instantOrAgo(String text, Clock clock) {
        String t = text.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            // not an instant
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            // not a date
        }
        try {
            return clock.instant().minus(duration(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 instant (2026-05-01T08:00:00Z), "
                    + "a date (2026-05-01) nor a duration like 24h, 30m or 7d");
        }
    }

    static String format(Duration d) {
        return d.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
