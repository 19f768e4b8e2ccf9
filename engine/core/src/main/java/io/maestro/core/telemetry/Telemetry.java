package io.maestro.core.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tracing and metrics for the conductor. Spans go to an OTLP endpoint when
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set (protocol from {@code OTEL_EXPORTER_OTLP_PROTOCOL},
 * {@code http/protobuf} by default), and to any extra processors given (tests, the server's waterfall).
 */
public final class Telemetry implements AutoCloseable {
    public static final String INSTRUMENTATION = "io.maestro.conductor";

    private final SdkTracerProvider tracerProvider;
    private final Tracer tracer;
    private final MeterRegistry metrics;

    public Telemetry(MeterRegistry metrics, Map<String, String> env, List<SpanProcessor> extraProcessors) {
        this.metrics = metrics;
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(
                        io.opentelemetry.api.common.AttributeKey.stringKey("service.name"),
                        env.getOrDefault("OTEL_SERVICE_NAME", "maestro")))));
        String endpoint = env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            String protocol = env.getOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            var exporter = protocol.equals("grpc")
                    ? OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build()
                    : OtlpHttpSpanExporter.builder().setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces").build();
            builder.addSpanProcessor(BatchSpanProcessor.builder(exporter).build());
        }
        extraProcessors.forEach(builder::addSpanProcessor);
        this.tracerProvider = builder.build();
        this.tracer = tracerProvider.get(INSTRUMENTATION);
    }

    public static Telemetry fromEnvironment(MeterRegistry metrics) {
        return new Telemetry(metrics, System.getenv(), List.of());
    }

    public Tracer tracer() {
        return tracer;
    }

    public MeterRegistry metrics() {
        return metrics;
    }

    @Override
    public void close() {
        tracerProvider.forceFlush().join(5, TimeUnit.SECONDS);
        tracerProvider.shutdown().join(5, TimeUnit.SECONDS);
    }
}
