package io.maestro.nlcypher.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An optional model backend, configured by environment and absent by default:
 * {@code MAESTRO_NLQ_BACKEND} ({@code offline}, {@code openai}, {@code anthropic}, {@code ollama},
 * {@code gemini}), {@code MAESTRO_NLQ_MODEL}, {@code MAESTRO_NLQ_BASE_URL} (OpenAI-compatible
 * servers, Ollama), {@code MAESTRO_NLQ_API_KEY}, {@code MAESTRO_NLQ_TIMEOUT_MS},
 * {@code MAESTRO_NLQ_CORRECTIONS}. The key is never logged or shown.
 */
public record ModelSettings(String provider, String model, String baseUrl, String apiKey, Duration timeout, int corrections) {
    public static final String BACKEND = "MAESTRO_NLQ_BACKEND";

    public ModelSettings {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("MAESTRO_NLQ_MODEL: required when " + BACKEND + "=" + provider);
        if (corrections < 0 || corrections > 5) throw new IllegalArgumentException("MAESTRO_NLQ_CORRECTIONS: must be 0..5, got " + corrections);
        if ((provider.equals("openai") || provider.equals("anthropic") || provider.equals("gemini")) && (apiKey == null || apiKey.isBlank())
                && (baseUrl == null || baseUrl.isBlank())) {
            throw new IllegalArgumentException("MAESTRO_NLQ_API_KEY: required for " + provider + " (or MAESTRO_NLQ_BASE_URL for a local OpenAI-compatible server)");
        }
    }

    /** Empty when no backend is configured (or {@code offline}). */
    public static Optional<ModelSettings> fromEnvironment(Map<String, String> env) {
        String provider = env.getOrDefault(BACKEND, "offline").trim().toLowerCase(Locale.ROOT);
        if (provider.isEmpty() || provider.equals("offline")) return Optional.empty();
        if (!java.util.List.of("openai", "anthropic", "ollama", "gemini").contains(provider)) {
            throw new IllegalArgumentException(BACKEND + ": unknown backend '" + provider + "'; use offline, openai, anthropic, ollama or gemini");
        }
        return Optional.of(new ModelSettings(provider, env.get("MAESTRO_NLQ_MODEL"), env.get("MAESTRO_NLQ_BASE_URL"),
                env.get("MAESTRO_NLQ_API_KEY"), Duration.ofMillis(number(env, "MAESTRO_NLQ_TIMEOUT_MS", 30_000)),
                (int) number(env, "MAESTRO_NLQ_CORRECTIONS", 2)));
    }

    private static long number(Map<String, String> env, String key, long fallback) {
        String v = env.get(key);
        if (v == null || v.isBlank()) return fallback;
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be a non-negative whole number, got '" + v + "'");
        }
    }

    @Override
    public String toString() { // never the key
        return provider + ":" + model + (baseUrl == null ? "" : " at " + baseUrl);
    }
}
