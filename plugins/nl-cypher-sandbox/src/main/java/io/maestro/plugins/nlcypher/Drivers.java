package io.maestro.plugins.nlcypher;

import io.maestro.sandbox.Neo4jConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** Drivers that give up quickly: a dead database is an error within the connect timeout, never a hang. */
final class Drivers {
    private Drivers() { }

    static Driver open(Neo4jConnection c, Duration connectTimeout) {
        Config config = Config.builder()
                .withConnectionTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .withConnectionAcquisitionTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                // the console answers now or says why; the analyst (or the step's retry policy) decides to retry
                .withMaxTransactionRetryTime(0, TimeUnit.MILLISECONDS)
                .build();
        return GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()), config);
    }
}
