package io.maestro.cli;

/** What {@code maestro} exits with; scripts rely on these. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The run failed (or a step did). */
    public static final int RUN_FAILED = 1;
    /** Bad input: invalid spec, bad param, unknown run, unreachable store. */
    public static final int INVALID = 2;
    /** Refused by the policy layer, or no policy decision could be had (nothing was done). */
    public static final int DENIED = 3;
    /** Cancelled by Ctrl-C (128 + SIGINT). */
    public static final int CANCELLED = 130;

    private ExitCodes() { }
}
