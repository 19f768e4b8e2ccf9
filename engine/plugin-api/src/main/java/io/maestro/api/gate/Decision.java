package io.maestro.api.gate;

/** What a gate answers: go, stop with a reason, or wait (the gate is asked again later). */
public sealed interface Decision {
    Allow ALLOW = new Allow();

    static Decision allow() { return ALLOW; }
    static Decision deny(String reason) { return new Deny(reason); }
    static Decision hold(String reason) { return new Hold(reason); }

    record Allow() implements Decision { }

    record Deny(String reason) implements Decision {
        public Deny {
            if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a denial needs a reason");
        }
    }

    /** Not yet: the conductor keeps the run or step waiting and asks the gate again. */
    record Hold(String reason) implements Decision { }
}
