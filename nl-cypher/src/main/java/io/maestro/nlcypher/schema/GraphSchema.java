package io.maestro.nlcypher.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the translator knows of the live database: labels with their properties (and, for
 * properties with few distinct values, those values), relationship types with the labels they
 * join, and the names/titles of entities so a question can name them.
 */
public record GraphSchema(Map<String, LabelInfo> labels, List<RelInfo> relationships, Map<String, List<NamedEntity>> names) {
    public GraphSchema {
        // sorted, never Map.copyOf: its iteration order changes from JVM to JVM, and linking walks these in order
        labels = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(labels));
        relationships = List.copyOf(relationships);
        names = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(names));
    }

    /** A node label, its node count, its properties and the prefix of its ids ({@code PER} of {@code PER-0000042}). */
    public record LabelInfo(String name, long count, Map<String, PropertyInfo> properties, String idPrefix) {
        public LabelInfo {
            properties = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(properties));
        }

        /** The property an analyst reads an entity by: name, then title, then id. */
        public String display() {
            for (String p : List.of("name", "city", "id")) if (properties.containsKey(p)) return p;
            return properties.keySet().stream().sorted().findFirst().orElse("id");
        }

        /** The property that identifies an entity: {@code id} when present. */
        public String key() {
            return properties.containsKey("id") ? "id" : display();
        }
    }

    /**
     * @param values the distinct values when there are few of them (categorical), else empty
     */
    public record PropertyInfo(String name, Kind kind, List<Object> values) {
        public PropertyInfo {
            values = List.copyOf(values);
        }

        public boolean categorical() {
            return !values.isEmpty();
        }
    }

    public enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, OTHER;

        public boolean numeric() {
            return this == INTEGER || this == FLOAT;
        }
    }

    /** {@code (from)-[:type]->(to)} exists in the data. */
    public record RelInfo(String type, String from, String to) { }

    /** An entity a question may name: its label, the property holding the name, the exact value. */
    public record NamedEntity(String label, String property, String value) { }

    public Optional<LabelInfo> label(String name) {
        return Optional.ofNullable(labels.get(name));
    }

    public Optional<PropertyInfo> property(String label, String property) {
        LabelInfo info = labels.get(label);
        return info == null ? Optional.empty() : Optional.ofNullable(info.properties().get(property));
    }

    /** Relationship shapes touching both labels, in either direction. */
    public List<RelInfo> between(String a, String b) {
        var out = new ArrayList<RelInfo>();
        for (RelInfo r : relationships) {
            if ((r.from().equals(a) && r.to().equals(b)) || (r.from().equals(b) && r.to().equals(a))) out.add(r);
        }
        return out;
    }

    /** Relationship shapes of one type. */
    public List<RelInfo> ofType(String type) {
        return relationships.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** The label whose ids start with {@code prefix-}. */
    public Optional<String> labelOfIdPrefix(String prefix) {
        return labels.values().stream().filter(l -> prefix.equals(l.idPrefix())).map(LabelInfo::name).findFirst();
    }
}
