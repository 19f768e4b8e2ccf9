package io.maestro.nlcypher;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every translation timed ({@code maestro.nlq.translate{backend,status}}), traced (span {@code nlq translate}) and logged. */
final class ObservedTranslator implements Translator {
    private static final Logger log = LoggerFactory.getLogger(ObservedTranslator.class);
    private final Translator inner;
    private final MeterRegistry metrics;

    ObservedTranslator(Translator inner, MeterRegistry metrics) {
        this.inner = inner;
        this.metrics = metrics;
    }

    @Override
    public String backend() {
        return inner.backend();
    }

    @Override
    public Translation translate(String question) {
        Span span = GlobalOpenTelemetry.getTracer("maestro.nlq").spanBuilder("nlq translate").setAttribute("maestro.nlq.backend", backend()).startSpan();
        long t0 = System.nanoTime();
        String status = "bad_question";
        try (var scope = span.makeCurrent()) {
            Translation t = inner.translate(question);
            status = t.status().name().toLowerCase(java.util.Locale.ROOT);
            span.setAttribute("maestro.nlq.status", status);
            span.setAttribute("maestro.nlq.confidence", t.confidence());
            if (t.best() != null) span.setAttribute("maestro.nlq.intent", t.best().intent());
            log.info("translated a question with {}: {} (confidence {}, intent {})", backend(), status, t.confidence(),
                    t.best() == null ? "-" : t.best().intent());
            return t;
        } catch (RuntimeException e) {
            if (!(e instanceof BadQuestionException)) status = "failed";
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            Timer.builder("maestro.nlq.translate").tag("backend", backend()).tag("status", status)
                    .register(metrics).record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
