package io.maestro.core.access;

/** A token just created: {@code secret} is the only copy of the bearer value and is never stored. */
public record IssuedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=<redacted>]";
    }
}
