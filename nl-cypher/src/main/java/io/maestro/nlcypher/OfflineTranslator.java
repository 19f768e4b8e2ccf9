package io.maestro.nlcypher;

import io.maestro.nlcypher.compose.Composed;
import io.maestro.nlcypher.compose.Composer;
import io.maestro.nlcypher.intent.IntentIndex;
import io.maestro.nlcypher.link.Lexicon;
import io.maestro.nlcypher.link.Linked;
import io.maestro.nlcypher.link.QuestionLinker;
import io.maestro.nlcypher.schema.GraphSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/**
 * The translator that needs no model service: it links the question to the live schema (labels,
 * relationships, properties, stored values, entity names, the lexicon's synonyms), retrieves the
 * intent with the in-process MiniLM embedding model, fills the intent's slots and composes Cypher
 * with Cypher-DSL, values as parameters. Below the confidence threshold it answers
 * {@link Translation.Status#UNSURE} with its best guess and alternatives.
 */
public final class OfflineTranslator implements Translator {
    /** Intents tried per question, best retrieved first. */
    static final int TRIED = 8;
    static final int ALTERNATIVES = 3;

    private final QuestionLinker linker;
    private final Composer composer;
    private final IntentIndex index;
    private final double threshold;

    public OfflineTranslator(GraphSchema schema, Lexicon lexicon, IntentIndex index, double threshold) {
        if (!(threshold > 0 && threshold < 1)) throw new IllegalArgumentException("the confidence threshold must be between 0 and 1, got " + threshold);
        this.linker = new QuestionLinker(schema, lexicon);
        this.composer = new Composer(schema, lexicon);
        this.index = index;
        this.threshold = threshold;
    }

    @Override
    public String backend() {
        return "offline";
    }

    @Override
    public Translation translate(String question) {
        String q = Questions.clean(question);
        Linked linked = linker.link(q);
        var notes = new ArrayList<String>();
        if (linked.entities().isEmpty() && linked.values().isEmpty() && linked.labels().isEmpty() && linked.properties().isEmpty()) {
            notes.add("No word of the question matched the graph: no label, relationship, property, stored value or known name.");
            return new Translation(q, Translation.Status.NO_MATCH, null, List.of(), backend(), notes);
        }
        if (!linked.unexplained().isEmpty()) notes.add("Words not matched to the graph: " + String.join(", ", linked.unexplained()));
        var candidates = new ArrayList<Candidate>();
        var seen = new HashSet<String>();
        for (var match : index.rank(linked.masked()).subList(0, TRIED)) {
            var composed = composer.compose(match.intent(), linked);
            if (composed.isEmpty() || !seen.add(composed.get().cypher())) continue;
            candidates.add(candidate(match, composed.get()));
        }
        if (candidates.isEmpty()) {
            notes.add("The question matched the graph, but none of the question shapes the offline translator knows could be filled.");
            return new Translation(q, Translation.Status.NO_MATCH, null, List.of(), backend(), notes);
        }
        // equal confidence: the better retrieved intent first (the list is in retrieval order; the sort is stable)
        candidates.sort(Comparator.comparingDouble(Candidate::confidence).reversed());
        Candidate best = candidates.get(0);
        var alternatives = candidates.subList(1, Math.min(candidates.size(), 1 + ALTERNATIVES));
        var status = best.confidence() >= threshold ? Translation.Status.CONFIDENT : Translation.Status.UNSURE;
        if (status == Translation.Status.UNSURE) notes.add(String.format(java.util.Locale.ROOT,
                "Not sure: confidence %.2f is below the threshold %.2f. Check the query before running it.", best.confidence(), threshold));
        return new Translation(q, status, best, alternatives, backend(), notes);
    }

    /** Retrieval similarity (rescaled: 0.25 → 0, 0.85 → 1) and slot fit, equally weighted. */
    private static Candidate candidate(IntentIndex.Match match, Composed composed) {
        double similarity = Math.max(0, Math.min(1, (match.similarity() - 0.25) / 0.6));
        double confidence = Math.round((0.5 * similarity + 0.5 * composed.fit()) * 1000) / 1000.0;
        return new Candidate(match.intent().name().toLowerCase(java.util.Locale.ROOT), composed.cypher(), composed.parameters(),
                confidence, composed.explanation());
    }
}
