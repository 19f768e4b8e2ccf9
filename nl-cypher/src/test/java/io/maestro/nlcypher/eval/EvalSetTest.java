package io.maestro.nlcypher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maestro.nlcypher.eval.EvalQuestion.Category;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EvalSetTest {

    @Test
    void bundledSetLoadsEveryCategoryWithGoldExactlyForInScopeQuestions() {
        EvalSet set = EvalSet.bundled();
        assertThat(set.questions()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(set.byCategory().keySet()).containsExactlyInAnyOrder(Category.values());
        assertThat(set.questions()).allSatisfy(q -> assertThat(q.inScope()).isEqualTo(q.category() != Category.OUT_OF_SCOPE));
        assertThat(set.inScope()).allSatisfy(q -> assertThat(q.gold()).isNotBlank().isEqualTo(q.gold().strip()));
        EvalQuestion first = set.questions().getFirst();
        assertThat(first).isEqualTo(new EvalQuestion("q001", Category.COUNT, "How many people are in the graph?",
                "MATCH (p:Person) RETURN count(p) AS people", false));
    }

    @Test
    void readsAWellFormedSet() {
        EvalSet set = load("""
                - id: q001
                  category: top
                  question: Top 2 riskiest people
                  gold: >-
                    MATCH (p:Person) RETURN p.name AS name
                    ORDER BY p.riskScore DESC LIMIT 2
                  ordered: true
                - id: q002
                  category: out_of_scope
                  question: what is the weather in Paris?
                  gold: null
                  ordered: false
                """);
        assertThat(set.questions()).containsExactly(
                new EvalQuestion("q001", Category.TOP, "Top 2 riskiest people",
                        "MATCH (p:Person) RETURN p.name AS name ORDER BY p.riskScore DESC LIMIT 2", true),
                new EvalQuestion("q002", Category.OUT_OF_SCOPE, "what is the weather in Paris?", null, false));
        assertThat(set.inScope()).extracting(EvalQuestion::id).containsExactly("q001");
    }

    @Test
    void aMalformedEntryIsNamedByIdAndField() {
        assertProblem(entry("q001", "count", "ordered: yes"), "entry 1 (q001): field 'ordered' must be true or false");
        assertProblem(entry("q001", "counting", "ordered: false"), "entry 1 (q001): field 'category' is 'counting', not one of [count, filter");
        assertProblem("""
                - id: q007
                  category: count
                  gold: MATCH (p:Person) RETURN count(p) AS people
                  ordered: false
                """, "entry 1 (q007): field 'question' is missing");
        assertProblem("""
                - id: q003
                  category: count
                  question: how many people?
                  ordered: false
                """, "entry 1 (q003): field 'gold' is missing");
        assertProblem("""
                - id: q004
                  category: out_of_scope
                  question: write me a poem
                  gold: MATCH (n) RETURN n
                  ordered: false
                """, "entry 1 (q004): field 'gold' must be null for out_of_scope questions");
        assertProblem("""
                - id: q005
                  category: count
                  question: how many people?
                  gold: MATCH (p:Person) RETURN count(p) AS people
                  ordered: false
                  note: extra
                """, "entry 1 (q005): unknown field 'note'");
        assertProblem("""
                - category: count
                  question: how many people?
                  gold: MATCH (p:Person) RETURN count(p) AS people
                  ordered: false
                """, "entry 1: field 'id' is missing");
        assertProblem(entry("q001", "count", "ordered: false") + entry("q001", "count", "ordered: false"), "entry 2 (q001): field 'id' is already used by entry 1");
    }

    @Test
    void aFileThatIsNotAListOfEntriesIsRefused() {
        assertProblem("id: q001\n", "must be a YAML list of questions");
        assertProblem("- just text\n", "entry 1 must be a mapping");
        assertProblem("- id: q001\n  question: [unclosed\n", "is not valid YAML");
    }

    private static String entry(String id, String category, String orderedLine) {
        return """
                - id: %s
                  category: %s
                  question: how many people?
                  gold: MATCH (p:Person) RETURN count(p) AS people
                  %s
                """.formatted(id, category, orderedLine);
    }

    private static void assertProblem(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(EvalSetException.class).hasMessageContaining(message);
    }

    private static EvalSet load(String yaml) {
        return EvalSet.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
