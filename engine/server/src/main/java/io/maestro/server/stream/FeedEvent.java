package io.maestro.server.stream;

import io.maestro.core.store.EventRecord;
import java.util.LinkedHashMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stored event as clients receive it; its SSE frame ({@code id}, {@code event}, {@code data}
 * lines) is built once however many clients get it. Compact JSON has no line breaks, so one
 * {@code data:} line holds it.
 */
public record FeedEvent(long seq, String runId, String tenant, String type, String frame) {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public static FeedEvent of(EventRecord e, String tenant) {
        var body = new LinkedHashMap<String, Object>();
        body.put("seq", e.seq());
        body.put("runId", e.runId());
        body.put("stepKey", e.stepId());
        body.put("attempt", e.attempt());
        body.put("type", e.type());
        body.put("at", e.at() == null ? null : e.at().toString());
        body.put("payload", JSON.readTree(e.payloadJson()));
        String frame = "id:" + e.seq() + "\nevent:" + e.type() + "\ndata:" + JSON.writeValueAsString(body) + "\n\n";
        return new FeedEvent(e.seq(), e.runId(), tenant, e.type(), frame);
    }
}
