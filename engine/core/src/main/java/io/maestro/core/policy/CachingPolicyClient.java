package io.maestro.core.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.Map;

/**
 * Remembers answers briefly in a bounded cache, keyed by path and input. Only answers are cached:
 * when OPA is down every call still fails (closed); a bundle change is seen within {@code ttl}.
 */
public final class CachingPolicyClient implements PolicyClient {
    private record Key(String path, Map<String, ?> input) { }

    private final PolicyClient delegate;
    private final Cache<Key, PolicyAnswer> cache;

    public CachingPolicyClient(PolicyClient delegate, Duration ttl, long maxEntries, MeterRegistry metrics) {
        this.delegate = delegate;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).recordStats().build();
        CaffeineCacheMetrics.monitor(metrics, cache, "maestro.policy.decisions");
    }

    @Override
    public PolicyAnswer evaluate(String path, Map<String, ?> input) {
        return cache.get(new Key(path, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(input))), k -> delegate.evaluate(k.path(), k.input()));
    }

    @Override
    public java.util.Optional<String> problem() {
        return delegate.problem();
    }

    /** Forgets every answer (a new bundle revision was loaded). */
    public void invalidate() {
        cache.invalidateAll();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
