package io.maestro.plugins.billing.limits;

import io.maestro.plugins.billing.config.Limit;
import java.math.BigDecimal;

/**
 * A usage figure that reached a soft or hard threshold, worded for people:
 * {@code 3 concurrent runs, limit 3} or {@code 2 concurrent runs, soft limit 2}.
 */
public record Breach(String limit, boolean hard, String message) {

    /**
     * The breach, if any, of admitting something that adds {@code adding} to {@code current}: a
     * threshold is reached when usage is already at it, or when the addition would take usage past it.
     * The hard threshold wins over the soft one.
     *
     * @param usage      the current usage in words, e.g. {@code 3 concurrent runs}
     * @param limitWords what the threshold is, e.g. {@code limit} or {@code monthly budget}
     * @param unitSuffix appended to the threshold, e.g. {@code " USD"} or {@code " per run"}
     */
    public static Breach of(String limit, Limit thresholds, BigDecimal current, BigDecimal adding, String usage,
                            String limitWords, String unitSuffix) {
        if (thresholds == null) return null;
        if (reached(thresholds.hard(), current, adding)) {
            return new Breach(limit, true, usage + ", " + limitWords + " " + thresholds.hard().toPlainString() + unitSuffix);
        }
        if (reached(thresholds.soft(), current, adding)) {
            return new Breach(limit, false, usage + ", soft " + limitWords + " " + thresholds.soft().toPlainString()
                    + unitSuffix);
        }
        return null;
    }

    private static boolean reached(BigDecimal threshold, BigDecimal current, BigDecimal adding) {
        if (threshold == null) return false;
        return current.compareTo(threshold) >= 0 || (adding.signum() > 0 && current.add(adding).compareTo(threshold) > 0);
    }

    /** {@code 1 concurrent run}, {@code 3 concurrent runs}. */
    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
