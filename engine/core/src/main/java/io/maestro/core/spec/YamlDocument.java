package io.maestro.core.spec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A YAML document as a JSON tree (what the JSON Schema validator reads) plus the line and column
 * of every field, keyed by JSON pointer, so each problem can name its place in the file.
 */
public final class YamlDocument {
    public record Location(int line, int column) { }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_ALIASES = 50;

    private final String file;
    private final JsonNode root;
    private final Map<String, Location> locations;

    private YamlDocument(String file, JsonNode root, Map<String, Location> locations) {
        this.file = file;
        this.root = root;
        this.locations = locations;
    }

    public static YamlDocument parse(String file, String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(Integer.MAX_VALUE)
                .build();
        Optional<Node> node;
        try {
            node = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            throw SpecException.of(new SpecProblem(file, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "", "malformed YAML: " + e.getProblem(),
                    "check indentation and quoting near this position"));
        } catch (YamlEngineException e) {
            throw SpecException.of(new SpecProblem(file, 0, 0, "", "malformed YAML: " + e.getMessage(), null));
        }
        if (node.isEmpty()) {
            throw SpecException.of(new SpecProblem(file, 0, 0, "", "the file is empty",
                    "a pipeline starts with 'apiVersion: maestro/v1'"));
        }
        var locations = new HashMap<String, Location>();
        var problems = new ArrayList<SpecProblem>();
        JsonNode root = new Converter(file, locations, problems).convert(node.get(), "");
        if (!problems.isEmpty()) throw new SpecException(problems);
        return new YamlDocument(file, root, locations);
    }

    public String file() { return file; }

    public JsonNode root() { return root; }

    /** Location of the field at this JSON pointer, or of its nearest located ancestor. */
    public Location locate(String pointer) {
        String p = pointer;
        while (true) {
            Location loc = locations.get(p);
            if (loc != null) return loc;
            if (p.isEmpty()) return new Location(1, 1);
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    public SpecProblem problem(String pointer, String message, String hint) {
        Location loc = locate(pointer);
        return new SpecProblem(file, loc.line(), loc.column(), fieldName(pointer), message, hint);
    }

    /** {@code /steps/1/with/run} → {@code steps[1].with.run}. */
    public static String fieldName(String pointer) {
        var sb = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) continue;
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) sb.append('[').append(name).append(']');
            else sb.append(sb.isEmpty() ? "" : ".").append(name);
        }
        return sb.toString();
    }

    private record Converter(String file, Map<String, Location> locations, List<SpecProblem> problems) {
        JsonNode convert(Node node, String pointer) {
            return switch (node) {
                case MappingNode map -> {
                    ObjectNode obj = JSON.objectNode();
                    for (NodeTuple tuple : map.getValue()) {
                        Node keyNode = tuple.getKeyNode();
                        String key = keyNode instanceof ScalarNode s ? s.getValue() : String.valueOf(keyNode);
                        String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
                        Location at = at(keyNode);
                        if (obj.has(key)) {
                            problems.add(new SpecProblem(file, at.line(), at.column(), fieldName(child),
                                    "duplicate key '" + key + "'", "remove one of the two"));
                            continue;
                        }
                        locations.put(child, at);
                        obj.set(key, convert(tuple.getValueNode(), child));
                    }
                    yield obj;
                }
                case SequenceNode seq -> {
                    ArrayNode arr = JSON.arrayNode();
                    int i = 0;
                    for (Node item : seq.getValue()) {
                        String child = pointer + "/" + i++;
                        locations.put(child, at(item));
                        arr.add(convert(item, child));
                    }
                    yield arr;
                }
                case ScalarNode scalar -> scalar(scalar);
                default -> JSON.nullNode();
            };
        }

        private static JsonNode scalar(ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            try {
                if (Tag.NULL.equals(tag)) return JSON.nullNode();
                if (Tag.BOOL.equals(tag)) return JSON.booleanNode(Boolean.parseBoolean(v.toLowerCase()));
                if (Tag.INT.equals(tag)) return JSON.numberNode(Long.parseLong(v.replace("_", "")));
                if (Tag.FLOAT.equals(tag)) return JSON.numberNode(Double.parseDouble(v.replace("_", "")));
            } catch (NumberFormatException e) {
                return JSON.stringNode(v);
            }
            return JSON.stringNode(v);
        }

        private static Location at(Node node) {
            return node.getStartMark().map(m -> new Location(m.getLine() + 1, m.getColumn() + 1))
                    .orElse(new Location(0, 0));
        }
    }
}
