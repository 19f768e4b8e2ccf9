package io.maestro.nlcypher.eval;

import io.maestro.nlcypher.eval.EvalQuestion.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The evaluation set: questions about the sample graph with their gold Cypher, read from YAML (a
 * list of entries with {@code id}, {@code category}, {@code question}, {@code gold} and
 * {@code ordered}, all required; {@code gold: null} for out-of-scope questions). The bundled set,
 * {@value #RESOURCE}, is written for {@code SampleGraph} {@code SMALL} with seed 42.
 */
public record EvalSet(List<EvalQuestion> questions) {
    public static final String RESOURCE = "/eval/intelgraph-eval.yaml";
    private static final List<String> FIELDS = List.of("id", "category", "question", "gold", "ordered");

    public EvalSet {
        questions = List.copyOf(questions);
        Set<String> ids = new HashSet<>();
        for (EvalQuestion q : questions) {
            if (!ids.add(q.id())) throw new EvalSetException("duplicate id " + q.id());
        }
    }

    /** The set shipped in this jar ({@value #RESOURCE}). */
    public static EvalSet bundled() {
        try (InputStream in = EvalSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            return load(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a set from YAML. @throws EvalSetException naming the entry and field of the first problem */
    public static EvalSet load(InputStream in) {
        return load(in, "eval set");
    }

    private static EvalSet load(InputStream in, String source) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromInputStream(in);
        } catch (YamlEngineException e) {
            throw new EvalSetException(source + " is not valid YAML: " + e.getMessage());
        }
        if (!(root instanceof List<?> entries)) throw new EvalSetException(source + " must be a YAML list of questions");
        var questions = new ArrayList<EvalQuestion>(entries.size());
        var entryById = new HashMap<String, Integer>();
        for (int i = 0; i < entries.size(); i++) {
            EvalQuestion q = entry(source, i + 1, entries.get(i));
            Integer earlier = entryById.putIfAbsent(q.id(), i + 1);
            if (earlier != null) throw new EvalSetException(source + " entry " + (i + 1) + " (" + q.id() + "): field 'id' is already used by entry " + earlier);
            questions.add(q);
        }
        return new EvalSet(questions);
    }

    private static EvalQuestion entry(String source, int index, Object raw) {
        if (!(raw instanceof Map<?, ?> map)) throw new EvalSetException(source + " entry " + index + " must be a mapping of " + FIELDS);
        String where = source + " entry " + index + (map.get("id") instanceof String id && !id.isBlank() ? " (" + id + ")" : "");
        for (Object key : map.keySet()) {
            if (!FIELDS.contains(String.valueOf(key))) throw new EvalSetException(where + ": unknown field '" + key + "'; the fields are " + FIELDS);
        }
        String id = text(where, map, "id");
        String label = text(where, map, "category");
        Category category = Category.ofLabel(label).orElseThrow(() -> new EvalSetException(where + ": field 'category' is '" + label
                + "', not one of " + Arrays.stream(Category.values()).map(Category::label).toList()));
        String question = text(where, map, "question");
        if (!map.containsKey("gold")) throw new EvalSetException(where + ": field 'gold' is missing (use gold: null for out_of_scope)");
        Object gold = map.get("gold");
        if (gold != null && !(gold instanceof String s && !s.isBlank())) throw new EvalSetException(where + ": field 'gold' must be Cypher text or null");
        if ((category == Category.OUT_OF_SCOPE) != (gold == null)) {
            throw new EvalSetException(where + ": field 'gold' must be null for out_of_scope questions and Cypher for the others");
        }
        if (!(map.get("ordered") instanceof Boolean ordered)) throw new EvalSetException(where + ": field 'ordered' must be true or false");
        if (ordered && gold == null) throw new EvalSetException(where + ": field 'ordered' cannot be true without gold Cypher");
        return new EvalQuestion(id, category, question.strip(), gold == null ? null : ((String) gold).strip(), ordered);
    }

    private static String text(String where, Map<?, ?> map, String field) {
        if (!map.containsKey(field)) throw new EvalSetException(where + ": field '" + field + "' is missing");
        if (!(map.get(field) instanceof String s) || s.isBlank()) throw new EvalSetException(where + ": field '" + field + "' must be non-empty text");
        return s;
    }

    /** The questions with gold Cypher, in file order. */
    public List<EvalQuestion> inScope() {
        return questions.stream().filter(EvalQuestion::inScope).toList();
    }

    /** The questions of each category, in file order. */
    public Map<Category, List<EvalQuestion>> byCategory() {
        return questions.stream().collect(Collectors.groupingBy(EvalQuestion::category, () -> new EnumMap<>(Category.class), Collectors.toList()));
    }
}
