package io.maestro.plugins.billing.config;

/**
 * The limits of one tenant (or the defaults). A null field is "not set here": {@link #over} fills it
 * from the defaults, key by key (a tenant's {@code budget} replaces the default {@code budget} whole).
 */
public record TenantLimits(Limit budget, Limit concurrentRuns, Limit runsPerHour, Limit stepsPerRun,
                           OnBreach onBreach) {
    /** Nothing set: every value comes from the level below. */
    public static final TenantLimits UNSET = new TenantLimits(null, null, null, null, null);
    /** No limits at all (what applies when billing.yaml sets none). */
    public static final TenantLimits NONE = new TenantLimits(Limit.NONE, Limit.NONE, Limit.NONE, Limit.NONE,
            OnBreach.FINISH_RUNNING);

    public TenantLimits over(TenantLimits base) {
        return new TenantLimits(
                budget != null ? budget : base.budget,
                concurrentRuns != null ? concurrentRuns : base.concurrentRuns,
                runsPerHour != null ? runsPerHour : base.runsPerHour,
                stepsPerRun != null ? stepsPerRun : base.stepsPerRun,
                onBreach != null ? onBreach : base.onBreach);
    }
}
