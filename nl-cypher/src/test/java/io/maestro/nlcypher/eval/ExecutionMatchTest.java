package io.maestro.nlcypher.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionMatchTest {

    @Test
    void sameRowsInAnotherOrderMatchUnlessOrderMatters() {
        var gold = result(List.of("name"), row("Ann"), row("Bob"), row("Cy"));
        var predicted = result(List.of("name"), row("Cy"), row("Ann"), row("Bob"));
        assertThat(ExecutionMatch.matches(gold, predicted, false)).isTrue();
        assertThat(ExecutionMatch.matches(gold, predicted, true)).isFalse();
        assertThat(ExecutionMatch.matches(gold, gold, true)).isTrue();
    }

    @Test
    void orderedRowsMustFollowTheGoldOrderInEveryColumn() {
        var gold = result(List.of("id", "amount"), row("TXN-1", 300.0), row("TXN-2", 200.0));
        assertThat(ExecutionMatch.matches(gold, result(List.of("id", "amount"), row("TXN-1", 300.0), row("TXN-2", 200.0)), true)).isTrue();
        assertThat(ExecutionMatch.matches(gold, result(List.of("id", "amount"), row("TXN-2", 200.0), row("TXN-1", 300.0)), true)).isFalse();
        // each column in the right order on its own is not enough: the ids go with the wrong amounts
        assertThat(ExecutionMatch.matches(gold, result(List.of("id", "amount"), row("TXN-1", 200.0), row("TXN-2", 300.0)), true)).isFalse();
    }

    @Test
    void extraPredictedColumnsAreAllowed() {
        var gold = result(List.of("name"), row("Ann"), row("Bob"));
        var predicted = result(List.of("id", "name", "born"), row("PER-2", "Bob", 1970L), row("PER-1", "Ann", 1980L));
        assertThat(ExecutionMatch.matches(gold, predicted, false)).isTrue();
        assertThat(ExecutionMatch.matches(gold, result(List.of("id", "name"), row("PER-1", "Ann"), row("PER-2", "Bob")), true)).isTrue();
    }

    @Test
    void aMissingGoldColumnIsAMismatch() {
        var gold = result(List.of("name", "people"), row("Germany", 116L), row("Greece", 86L));
        var onlyNames = result(List.of("nationality"), row("Germany"), row("Greece"));
        var wrongCounts = result(List.of("nationality", "n"), row("Germany", 115L), row("Greece", 86L));
        assertThat(ExecutionMatch.compare(gold, onlyNames, false).reason()).contains("2 columns");
        assertThat(ExecutionMatch.compare(gold, wrongCounts, false))
                .satisfies(v -> assertThat(v.matches()).isFalse())
                .satisfies(v -> assertThat(v.reason()).contains("'people'"));
    }

    @Test
    void rowCountsMustBeEqual() {
        var gold = result(List.of("name"), row("Ann"), row("Bob"));
        var verdict = ExecutionMatch.compare(gold, result(List.of("name"), row("Ann"), row("Bob"), row("Bob")), false);
        assertThat(verdict.matches()).isFalse();
        assertThat(verdict.reason()).contains("2 rows").contains("3");
        assertThat(ExecutionMatch.matches(gold, result(List.of("name")), false)).isFalse();
        assertThat(ExecutionMatch.matches(result(List.of("name")), result(List.of("id", "name")), true)).isTrue();
    }

    @Test
    void numbersCompareNumerically() {
        assertThat(ExecutionMatch.matches(result(List.of("n"), row(1L)), result(List.of("n"), row(1.0)), false)).isTrue();
        assertThat(ExecutionMatch.matches(result(List.of("n"), row(1L)), result(List.of("n"), row(2L)), false)).isFalse();
        assertThat(ExecutionMatch.matches(result(List.of("sum"), row(1153807.2)), result(List.of("total"), row(1153807.2000000002)), false)).isTrue();
        assertThat(ExecutionMatch.matches(result(List.of("sum"), row(1153807.2)), result(List.of("total"), row(1153807.21)), false)).isFalse();
        assertThat(ExecutionMatch.matches(result(List.of("n"), row(7)), result(List.of("n"), row(7L)), true)).isTrue();
        assertThat(ExecutionMatch.matches(result(List.of("n"), row(1L)), result(List.of("n"), row("1")), false)).isFalse();
        assertThat(ExecutionMatch.matches(result(List.of("n"), row(1L)), result(List.of("n"), row(true)), false)).isFalse();
    }

    @Test
    void duplicatesCountInMultisets() {
        var gold = result(List.of("x"), row("a"), row("a"), row("b"));
        assertThat(ExecutionMatch.matches(gold, result(List.of("x"), row("a"), row("b"), row("b")), false)).isFalse();
        assertThat(ExecutionMatch.matches(gold, result(List.of("x"), row("b"), row("a"), row("a")), false)).isTrue();
    }

    @Test
    void rowsMustMatchNotJustEachColumnsValues() {
        var gold = result(List.of("name", "n"), row("a", 1L), row("b", 2L));
        var swapped = result(List.of("name", "n"), row("a", 2L), row("b", 1L));
        assertThat(ExecutionMatch.matches(gold, swapped, false)).isFalse();
    }

    @Test
    void nullsEqualOnlyNulls() {
        var gold = result(List.of("parent"), row((Object) null), row("Acme"));
        assertThat(ExecutionMatch.matches(gold, result(List.of("p"), row("Acme"), row((Object) null)), false)).isTrue();
        assertThat(ExecutionMatch.matches(gold, result(List.of("p"), row("Acme"), row("")), false)).isFalse();
        assertThat(ExecutionMatch.matches(gold, result(List.of("p"), row((Object) null), row((Object) null)), false)).isFalse();
        assertThat(ExecutionMatch.matches(gold, result(List.of("p"), row((Object) null), row("Acme")), true)).isTrue();
    }

    @Test
    void columnsMayComeInAnyOrderUnderAnyName() {
        var gold = result(List.of("channel", "transactions"), row("card", 495L), row("cheque", 507L));
        var permuted = result(List.of("count", "kind"), row(507L, "cheque"), row(495L, "card"));
        assertThat(ExecutionMatch.matches(gold, permuted, false)).isTrue();
        assertThat(ExecutionMatch.matches(gold, result(List.of("count", "kind"), row(495L, "card"), row(507L, "cheque")), true)).isTrue();
    }

    @Test
    void eachGoldColumnNeedsItsOwnPredictedColumn() {
        var twice = result(List.of("a", "b"), row("x", "x"), row("y", "y"));
        assertThat(ExecutionMatch.matches(twice, result(List.of("a", "c"), row("x", 1L), row("y", 2L)), false)).isFalse();
        assertThat(ExecutionMatch.matches(twice, result(List.of("a", "c"), row("x", 1L), row("y", 2L)), true)).isFalse();
        assertThat(ExecutionMatch.matches(twice, result(List.of("c", "d"), row("y", "y"), row("x", "x")), false)).isTrue();
        // ordered: gold a fits predicted p and q, gold b only p; the matching must move a to q
        var gold = result(List.of("a", "b"), row("x", "x"), row("y", "y"));
        var predicted = result(List.of("p", "q"), row("x", "x"), row("y", "y"));
        assertThat(ExecutionMatch.matches(gold, predicted, true)).isTrue();
        var crossed = result(List.of("a", "b"), row(1L, "x"), row(1L, "y"));
        assertThat(ExecutionMatch.matches(crossed, result(List.of("p", "q", "r"), row(1L, 1L, "x"), row(1L, 1L, "y")), true)).isTrue();
    }

    @Test
    void listsAndMapsCompareByContent() {
        var gold = result(List.of("ring", "props"), row(List.of("ACC-1", "ACC-2"), Map.of("amount", 10L)), row(List.of(), Map.of()));
        var predicted = result(List.of("r", "p"), row(List.of(), Map.of()), row(List.of("ACC-1", "ACC-2"), Map.of("amount", 10.0)));
        assertThat(ExecutionMatch.matches(gold, predicted, false)).isTrue();
        var reversed = result(List.of("r", "p"), row(List.of("ACC-2", "ACC-1"), Map.of("amount", 10L)), row(List.of(), Map.of()));
        assertThat(ExecutionMatch.matches(gold, reversed, false)).isFalse();
        var otherKey = result(List.of("r", "p"), row(List.of("ACC-1", "ACC-2"), Map.of("amt", 10L)), row(List.of(), Map.of()));
        assertThat(ExecutionMatch.matches(gold, otherKey, false)).isFalse();
    }

    @Test
    void rowsMustBeAsWideAsTheColumns() {
        assertThatThrownBy(() -> ExecutionMatch.matches(List.of("a", "b"), List.of(List.of("x")), List.of("a"), List.of(List.of("x")), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 0 has 1 values for 2 columns");
    }

    @Test
    void manyLookAlikeColumnsOverManyRowsAreQuick() {
        // every predicted column holds the same multiset as every gold column, so only whole rows tell them apart
        int n = 20_000;
        var goldRows = new ArrayList<List<Object>>();
        var predictedRows = new ArrayList<List<Object>>();
        for (int i = 0; i < n; i++) {
            long v = i;
            goldRows.add(Arrays.asList(v, (v + 1) % n, (v + 2) % n, (v + 3) % n));
            predictedRows.add(Arrays.asList((v + 7) % n, (v + 3) % n, (v + 5) % n, (v + 2) % n, v, (v + 6) % n, (v + 1) % n, (v + 4) % n));
        }
        var gold = new QueryResult(List.of("a", "b", "c", "d"), goldRows);
        var predicted = new QueryResult(List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"), predictedRows);
        assertTimeout(Duration.ofSeconds(5), () -> {
            assertThat(ExecutionMatch.matches(gold, predicted, false)).isTrue();
            assertThat(ExecutionMatch.matches(gold, predicted, true)).isTrue();
        });
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    @SafeVarargs
    private static QueryResult result(List<String> columns, List<Object>... rows) {
        return new QueryResult(columns, List.of(rows));
    }
}
