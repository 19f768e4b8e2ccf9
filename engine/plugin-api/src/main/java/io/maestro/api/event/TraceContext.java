package io.maestro.api.event;

/** W3C trace context of a run or step span, so a plugin can join its own spans to Maestro's. */
public record TraceContext(String traceId, String spanId) {
    public static final TraceContext NONE = new TraceContext("00000000000000000000000000000000", "0000000000000000");

    /** The W3C {@code traceparent} header value for this context (sampled). */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-01";
    }
}
