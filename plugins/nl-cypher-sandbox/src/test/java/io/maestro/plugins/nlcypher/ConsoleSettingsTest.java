package io.maestro.plugins.nlcypher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maestro.sandbox.sample.Size;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings: defaults, the embedded/external choice, and a message naming the setting for every bad value. */
class ConsoleSettingsTest {
    @Test
    void withoutSettingsGraphsAreEmbeddedWithTheSmallSampleAndTheSandboxDefaults() {
        ConsoleSettings s = ConsoleSettings.from(Map.of(), Map.of());
        assertThat(s.external()).isNull();
        assertThat(s.sample()).isEqualTo(Size.SMALL);
        assertThat(s.sandbox().rowCap()).isEqualTo(1_000);
        assertThat(s.sandbox().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.sandbox().queriesPerMinute()).isEqualTo(60);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void limitsComeFromTheSettings() {
        ConsoleSettings s = ConsoleSettings.from(Map.of("ROW_CAP", "25", "TIMEOUT_MS", "1_500", "QUERIES_PER_MINUTE", "7",
                "SAMPLE", "None", "BLOCKED_ROWS", "5000000"), Map.of());
        assertThat(s.sandbox().rowCap()).isEqualTo(25);
        assertThat(s.sandbox().timeout()).isEqualTo(Duration.ofMillis(1_500));
        assertThat(s.sandbox().queriesPerMinute()).isEqualTo(7);
        assertThat(s.sandbox().blockedRows()).isEqualTo(5_000_000);
        assertThat(s.sample()).isNull();
    }

    @Test
    void anExternalNeo4jComesFromThePluginsOwnSettingsOrTheStandardEnvironmentAndNeverGetsTheSample() {
        ConsoleSettings std = ConsoleSettings.from(Map.of("SAMPLE", "small"),
                Map.of("NEO4J_URI", "neo4j+s://graph.example:7687", "NEO4J_PASSWORD", "pw"));
        assertThat(std.external().uri().toString()).isEqualTo("neo4j+s://graph.example:7687");
        assertThat(std.external().user()).isEqualTo("neo4j");
        assertThat(std.sample()).isNull();
        ConsoleSettings own = ConsoleSettings.from(Map.of("NEO4J_URI", "bolt://own:7687", "NEO4J_USER", "maestro", "NEO4J_PASSWORD", "p2"),
                Map.of("NEO4J_URI", "bolt://std:7687", "NEO4J_PASSWORD", "pw"));
        assertThat(own.external().uri().getHost()).isEqualTo("own");
        assertThat(own.external().user()).isEqualTo("maestro");
        assertThat(own.translator()).doesNotContainKey("NEO4J_PASSWORD").containsKey("NEO4J_URI");
    }

    @Test
    void tenantsMapToTheirOwnDatabasesAndNeverShareOne() {
        DatabaseNames names = ConsoleSettings.from(Map.of("NEO4J_URI", "bolt://db:7687", "NEO4J_PASSWORD", "x",
                "DATABASE", "maestro-{tenant}", "DATABASE_MAP", "acme=neo4j, globex = globex.graph"), Map.of()).databases();
        assertThat(names.of("acme")).isEqualTo("neo4j");
        assertThat(names.of("globex")).isEqualTo("globex.graph");
        assertThat(names.of("initech")).isEqualTo("maestro-initech");
        assertThat(DatabaseNames.parse(null, null).of("default")).isEqualTo("default");
        assertThatThrownBy(() -> DatabaseNames.parse(null, null).of("ab")).isInstanceOf(GraphUnavailableException.class)
                .hasMessageContaining("MAESTRO_PLUGIN_NL_CYPHER_DATABASE_MAP");
        assertThatThrownBy(() -> DatabaseNames.parse("neo4j", null)).hasMessageContaining("MAESTRO_PLUGIN_NL_CYPHER_DATABASE must contain {tenant}");
        assertThatThrownBy(() -> DatabaseNames.parse(null, "acme=shared,globex=shared"))
                .hasMessageContaining("gives database 'shared' to both 'acme' and 'globex'");
        assertThatThrownBy(() -> DatabaseNames.parse(null, "acme")).hasMessageContaining("tenant=database pairs");
    }

    @Test
    void everyBadValueIsRefusedNamingItsSetting() {
        var cases = Map.of(
                Map.of("ROW_CAP", "0"), "MAESTRO_PLUGIN_NL_CYPHER_ROW_CAP must be a whole number from 1 to 100000, got '0'",
                Map.of("ROW_CAP", "lots"), "MAESTRO_PLUGIN_NL_CYPHER_ROW_CAP must be a whole number",
                Map.of("TIMEOUT_MS", "5s"), "MAESTRO_PLUGIN_NL_CYPHER_TIMEOUT_MS must be a whole number from 100 to 600000",
                Map.of("QUERIES_PER_MINUTE", "-3"), "MAESTRO_PLUGIN_NL_CYPHER_QUERIES_PER_MINUTE",
                Map.of("SAMPLE", "huge"), "MAESTRO_PLUGIN_NL_CYPHER_SAMPLE must be none, tiny or small, got 'huge'",
                Map.of("CHEAP_ROWS", "500000"), "must rise in that order",
                Map.of("NEO4J_URI", "http://db:7474", "NEO4J_PASSWORD", "x"), "MAESTRO_PLUGIN_NL_CYPHER_NEO4J_URI must be a Neo4j URI",
                Map.of("NEO4J_URI", "bolt://db:7687"), "MAESTRO_PLUGIN_NL_CYPHER_NEO4J_PASSWORD is required with MAESTRO_PLUGIN_NL_CYPHER_NEO4J_URI",
                Map.of("CONNECT_TIMEOUT_MS", "10"), "MAESTRO_PLUGIN_NL_CYPHER_CONNECT_TIMEOUT_MS");
        cases.forEach((settings, message) -> assertThatThrownBy(() -> ConsoleSettings.from(settings, Map.of()))
                .as(settings.toString()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message));
        assertThatThrownBy(() -> ConsoleSettings.from(Map.of(), Map.of("NEO4J_URI", "bolt://db:7687")))
                .hasMessage("NEO4J_PASSWORD is required with NEO4J_URI");
    }
}
