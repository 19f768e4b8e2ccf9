package io.maestro.nlcypher;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenAI-compatible chat endpoint on loopback that answers with scripted completions, so the
 * real langchain4j client and the model translator run end to end without a model service.
 */
public final class ScriptedChatServer implements AutoCloseable {
    private final HttpServer server;
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public ScriptedChatServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", exchange -> {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String content;
            synchronized (answers) {
                content = answers.isEmpty() ? "NO_ANSWER" : answers.poll();
            }
            byte[] body = ("{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"test-model\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":" + json(content) + "},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The next completions, in order; when they run out the model answers NO_ANSWER. */
    public void answer(String... contents) {
        synchronized (answers) {
            answers.clear();
            answers.addAll(List.of(contents));
        }
    }

    public void failWith(int httpStatus) {
        this.status = httpStatus;
    }

    public List<String> requests() {
        return requests;
    }

    /** Settings for {@code Translators.create} that point the OpenAI backend here. */
    public Map<String, String> settings() {
        var env = new HashMap<String, String>();
        env.put("MAESTRO_NLQ_BACKEND", "openai");
        env.put("MAESTRO_NLQ_MODEL", "test-model");
        env.put("MAESTRO_NLQ_BASE_URL", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        env.put("MAESTRO_NLQ_API_KEY", "sk-test-not-a-secret");
        return env;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static String json(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
