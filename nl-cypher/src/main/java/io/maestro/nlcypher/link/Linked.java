package io.maestro.nlcypher.link;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a question mentions, each with the word position where it starts: named entities, stored
 * values, labels, relationships, properties and numbers; plus the words no mention explained, and
 * the question with its values masked (what the intent index embeds).
 */
public record Linked(String question, List<Entity> entities, List<Value> values, List<Label> labels, List<Rel> rels,
                     List<Property> properties, List<Number> numbers, Set<String> cues, List<String> unexplained,
                     int contentWords, String masked) {

    /** An entity named in the question, e.g. {@code Person.name = "Anna Nowak"}; {@code candidates} when a name is ambiguous. */
    public record Entity(String label, String property, Object value, int position, String text, List<Entity> candidates) {
        public Entity {
            candidates = List.copyOf(candidates);
        }
    }

    /** A stored categorical value; {@code label}/{@code property} say where it is stored (one record per place). */
    public record Value(String label, String property, Object value, int position, String text) { }

    public record Label(String label, int position, String word) { }

    public record Rel(String type, int position, String word) { }

    public record Property(String property, int position, String word) { }

    /** A number as written ({@code 250,000}, {@code 250k}, {@code five}); {@code comparator} when a word before it said one. */
    public record Number(double value, int position, String text, String comparator, boolean year) {
        public boolean integral() {
            return value == Math.rint(value);
        }
    }

    public boolean has(String cue) {
        return cues.contains(cue);
    }

    public Optional<Label> firstLabel() {
        return labels.isEmpty() ? Optional.empty() : Optional.of(labels.get(0));
    }

    /** Share of the question's content words a mention or cue explained (1 when it had none). */
    public double coverage() {
        return contentWords == 0 ? 1 : 1 - (double) unexplained.size() / contentWords;
    }
}
