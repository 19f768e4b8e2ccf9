package io.maestro.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application; {@link MaestroServer} starts it around an existing {@link io.maestro.core.Engine}. */
@SpringBootApplication
public class ServerApplication {
}
