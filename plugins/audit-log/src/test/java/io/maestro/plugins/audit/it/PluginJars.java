package io.maestro.plugins.audit.it;

import io.maestro.testkit.PluginBundle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Real plugin jars for the conductor tests. */
final class PluginJars {
    static final String REQUIRES = ">=1.0.0 & <2.0.0";

    private PluginJars() { }

    /**
     * This module's classes as the audit-log plugin, with {@code Plugin-Class} like the packaged jar
     * (its stop() signs the tail of the log).
     */
    static Path auditLog(String version) throws IOException {
        return PluginBundle.fromClasses(Path.of("target/classes"), "audit-log", version, REQUIRES,
                Map.of("Plugin-Class", "io.maestro.plugins.audit.AuditPlugin"));
    }

    /** Compiles {@code sources} (class name → source) with PF4J's processor and packs them as plugin {@code id}. */
    static Path compiled(String id, String version, Map<String, String> sources) throws IOException {
        return PluginBundle.compile(id, version, REQUIRES, sources);
    }

    /** A plugin whose step gate denies step 'b' of every run ("change freeze") and allows the rest. */
    static Map<String, String> freezeGate() {
        return Map.of("test.freeze.FreezeGate", """
                package test.freeze;

                import io.maestro.api.gate.*;

                @org.pf4j.Extension
                public class FreezeGate implements StepGate {
                    @Override public String gateName() { return "freeze"; }

                    @Override public Decision decide(GateSubject s) {
                        return s.stepId().equals("b") ? Decision.deny("change freeze until Monday") : Decision.allow();
                    }
                }
                """);
    }
}
