package io.maestro.sandbox;

import java.nio.file.Path;
import java.util.List;

/** The sandbox fixture for tests in other packages (the red team). */
public final class SandboxFixtureAccess implements AutoCloseable {
    private final SandboxFixture fixture;

    private SandboxFixtureAccess(SandboxFixture fixture) {
        this.fixture = fixture;
    }

    public static SandboxFixtureAccess start(Path dir) {
        return new SandboxFixtureAccess(new SandboxFixture(dir));
    }

    public CypherSandbox sandbox(SandboxSettings settings) {
        return fixture.sandbox(settings);
    }

    public List<CypherSandbox.BlockedAttempt> audited() {
        return fixture.audited;
    }

    public long countNodes() {
        try (var session = fixture.driver.session()) {
            return session.run("MATCH (n) RETURN count(n) AS n").single().get("n").asLong();
        }
    }

    public double metric(String name) {
        return fixture.metrics.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        fixture.close();
    }
}
