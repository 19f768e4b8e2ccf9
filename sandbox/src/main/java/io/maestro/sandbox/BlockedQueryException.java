package io.maestro.sandbox;

import java.util.List;

/** A query the sandbox refused, with the rule that refused it (and every other rule it broke). */
public final class BlockedQueryException extends RuntimeException {
    private final String rule;
    private final List<String> rules;

    public BlockedQueryException(String rule, String message, List<String> rules) {
        super(message);
        this.rule = rule;
        this.rules = List.copyOf(rules);
    }

    public BlockedQueryException(String rule, String message) {
        this(rule, message, List.of(rule));
    }

    /** The first rule that refused it. */
    public String rule() {
        return rule;
    }

    public List<String> rules() {
        return rules;
    }
}
