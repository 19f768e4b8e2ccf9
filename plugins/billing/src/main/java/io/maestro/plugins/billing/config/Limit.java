package io.maestro.plugins.billing.config;

import java.math.BigDecimal;

/**
 * A pair of thresholds on one usage figure: reaching {@code soft} warns (log + allow), reaching
 * {@code hard} denies. Either may be null (not set).
 */
public record Limit(BigDecimal soft, BigDecimal hard) {
    public static final Limit NONE = new Limit(null, null);

    public boolean isSet() {
        return soft != null || hard != null;
    }

    /** {@code soft 2, hard 3}, {@code hard 3} or {@code none}. */
    public String describe() {
        if (!isSet()) return "none";
        var sb = new StringBuilder();
        if (soft != null) sb.append("soft ").append(soft.toPlainString());
        if (hard != null) sb.append(sb.isEmpty() ? "" : ", ").append("hard ").append(hard.toPlainString());
        return sb.toString();
    }
}
