package io.maestro.core.step;

import io.maestro.api.step.StepFailure;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Resolves {@code with.artifacts} globs (relative to the workspace, never outside it) to files. */
final class Artifacts {
    private Artifacts() { }

    static List<Path> match(Path workspace, Object globs) throws IOException, StepFailure {
        if (globs == null) return List.of();
        if (!(globs instanceof List<?> list)) throw new StepFailure("with.artifacts must be a list of globs", false);
        Path root = workspace.toAbsolutePath().normalize();
        var found = new ArrayList<Path>();
        for (Object g : list) {
            String glob = String.valueOf(g);
            if (glob.startsWith("/") || Path.of(glob).normalize().startsWith("..")) {
                throw new StepFailure("artifact glob '" + glob + "' must stay inside the workspace", false);
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile)
                        .filter(f -> matcher.matches(root.relativize(f)))
                        .sorted()
                        .forEach(found::add);
            }
        }
        return found;
    }
}
