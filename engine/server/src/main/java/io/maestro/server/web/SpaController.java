package io.maestro.server.web;

import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The run viewer is a single-page app: its client-side routes ({@code /runs/…}) answer with its
 * index.html; its assets are static resources. Without a UI bundle on the classpath it says how to build one.
 */
@Hidden
@Controller
class SpaController {
    private static final ClassPathResource INDEX = new ClassPathResource("static/index.html");

    @GetMapping({"/", "/runs", "/runs/**", "/pipelines", "/pipelines/**", "/plugins", "/plugins/**", "/console", "/signin"})
    ResponseEntity<byte[]> index() throws IOException {
        if (!INDEX.exists()) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN)
                    .body("the run viewer is not built into this server: build with 'mvn -B install' (it runs the ui/ build)\n".getBytes());
        }
        try (InputStream in = INDEX.getInputStream()) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-cache").body(in.readAllBytes());
        }
    }
}
