package io.maestro.core.run;

import java.security.SecureRandom;
import java.util.UUID;

/** Run ids are UUIDv7 (RFC 9562): unique, and sortable by creation time. */
public final class RunIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() { }

    public static String next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
