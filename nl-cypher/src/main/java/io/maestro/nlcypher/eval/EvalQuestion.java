package io.maestro.nlcypher.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One question of the evaluation set: what an analyst asks, the kind of question it is and the
 * hand-written gold Cypher whose result a translation must reproduce ({@link ExecutionMatch}).
 *
 * @param id       {@code q001}, {@code q002}, … unique within the set
 * @param gold     read-only Cypher, or {@code null} for an {@link Category#OUT_OF_SCOPE} question
 *                 (the translator should answer that it is unsure or has no match)
 * @param ordered  whether row order is part of the answer (top-N questions with ORDER BY)
 */
public record EvalQuestion(String id, Category category, String question, String gold, boolean ordered) {
    public EvalQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(question, "question");
        if ((category == Category.OUT_OF_SCOPE) != (gold == null)) {
            throw new IllegalArgumentException(id + ": gold must be null exactly for out_of_scope questions");
        }
        if (ordered && gold == null) throw new IllegalArgumentException(id + ": an out_of_scope question cannot be ordered");
    }

    /** Whether the graph can answer it, i.e. it has gold Cypher. */
    public boolean inScope() {
        return gold != null;
    }

    /** What kind of question it is; the YAML spells each one as its {@link #label()}. */
    public enum Category {
        COUNT, FILTER, TOP, LOOKUP, ONE_HOP, TWO_HOP, AGGREGATE, DEGREE, PATTERN, PATH, OUT_OF_SCOPE;

        /** {@code count}, {@code one_hop}, {@code out_of_scope}, … */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Category> ofLabel(String label) {
            return Arrays.stream(values()).filter(c -> c.label().equals(label)).findFirst();
        }
    }
}
