package io.maestro.server;

import io.maestro.core.Engine;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A running Maestro server: the REST API, the event streams and the run viewer over one {@link Engine}. */
public final class MaestroServer implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final ServerSettings settings;

    private MaestroServer(ConfigurableApplicationContext context, ServerSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    /** Starts the server; the engine stays the caller's to close, after the server. */
    public static MaestroServer start(Engine engine, ServerSettings settings) {
        // our logback configuration stays in charge; Spring would otherwise reset it
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) { // Tomcat logs through java.util.logging
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
        var app = new SpringApplication(ServerApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setLogStartupInfo(false);
        app.setRegisterShutdownHook(false);
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", settings.port());
        props.put("server.address", settings.bind());
        app.setDefaultProperties(props);
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().registerSingleton("maestroEngine", engine);
            ctx.getBeanFactory().registerSingleton("serverSettings", settings);
        });
        ConfigurableApplicationContext context = app.run();
        return new MaestroServer(context, settings);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String url() {
        String host = settings.bind().contains(":") ? "[" + settings.bind() + "]" : settings.bind();
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port();
    }

    @Override
    public void close() {
        context.close();
    }
}
