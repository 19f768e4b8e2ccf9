package io.maestro.nlcypher.compose;

import io.maestro.nlcypher.link.Linked;
import io.maestro.nlcypher.schema.GraphSchema;
import io.maestro.nlcypher.schema.GraphSchema.LabelInfo;
import io.maestro.nlcypher.schema.GraphSchema.PropertyInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Slot filling: which label a question is about, which property, how many, which way to sort. */
final class Slots {
    private static final List<String> DEFAULT_MEASURE = List.of("amount", "balance", "riskScore", "severity", "born", "registeredAt",
            "openedAt", "at");
    private static final Set<String> DATE_LIKE = Set.of("born", "registeredAt", "openedAt", "at", "since");

    private final GraphSchema schema;

    Slots(GraphSchema schema) {
        this.schema = schema;
    }

    /** The label asked about: a label word (not one standing for a named entity), else what the values or properties imply. */
    Optional<String> target(Linked q, Set<String> avoid) {
        for (var l : q.labels()) if (!avoid.contains(l.label())) return Optional.of(l.label());
        // a value stored in several places ("German": nationality, country): the place whose property is named
        for (var v : q.values()) {
            if (!avoid.contains(v.label()) && q.properties().stream().anyMatch(p -> p.property().equals(v.property()))) return Optional.of(v.label());
        }
        for (var v : q.values()) if (!avoid.contains(v.label())) return Optional.of(v.label());
        for (var p : q.properties()) {
            var owners = schema.labels().values().stream().filter(l -> l.properties().containsKey(p.property()))
                    .map(LabelInfo::name).filter(l -> !avoid.contains(l)).toList();
            if (owners.size() == 1) return Optional.of(owners.get(0));
        }
        return Optional.empty();
    }

    /** A property to rank by (a number, a date or a birth year): the first one mentioned, or the label's usual measure. */
    Optional<String> measure(Linked q, String label, boolean allowDefault) {
        return property(q, label, allowDefault, Slots::sortable, "severity");
    }

    /** A numeric property (for sums and averages): the first one mentioned, or the label's usual one. */
    Optional<String> numeric(Linked q, String label, boolean allowDefault) {
        return property(q, label, allowDefault, p -> p.kind().numeric(), "born");
    }

    private Optional<String> property(Linked q, String label, boolean allowDefault, java.util.function.Predicate<PropertyInfo> fits,
                                      String neverByDefault) {
        for (var p : q.properties()) {
            var info = schema.property(label, p.property());
            if (info.isPresent() && fits.test(info.get())) return Optional.of(p.property());
        }
        if (!allowDefault) return Optional.empty();
        for (String p : DEFAULT_MEASURE) {
            var info = schema.property(label, p);
            if (info.isPresent() && fits.test(info.get()) && !p.equals(neverByDefault)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** A property to group by: a mentioned one of the label, preferring categorical ones. */
    Optional<String> groupProperty(Linked q, String label, String exclude) {
        String fallback = null;
        for (var p : q.properties()) {
            if (p.property().equals(exclude)) continue;
            var info = schema.property(label, p.property());
            if (info.isEmpty()) continue;
            if (q.values().stream().anyMatch(v -> v.label().equals(label) && v.property().equals(p.property()))) continue;
            if (info.get().categorical()) return Optional.of(p.property());
            if (fallback == null) fallback = p.property();
        }
        return Optional.ofNullable(fallback);
    }

    static boolean sortable(PropertyInfo p) {
        return p.kind().numeric() || DATE_LIKE.contains(p.name());
    }

    static boolean dateLike(String property) {
        return DATE_LIKE.contains(property);
    }

    /** How many rows a ranking asks for: a number without a comparison, or one for a singular noun, else ten. */
    static long limit(Linked q) {
        for (var n : q.numbers()) {
            if (n.comparator() == null && !n.year() && n.integral() && n.value() >= 1 && n.value() <= 1000) return (long) n.value();
        }
        for (var l : q.labels()) {
            String w = l.word();
            if (!w.endsWith("s") && !Set.of("people", "men", "women", "staff", "who", "money", "personnel").contains(w)) return 1;
            return 10;
        }
        return 10;
    }

    /** Whether a ranking is highest first. "Oldest" on a date or birth year is lowest first. */
    static boolean descending(Linked q, String property) {
        String text = q.question().toLowerCase(java.util.Locale.ROOT);
        if (dateLike(property)) {
            if (text.matches(".*\\b(oldest|earliest|first|eldest|longest)\\b.*")) return false;
            if (text.matches(".*\\b(youngest|newest|latest|most recent|recent|last)\\b.*")) return true;
        }
        if (q.has("asc") && !q.has("desc")) return false;
        return true;
    }

    /** Numbers with a comparison (thresholds), skipping the one used as a ranking size. */
    static List<Linked.Number> thresholds(Linked q) {
        var out = new ArrayList<Linked.Number>();
        for (var n : q.numbers()) if (n.comparator() != null || n.year()) out.add(n);
        return out;
    }
}
