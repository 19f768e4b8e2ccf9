package io.maestro.core.plugin;

import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * Child-first (plugin, then its dependencies, then Maestro) with an explicit list always taken from
 * Maestro, so API types are identical on both sides of the boundary while a plugin can carry its own
 * versions of any other library.
 */
final class PluginClassLoader extends org.pf4j.PluginClassLoader {
    /** Packages a plugin must share with the engine, never load itself. */
    static final List<String> PARENT_FIRST = List.of("java.", "javax.", "jdk.", "sun.", "io.maestro.api.",
            "org.pf4j.", "org.slf4j.", "io.opentelemetry.api.", "io.opentelemetry.context.");

    private final ClassLoader parent;

    PluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
        this.parent = parent;
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        for (String prefix : PARENT_FIRST) {
            if (name.startsWith(prefix)) return parent.loadClass(name);
        }
        return super.loadClass(name);
    }
}
