package io.maestro.server;

import io.maestro.core.Engine;
import io.maestro.core.access.TokenStore;
import io.maestro.core.pipeline.PipelineStore;
import io.maestro.core.plugin.PluginHost;
import io.maestro.core.run.Conductor;
import io.maestro.core.spec.SpecParser;
import io.maestro.core.store.RunStore;
import io.maestro.server.auth.Access;
import io.maestro.server.auth.Authorizer;
import io.maestro.server.auth.CallerResolver;
import io.maestro.server.auth.PolicyAuthorizer;
import io.maestro.server.auth.TokenAuthFilter;
import io.maestro.server.stream.EventFeed;
import io.maestro.server.trace.HttpTracingFilter;
import io.maestro.server.trace.SpanKeeper;
import io.maestro.server.web.BodyLimitFilter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The engine's parts as beans, and the request pipeline: tracing, then body limit, then token authentication. */
@Configuration(proxyBeanMethods = false)
class ServerConfig implements WebMvcConfigurer {

    @Bean PrometheusMeterRegistry prometheusMeterRegistry(Engine engine) { return engine.metrics(); }
    /** What /actuator/prometheus scrapes: the engine registry's own (Boot would otherwise scrape an empty one of its own). */
    @Bean io.prometheus.metrics.model.registry.PrometheusRegistry prometheusRegistry(Engine engine) {
        return engine.metrics().getPrometheusRegistry();
    }
    @Bean RunStore runStore(Engine engine) { return engine.store(); }
    @Bean Conductor conductor(Engine engine) { return engine.conductor(); }
    @Bean SpecParser specParser(Engine engine) { return engine.parser(); }
    @Bean PluginHost pluginHost(Engine engine) { return engine.plugins(); }
    @Bean PipelineStore pipelineStore(Engine engine) { return engine.pipelines(); }
    @Bean TokenStore tokenStore(Engine engine) { return engine.tokens(); }

    @Bean SpanKeeper spanKeeper(Engine engine) {
        return engine.spanProcessors().stream().filter(SpanKeeper.class::isInstance).map(SpanKeeper.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "the engine has no SpanKeeper span processor: give one to new Engine(...) so /runs/{id}/trace has spans"));
    }

    @Bean Authorizer authorizer(Engine engine) { return new PolicyAuthorizer(engine.policy()); }
    @Bean Access access(Authorizer authorizer, Engine engine) { return new Access(authorizer, engine.bus(), engine.metrics()); }

    @Bean(destroyMethod = "close") EventFeed eventFeed(RunStore store, Engine engine) {
        return new EventFeed(store, Duration.ofMillis(100), Duration.ofSeconds(2), engine.metrics());
    }

    @Bean FilterRegistrationBean<HttpTracingFilter> tracingFilter(Engine engine) {
        var reg = new FilterRegistrationBean<>(new HttpTracingFilter(engine.telemetry().tracer()));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return reg;
    }

    @Bean FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(ServerSettings settings) {
        var reg = new FilterRegistrationBean<>(new BodyLimitFilter(settings.maxBodyBytes()));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return reg;
    }

    @Bean FilterRegistrationBean<TokenAuthFilter> tokenFilter(TokenStore tokens, Access access) {
        var reg = new FilterRegistrationBean<>(new TokenAuthFilter(tokens, access, Duration.ofSeconds(10)));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return reg;
    }

    /** An encoded '/' in a path segment reaches the API (which refuses it with a problem) instead of Tomcat's HTML error page. */
    @Bean org.springframework.boot.tomcat.TomcatConnectorCustomizer encodedSlashes() {
        return connector -> connector.setEncodedSolidusHandling("passthrough");
    }

    /** Down when OPA is unreachable or has no activated bundle: every request would then answer 503. */
    @Bean HealthIndicator policyHealthIndicator(Engine engine) {
        return () -> engine.policy().problem()
                .map(problem -> Health.down().withDetail("reason", problem).build())
                .orElseGet(() -> Health.up().build());
    }

    /**
     * OUT_OF_SERVICE (and /actuator/health 503) when the latest policy bundle was refused; readiness
     * stays up, since the previous revision keeps deciding. See runbooks/policy.md.
     */
    @Bean HealthIndicator policyBundleHealthIndicator(Engine engine) {
        return () -> engine.localOpa().map(opa -> opa.status())
                .map(s -> s.healthy() ? Health.up().build() : Health.outOfService().withDetail("reason", s.error()).build())
                .orElseGet(() -> Health.unknown().build());
    }

    @Bean HealthIndicator runStoreHealthIndicator(RunStore store) {
        return () -> {
            try {
                store.lastEventSeq();
                return Health.up().build();
            } catch (RuntimeException e) {
                return Health.down().withDetail("reason", "run store unreachable").build();
            }
        };
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerResolver());
    }
}
