package io.maestro.api.gate;

/** What the conductor does when a gate throws or times out. */
public enum FailMode {
    /** Treat the failure as a denial (the safe default for policy gates). */
    CLOSED,
    /** Treat the failure as an allow (for advisory gates). */
    OPEN
}
