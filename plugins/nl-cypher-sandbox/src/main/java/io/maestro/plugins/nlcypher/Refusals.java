package io.maestro.plugins.nlcypher;

/** Rule ids the plugin adds to the sandbox's own (which come from the parser, the policy and the database). */
final class Refusals {
    static final String RATE_LIMITED = "sandbox.rate_limited";
    static final String TIMEOUT = "sandbox.timeout";
    static final String QUERY_FAILED = "sandbox.query_failed";
    /** Not refusals: why a run could not happen, as the history records it. */
    static final String GRAPH_UNAVAILABLE = "sandbox.unavailable";
    static final String POLICY_UNAVAILABLE = "policy.unavailable";

    private Refusals() { }
}
