package io.maestro.core.policy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where decisions come from, read from the environment: {@code MAESTRO_OPA_URL} names a running
 * OPA (sidecar or central); without it a local OPA is started from {@code MAESTRO_OPA_BIN}, by
 * default the pinned binary {@code bin/install-opa} installs under {@code MAESTRO_TOOLS}
 * ({@code ~/.cache/maestro/tools}). The local OPA decides with the policies shipped in the build,
 * or with those under {@code MAESTRO_POLICY_DIR}, which are watched and hot-reloaded.
 */
public record PolicySettings(URI opaUrl, Path opaBinary, Path policyDir, Duration timeout, Duration cacheTtl, long cacheEntries) {
    /** The OPA release {@code bin/install-opa} pins (1.21.3 fixes a bundle-signature bypass). */
    public static final String OPA_VERSION = "v1.21.3";

    public static PolicySettings fromEnvironment(Map<String, String> env) {
        String url = blankToNull(env.get("MAESTRO_OPA_URL"));
        URI opaUrl = null;
        if (url != null) {
            opaUrl = URI.create(url.strip());
            if (opaUrl.getScheme() == null || !opaUrl.getScheme().startsWith("http") || opaUrl.getHost() == null) {
                throw new IllegalArgumentException("MAESTRO_OPA_URL must be an http(s) URL such as http://127.0.0.1:8181, got '" + url + "'");
            }
        }
        String bin = blankToNull(env.get("MAESTRO_OPA_BIN"));
        Path binary = bin != null ? Path.of(bin) : tools(env).resolve("opa-" + OPA_VERSION).resolve("opa");
        String dir = blankToNull(env.get("MAESTRO_POLICY_DIR"));
        return new PolicySettings(opaUrl, binary, dir == null ? null : Path.of(dir), Duration.ofSeconds(2), Duration.ofSeconds(2), 10_000);
    }

    private static Path tools(Map<String, String> env) {
        String tools = blankToNull(env.get("MAESTRO_TOOLS"));
        if (tools != null) return Path.of(tools);
        String userHome = blankToNull(env.get("HOME"));
        return Path.of(userHome != null ? userHome : System.getProperty("user.home"), ".cache", "maestro", "tools");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
