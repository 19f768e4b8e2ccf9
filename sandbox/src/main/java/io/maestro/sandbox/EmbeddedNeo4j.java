package io.maestro.sandbox;

import io.maestro.core.os.LocalResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Values;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a real Neo4j in this JVM with only its Bolt connector, on loopback and a
 * free port, its store under {@code dir}. Clients reach it through the Java driver exactly as they
 * would an external server ({@link #connection()}). Authentication stays on: on first start the
 * built-in {@code neo4j} user gets a random password, kept in {@code dir/credentials} (mode 0600).
 * Shutdown skips Bolt's 10 s quiet period.
 */
public final class EmbeddedNeo4j implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedNeo4j.class);
    private final DatabaseManagementService dbms;
    private final Neo4jConnection connection;
    private final Duration startedIn;

    private EmbeddedNeo4j(DatabaseManagementService dbms, Neo4jConnection connection, Duration startedIn) {
        this.dbms = dbms;
        this.connection = connection;
        this.startedIn = startedIn;
    }

    public static EmbeddedNeo4j start(Path dir) {
        return start(dir, 128L * 1024 * 1024);
    }

    /**
     * @param pageCacheBytes Neo4j's page cache (the store's hot part in memory); small by default so
     *                       several tenants' stores fit in one JVM, larger for the 1M-node graph
     */
    public static EmbeddedNeo4j start(Path dir, long pageCacheBytes) {
        long t0 = System.nanoTime();
        int port = LocalResources.freeLoopbackPort();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir.toAbsolutePath())
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                // a query's transaction state may not take the JVM down (256 MB per transaction)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, 256L * 1024 * 1024)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .build();
        try {
            URI uri = URI.create("bolt://127.0.0.1:" + port);
            String password = ensurePassword(uri, dir.resolve("credentials"));
            var connection = new Neo4jConnection(uri, "neo4j", password);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            log.info("embedded Neo4j on {} (store {}) started in {} ms", uri, dir, took.toMillis());
            return new EmbeddedNeo4j(dbms, connection, took);
        } catch (RuntimeException e) {
            dbms.shutdown();
            throw e;
        }
    }

    /** The first start sets a random password for {@code neo4j}; later starts read it back. */
    private static String ensurePassword(URI uri, Path credentials) {
        try {
            if (Files.isRegularFile(credentials)) return Files.readString(credentials).strip();
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            try (Driver driver = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", "neo4j"));
                 var session = driver.session(SessionConfig.forDatabase("system"))) {
                session.run("ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                        Values.parameters("old", "neo4j", "new", password)).consume();
            }
            LocalResources.writeOwnerOnly(credentials, password);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the embedded Neo4j's credentials in " + credentials, e);
        }
    }

    public Neo4jConnection connection() {
        return connection;
    }

    public Duration startedIn() {
        return startedIn;
    }

    /** Settings as an external server would be given them (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD). */
    public Map<String, String> asEnvironment() {
        return Map.of("NEO4J_URI", connection.uri().toString(), "NEO4J_USER", connection.user(), "NEO4J_PASSWORD", connection.password());
    }

    @Override
    public void close() {
        long t0 = System.nanoTime();
        dbms.shutdown();
        log.info("embedded Neo4j stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

}
