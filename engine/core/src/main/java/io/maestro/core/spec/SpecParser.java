package io.maestro.core.spec;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a pipeline spec and reports every problem at once: YAML syntax, the JSON Schema in
 * {@code dag-specs/schema/pipeline.schema.json}, then semantics ({@link SpecChecks}).
 */
public final class SpecParser {
    public static final long MAX_SPEC_BYTES = 5L * 1024 * 1024;
    static final String SCHEMA_RESOURCE = "/io/maestro/core/spec/pipeline.schema.json";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Schema schema;
    private final JsonNode schemaTree;
    private final SpecChecks checks;

    public SpecParser() {
        this(new SpecChecks());
    }

    public SpecParser(SpecChecks checks) {
        this.checks = checks;
        String schemaText = readSchema();
        this.schemaTree = JSON.readTree(schemaText);
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaText, InputFormat.JSON);
    }

    public PipelineSpec parseFile(Path path) {
        String file = path.toString();
        try {
            if (!Files.isRegularFile(path)) {
                throw SpecException.of(new SpecProblem(file, 0, 0, "", "no such file",
                        "check the path; it is resolved against " + Path.of("").toAbsolutePath()));
            }
            long size = Files.size(path);
            if (size > MAX_SPEC_BYTES) {
                throw SpecException.of(new SpecProblem(file, 0, 0, "", "spec is " + size + " bytes, over the "
                        + MAX_SPEC_BYTES + "-byte limit", "split the pipeline or generate fewer steps"));
            }
            return parse(file, Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw SpecException.of(new SpecProblem(file, 0, 0, "", "no such file", null));
        } catch (java.nio.charset.MalformedInputException e) {
            throw SpecException.of(new SpecProblem(file, 0, 0, "", "not UTF-8 text", "save the file as UTF-8"));
        } catch (IOException e) {
            throw SpecException.of(new SpecProblem(file, 0, 0, "", "cannot read: " + e.getMessage(), null));
        }
    }

    public PipelineSpec parse(String file, String text) {
        if (text.length() > MAX_SPEC_BYTES) {
            throw SpecException.of(new SpecProblem(file, 0, 0, "", "spec is over the " + MAX_SPEC_BYTES
                    + "-byte limit", "split the pipeline or generate fewer steps"));
        }
        YamlDocument doc = YamlDocument.parse(file, text);
        var problems = new ArrayList<SpecProblem>();
        for (Error error : schema.validate(doc.root())) problems.add(schemaProblem(doc, error));
        PipelineSpec spec = new SpecBinder(doc, problems).bind(text);
        if (spec != null) checks.check(spec, doc, problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(SpecProblem::line).thenComparingInt(SpecProblem::column));
            throw new SpecException(dedupe(problems));
        }
        return spec;
    }

    private static List<SpecProblem> dedupe(List<SpecProblem> problems) {
        var seen = new LinkedHashMap<String, SpecProblem>();
        for (SpecProblem p : problems) seen.putIfAbsent(p.format(), p);
        return new ArrayList<>(seen.values());
    }

    private SpecProblem schemaProblem(YamlDocument doc, Error error) {
        String pointer = pointer(error.getInstanceLocation());
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        return switch (keyword) {
            case "additionalProperties" -> {
                String field = error.getProperty();
                List<String> allowed = allowedFields(error);
                yield doc.problem(pointer + "/" + field, "unknown field '" + field + "'",
                        Suggestions.didYouMean(field, allowed).map(s -> "did you mean '" + s + "'?")
                                .orElse("allowed fields: " + String.join(", ", allowed)));
            }
            case "required" -> doc.problem(pointer, "missing required field '" + error.getProperty() + "'",
                    "add '" + error.getProperty() + ":'");
            case "type" -> doc.problem(pointer, "wrong type: " + stripPath(error.getMessage()), null);
            case "pattern" -> doc.problem(pointer, "value " + error.getInstanceNode() + " has the wrong form",
                    patternHint(pointer, error.getSchemaNode().asString()));
            default -> doc.problem(pointer, stripPath(error.getMessage()), null);
        };
    }

    private List<String> allowedFields(Error error) {
        String location = error.getSchemaLocation().getFragment().toString();
        String parent = location.substring(0, Math.max(0, location.lastIndexOf('/')));
        JsonNode props = schemaTree.at(parent.replace("$", "").startsWith("/") ? parent : parent.substring(1))
                .path("properties");
        var names = new ArrayList<String>();
        props.propertyNames().forEach(names::add);
        return names;
    }

    private static String patternHint(String pointer, String pattern) {
        if (pointer.endsWith("/id")) return "step ids start with a letter, then letters, digits, '_' or '-'";
        if (pointer.startsWith("/metadata")) return "use lower-case letters, digits and dashes";
        if (pattern.contains("ms|s|m|h")) return "durations look like 200ms, 30s, 10m or 1h30m";
        return "must match " + pattern;
    }

    private static String stripPath(String message) {
        int colon = message.indexOf(": ");
        return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
    }

    static String pointer(NodePath path) {
        var sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            sb.append('/').append(String.valueOf(element).replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    static String readSchema() {
        try (InputStream in = SpecParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) throw new IllegalStateException("pipeline schema missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> plain(JsonNode node) {
        return JSON.convertValue(node, JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class));
    }
}
