package io.maestro.nlcypher;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.maestro.nlcypher.intent.IntentIndex;
import io.maestro.nlcypher.link.Lexicon;
import io.maestro.nlcypher.model.ChatModels;
import io.maestro.nlcypher.model.CypherCheck;
import io.maestro.nlcypher.model.FewShots;
import io.maestro.nlcypher.model.ModelSettings;
import io.maestro.nlcypher.model.ModelTranslator;
import io.maestro.nlcypher.schema.GraphSchema;
import io.maestro.nlcypher.schema.SchemaReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.driver.Driver;

/**
 * Builds the translator for one graph from environment-style settings: the offline translator
 * always; a model backend in front of it when {@code MAESTRO_NLQ_BACKEND} names one (the offline
 * translator answers when the model fails). Settings: {@code MAESTRO_NLQ_THRESHOLD} (default
 * 0.6), {@code MAESTRO_NLQ_LEXICON} (extra synonyms file), and {@link ModelSettings}'s keys.
 */
public final class Translators {
    public static final double DEFAULT_THRESHOLD = 0.6;
    private static EmbeddingModel embeddings;
    private static IntentIndex intents;
    private static FewShots shots;

    private Translators() { }

    /** The in-process MiniLM model shipped in its jar, loaded once per JVM (about 0.7 s). */
    public static synchronized EmbeddingModel embeddings() {
        if (embeddings == null) {
            // the model loads through DJL, whose usage tracking would call the EC2 metadata address at load
            if (System.getProperty("OPT_OUT_TRACKING") == null) System.setProperty("OPT_OUT_TRACKING", "true");
            embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
        }
        return embeddings;
    }

    /** The intents' example phrasings, embedded once per JVM: they do not depend on the graph. */
    static synchronized IntentIndex intents() {
        if (intents == null) intents = new IntentIndex(embeddings());
        return intents;
    }

    /** The model backends' worked examples, embedded once per JVM. */
    static synchronized FewShots shots() {
        if (shots == null) shots = FewShots.bundled(embeddings());
        return shots;
    }

    public static Translator create(Driver driver, String database, Map<String, String> settings) {
        return create(driver, database, settings, Metrics.globalRegistry);
    }

    public static Translator create(Driver driver, String database, Map<String, String> settings, MeterRegistry metrics) {
        double threshold = threshold(settings.get("MAESTRO_NLQ_THRESHOLD"));
        var model = ModelSettings.fromEnvironment(settings);
        String lexiconFile = settings.get("MAESTRO_NLQ_LEXICON");
        GraphSchema schema = new SchemaReader(driver, database).read();
        Lexicon lexicon = Lexicon.load(schema, lexiconFile == null || lexiconFile.isBlank() ? null : Path.of(lexiconFile));
        Translator offline = new OfflineTranslator(schema, lexicon, intents(), threshold);
        Translator chosen = offline;
        if (model.isPresent()) {
            var s = model.get();
            var primary = new ModelTranslator(ChatModels.create(s), s.provider() + ":" + s.model(), schema, shots(),
                    CypherCheck.explain(driver, database), s.corrections());
            chosen = new FallbackTranslator(primary, offline);
        }
        return new ObservedTranslator(chosen, metrics);
    }

    static double threshold(String value) {
        if (value == null || value.isBlank()) return DEFAULT_THRESHOLD;
        try {
            double t = Double.parseDouble(value.trim());
            if (t > 0 && t < 1) return t;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("MAESTRO_NLQ_THRESHOLD: must be a number between 0 and 1, got '" + value + "'");
    }
}
