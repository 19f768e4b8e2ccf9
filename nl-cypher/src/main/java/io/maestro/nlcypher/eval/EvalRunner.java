package io.maestro.nlcypher.eval;

import io.maestro.nlcypher.Translation;
import io.maestro.nlcypher.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import io.maestro.sandbox.ReadSessions;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.Value;
import org.neo4j.driver.exceptions.Neo4jException;

/**
 * Scores a translator on an evaluation set by execution accuracy: each in-scope question's best
 * candidate and its gold query both run (READ session, timeout), and the candidate is right when
 * {@link ExecutionMatch} says its result holds the gold result. An out-of-scope question is right
 * when the translator does not answer it confidently.
 */
public final class EvalRunner {
    private final Driver driver;
    private final String database;
    private final java.time.Duration timeout;

    public EvalRunner(Driver driver, String database, java.time.Duration timeout) {
        this.driver = driver;
        this.database = database;
        this.timeout = timeout;
    }

    public EvalReport run(EvalSet set, Translator translator) {
        var outcomes = new ArrayList<EvalReport.Outcome>();
        for (EvalQuestion q : set.questions()) outcomes.add(score(q, translator));
        return new EvalReport(translator.backend(), outcomes);
    }

    EvalReport.Outcome score(EvalQuestion q, Translator translator) {
        long t0 = System.nanoTime();
        Translation t;
        try {
            t = translator.translate(q.question());
        } catch (RuntimeException e) {
            return new EvalReport.Outcome(q, null, false, "translation failed: " + e.getMessage(), System.nanoTime() - t0);
        }
        long took = System.nanoTime() - t0;
        if (q.gold() == null) {
            boolean right = t.status() != Translation.Status.CONFIDENT;
            return new EvalReport.Outcome(q, t, right, right ? "not answered confidently" : "answered confidently: " + t.best().cypher(), took);
        }
        if (t.best() == null) return new EvalReport.Outcome(q, t, false, "no candidate (" + t.status() + ")", took);
        try {
            var gold = execute(q.gold(), Map.of());
            var predicted = execute(t.best().cypher(), t.best().parameters());
            var verdict = ExecutionMatch.compare(gold, predicted, q.ordered());
            return new EvalReport.Outcome(q, t, verdict.matches(), verdict.reason(), took);
        } catch (Neo4jException e) {
            return new EvalReport.Outcome(q, t, false, "query failed: " + e.getMessage(), took);
        }
    }

    private QueryResult execute(String cypher, Map<String, Object> params) {
        try (var session = ReadSessions.open(driver, database)) {
            return session.executeRead(tx -> {
                var result = tx.run(cypher, params);
                List<String> columns = result.keys();
                var rows = new ArrayList<List<Object>>();
                for (Record r : result.list()) {
                    var row = new ArrayList<Object>();
                    for (Value v : r.values()) row.add(v.isNull() ? null : v.asObject());
                    rows.add(row);
                }
                return new QueryResult(columns, rows);
            }, TransactionConfig.builder().withTimeout(timeout).build());
        }
    }
}
