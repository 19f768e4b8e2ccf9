package io.maestro.core.run;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param home               where run workspaces live ({@code .maestro} or {@code MAESTRO_HOME})
 * @param globalConcurrency  steps running at once across all runs of this conductor
 * @param defaultRunConcurrency steps of one run at once when the spec sets no {@code concurrency}
 * @param owner              this conductor's identity in the store ({@code host/pid})
 * @param heartbeatEvery     how often a live run's ownership is refreshed in the store
 * @param region             the region this conductor stores runs and artifacts in ({@code MAESTRO_REGION}); null if unset
 */
public record ConductorConfig(Path home, int globalConcurrency, int defaultRunConcurrency, String owner,
                              Duration heartbeatEvery, String region) {

    public ConductorConfig(Path home, int globalConcurrency, int defaultRunConcurrency, String owner, Duration heartbeatEvery) {
        this(home, globalConcurrency, defaultRunConcurrency, owner, heartbeatEvery, null);
    }

    public ConductorConfig withRegion(String region) {
        return new ConductorConfig(home, globalConcurrency, defaultRunConcurrency, owner, heartbeatEvery,
                region == null || region.isBlank() ? null : region.strip());
    }

    public static ConductorConfig defaults(Path home) {
        return new ConductorConfig(home, Math.max(8, Runtime.getRuntime().availableProcessors() * 8), 8,
                Owners.current(), Duration.ofSeconds(5));
    }
}
