package io.maestro.plugins.billing.command;

import io.maestro.plugins.billing.ledger.UsageEntry;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Ledger entries summed per tenant, unit, step type and currency. Sums are exact (whole quantities,
 * decimal costs), so the lines always add up to the entries they came from.
 */
public final class UsageLines {
    /** One line of a report or export. */
    public record Line(String tenant, String unit, String uses, String currency, long entries, long quantity,
                       BigDecimal cost) { }

    /** What the lines add up to, per currency. */
    public record Total(String currency, long entries, BigDecimal cost) { }

    private static final Comparator<Line> ORDER = Comparator.comparing(Line::tenant)
            .thenComparing(Line::unit).thenComparing(l -> Objects.toString(l.uses(), "")).thenComparing(Line::currency);

    private UsageLines() { }

    public static List<Line> of(Collection<UsageEntry> entries, Predicate<UsageEntry> which) {
        var sums = new TreeMap<String, Line>();
        for (UsageEntry e : entries) {
            if (!which.test(e)) continue;
            String key = String.join("\u0000", e.tenant(), e.unit().id(), Objects.toString(e.uses(), ""), e.currency());
            sums.merge(key, new Line(e.tenant(), e.unit().id(), e.uses(), e.currency(), 1, e.quantity(), e.cost()),
                    (a, b) -> new Line(a.tenant(), a.unit(), a.uses(), a.currency(), a.entries() + b.entries(),
                            Math.addExact(a.quantity(), b.quantity()), a.cost().add(b.cost())));
        }
        return sums.values().stream().sorted(ORDER).toList();
    }

    public static List<Total> totals(List<Line> lines) {
        Map<String, Total> byCurrency = new TreeMap<>();
        for (Line l : lines) {
            byCurrency.merge(l.currency(), new Total(l.currency(), l.entries(), l.cost()),
                    (a, b) -> new Total(a.currency(), a.entries() + b.entries(), a.cost().add(b.cost())));
        }
        return List.copyOf(byCurrency.values());
    }

    /** {@code 0.030612 USD}, or {@code 1.5 EUR + 0.2 USD} when the currency changed within the month. */
    public static String money(List<Total> totals) {
        if (totals.isEmpty()) return "0";
        return String.join(" + ", totals.stream().map(t -> t.cost().toPlainString() + " " + t.currency()).toList());
    }
}
