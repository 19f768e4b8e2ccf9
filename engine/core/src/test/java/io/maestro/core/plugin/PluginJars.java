package io.maestro.core.plugin;

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
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Builds real plugin jars for tests: compiles sources with javac (PF4J's processor indexes extensions). */
final class PluginJars {
    private PluginJars() { }

    /**
     * @param sources fully qualified class name → Java source
     */
    static Path build(Path dir, String id, String version, String requires, Map<String, String> sources) throws IOException {
        Path work = Files.createTempDirectory(dir, id + "-" + version + "-src");
        Path classes = Files.createDirectories(work.resolve("classes"));
        var files = new ArrayList<String>();
        for (var e : sources.entrySet()) {
            Path src = work.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, e.getValue());
            files.add(src.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var args = new ArrayList<>(List.of("-proc:full", "-classpath", classpath, "-d", classes.toString(), "--release", "21"));
        args.addAll(files);
        var errors = new java.io.ByteArrayOutputStream();
        if (javac.run(null, null, errors, args.toArray(String[]::new)) != 0) {
            throw new IllegalStateException("plugin sources do not compile:\n" + errors);
        }
        var manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", id);
        main.putValue("Plugin-Version", version);
        if (requires != null) main.putValue("Plugin-Requires", requires);
        Path jar = dir.resolve(id + "-" + version + ".jar.tmp");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest); Stream<Path> walk = Files.walk(classes)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Puts a built jar into the plugins directory the way an operator would (atomic rename). */
    static Path install(Path built, Path pluginsDir, String fileName) throws IOException {
        Files.createDirectories(pluginsDir);
        Path target = pluginsDir.resolve(fileName);
        Path tmp = pluginsDir.resolve("." + fileName + ".tmp");
        Files.copy(built, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** A plugin with a listener that logs every event it sees, tagged with its version, and a 'greet' step type. */
    static Map<String, String> recorder(String version) {
        return Map.of("test.recorder.Recorder", """
                package test.recorder;

                import io.maestro.api.event.*;
                import io.maestro.api.plugin.*;
                import java.nio.file.*;

                @org.pf4j.Extension
                public class Recorder implements RunListener, StepListener, PluginContextAware {
                    private Path log;

                    @Override public void init(PluginContext ctx) { log = ctx.dataDirectory().resolve("events.log"); }

                    private synchronized void record(MaestroEvent e) {
                        try {
                            Files.writeString(log, "%1$s " + e.getClass().getSimpleName() + " " + e.runId() + " "
                                    + e.stepId() + " " + e.attempt() + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        } catch (java.io.IOException x) { throw new java.io.UncheckedIOException(x); }
                    }

                    @Override public void onRunStarted(MaestroEvent.RunStarted e) { record(e); }
                    @Override public void onRunFinished(MaestroEvent.RunFinished e) { record(e); }
                    @Override public void onStepStarted(MaestroEvent.StepStarted e) { record(e); }
                    @Override public void onStepFinished(MaestroEvent.StepFinished e) { record(e); }
                }
                """.formatted(version),
                "test.recorder.Greet", """
                package test.recorder;

                import io.maestro.api.step.*;
                import java.util.Map;

                @org.pf4j.Extension
                public class Greet implements StepExecutor {
                    @Override public String type() { return "greet"; }

                    @Override public StepResult execute(StepContext ctx) throws Exception {
                        Object sleep = ctx.inputs().get("sleepMillis");
                        if (sleep != null) Thread.sleep(Long.parseLong(String.valueOf(sleep)));
                        return StepResult.of(Map.of("greeting", "hello from %1$s"));
                    }
                }
                """.formatted(version));
    }
}
