package io.maestro.plugins.billing.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What happens when a tenant's spending reaches its hard monthly budget. */
public enum OnBreach {
    /** Cancel the tenant's running runs and deny new runs and new steps. */
    HALT("halt"),
    /** Let running runs finish (their steps are allowed); deny new runs. */
    FINISH_RUNNING("finish-running"),
    /** Only log: the hard budget denies nothing. */
    WARN("warn");

    private final String configName;

    OnBreach(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static Optional<OnBreach> parse(String value) {
        return Arrays.stream(values()).filter(v -> v.configName.equals(value)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(OnBreach::configName).toList();
    }
}
