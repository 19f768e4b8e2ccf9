package io.maestro.core.plugin;

import java.nio.file.Path;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;

/**
 * A PF4J manager for exactly one plugin version. PF4J holds one version per plugin id; hot reload
 * needs two side by side for a moment, so each loaded version gets its own manager.
 */
final class SinglePluginManager extends DefaultPluginManager {
    SinglePluginManager(Path file) {
        super(List.of(file.getParent()));
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            public ClassLoader loadPlugin(Path path, PluginDescriptor descriptor) {
                var loader = new PluginClassLoader(pluginManager, descriptor, getClass().getClassLoader());
                loader.addFile(path.toFile());
                return loader;
            }
        };
    }
}
