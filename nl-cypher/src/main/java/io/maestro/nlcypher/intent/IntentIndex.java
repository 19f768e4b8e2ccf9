package io.maestro.nlcypher.intent;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Intent retrieval: every example phrasing embedded once with the in-process model; a masked
 * question is scored against each intent by its nearest example.
 */
public final class IntentIndex {
    /** An intent and how close the question came to its nearest example (cosine, -1..1). */
    public record Match(Intent intent, double similarity, String nearestExample) { }

    private final EmbeddingModel model;
    private final Map<Intent, List<Embedding>> examples = new EnumMap<>(Intent.class);

    public IntentIndex(EmbeddingModel model) {
        this.model = model;
        for (Intent intent : Intent.values()) {
            var segments = intent.examples().stream().map(dev.langchain4j.data.segment.TextSegment::from).toList();
            examples.put(intent, model.embedAll(segments).content());
        }
    }

    /** Intents ranked by similarity, best first. */
    public List<Match> rank(String maskedQuestion) {
        Embedding q = model.embed(maskedQuestion).content();
        var out = new ArrayList<Match>();
        for (var e : examples.entrySet()) {
            double best = -1;
            int bestAt = 0;
            for (int i = 0; i < e.getValue().size(); i++) {
                double s = CosineSimilarity.between(q, e.getValue().get(i));
                if (s > best) {
                    best = s;
                    bestAt = i;
                }
            }
            // rounded: the ONNX runtime's float sums may differ in the last bits from run to run
            out.add(new Match(e.getKey(), Math.round(best * 10_000) / 10_000.0, e.getKey().examples().get(bestAt)));
        }
        out.sort(Comparator.comparingDouble(Match::similarity).reversed().thenComparing(m -> m.intent().ordinal()));
        return out;
    }
}
