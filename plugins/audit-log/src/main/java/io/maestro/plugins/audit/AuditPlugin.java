package io.maestro.plugins.audit;

import org.pf4j.Plugin;

/**
 * PF4J's lifecycle hook ({@code Plugin-Class} in the manifest): when this version stops (shutdown,
 * upgrade, removal) the writer records that, writes what is queued and signs the tail.
 */
public final class AuditPlugin extends Plugin {
    @Override
    public void stop() {
        AuditWriters.closeAll();
    }
}
