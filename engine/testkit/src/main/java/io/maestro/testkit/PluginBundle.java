package io.maestro.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * Makes real plugin jars in a test: from a module's compiled classes (so its tests can load it
 * before {@code package}), or from Java sources compiled on the spot (a small companion plugin,
 * e.g. a gate, for an integration test).
 */
public final class PluginBundle {
    private PluginBundle() { }

    /**
     * @param classes  e.g. {@code target/classes} (must contain {@code META-INF/extensions.idx})
     * @param requires the plugin API range, e.g. {@code >=1.0.0 & <2.0.0}
     */
    public static Path fromClasses(Path classes, String id, String version, String requires) throws IOException {
        return fromClasses(classes, id, version, requires, Map.of());
    }

    /** With more manifest entries, e.g. {@code Plugin-Class} for a plugin with a start/stop class. */
    public static Path fromClasses(Path classes, String id, String version, String requires,
                                   Map<String, String> manifestEntries) throws IOException {
        if (!Files.exists(classes.resolve("META-INF/extensions.idx"))) {
            throw new IllegalStateException(classes + " has no META-INF/extensions.idx: annotate extensions with "
                    + "@org.pf4j.Extension and compile with annotation processing (<proc>full</proc>)");
        }
        var entries = new LinkedHashMap<String, String>();
        entries.put("Plugin-Id", id);
        entries.put("Plugin-Version", version);
        entries.put("Plugin-Requires", requires);
        entries.putAll(manifestEntries);
        return jar(classes, entries, Files.createTempDirectory("maestro-plugin-").resolve(id + "-" + version + ".jar"));
    }

    /**
     * Compiles {@code sources} (fully qualified class name → Java source) against the test classpath,
     * with PF4J's annotation processor, and packs them as plugin {@code id}.
     */
    public static Path compile(String id, String version, String requires, Map<String, String> sources) throws IOException {
        Path work = Files.createTempDirectory("maestro-plugin-src-");
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
        var errors = new ByteArrayOutputStream();
        if (ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("plugin sources do not compile:\n" + errors);
        }
        return fromClasses(classes, id, version, requires);
    }

    private static Path jar(Path classes, Map<String, String> entries, Path jar) throws IOException {
        var manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        entries.forEach(main::putValue);
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
}
