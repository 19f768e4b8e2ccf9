package io.maestro.plugins.billing.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * Reads billing.yaml strictly: every unknown key, wrong type, negative or inconsistent limit is a
 * problem located by line and column, and all of them are reported at once.
 *
 * <pre>
 * currency: EUR
 * rates:
 *   stepSeconds: {shell: 0.0004, "*": 0.0002}
 *   run: 0.01
 *   artifactGigabytes: 0.05
 * defaults:
 *   budget: {soft: 80, hard: 100}
 *   concurrentRuns: 10
 *   onBreach: finish-running
 * tenants:
 *   acme: {concurrentRuns: {soft: 2, hard: 3}, onBreach: halt}
 * </pre>
 */
public final class ConfigParser {
    static final List<String> TOP_KEYS = List.of("currency", "rates", "defaults", "tenants");
    static final List<String> RATE_KEYS = List.of("stepSeconds", "run", "artifactGigabytes");
    static final List<String> LIMIT_KEYS = List.of("budget", "concurrentRuns", "runsPerHour", "stepsPerRun", "onBreach");
    static final List<String> THRESHOLD_KEYS = List.of("soft", "hard");
    private static final int MAX_ALIASES = 20;

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigParser(String file) {
        this.file = file;
    }

    /** @param file the name used in messages (the file's path) */
    public static BillingConfig parse(String file, String text) throws ConfigException {
        return new ConfigParser(file).document(text);
    }

    private BillingConfig document(String text) throws ConfigException {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false).build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            throw new ConfigException(List.of(new ConfigProblem(file, mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1, "", "malformed YAML: " + e.getProblem(),
                    "check indentation and quoting near this position")));
        } catch (YamlEngineException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, 0, "", "malformed YAML: " + e.getMessage(), null)));
        }
        if (root.isEmpty() || isNull(root.get())) {
            throw new ConfigException(List.of(new ConfigProblem(file, 0, 0, "", "the file is empty",
                    "write 'tenants: {}' for no limits; an empty file is refused so a truncated save cannot lift every limit")));
        }
        Map<String, Node> top = mapping(root.get(), "", TOP_KEYS);
        String currency = "USD";
        if (top.containsKey("currency")) currency = text(top.get("currency"), "currency");
        RateCard rates = top.containsKey("rates") ? rates(top.get("rates")) : RateCard.FREE;
        TenantLimits defaults = top.containsKey("defaults")
                ? limits(top.get("defaults"), "defaults").over(TenantLimits.NONE) : TenantLimits.NONE;
        var tenants = new LinkedHashMap<String, TenantLimits>();
        if (top.containsKey("tenants")) {
            for (var e : mapping(top.get("tenants"), "tenants", null).entrySet()) {
                String field = "tenants." + e.getKey();
                if (e.getKey().isBlank()) {
                    problem(e.getValue(), field, "a tenant name cannot be empty", null);
                    continue;
                }
                tenants.put(e.getKey(), isNull(e.getValue()) ? TenantLimits.UNSET : limits(e.getValue(), field));
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
            throw new ConfigException(problems);
        }
        return new BillingConfig(currency == null ? "USD" : currency, rates, defaults, tenants);
    }

    private RateCard rates(Node node) {
        Map<String, Node> keys = mapping(node, "rates", RATE_KEYS);
        var stepSeconds = new LinkedHashMap<String, BigDecimal>();
        if (keys.containsKey("stepSeconds")) {
            for (var e : mapping(keys.get("stepSeconds"), "rates.stepSeconds", null).entrySet()) {
                BigDecimal rate = price(e.getValue(), "rates.stepSeconds." + e.getKey());
                if (rate != null) stepSeconds.put(e.getKey(), rate);
            }
        }
        BigDecimal run = keys.containsKey("run") ? price(keys.get("run"), "rates.run") : null;
        BigDecimal gb = keys.containsKey("artifactGigabytes")
                ? price(keys.get("artifactGigabytes"), "rates.artifactGigabytes") : null;
        return new RateCard(stepSeconds, run == null ? BigDecimal.ZERO : run, gb == null ? BigDecimal.ZERO : gb);
    }

    private TenantLimits limits(Node node, String field) {
        Map<String, Node> keys = mapping(node, field, LIMIT_KEYS);
        OnBreach onBreach = null;
        if (keys.containsKey("onBreach")) {
            Node n = keys.get("onBreach");
            String value = text(n, field + ".onBreach");
            if (value != null) {
                onBreach = OnBreach.parse(value).orElse(null);
                if (onBreach == null) {
                    problem(n, field + ".onBreach", "unknown value '" + value + "'",
                            "one of " + String.join(", ", OnBreach.configNames())
                                    + didYouMean(value, OnBreach.configNames()).map(s -> "; did you mean '" + s + "'?").orElse(""));
                }
            }
        }
        return new TenantLimits(
                limit(keys.get("budget"), field + ".budget", false),
                limit(keys.get("concurrentRuns"), field + ".concurrentRuns", true),
                limit(keys.get("runsPerHour"), field + ".runsPerHour", true),
                limit(keys.get("stepsPerRun"), field + ".stepsPerRun", true),
                onBreach);
    }

    /** A bare number is a hard limit; a mapping gives {@code soft} and/or {@code hard}. Null when absent. */
    private Limit limit(Node node, String field, boolean whole) {
        if (node == null) return null;
        if (node instanceof MappingNode) {
            Map<String, Node> keys = mapping(node, field, THRESHOLD_KEYS);
            if (keys.isEmpty()) {
                problem(node, field, "sets neither 'soft' nor 'hard'", "e.g. {soft: 2, hard: 3}, or a number for a hard limit");
                return Limit.NONE;
            }
            BigDecimal soft = keys.containsKey("soft") ? threshold(keys.get("soft"), field + ".soft", whole) : null;
            BigDecimal hard = keys.containsKey("hard") ? threshold(keys.get("hard"), field + ".hard", whole) : null;
            if (soft != null && hard != null && soft.compareTo(hard) > 0) {
                problem(keys.get("soft"), field + ".soft", "soft limit " + soft.toPlainString()
                        + " is above hard limit " + hard.toPlainString(), "the soft limit warns before the hard one denies");
            }
            return new Limit(soft, hard);
        }
        BigDecimal hard = threshold(node, field, whole);
        return new Limit(null, hard);
    }

    private BigDecimal threshold(Node node, String field, boolean whole) {
        BigDecimal value = number(node, field);
        if (value == null) return null;
        if (value.signum() < 0) {
            problem(node, field, "negative limit " + value.toPlainString(), "a limit is 0 or more; remove the key for no limit");
            return null;
        }
        if (whole && value.stripTrailingZeros().scale() > 0) {
            problem(node, field, "expected a whole number, got " + value.toPlainString(), null);
            return null;
        }
        return value;
    }

    private BigDecimal price(Node node, String field) {
        BigDecimal value = number(node, field);
        if (value != null && value.signum() < 0) {
            problem(node, field, "negative price " + value.toPlainString(), "a price is 0 or more");
            return null;
        }
        return value;
    }

    private BigDecimal number(Node node, String field) {
        if (node instanceof ScalarNode s && (Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()))) {
            try {
                return new BigDecimal(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                problem(node, field, "'" + s.getValue() + "' is not a decimal number", "write e.g. 10 or 0.25");
                return null;
            }
        }
        problem(node, field, "expected a number, got " + describe(node), "write e.g. 10 or 0.25, without quotes");
        return null;
    }

    private String text(Node node, String field) {
        if (node instanceof ScalarNode s && Tag.STR.equals(s.getTag()) && !s.getValue().isBlank()) return s.getValue();
        problem(node, field, "expected a text value, got " + describe(node), null);
        return null;
    }

    /** The keys of a mapping in file order; reports duplicates and, when {@code allowed} is given, unknown keys. */
    private Map<String, Node> mapping(Node node, String field, List<String> allowed) {
        var keys = new LinkedHashMap<String, Node>();
        if (!(node instanceof MappingNode map)) {
            problem(node, field.isEmpty() ? "" : field, "expected a mapping (key: value lines), got " + describe(node), null);
            return keys;
        }
        for (NodeTuple t : map.getValue()) {
            Node keyNode = t.getKeyNode();
            if (!(keyNode instanceof ScalarNode k)) {
                problem(keyNode, field, "a key must be plain text, got " + describe(keyNode), null);
                continue;
            }
            String key = k.getValue();
            String child = field.isEmpty() ? key : field + "." + key;
            if (keys.containsKey(key)) {
                problem(keyNode, child, "duplicate key '" + key + "'", "remove one of the two");
                continue;
            }
            if (allowed != null && !allowed.contains(key)) {
                problem(keyNode, child, "unknown key '" + key + "'", didYouMean(key, allowed)
                        .map(s -> "did you mean '" + s + "'?").orElse("known keys: " + String.join(", ", allowed)));
                continue;
            }
            keys.put(key, t.getValueNode());
        }
        return keys;
    }

    private void problem(Node node, String field, String message, String hint) {
        int line = 0;
        int column = 0;
        Optional<Mark> mark = node == null ? Optional.empty() : node.getStartMark();
        if (mark.isPresent()) {
            line = mark.get().getLine() + 1;
            column = mark.get().getColumn() + 1;
        }
        problems.add(new ConfigProblem(file, line, column, field, message, hint));
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    private static String describe(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when Tag.NULL.equals(s.getTag()) -> "nothing";
            case ScalarNode s when Tag.BOOL.equals(s.getTag()) -> "the boolean " + s.getValue();
            case ScalarNode s when Tag.INT.equals(s.getTag()) || Tag.FLOAT.equals(s.getTag()) -> "the number " + s.getValue();
            case ScalarNode s -> "the text '" + s.getValue() + "'";
            default -> "a " + node.getNodeType().name().toLowerCase();
        };
    }

    private static Optional<String> didYouMean(String wrong, List<String> candidates) {
        return Suggestions.didYouMean(wrong, candidates);
    }
}
