package io.maestro.core.plugin;

import java.nio.file.Path;
import java.util.List;

/** What {@code maestro plugins list} shows of a plugin. */
public record PluginInfo(String id, String version, String state, Path file, List<String> extensions,
                         String requires, String problem) {
}
