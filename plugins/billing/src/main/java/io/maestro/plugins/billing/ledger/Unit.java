package io.maestro.plugins.billing.ledger;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a ledger entry counts. Quantities are whole numbers of a small unit (milliseconds, bytes);
 * rates are per a larger one (second, gigabyte), so cost = quantity × rate ÷ 10^scale, exactly.
 */
public enum Unit {
    /** Milliseconds of one step attempt, priced per second by step type. */
    STEP_MS("step-ms", 3, "second"),
    /** One run that passed its gates. */
    RUN("run", 0, "run"),
    /** Bytes of one artifact, priced per gigabyte (10^9 bytes). */
    ARTIFACT_BYTES("artifact-bytes", 9, "gigabyte");

    private final String id;
    private final int scale;
    private final String pricedPer;

    Unit(String id, int scale, String pricedPer) {
        this.id = id;
        this.scale = scale;
        this.pricedPer = pricedPer;
    }

    public String id() {
        return id;
    }

    /** The unit the rate is quoted in, e.g. {@code second} for {@link #STEP_MS}. */
    public String pricedPer() {
        return pricedPer;
    }

    /** Exact: no rounding, ever (the scale of the result grows instead). */
    public BigDecimal cost(long quantity, BigDecimal rate) {
        return rate.multiply(BigDecimal.valueOf(quantity)).movePointLeft(scale).stripTrailingZeros();
    }

    public static Optional<Unit> byId(String id) {
        return Arrays.stream(values()).filter(u -> u.id.equals(id)).findFirst();
    }
}
