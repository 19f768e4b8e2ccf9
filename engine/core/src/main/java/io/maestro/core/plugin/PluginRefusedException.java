package io.maestro.core.plugin;

/** A plugin file that cannot be loaded, with the file and the reason in the message. */
public class PluginRefusedException extends RuntimeException {
    public PluginRefusedException(String message) {
        super(message);
    }

    public PluginRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
