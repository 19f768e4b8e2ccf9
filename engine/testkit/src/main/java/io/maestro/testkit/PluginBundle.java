package io.maestro.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Makes a plugin jar from compiled classes, so a plugin module's tests can load it before {@code package}. */
public final class PluginBundle {
    private PluginBundle() { }

    /**
     * @param classes  e.g. {@code target/classes} (must contain {@code META-INF/extensions.idx})
     * @param requires the plugin API range, e.g. {@code >=1.0.0 & <2.0.0}
     */
    public static Path fromClasses(Path classes, String id, String version, String requires) throws IOException {
        if (!Files.exists(classes.resolve("META-INF/extensions.idx"))) {
            throw new IllegalStateException(classes + " has no META-INF/extensions.idx: annotate extensions with "
                    + "@org.pf4j.Extension and compile with annotation processing (<proc>full</proc>)");
        }
        var manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        main.putValue("Plugin-Requires", requires);
        Path jar = Files.createTempDirectory("maestro-plugin-").resolve(id + "-" + version + ".jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest); Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
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
