package io.maestro.api.plugin;

import org.pf4j.ExtensionPoint;

/**
 * Marks Maestro's extension points. A plugin implements one or more of them in a class annotated
 * with {@code @org.pf4j.Extension}; the host finds it through the index PF4J's annotation processor
 * writes ({@code META-INF/extensions.idx}).
 */
public interface MaestroExtension extends ExtensionPoint {
}
