package io.maestro.nlcypher.model;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Worked examples (question → Cypher) for the model's prompt, the closest to the question first, by embedding similarity. */
public final class FewShots {
    public record Shot(String question, String cypher) { }

    private final EmbeddingModel model;
    private final List<Shot> shots;
    private final List<Embedding> embeddings;

    public FewShots(EmbeddingModel model, List<Shot> shots) {
        this.model = model;
        this.shots = List.copyOf(shots);
        this.embeddings = model.embedAll(shots.stream().map(s -> TextSegment.from(s.question())).toList()).content();
    }

    /** The bundled examples ({@code nlcypher/fewshot.yaml}; written for the sample graph, not taken from the evaluation set). */
    @SuppressWarnings("unchecked")
    public static FewShots bundled(EmbeddingModel model) {
        try (InputStream in = FewShots.class.getResourceAsStream("/nlcypher/fewshot.yaml")) {
            var list = (List<Map<String, Object>>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            var shots = new ArrayList<Shot>();
            for (var m : list) shots.add(new Shot(String.valueOf(m.get("question")), String.valueOf(m.get("cypher")).trim()));
            return new FewShots(model, shots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Shot> closest(String question, int k) {
        Embedding q = model.embed(question).content();
        var order = new ArrayList<Integer>();
        for (int i = 0; i < shots.size(); i++) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> CosineSimilarity.between(q, embeddings.get(i))).reversed());
        return order.stream().limit(k).map(shots::get).toList();
    }
}
