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
    /** The bundle's index.html, read once (null when no bundle is on the classpath). */
    private final byte[] index = read(new ClassPathResource("static/index.html"));

    @GetMapping({"/", "/runs", "/runs/**", "/pipelines", "/pipelines/**", "/plugins", "/plugins/**", "/console", "/signin"})
    ResponseEntity<byte[]> index() {
        if (index == null) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN)
                    .body("the run viewer is not built into this server: build with 'mvn -B install' (it runs the ui/ build)\n".getBytes());
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).header("Cache-Control", "no-cache").body(index);
    }

    private static byte[] read(ClassPathResource resource) {
        if (!resource.exists()) return null;
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the run viewer's " + resource.getPath(), e);
        }
    }
}
