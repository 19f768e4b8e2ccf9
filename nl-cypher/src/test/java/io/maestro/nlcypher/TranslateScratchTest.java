package io.maestro.nlcypher;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.maestro.nlcypher.link.Lexicon;
import io.maestro.nlcypher.schema.SchemaReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "scratch", matches = ".+")
class TranslateScratchTest {
    @Test
    void print() throws Exception {
        var driver = SampleNeo4j.driver();
        var schema = new SchemaReader(driver, "neo4j").read();
        var t = new OfflineTranslator(schema, Lexicon.bundled(schema), new AllMiniLmL6V2QuantizedEmbeddingModel(), 0.6);
        for (String q : Files.readAllLines(Path.of(System.getProperty("scratch")))) {
            if (q.isBlank()) continue;
            var tr = t.translate(q);
            System.out.println("Q: " + q + "\n  " + tr.status() + " " + tr.confidence() + " " + (tr.best() == null ? "-" : tr.best().intent() + " | " + tr.best().cypher() + " " + tr.best().parameters()));
            for (var a : tr.alternatives()) System.out.println("    alt " + a.confidence() + " " + a.intent() + " | " + a.cypher());
            if (!tr.notes().isEmpty()) System.out.println("  notes " + tr.notes());
            try (var s = driver.session()) {
                if (tr.best() != null) System.out.println("  => " + s.run(tr.best().cypher(), tr.best().parameters()).list().stream().limit(3).map(r -> r.asMap().toString()).toList());
            } catch (Exception e) {
                System.out.println("  !! " + e.getMessage());
            }
        }
    }
}
