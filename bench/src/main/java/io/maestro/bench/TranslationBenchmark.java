package io.maestro.bench;

import io.maestro.nlcypher.Translator;
import io.maestro.nlcypher.Translators;
import io.maestro.nlcypher.eval.EvalQuestion;
import io.maestro.nlcypher.eval.EvalSet;
import io.maestro.sandbox.EmbeddedNeo4j;
import io.maestro.sandbox.sample.SampleGraph;
import io.maestro.sandbox.sample.Size;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline translation of the evaluation set's 168 questions, one after another, with the schema
 * read from a real embedded Neo4j holding the SMALL sample graph. Translation does not touch the
 * database (the schema and names are read once), so this is linking, the MiniLM embedding, intent
 * retrieval and Cypher-DSL composition. SampleTime, so JMH reports p50 / p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx1500m"})
public class TranslationBenchmark {
    private Path dir;
    private EmbeddedNeo4j neo4j;
    private Driver driver;
    private Translator translator;
    private List<String> questions;
    private int next;

    @Setup
    public void start() throws IOException {
        dir = Files.createTempDirectory("maestro-nlq-bench");
        neo4j = EmbeddedNeo4j.start(dir.resolve("neo4j"));
        var c = neo4j.connection();
        driver = GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()));
        SampleGraph.load(driver, "neo4j", Size.SMALL, 42);
        translator = Translators.create(driver, "neo4j", Map.of());
        questions = EvalSet.bundled().questions().stream().map(EvalQuestion::question).toList();
    }

    @Benchmark
    public Object translate() {
        String q = questions.get(next);
        next = (next + 1) % questions.size();
        return translator.translate(q);
    }

    @TearDown
    public void stop() throws IOException {
        driver.close();
        neo4j.close();
        io.maestro.core.os.LocalResources.deleteTree(dir);
    }
}
