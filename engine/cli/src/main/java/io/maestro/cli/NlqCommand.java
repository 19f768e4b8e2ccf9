package io.maestro.cli;

import io.maestro.nlcypher.Translators;
import io.maestro.nlcypher.eval.EvalReport;
import io.maestro.nlcypher.eval.EvalRunner;
import io.maestro.nlcypher.eval.EvalSet;
import io.maestro.sandbox.EmbeddedNeo4j;
import io.maestro.sandbox.Neo4jConnection;
import io.maestro.sandbox.sample.SampleGraph;
import io.maestro.sandbox.sample.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code maestro nlq …}: the natural-language console's command-line tools. */
@Command(name = "nlq", description = "Natural language to Cypher: evaluate the translator.", subcommands = NlqCommand.Eval.class)
final class NlqCommand {
    @ParentCommand MaestroCommand root;

    @Command(name = "eval", description = {
            "Score the translator by execution accuracy on the evaluation set over the sample graph.",
            "Uses an embedded Neo4j under $MAESTRO_HOME/nlq-eval/ (loaded once), or NEO4J_URI when set (it must hold the same sample graph).",
            "The translator is the offline one unless MAESTRO_NLQ_BACKEND names a model backend.",
            "Exits 0, 1 when the accuracy is under --min-accuracy, 2 for bad input."})
    static final class Eval implements Callable<Integer> {
        @ParentCommand NlqCommand nlq;
        @Spec CommandSpec spec;

        @Option(names = "--set", paramLabel = "FILE", description = "An evaluation set (YAML, the bundled set's format); default: the bundled 168 questions.")
        Path set;

        @Option(names = "--size", defaultValue = "small", description = "Sample graph size for the embedded database: tiny or small (default ${DEFAULT-VALUE}); the bundled set is written for small.")
        String size;

        @Option(names = "--failures", description = "List every wrong answer with its reason.")
        boolean failures;

        @Option(names = "--min-accuracy", paramLabel = "PERCENT", description = "Exit 1 when the execution accuracy is below this.")
        Double minAccuracy;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            var env = nlq.root.env;
            EvalSet questions = loadSet();
            Size graphSize = switch (size.toLowerCase(Locale.ROOT)) {
                case "tiny" -> Size.TINY;
                case "small" -> Size.SMALL;
                default -> throw new UserError("--size: must be tiny or small, got '" + size + "'");
            };
            if (minAccuracy != null && (minAccuracy < 0 || minAccuracy > 100)) throw new UserError("--min-accuracy: must be 0..100, got " + minAccuracy);
            EmbeddedNeo4j embedded = null;
            Neo4jConnection connection;
            if (env.get("NEO4J_URI") != null) {
                connection = Neo4jConnection.fromEnvironment(env);
            } else {
                Path store = Path.of(env.getOrDefault("MAESTRO_HOME", ".maestro"), "nlq-eval", graphSize.name().toLowerCase(Locale.ROOT) + "-42");
                boolean loaded = Files.exists(store.resolve("loaded"));
                embedded = EmbeddedNeo4j.start(store);
                connection = embedded.connection();
                if (!loaded) {
                    try (Driver d = driver(connection)) {
                        SampleGraph.load(d, "neo4j", graphSize, 42);
                    }
                    Files.writeString(store.resolve("loaded"), graphSize + " 42\n");
                }
            }
            try (Driver driver = driver(connection)) {
                var translator = Translators.create(driver, "neo4j", env);
                EvalReport report = new EvalRunner(driver, "neo4j", Duration.ofSeconds(10)).run(questions, translator);
                out.println(report.render(failures));
                out.flush();
                if (minAccuracy != null && 100 * report.accuracy() < minAccuracy) {
                    spec.commandLine().getErr().printf("maestro: execution accuracy %.1f%% is below --min-accuracy %.1f%%%n", 100 * report.accuracy(), minAccuracy);
                    return ExitCodes.RUN_FAILED;
                }
                return ExitCodes.OK;
            } finally {
                if (embedded != null) embedded.close();
            }
        }

        private EvalSet loadSet() throws IOException {
            if (set == null) return EvalSet.bundled();
            if (!Files.isRegularFile(set)) throw new UserError("--set: " + set + " is not a readable file");
            try (InputStream in = Files.newInputStream(set)) {
                return EvalSet.load(in);
            } catch (RuntimeException e) {
                throw new UserError(set + ": " + e.getMessage());
            }
        }

        private static Driver driver(Neo4jConnection c) {
            return GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()));
        }
    }
}
