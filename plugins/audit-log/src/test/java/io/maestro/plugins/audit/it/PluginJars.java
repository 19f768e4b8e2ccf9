package io.maestro.plugins.audit.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Real plugin jars for the conductor tests. */
final class PluginJars {
    static final String REQUIRES = ">=1.0.0 & <2.0.0";

    private PluginJars() { }

    /**
     * This module's classes as the audit-log plugin, with {@code Plugin-Class} like the packaged jar
     * (the test kit's {@code PluginBundle} cannot set it, and stop() is what signs the tail).
     */
    static Path auditLog(Path dir, String version) throws IOException {
        Path classes = Path.of("target/classes");
        if (!Files.exists(classes.resolve("META-INF/extensions.idx"))) {
            throw new IllegalStateException("target/classes has no META-INF/extensions.idx: compile with annotation processing");
        }
        return jar(dir, classes, "audit-log", version, Map.of("Plugin-Class", "io.maestro.plugins.audit.AuditPlugin"));
    }

    /** Compiles {@code sources} (class name → source) with PF4J's processor and packs them as plugin {@code id}. */
    static Path compiled(Path dir, String id, String version, Map<String, String> sources) throws IOException {
        Path work = Files.createTempDirectory(dir, id + "-src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        var args = new ArrayList<>(List.of("-proc:full", "-classpath",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "-d", classes.toString(), "--release", "21"));
        for (var e : sources.entrySet()) {
            Path src = work.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, e.getValue());
            args.add(src.toString());
        }
        var errors = new java.io.ByteArrayOutputStream();
        if (ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("test plugin sources do not compile:\n" + errors);
        }
        return jar(dir, classes, id, version, Map.of());
    }

    private static Path jar(Path dir, Path classes, String id, String version, Map<String, String> extra) throws IOException {
        var manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Requires", REQUIRES);
        extra.forEach(main::putValue);
        Path jar = Files.createDirectories(dir.resolve("jars")).resolve(id + "-" + version + ".jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest); Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(f).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) continue;
                out.putNextEntry(new JarEntry(name));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
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
