package io.maestro.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void startsOnLoopbackWithATrustedMaestroDatabaseAndCleansUpOnClose() throws Exception {
        PostgresServer server = PostgresServer.start();
        long postmaster;
        try (server) {
            assertThat(server.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:" + server.port() + "/maestro");
            try (var c = DriverManager.getConnection(server.jdbcUrl(), server.user(), "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_database(), current_user, pg_backend_pid()")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("maestro");
                assertThat(rs.getString(2)).isEqualTo("maestro");
            }
            String other = server.createDatabase("fixture_check");
            try (var c = DriverManager.getConnection(other, server.user(), "")) {
                assertThat(c.isValid(2)).isTrue();
            }
            postmaster = Long.parseLong(Files.readAllLines(server.directory().resolve("data/postmaster.pid")).getFirst().strip());
            assertThat(ProcessHandle.of(postmaster)).isPresent();
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(server.directory()).doesNotExist();
    }

    @Test
    void sharedServerIsStartedOnceAndReused() {
        assertThat(PostgresServer.shared()).isSameAs(PostgresServer.shared());
    }
}
