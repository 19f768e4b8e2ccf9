package io.maestro.core.store;

import java.time.Instant;

public record LogLine(String stepId, int attempt, Stream stream, String line, Instant at) {
    public enum Stream { OUT, ERR }
}
