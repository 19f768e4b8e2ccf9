package io.maestro.core.policy;

import io.maestro.core.os.LocalResources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The policy sources Maestro ships ({@code policies/} of the repository, without tests, packed
 * into the core jar under {@code maestro-policies/}), copied out to a directory {@code opa build}
 * can read, with a revision derived from their content.
 */
public final class PolicyBundle {
    static final String RESOURCE_ROOT = "maestro-policies";

    private PolicyBundle() { }

    /** Copies the shipped sources into {@code target} (emptied first) and returns their content revision. */
    public static String extractShipped(Path target) {
        URL root = PolicyBundle.class.getClassLoader().getResource(RESOURCE_ROOT);
        if (root == null) throw new IllegalStateException("the policies are not packaged into this build (no " + RESOURCE_ROOT + "/ on the classpath)");
        try {
            URI uri = root.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return copy(jar.provider().getPath(uri), target);
                }
            }
            return copy(Path.of(uri), target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the shipped policies to " + target, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the policy files (.rego, .json; not tests) under {@code source} into {@code target}, returning their revision. */
    public static String copy(Path source, Path target) throws IOException {
        List<Path> files = files(source);
        LocalResources.deleteTree(target);
        Files.createDirectories(target);
        for (Path file : files) {
            Path out = target.resolve(relative(source, file));
            Files.createDirectories(out.getParent());
            Files.copy(file, out);
        }
        return revision(source, files);
    }

    /** The content revision of the policy files under {@code source}: the same files give the same revision. */
    public static String revisionOf(Path source) throws IOException {
        return revision(source, files(source));
    }

    private static List<Path> files(Path source) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(source)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".rego") || p.toString().endsWith(".json"))
                    .filter(p -> !p.toString().endsWith("_test.rego"))
                    .sorted().toList();
        }
        if (files.isEmpty()) throw new IOException("no policy files under " + source);
        return files;
    }

    private static String revision(Path source, List<Path> files) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path file : files) {
            sha.update(relative(source, file).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(file));
        }
        return "content-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }

    private static String relative(Path source, Path file) {
        return source.relativize(file).toString().replace('\\', '/');
    }
}
