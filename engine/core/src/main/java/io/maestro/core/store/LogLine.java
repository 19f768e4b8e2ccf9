package io.maestro.core.store;

import java.time.Instant;

/** One line a step wrote; {@code seq} orders lines and is where a ranged read continues. */
public record LogLine(long seq, String stepId, int attempt, Stream stream, String line, Instant at) {
    public enum Stream { OUT, ERR }
}
