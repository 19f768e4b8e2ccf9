package io.maestro.server.api;

import io.maestro.core.store.RunCursor;
import io.maestro.server.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Opaque page cursors: where the previous page of a newest-first run listing ended. */
final class Cursors {
    private Cursors() { }

    static String encode(RunCursor c) {
        String raw = c.createdAt().toString() + "|" + c.runId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static RunCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) return null;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) throw new IllegalArgumentException("no separator");
            return new RunCursor(Instant.parse(raw.substring(0, bar)), Ids.runId(raw.substring(bar + 1)));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException | ApiException e) {
            throw ApiException.badRequest("cursor", "not a cursor this API returned");
        }
    }
}
