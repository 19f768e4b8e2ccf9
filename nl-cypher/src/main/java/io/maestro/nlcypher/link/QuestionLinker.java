package io.maestro.nlcypher.link;

import io.maestro.nlcypher.link.Lexicon.LabelTerm;
import io.maestro.nlcypher.link.Lexicon.PropertyTerm;
import io.maestro.nlcypher.link.Lexicon.RelTerm;
import io.maestro.nlcypher.link.Lexicon.ValueTerm;
import io.maestro.nlcypher.schema.GraphSchema;
import io.maestro.nlcypher.schema.GraphSchema.NamedEntity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links a question to the schema: ids, IBANs and IMEIs by their shape; quoted strings and known
 * names; stored categorical values; then label, relationship and property words; numbers with
 * the comparison before them; and cue words (counting, ranking, grouping, negation, paths).
 * Longer matches win and a word is used once.
 */
public final class QuestionLinker {
    static final Pattern ID = Pattern.compile("\\b([A-Z]{2,5})-(\\d{3,})\\b", Pattern.CASE_INSENSITIVE);
    static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){10,30}\\b");
    static final Pattern IMEI = Pattern.compile("\\b\\d{15}\\b");
    static final Pattern QUOTED = Pattern.compile("[\"“”«»]([^\"“”«»]{1,200})[\"“”«»]|(?<![\\p{L}])'([^']{2,200})'(?![\\p{L}])");
    static final int MAX_NAME_WORDS = 8;

    private static final Map<String, Double> NUMBER_WORDS = Map.ofEntries(Map.entry("one", 1d), Map.entry("two", 2d),
            Map.entry("three", 3d), Map.entry("four", 4d), Map.entry("five", 5d), Map.entry("six", 6d), Map.entry("seven", 7d),
            Map.entry("eight", 8d), Map.entry("nine", 9d), Map.entry("ten", 10d), Map.entry("eleven", 11d), Map.entry("twelve", 12d),
            Map.entry("fifteen", 15d), Map.entry("twenty", 20d), Map.entry("fifty", 50d), Map.entry("hundred", 100d),
            Map.entry("dozen", 12d));
    /** cue → the word sequences that signal it. */
    private static final Map<String, List<String>> CUES = Map.ofEntries(
            Map.entry("count", List.of("how many", "number of", "count", "count of", "how much", "tally", "total number", "quantity")),
            Map.entry("desc", List.of("highest", "largest", "biggest", "most", "top", "richest", "riskiest", "greatest", "maximum", "max",
                    "latest", "newest", "youngest", "most recent", "recent", "heaviest", "busiest", "best", "leading", "upper")),
            Map.entry("asc", List.of("lowest", "smallest", "least", "fewest", "minimum", "min", "poorest", "oldest", "earliest", "first",
                    "eldest", "bottom", "safest")),
            Map.entry("group", List.of("per", "by", "each", "every", "breakdown", "broken down", "distribution", "grouped", "group",
                    "split", "across", "break down", "broken out", "split by", "by each")),
            Map.entry("sum", List.of("total", "sum", "sum of", "combined", "overall", "in total", "altogether")),
            Map.entry("avg", List.of("average", "avg", "mean", "typical")),
            Map.entry("negation", List.of("no", "without", "never", "not", "none", "zero", "lack", "lacking", "lacks", "missing", "nobody")),
            Map.entry("path", List.of("path", "hops", "hop", "degrees of separation", "separation", "steps", "chain", "distance",
                    "connected", "reach", "link between", "linked")),
            Map.entry("fof", List.of("friends of friends", "friend of a friend", "friends-of-friends", "second-degree", "second degree",
                    "2nd degree", "two hops", "contacts of contacts", "indirect contacts", "indirectly", "through their contacts")),
            Map.entry("shared", List.of("shared", "share", "sharing", "in common", "common", "more than one", "several people", "multiple")),
            Map.entry("cycle", List.of("cycle", "cycles", "circular", "round-trip", "round trip", "round-tripping", "loop", "loops", "ring",
                    "rings", "carousel", "back to")),
            Map.entry("colleague", List.of("colleague", "colleagues", "coworker", "coworkers", "co-worker", "co-workers", "work with",
                    "works with", "worked with", "work alongside", "same employer", "same company")),
            Map.entry("money", List.of("money", "paid", "pay", "pays", "funds", "sent money", "transferred", "wired", "payment", "payments")),
            Map.entry("list", List.of("list", "show", "give", "find", "display", "which", "what", "who", "name", "get", "return", "tell")));
    private static final List<String> CUE_ORDER = List.of("fof", "colleague", "cycle", "count", "sum", "avg", "path", "shared",
            "group", "negation", "desc", "asc", "money", "list");
    private static final Map<String, String> COMPARATORS = Map.ofEntries(
            Map.entry("over", ">"), Map.entry("above", ">"), Map.entry("more than", ">"), Map.entry("greater than", ">"),
            Map.entry("exceeding", ">"), Map.entry("higher than", ">"), Map.entry("bigger than", ">"), Map.entry("larger than", ">"),
            Map.entry("in excess of", ">"), Map.entry("at least", ">="), Map.entry("minimum of", ">="), Map.entry("or more", ">="),
            Map.entry("under", "<"), Map.entry("below", "<"), Map.entry("less than", "<"), Map.entry("fewer than", "<"),
            Map.entry("lower than", "<"), Map.entry("smaller than", "<"), Map.entry("at most", "<="), Map.entry("up to", "<="),
            Map.entry("before", "<"), Map.entry("earlier than", "<"), Map.entry("prior to", "<"), Map.entry("until", "<"),
            Map.entry("after", ">"), Map.entry("since", ">="), Map.entry("later than", ">"), Map.entry("from", ">="),
            Map.entry("in", "="), Map.entry("exactly", "="), Map.entry("equal to", "="), Map.entry(">", ">"), Map.entry("<", "<"),
            Map.entry(">=", ">="), Map.entry("<=", "<="));
    static final Set<String> STOPWORDS = Set.copyOf(java.util.List.of("the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "by", "from", "is",
            "are", "was", "were", "be", "been", "being", "do", "does", "did", "have", "has", "had", "what", "which", "who", "whom",
            "whose", "where", "when", "how", "many", "much", "me", "us", "show", "list", "give", "find", "get", "tell", "display",
            "all", "any", "every", "each", "there", "their", "them", "they", "it", "its", "that", "this", "these", "those", "and",
            "or", "please", "i", "we", "you", "my", "our", "can", "could", "would", "should", "will", "about", "than", "more",
            "most", "less", "least", "number", "count", "total", "top", "some", "one", "ones", "as", "per", "between", "into",
            "out", "up", "not", "no", "only", "just", "also", "graph", "database", "data", "whole", "entire", "ever", "other",
            "others", "same", "like", "want", "need", "know", "see", "look", "let", "his", "her", "he", "she", "him", "both",
            "return", "name", "names", "so", "far", "currently", "now", "still", "exist", "exists", "existing", "recorded",
            "registered", "stored", "kept", "held", "listed", "our", "ones", "if", "then", "it's", "whether", "anyone", "anybody",
            "someone", "somebody", "thing", "things", "stuff", "info", "information", "details", "detail", "record", "records",
            "entry", "entries", "item", "items", "along", "together", "respective", "respectively", "include", "including",
            "set", "sorted", "order", "ordered", "rank", "ranked", "descending", "ascending", "biggest", "list", "overview"));

    private final GraphSchema schema;
    private final Lexicon lexicon;
    /** stored value (lower case) → where it is stored. */
    private final Map<String, List<Linked.Value>> values = new HashMap<>();
    private final Map<String, List<NamedEntity>> names;
    private int longestValue = 1;

    public QuestionLinker(GraphSchema schema, Lexicon lexicon) {
        this.schema = schema;
        this.lexicon = lexicon;
        for (var label : schema.labels().values()) {
            for (var prop : label.properties().values()) {
                for (Object v : prop.values()) {
                    String key = Tokens.normalise(String.valueOf(v));
                    values.computeIfAbsent(key, k -> new ArrayList<>()).add(new Linked.Value(label.name(), prop.name(), v, -1, key));
                    longestValue = Math.max(longestValue, key.split(" ").length);
                }
            }
        }
        this.names = withShortNames(schema.names());
    }

    public Linked link(String question) {
        Tokens tokens = Tokens.of(question);
        int n = tokens.size();
        boolean[] used = new boolean[n];
        var entities = new ArrayList<Linked.Entity>();
        var foundValues = new ArrayList<Linked.Value>();
        var labels = new ArrayList<Linked.Label>();
        var rels = new ArrayList<Linked.Rel>();
        var props = new ArrayList<Linked.Property>();
        var numbers = new ArrayList<Linked.Number>();
        var cues = new LinkedHashSet<String>();
        var masked = new String[n];
        var explained = new java.util.HashSet<Integer>();

        shapes(question, tokens, used, entities, masked);
        quoted(question, tokens, used, entities, foundValues, masked);
        // known names and stored values, longest first
        for (int len = Math.min(MAX_NAME_WORDS, n); len >= 1; len--) {
            for (int i = 0; i + len <= n; i++) {
                if (anyUsed(used, i, i + len)) continue;
                String words = tokens.words(i, i + len);
                List<NamedEntity> named = len >= 2 ? names.get(words) : null;
                if (named != null) {
                    entities.add(entity(named, i, words));
                    mark(used, masked, i, i + len, named.get(0).label().toUpperCase(Locale.ROOT));
                    continue;
                }
                List<Linked.Value> stored = storedValues(words);
                if (!stored.isEmpty() && !(len == 1 && (STOPWORDS.contains(words) || words.length() <= 2))) {
                    for (var v : stored) foundValues.add(new Linked.Value(v.label(), v.property(), v.value(), i, words));
                    mark(used, masked, i, i + len, "VALUE");
                }
            }
        }
        // cues before terms, so "how many" and "friends of friends" are read as wholes
        for (String cue : CUE_ORDER) {
            for (String phrase : CUES.get(cue)) {
                int len = phrase.split(" ").length;
                for (int i = 0; i + len <= n; i++) {
                    if (tokens.words(i, i + len).equals(phrase)) {
                        cues.add(cue);
                        if (!cue.equals("list") && !cue.equals("money") && !cue.equals("desc") && !cue.equals("asc")) markOnly(used, i, i + len);
                        else if (cue.equals("desc") || cue.equals("asc")) explained.add(i);
                    }
                }
            }
        }
        if (n > 0 && Set.of("does", "do", "did", "is", "are", "was", "were", "has", "have").contains(tokens.word(0))) cues.add("yesno");
        numbers(tokens, used, numbers, masked);
        // label, relationship and property words, longest first; a word may stand for several
        boolean[] termUsed = used.clone();
        for (int len = Math.min(lexicon.longestEntry(), n); len >= 1; len--) {
            for (int i = 0; i + len <= n; i++) {
                if (anyUsed(termUsed, i, i + len)) continue;
                String words = tokens.words(i, i + len);
                var found = lexicon.lookup(words);
                if (found.isEmpty() && words.endsWith("s")) found = lexicon.lookup(words.substring(0, words.length() - 1));
                if (found.isEmpty() && len == 1 && !STOPWORDS.contains(words)) found = lexicon.fuzzy(words);
                if (found.isEmpty()) continue;
                for (var term : found) {
                    switch (term) {
                        case LabelTerm t -> { if (schema.labels().containsKey(t.label())) labels.add(new Linked.Label(t.label(), i, words)); }
                        case RelTerm t -> { if (!schema.ofType(t.type()).isEmpty()) rels.add(new Linked.Rel(t.type(), i, words)); }
                        case PropertyTerm t -> props.add(new Linked.Property(t.property(), i, words));
                        case ValueTerm t -> {
                            for (var v : storedValues(Tokens.normalise(t.value()))) foundValues.add(new Linked.Value(v.label(), v.property(), v.value(), i, words));
                        }
                    }
                }
                for (int k = i; k < i + len; k++) termUsed[k] = true;
            }
        }
        labels.sort(java.util.Comparator.comparingInt(Linked.Label::position));
        rels.sort(java.util.Comparator.comparingInt(Linked.Rel::position));
        props.sort(java.util.Comparator.comparingInt(Linked.Property::position));
        var unexplained = new ArrayList<String>();
        int content = 0;
        for (int i = 0; i < n; i++) {
            String w = tokens.word(i);
            if (STOPWORDS.contains(w) || COMPARATORS.containsKey(w) || used[i]) continue;
            content++;
            if (!termUsed[i] && !explained.contains(i)) unexplained.add(w);
        }
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (masked[i] != null && masked[i].isEmpty()) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(masked[i] != null ? masked[i] : tokens.word(i));
        }
        return new Linked(question, entities, foundValues, labels, rels, props, numbers, cues, unexplained, content, sb.toString());
    }

    /** Ids ({@code PER-0000042}), IBANs and IMEIs, recognised by their shape. */
    private void shapes(String q, Tokens tokens, boolean[] used, List<Linked.Entity> entities, String[] masked) {
        Matcher m = ID.matcher(q);
        while (m.find()) {
            var label = schema.labelOfIdPrefix(m.group(1).toUpperCase(Locale.ROOT));
            if (label.isEmpty()) continue;
            int at = tokenAt(tokens, m.start());
            if (at < 0) continue;
            String id = m.group(1).toUpperCase(Locale.ROOT) + "-" + m.group(2);
            entities.add(new Linked.Entity(label.get(), "id", id, at, m.group(), List.of()));
            mark(used, masked, at, tokenEnd(tokens, m.end()), label.get().toUpperCase(Locale.ROOT));
        }
        if (schema.property("Account", "iban").isPresent()) {
            m = IBAN.matcher(q);
            while (m.find()) {
                int at = tokenAt(tokens, m.start());
                if (at < 0 || used[at]) continue;
                entities.add(new Linked.Entity("Account", "iban", m.group().replace(" ", ""), at, m.group(), List.of()));
                mark(used, masked, at, tokenEnd(tokens, m.end()), "ACCOUNT");
            }
        }
        if (schema.property("Device", "imei").isPresent()) {
            m = IMEI.matcher(q);
            while (m.find()) {
                int at = tokenAt(tokens, m.start());
                if (at < 0 || used[at]) continue;
                entities.add(new Linked.Entity("Device", "imei", m.group(), at, m.group(), List.of()));
                mark(used, masked, at, tokenEnd(tokens, m.end()), "DEVICE");
            }
        }
    }

    /** A quoted string is a name (known or not) or a stored value. */
    private void quoted(String q, Tokens tokens, boolean[] used, List<Linked.Entity> entities, List<Linked.Value> found, String[] masked) {
        Matcher m = QUOTED.matcher(q);
        while (m.find()) {
            String text = m.group(1) != null ? m.group(1) : m.group(2);
            int at = tokenAt(tokens, m.start());
            int end = tokenEnd(tokens, m.end());
            if (at < 0 || end <= at || anyUsed(used, at, end)) continue;
            String key = Tokens.normalise(text);
            var named = names.get(key);
            if (named != null) {
                entities.add(entity(named, at, text));
                mark(used, masked, at, end, named.get(0).label().toUpperCase(Locale.ROOT));
                continue;
            }
            var stored = storedValues(key);
            if (!stored.isEmpty()) {
                for (var v : stored) found.add(new Linked.Value(v.label(), v.property(), v.value(), at, key));
                mark(used, masked, at, end, "VALUE");
                continue;
            }
            // an unknown name: it may be any label that has names; the composer picks by context
            var candidates = new ArrayList<Linked.Entity>();
            for (var label : schema.labels().values()) {
                for (String p : List.of("name", "title")) {
                    if (label.properties().containsKey(p)) candidates.add(new Linked.Entity(label.name(), p, text.trim(), at, text, List.of()));
                }
            }
            if (!candidates.isEmpty()) {
                var first = candidates.get(0);
                entities.add(new Linked.Entity(first.label(), first.property(), first.value(), at, text, candidates));
                mark(used, masked, at, end, "NAME");
            }
        }
    }

    private void numbers(Tokens tokens, boolean[] used, List<Linked.Number> numbers, String[] masked) {
        for (int i = 0; i < tokens.size(); i++) {
            if (used[i]) continue;
            String w = tokens.word(i);
            Double value = parseNumber(w);
            if (value == null && i + 1 < tokens.size() && w.matches("\\d+(\\.\\d+)?") && Set.of("k", "thousand").contains(tokens.word(i + 1))) {
                value = Double.parseDouble(w) * 1000;
                used[i + 1] = true;
            }
            if (value == null && i + 1 < tokens.size() && w.matches("\\d+(\\.\\d+)?") && Set.of("m", "million", "mn").contains(tokens.word(i + 1))) {
                value = Double.parseDouble(w) * 1_000_000;
                used[i + 1] = true;
            }
            if (value == null) continue;
            String comparator = null;
            for (int len = 3; len >= 1 && comparator == null; len--) {
                int from = i - len;
                if (from < 0) continue;
                comparator = COMPARATORS.get(tokens.words(from, i));
                if (comparator != null) for (int k = from; k < i; k++) used[k] = true;
            }
            String after = tokens.words(Math.min(i + 1, tokens.size()), Math.min(i + 3, tokens.size()));
            if (after.matches("(or|and) (more|later|after|above|over|newer|onwards)") || after.startsWith("onwards")) comparator = ">=";
            if (after.matches("(or|and) (less|earlier|before|below|under|older)")) comparator = "<=";
            boolean year = value >= 1900 && value <= 2100 && value == Math.rint(value) && w.matches("\\d{4}");
            numbers.add(new Linked.Number(value, i, tokens.list().get(i).original(), comparator, year));
            mark(used, masked, i, i + 1, year ? "YEAR" : "NUMBER");
        }
    }

    static Double parseNumber(String w) {
        if (NUMBER_WORDS.containsKey(w)) return NUMBER_WORDS.get(w);
        String s = w.replace(",", "").replace("_", "");
        try {
            if (s.matches("\\d+(\\.\\d+)?k")) return Double.parseDouble(s.substring(0, s.length() - 1)) * 1_000;
            if (s.matches("\\d+(\\.\\d+)?(m|mn)")) return Double.parseDouble(s.replaceAll("mn?$", "")) * 1_000_000;
            if (s.matches("\\d+(\\.\\d+)?|\\.\\d+")) return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private List<Linked.Value> storedValues(String words) {
        var found = values.get(words);
        if (found == null && words.endsWith("s")) found = values.get(words.substring(0, words.length() - 1));
        return found == null ? List.of() : found;
    }

    private static Linked.Entity entity(List<NamedEntity> named, int at, String text) {
        var candidates = named.stream().map(e -> new Linked.Entity(e.label(), e.property(), e.value(), at, text, List.of())).toList();
        var first = candidates.get(0);
        return new Linked.Entity(first.label(), first.property(), first.value(), at, text, candidates.size() > 1 ? candidates : List.of());
    }

    /** Organisation names are also known without their legal form ({@code Orion Construction} for {@code Orion Construction ApS}). */
    private static Map<String, List<NamedEntity>> withShortNames(Map<String, List<NamedEntity>> names) {
        var out = new HashMap<>(names);
        var shortCounts = new HashMap<String, List<NamedEntity>>();
        for (var e : names.entrySet()) {
            for (var entity : e.getValue()) {
                if (!entity.label().equals("Organization")) continue;
                String[] words = e.getKey().split(" ");
                if (words.length < 3) continue;
                String shortName = String.join(" ", java.util.Arrays.copyOf(words, words.length - 1));
                shortCounts.computeIfAbsent(shortName, k -> new ArrayList<>()).add(entity);
            }
        }
        shortCounts.forEach((k, v) -> {
            if (v.size() == 1 && !out.containsKey(k)) out.put(k, v);
        });
        return out;
    }

    private static int tokenAt(Tokens tokens, int offset) {
        for (int i = 0; i < tokens.size(); i++) if (tokens.list().get(i).end() > offset) return i;
        return -1;
    }

    private static int tokenEnd(Tokens tokens, int offset) {
        int end = 0;
        for (int i = 0; i < tokens.size(); i++) if (tokens.list().get(i).start() < offset) end = i + 1;
        return end;
    }

    private static boolean anyUsed(boolean[] used, int from, int to) {
        for (int i = from; i < to; i++) if (used[i]) return true;
        return false;
    }

    private static void markOnly(boolean[] used, int from, int to) {
        for (int i = from; i < to; i++) used[i] = true;
    }

    private static void mark(boolean[] used, String[] masked, int from, int to, String mask) {
        for (int i = from; i < to; i++) {
            used[i] = true;
            masked[i] = i == from ? mask : "";
        }
    }
}
