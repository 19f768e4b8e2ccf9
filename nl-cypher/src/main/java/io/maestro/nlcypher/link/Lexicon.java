package io.maestro.nlcypher.link;

import io.maestro.nlcypher.schema.GraphSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The words for labels, relationships, properties and values: the bundled {@code lexicon.yaml},
 * an operator's file merged over it, and words derived from the live schema (label names,
 * camelCase property names split, relationship types as words).
 */
public final class Lexicon {
    /** word (lower case, may be several words) → what it may stand for. */
    private final Map<String, List<Term>> terms = new HashMap<>();
    private final Map<String, Set<String>> outWords = new HashMap<>();
    private final Map<String, Set<String>> inWords = new HashMap<>();
    private int longest = 1;

    public sealed interface Term permits LabelTerm, RelTerm, PropertyTerm, ValueTerm { }
    public record LabelTerm(String label) implements Term { }
    public record RelTerm(String type) implements Term { }
    public record PropertyTerm(String property) implements Term { }
    /** A word standing for a stored value; the label and property come from the schema. */
    public record ValueTerm(String value) implements Term { }

    public static Lexicon bundled(GraphSchema schema) {
        return load(schema, null);
    }

    /** The bundled words, plus an operator's file of the same shape when {@code extra} is not null. */
    public static Lexicon load(GraphSchema schema, Path extra) {
        var lexicon = new Lexicon();
        try (InputStream in = Lexicon.class.getResourceAsStream("/nlcypher/lexicon.yaml")) {
            lexicon.merge(in, "lexicon.yaml (bundled)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (extra != null) {
            try (InputStream in = Files.newInputStream(extra)) {
                lexicon.merge(in, extra.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the lexicon file " + extra + ": " + e.getMessage(), e);
            }
        }
        lexicon.deriveFrom(schema);
        return lexicon;
    }

    public List<Term> lookup(String words) {
        return terms.getOrDefault(words, List.of());
    }

    /**
     * A single word one typing slip away (one letter wrong, missing, extra, or two swapped) from
     * exactly one lexicon word; only for words of five letters or more.
     */
    public List<Term> fuzzy(String word) {
        if (word.length() < 5) return List.of();
        List<Term> found = null;
        String match = null;
        for (var e : terms.entrySet()) {
            String key = e.getKey();
            if (key.indexOf(' ') >= 0 || Math.abs(key.length() - word.length()) > 1 || key.length() < 5) continue;
            if (Typos.oneSlip(word, key)) {
                if (match != null && !e.getValue().equals(found)) return List.of(); // ambiguous
                match = key;
                found = e.getValue();
            }
        }
        return found == null ? List.of() : found;
    }

    public int longestEntry() {
        return longest;
    }

    public Set<String> outWords(String relType) {
        return outWords.getOrDefault(relType, Set.of());
    }

    public Set<String> inWords(String relType) {
        return inWords.getOrDefault(relType, Set.of());
    }

    @SuppressWarnings("unchecked")
    private void merge(InputStream in, String source) {
        Object doc = new Load(LoadSettings.builder().setLabel(source).build()).loadFromInputStream(in);
        if (!(doc instanceof Map<?, ?> root)) throw new IllegalArgumentException(source + ": a lexicon is a mapping with labels, relationships, properties and values");
        for (var e : section(root, "labels", source).entrySet()) {
            for (String w : words(e.getValue(), source, "labels." + e.getKey())) add(w, new LabelTerm(e.getKey()));
        }
        for (var e : section(root, "relationships", source).entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> rel)) throw new IllegalArgumentException(source + ": relationships." + e.getKey() + " must be a mapping with words, out, in");
            for (String w : words(rel.get("words"), source, "relationships." + e.getKey() + ".words")) add(w, new RelTerm(e.getKey()));
            if (rel.get("out") != null) outWords.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).addAll(words(rel.get("out"), source, "relationships." + e.getKey() + ".out"));
            if (rel.get("in") != null) inWords.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).addAll(words(rel.get("in"), source, "relationships." + e.getKey() + ".in"));
        }
        for (var e : section(root, "properties", source).entrySet()) {
            for (String w : words(e.getValue(), source, "properties." + e.getKey())) add(w, new PropertyTerm(e.getKey()));
        }
        for (var e : section(root, "values", source).entrySet()) {
            for (String w : words(e.getValue(), source, "values." + e.getKey())) add(w, new ValueTerm(e.getKey()));
        }
    }

    private static Map<String, Object> section(Map<?, ?> root, String name, String source) {
        Object s = root.get(name);
        if (s == null) return Map.of();
        if (!(s instanceof Map<?, ?> m)) throw new IllegalArgumentException(source + ": '" + name + "' must be a mapping");
        var out = new java.util.LinkedHashMap<String, Object>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static List<String> words(Object list, String source, String field) {
        if (list == null) return List.of();
        if (!(list instanceof List<?> l)) throw new IllegalArgumentException(source + ": " + field + " must be a list of words");
        var out = new ArrayList<String>();
        for (Object o : l) out.add(String.valueOf(o).toLowerCase(Locale.ROOT).trim());
        return out;
    }

    private void deriveFrom(GraphSchema schema) {
        for (var label : schema.labels().values()) {
            String l = label.name().toLowerCase(Locale.ROOT);
            add(l, new LabelTerm(label.name()));
            add(plural(l), new LabelTerm(label.name()));
            for (String p : label.properties().keySet()) add(splitCamel(p), new PropertyTerm(p));
        }
        for (var rel : schema.relationships()) {
            add(rel.type().toLowerCase(Locale.ROOT).replace('_', ' '), new RelTerm(rel.type()));
        }
    }

    private void add(String words, Term term) {
        String key = Tokens.normalise(words);
        if (key.isEmpty()) return;
        var list = terms.computeIfAbsent(key, k -> new ArrayList<>());
        if (!list.contains(term)) list.add(term);
        longest = Math.max(longest, key.split(" ").length);
    }

    static String splitCamel(String s) {
        return s.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    static String plural(String s) {
        if (s.endsWith("y")) return s.substring(0, s.length() - 1) + "ies";
        if (s.endsWith("s")) return s + "es";
        return s + "s";
    }
}
