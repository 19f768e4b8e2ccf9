package io.maestro.core.run;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;

/** Which process owns an unfinished run, and whether that owner is gone (so the run may be resumed). */
public final class Owners {
    /** A heartbeat older than this means the owner is gone, whichever host it was on. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(30);

    private Owners() { }

    public static String current() {
        return host() + "/" + ProcessHandle.current().pid();
    }

    public static boolean isAlive(String owner, Instant heartbeatAt, Instant now) {
        if (owner == null) return false;
        int slash = owner.lastIndexOf('/');
        if (slash > 0 && owner.substring(0, slash).equals(host())) {
            try {
                long pid = Long.parseLong(owner.substring(slash + 1));
                return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return heartbeatAt != null && heartbeatAt.plus(STALE_AFTER).isAfter(now);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
