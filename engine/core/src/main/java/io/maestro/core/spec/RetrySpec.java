package io.maestro.core.spec;

import java.time.Duration;

/** Retries after the first attempt, with fixed or exponential backoff capped at {@code maxDelay}. */
public record RetrySpec(int max, boolean exponential, Duration delay, Duration maxDelay) {
    public static final RetrySpec NONE = new RetrySpec(0, false, Duration.ofSeconds(1), Duration.ofSeconds(30));
}
