package io.maestro.plugins.billing.config;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Prices, in the configured currency: one second of step time by step type ({@code uses}, with
 * {@code "*"} for every other type), one run, one gigabyte (10^9 bytes) of artifacts.
 */
public record RateCard(Map<String, BigDecimal> stepSeconds, BigDecimal run, BigDecimal artifactGigabytes) {
    public static final String ANY_STEP_TYPE = "*";
    public static final RateCard FREE = new RateCard(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO);

    public RateCard {
        stepSeconds = Map.copyOf(stepSeconds);
    }

    public BigDecimal stepSecond(String uses) {
        BigDecimal rate = uses == null ? null : stepSeconds.get(uses);
        return rate != null ? rate : stepSeconds.getOrDefault(ANY_STEP_TYPE, BigDecimal.ZERO);
    }
}
