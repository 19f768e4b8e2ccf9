package io.maestro.sandbox;

import org.neo4j.driver.AccessMode;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

/** A READ-access session on a database (the server's default one when {@code database} is null): the database refuses writes in it. */
public final class ReadSessions {
    private ReadSessions() { }

    public static Session open(Driver driver, String database) {
        var config = SessionConfig.builder().withDefaultAccessMode(AccessMode.READ);
        if (database != null) config.withDatabase(database);
        return driver.session(config.build());
    }
}
