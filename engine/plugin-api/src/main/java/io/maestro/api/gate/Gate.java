package io.maestro.api.gate;

import java.time.Duration;

/** Common contract of run and step gates: synchronous, bounded by a timeout, with a declared fail mode. */
public interface Gate extends io.maestro.api.plugin.MaestroExtension {
    Decision decide(GateSubject subject) throws Exception;

    default Duration timeout() { return Duration.ofSeconds(5); }

    default FailMode failMode() { return FailMode.CLOSED; }

    /** How long to wait before asking again after a {@link Decision.Hold}. */
    default Duration recheckAfter() { return Duration.ofSeconds(2); }

    /**
     * A stable name used in logs, audit records and denial reasons. (Not {@code name()}: a plugin
     * class may be a gate and a {@code PluginCommand} at once, and the two names differ.)
     */
    default String gateName() { return getClass().getSimpleName(); }
}
