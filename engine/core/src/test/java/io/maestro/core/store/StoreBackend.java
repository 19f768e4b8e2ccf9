package io.maestro.core.store;

import io.maestro.core.testing.PostgresServer;
import java.nio.file.Path;

/** The run store backends the store tests run against. */
enum StoreBackend {
    /** The embedded default: an H2 file database of its own under the test's directory. */
    H2 {
        @Override
        JdbcRunStore open(Path dir) {
            return JdbcRunStore.open(StoreUrls.embedded(dir), null, null);
        }
    },
    /** A real PostgreSQL: one database shared by this JVM's store tests, which use fresh run ids and tenants. */
    POSTGRES {
        @Override
        JdbcRunStore open(Path dir) {
            PostgresServer pg = PostgresServer.shared();
            return JdbcRunStore.open(sharedDatabase(pg), pg.user(), pg.password());
        }
    };

    private static String database;

    abstract JdbcRunStore open(Path dir);

    private static synchronized String sharedDatabase(PostgresServer pg) {
        if (database == null) database = pg.createDatabase("store_tests");
        return database;
    }
}
