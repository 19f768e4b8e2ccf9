package io.maestro.core.policy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bundle service the local OPA polls, on loopback inside Maestro: it serves the current signed
 * bundle (with an ETag, so an unchanged bundle is a 304) and receives OPA's status reports, which
 * say which revision is active and whether the last bundle was refused.
 */
final class BundleService implements AutoCloseable {
    static final String BUNDLE_PATH = "/bundles/maestro.tar.gz";
    private static final Logger log = LoggerFactory.getLogger(BundleService.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final HttpServer http;
    private final Consumer<JsonNode> onStatus;
    private volatile byte[] bundle = new byte[0];
    private volatile String etag = "";

    BundleService(Consumer<JsonNode> onStatus) throws IOException {
        this.onStatus = onStatus;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext(BUNDLE_PATH, this::serveBundle);
        http.createContext("/status", this::receiveStatus);
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** Serves {@code bytes} from now on (OPA fetches it at its next poll). */
    void publish(byte[] bytes) {
        try {
            etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        bundle = bytes;
    }

    private void serveBundle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = bundle;
            String tag = etag;
            if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().set("ETag", tag);
            exchange.getResponseHeaders().set("Content-Type", "application/gzip");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void receiveStatus(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            try {
                onStatus.accept(JSON.readTree(exchange.getRequestBody()));
            } catch (RuntimeException e) {
                log.warn("unreadable OPA status report: {}", e.getMessage());
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
