package io.maestro.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.core.access.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run viewer served by the real server, driven by Debian's Chromium through playwright-core
 * ({@code ui/e2e/e2e.mjs}): sign in, submit a pipeline, watch it fail live, read the failed step's
 * log, resume it, follow the trace link, and an axe-core scan of every page. Screenshots are kept
 * under {@code engine/server/target/e2e-screenshots}.
 */
class RunViewerE2ETest {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    @TempDir static Path home;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        // the console page needs the nl-cypher plugin and a graph: the TINY sample, loaded at the first question
        NlCypherPluginServerTest.install(home);
        server = new TestServer(home, java.util.Map.of("MAESTRO_PLUGIN_NL_CYPHER_SAMPLE", "tiny", "MAESTRO_PLUGIN_NL_CYPHER_PAGE_CACHE_MB", "16"));
        // start the tenant's graph and translator now, so the browser does not wait for Neo4j
        var warm = server.post("/api/v1/plugins/nl-cypher/translate", server.token("default", Role.TENANT_ADMIN),
                java.util.Map.of("question", "How many people are in the graph?"));
        assertThat(warm.status()).as(warm.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void theServerServesTheBundledViewerAndItsClientRoutes() {
        for (String route : new String[] {"/", "/runs", "/runs/some-run", "/pipelines/flaky", "/signin"}) {
            TestServer.Response page = server.get(route, null);
            assertThat(page.status()).as(route).isEqualTo(200);
            assertThat(page.contentType()).as(route).startsWith("text/html");
            assertThat(page.body()).as(route).contains("<div id=\"root\">");
        }
        String index = server.get("/", null).body();
        var script = java.util.regex.Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(script.find()).as("index.html references its bundle").isTrue();
        TestServer.Response bundle = server.get(script.group(1), null);
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.contentType()).contains("javascript");
    }

    @Test
    void aPersonSubmitsWatchesReadsTheFailureResumesAndFollowsTheTrace() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("Debian's chromium is needed at %s (.ci/run installs it: apt-get install chromium)", CHROMIUM).isTrue();
        Path ui = Path.of(System.getProperty("maestro.ui.dir", "../../ui")).toAbsolutePath().normalize();
        assertThat(ui.resolve("node_modules/playwright-core")).as("ui/node_modules (the ui module runs npm ci)").isDirectory();
        Path shots = Path.of(System.getProperty("maestro.e2e.screenshots", "target/e2e-screenshots"));
        clear(shots);
        Path spec = home.resolve("flaky.yaml");
        TestServer.write(spec, RunApiTest.FLAKY);

        ProcessBuilder node = new ProcessBuilder("node", "e2e/e2e.mjs").directory(ui.toFile()).redirectErrorStream(true);
        node.environment().put("MAESTRO_URL", server.server.url());
        node.environment().put("MAESTRO_TOKEN", server.token("default", Role.TENANT_ADMIN));
        node.environment().put("E2E_SCREENSHOTS", shots.toAbsolutePath().toString());
        node.environment().put("E2E_PIPELINE_FILE", spec.toString());
        node.environment().put("E2E_PIPELINE_NAME", "flaky");
        node.environment().put("E2E_FAILED_LOG_LINE", "shard 2 flaked");
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        Process process = node.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).isTrue();
        String log = new String(output, StandardCharsets.UTF_8);
        System.out.println(log);

        assertThat(process.exitValue()).as("e2e.mjs exit code; its output:%n%s", log).isZero();
        assertThat(log).contains("E2E PASSED").contains("axe run-page: 0 critical/serious");
        try (Stream<Path> files = Files.list(shots)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("01-sign-in.png")
                    .anyMatch(n -> n.endsWith("-run-page.png"))
                    .anyMatch(n -> n.endsWith("-run-succeeded.png"));
        }
    }

    private static void clear(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) Files.delete(f);
            }
        }
    }
}
