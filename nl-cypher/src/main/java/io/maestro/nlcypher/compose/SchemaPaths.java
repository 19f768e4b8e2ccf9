package io.maestro.nlcypher.compose;

import io.maestro.nlcypher.schema.GraphSchema;
import io.maestro.nlcypher.schema.GraphSchema.RelInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Ways to walk the schema from one label to another in one or two hops, each hop with its
 * direction as stored ({@code forward}: from → to along the relationship).
 */
final class SchemaPaths {
    record Hop(RelInfo rel, boolean forward) {
        String fromLabel() {
            return forward ? rel.from() : rel.to();
        }

        String toLabel() {
            return forward ? rel.to() : rel.from();
        }
    }

    private SchemaPaths() { }

    static List<List<Hop>> between(GraphSchema schema, String from, String to, int maxHops) {
        var out = new ArrayList<List<Hop>>();
        for (Hop first : hopsFrom(schema, from)) {
            if (first.toLabel().equals(to)) out.add(List.of(first));
        }
        if (maxHops >= 2) {
            for (Hop first : hopsFrom(schema, from)) {
                for (Hop second : hopsFrom(schema, first.toLabel())) {
                    if (!second.toLabel().equals(to)) continue;
                    if (second.rel().equals(first.rel()) && second.forward() != first.forward()) {
                        // out and straight back along the same type: only meaningful between different labels' peers
                        if (!first.rel().from().equals(first.rel().to()) && first.toLabel().equals(second.fromLabel()) && from.equals(to)) {
                            out.add(List.of(first, second));
                        }
                        continue;
                    }
                    out.add(List.of(first, second));
                }
            }
        }
        return out;
    }

    static List<Hop> hopsFrom(GraphSchema schema, String label) {
        var out = new ArrayList<Hop>();
        for (RelInfo r : schema.relationships()) {
            if (r.from().equals(label)) out.add(new Hop(r, true));
            if (r.to().equals(label) && !r.from().equals(r.to())) out.add(new Hop(r, false));
            if (r.to().equals(label) && r.from().equals(r.to())) out.add(new Hop(r, false));
        }
        return out;
    }
}
