package io.maestro.sandbox;

import java.time.Duration;

/**
 * The sandbox's limits, per tenant where a deployment wants them different.
 *
 * @param rowCap          most rows a query returns (a LIMIT is added, or a larger one lowered)
 * @param timeout         transaction timeout of EXPLAIN and of the run
 * @param cheapRows       cost class thresholds on the planner's largest EstimatedRows: below this, cheap
 * @param moderateRows    below this, moderate
 * @param blockedRows     at or above this, blocked (between moderate and blocked: expensive)
 * @param queriesPerMinute per tenant, refilled evenly (Bucket4j)
 * @param blockedBurst    blocked attempts of one user within a minute that raise the alert metric
 */
public record SandboxSettings(int rowCap, Duration timeout, double cheapRows, double moderateRows, double blockedRows,
                              long queriesPerMinute, long blockedBurst) {

    public SandboxSettings {
        if (rowCap < 1 || rowCap > 100_000) throw new IllegalArgumentException("rowCap must be 1..100000, got " + rowCap);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (!(cheapRows > 0 && cheapRows <= moderateRows && moderateRows <= blockedRows)) {
            throw new IllegalArgumentException("cost thresholds must rise: 0 < cheap <= moderate <= blocked");
        }
        if (queriesPerMinute < 1 || queriesPerMinute > 1_000_000_000L) throw new IllegalArgumentException("queriesPerMinute must be 1..1e9");
        if (blockedBurst < 1) throw new IllegalArgumentException("blockedBurst must be at least 1");
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(1_000, Duration.ofSeconds(5), 1_000, 100_000, 10_000_000, 60, 5);
    }

    public CostClass classify(double estimatedRows) {
        if (estimatedRows >= blockedRows) return CostClass.BLOCKED;
        if (estimatedRows >= moderateRows) return CostClass.EXPENSIVE;
        if (estimatedRows >= cheapRows) return CostClass.MODERATE;
        return CostClass.CHEAP;
    }

    public enum CostClass { CHEAP, MODERATE, EXPENSIVE, BLOCKED }
}
