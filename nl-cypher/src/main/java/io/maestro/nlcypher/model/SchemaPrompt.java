package io.maestro.nlcypher.model;

import io.maestro.nlcypher.schema.GraphSchema;
import java.util.stream.Collectors;

/** The schema as the model sees it: labels with properties (a few values of categorical ones) and relationship shapes. */
final class SchemaPrompt {
    private SchemaPrompt() { }

    static String of(GraphSchema schema) {
        var sb = new StringBuilder("Node labels and properties:\n");
        for (var label : schema.labels().values()) {
            sb.append("- ").append(label.name()).append(": ");
            sb.append(label.properties().values().stream().map(p -> {
                String s = p.name() + " " + p.kind().name().toLowerCase(java.util.Locale.ROOT);
                if (p.categorical()) {
                    s += " (e.g. " + p.values().stream().limit(8).map(v -> "'" + v + "'").collect(Collectors.joining(", ")) + ")";
                }
                return s;
            }).collect(Collectors.joining(", ")));
            sb.append('\n');
        }
        sb.append("Relationships:\n");
        for (var r : schema.relationships()) sb.append("- (:").append(r.from()).append(")-[:").append(r.type()).append("]->(:").append(r.to()).append(")\n");
        return sb.toString();
    }
}
