package io.maestro.server.trace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Keeps the finished spans of recent traces in memory so the run viewer can draw a run's own
 * waterfall without a tracing backend. Bounded: the least recently used traces go first, and a
 * trace keeps at most {@code maxSpansPerTrace} spans. Lost on restart; export to a backend for history.
 */
public final class SpanKeeper implements SpanProcessor {
    private final Cache<String, ConcurrentLinkedQueue<SpanData>> traces;
    private final int maxSpansPerTrace;

    public SpanKeeper(int maxTraces, int maxSpansPerTrace) {
        this.traces = Caffeine.newBuilder().maximumSize(maxTraces).build();
        this.maxSpansPerTrace = maxSpansPerTrace;
    }

    public List<SpanData> spans(String traceId) {
        var spans = traces.getIfPresent(traceId);
        return spans == null ? List.of() : new ArrayList<>(spans);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) { }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        var spans = traces.get(span.getSpanContext().getTraceId(), id -> new ConcurrentLinkedQueue<>());
        if (spans.size() < maxSpansPerTrace) spans.add(span.toSpanData());
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        traces.invalidateAll();
        return CompletableResultCode.ofSuccess();
    }
}
