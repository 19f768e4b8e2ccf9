package io.maestro.bench;

/** Where a benchmark's run store lives (public: JMH's generated code sets it from {@code -p store=}). */
public enum StoreKind {
    /** The embedded default of {@code maestro run}: an H2 file database under the home directory. */
    FILE,
    /** An in-memory H2 database: the same SQL and projection, no file I/O. */
    MEM,
    /** No store at all ({@link DiscardingRunStore}): the conductor's scheduling alone, a lower bound. */
    NONE
}
