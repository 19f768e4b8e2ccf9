package io.maestro.plugins.nlcypher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cypher step's inputs and expectations, with the row cap in mind. */
class CypherCheckTest {
    static CypherCheck check(Map<String, Object> with) {
        return CypherCheck.from(with, 100);
    }

    @Test
    void expectationsHoldOrSayWhatWasExpectedAndWhatCame() {
        CypherCheck none = check(Map.of("query", "MATCH (a) RETURN a", "expect", Map.of("rows", 0)));
        assertThat(none.violation(0, false)).isNull();
        assertThat(none.violation(3, false)).isEqualTo("expected 0 rows (expect.rows), got 3");
        assertThat(none.violation(100, true)).isEqualTo("expected 0 rows (expect.rows), got more than 100 (the row cap)");
        CypherCheck range = check(Map.of("query", "RETURN 1", "expect", Map.of("min_rows", "2", "max_rows", 5)));
        assertThat(range.violation(1, false)).isEqualTo("expected at least 2 rows (expect.min_rows), got 1");
        assertThat(range.violation(5, false)).isNull();
        assertThat(range.violation(100, true)).startsWith("expected at most 5 rows (expect.max_rows), got more than 100");
        assertThat(check(Map.of("query", "RETURN 1", "expect", Map.of("min_rows", 50))).violation(100, true)).isNull();
        assertThat(check(Map.of("query", "RETURN 1")).violation(7, true)).isNull();
    }

    @Test
    void parametersBecomeWhatTheDriverTakes() {
        CypherCheck c = check(Map.of("query", "RETURN $x", "parameters", Map.of("x", 3, "names", List.of("a", 2))));
        assertThat(c.parameters()).containsEntry("x", 3L).containsEntry("names", List.of("a", 2L));
    }

    @Test
    void badInputNamesTheField() {
        var cases = Map.of(
                Map.<String, Object>of(), "with.query",
                Map.<String, Object>of("query", " "), "with.query",
                Map.<String, Object>of("query", 5), "with.query",
                Map.<String, Object>of("query", "RETURN 1", "params", Map.of()), "with.params",
                Map.<String, Object>of("query", "RETURN 1", "parameters", "x=1"), "with.parameters",
                Map.<String, Object>of("query", "RETURN 1", "expect", 0), "with.expect",
                Map.<String, Object>of("query", "RETURN 1", "expect", Map.of("row", 0)), "with.expect.row",
                Map.<String, Object>of("query", "RETURN 1", "expect", Map.of("rows", "none")), "with.expect.rows",
                Map.<String, Object>of("query", "RETURN 1", "expect", Map.of("min_rows", -1)), "with.expect.min_rows",
                Map.<String, Object>of("query", "RETURN 1", "expect", Map.of("rows", 1, "max_rows", 2)), "with.expect");
        cases.forEach((with, field) -> assertThatThrownBy(() -> check(with)).as(with.toString())
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo(field)));
        assertThatThrownBy(() -> check(Map.of("query", "RETURN 1", "expect", Map.of("min_rows", 5, "max_rows", 2))))
                .hasMessageContaining("min_rows (5) is above max_rows (2)");
        assertThatThrownBy(() -> check(Map.of("query", "RETURN 1", "expect", Map.of("rows", 101))))
                .hasMessageContaining("above the sandbox's row cap (100)").hasMessageContaining("RETURN count(*)");
    }
}
