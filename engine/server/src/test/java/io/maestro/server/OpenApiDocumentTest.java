package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document the server generates from its code is the one checked in at
 * docs/api/openapi.json. After an API change, refresh it with
 * {@code mvn -B -pl engine/server test -Dtest=OpenApiDocumentTest -Dmaestro.openapi.write=true}.
 */
class OpenApiDocumentTest {
    static final Path CHECKED_IN = Path.of("../../docs/api/openapi.json");
    @TempDir Path home;

    @Test
    void theCheckedInDocumentMatchesTheCode() throws Exception {
        JsonNode generated;
        try (var server = TestServer.embedded(home)) {
            var r = server.get("/api/v1/openapi.json", null);
            assertThat(r.status()).isEqualTo(200);
            generated = r.json();
        }
        ((ObjectNode) generated).remove("servers"); // the test server's random port
        var mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        String text = mapper.writeValueAsString(mapper.treeToValue(generated, java.util.TreeMap.class)) + "\n";
        if (Boolean.getBoolean("maestro.openapi.write")) Files.writeString(CHECKED_IN, text);

        assertThat(generated.path("openapi").asString()).startsWith("3.1");
        assertThat(generated.path("paths").has("/api/v1/runs/{runId}/events")).isTrue();
        assertThat(generated.at("/components/schemas/Run/properties/id/example").asString()).isNotEmpty();
        assertThat(Files.exists(CHECKED_IN)).as("docs/api/openapi.json exists; write it with -Dmaestro.openapi.write=true").isTrue();
        assertThat(mapper.readTree(Files.readString(CHECKED_IN)))
                .as("docs/api/openapi.json is out of date; refresh it with -Dmaestro.openapi.write=true").isEqualTo(generated);
    }
}
