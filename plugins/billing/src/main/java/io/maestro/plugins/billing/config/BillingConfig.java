package io.maestro.plugins.billing.config;

import java.util.Map;

/** The content of billing.yaml: currency, rate card, default limits and per-tenant limits. */
public record BillingConfig(String currency, RateCard rates, TenantLimits defaults, Map<String, TenantLimits> tenants) {
    /** What applies when there has never been a good billing.yaml: meter everything, charge nothing, limit nothing. */
    public static final BillingConfig NONE = new BillingConfig("USD", RateCard.FREE, TenantLimits.NONE, Map.of());

    public BillingConfig {
        tenants = Map.copyOf(tenants);
    }

    public TenantLimits limitsFor(String tenant) {
        TenantLimits own = tenants.get(tenant);
        return own == null ? defaults : own.over(defaults);
    }

    /** Where a tenant's limits come from, for messages: {@code tenants.acme} or {@code defaults}. */
    public String limitsSource(String tenant) {
        return tenants.containsKey(tenant) ? "tenants." + tenant + " (over defaults)" : "defaults";
    }
}
