package io.maestro.plugins.nlcypher;

import org.pf4j.Plugin;

/** PF4J's lifecycle hook ({@code Plugin-Class}): when this version stops, its graphs and drivers close. */
public final class NlCypherPlugin extends Plugin {
    @Override
    public void stop() {
        Console.closeAll();
    }
}
