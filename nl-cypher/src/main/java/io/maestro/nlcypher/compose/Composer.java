package io.maestro.nlcypher.compose;

import io.maestro.nlcypher.compose.SchemaPaths.Hop;
import io.maestro.nlcypher.intent.Intent;
import io.maestro.nlcypher.link.Lexicon;
import io.maestro.nlcypher.link.Linked;
import io.maestro.nlcypher.schema.GraphSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.neo4j.cypherdsl.core.Condition;
import org.neo4j.cypherdsl.core.Cypher;
import org.neo4j.cypherdsl.core.Expression;
import org.neo4j.cypherdsl.core.Node;
import org.neo4j.cypherdsl.core.PatternElement;
import org.neo4j.cypherdsl.core.RelationshipPattern;
import org.neo4j.cypherdsl.core.Statement;

/**
 * Composes Cypher for an intent from a linked question, with the Cypher-DSL builder: labels,
 * types and property names come from the schema, every value from the question is a parameter.
 * An intent whose slots the question does not fill composes nothing.
 */
public final class Composer {
    private final GraphSchema schema;
    private final Lexicon lexicon;
    private final Slots slots;

    /** Words that ask "who" without saying what kind of party: the answer may be a person or an organisation. */
    static final Set<String> GENERIC_WORDS = Set.of("who", "whom", "owner", "owners", "holder", "holders", "party", "parties",
            "sender", "senders", "recipient", "recipients", "user", "users");

    public Composer(GraphSchema schema, Lexicon lexicon) {
        this.schema = schema;
        this.lexicon = lexicon;
        this.slots = new Slots(schema);
    }

    public Optional<Composed> compose(Intent intent, Linked q) {
        var b = new Build(q);
        return switch (intent) {
            case COUNT -> listOrCount(b, true);
            case LIST -> listOrCount(b, false);
            case TOP -> top(b);
            case AGGREGATE -> aggregate(b);
            case GROUP_COUNT -> group(b, false);
            case GROUP_AGGREGATE -> group(b, true);
            case LOOKUP -> lookup(b);
            case NEIGHBOURS -> neighbours(b, Mode.LIST);
            case COUNT_NEIGHBOURS -> neighbours(b, Mode.COUNT);
            case NEIGHBOUR_AGGREGATE -> neighbours(b, Mode.AGGREGATE);
            case DEGREE -> degree(b);
            case FRIENDS_OF_FRIENDS -> friendsOfFriends(b);
            case MONEY_FLOW -> moneyFlow(b);
            case COLLEAGUES -> colleagues(b);
            case SHARED -> shared(b);
            case CYCLES -> cycles(b);
            case MISSING -> missing(b);
            case PATH -> path(b);
        };
    }

    private enum Mode { LIST, COUNT, AGGREGATE }

    // ---- intents -------------------------------------------------------------------------------

    private Optional<Composed> listOrCount(Build b, boolean count) {
        if (!b.q.entities().isEmpty()) b.penalty(0.3);
        var target = slots.target(b.q, Set.of());
        if (target.isEmpty()) return Optional.empty();
        if (count && !b.q.has("count")) b.penalty(0.3);
        if (b.q.has("group") && groupable(b.q, target.get())) b.penalty(0.35);
        if (!count && ranks(b.q, target.get())) b.penalty(0.3);
        if (!count && b.q.has("count")) b.penalty(0.3);
        Node n = b.node(target.get(), "n");
        var extra = new ArrayList<String>();
        Condition where = b.filters(target.get(), n, extra);
        if (!count && where == Cypher.noCondition() && b.patterns.size() == 1) b.penalty(0.15);
        if (count) {
            if (asksForEntities(b.q) && !b.q.has("count")) b.penalty(0.25);
            Expression c = b.patterns.size() > 1 ? Cypher.countDistinct(n) : Cypher.count(n);
            return b.done(Cypher.match(b.patterns).where(where).returning(c.as("count")).build(),
                    "counts " + target.get() + " nodes" + b.filterText());
        }
        var returns = b.display(target.get(), n, extra);
        var stmt = b.patterns.size() > 1
                ? Cypher.match(b.patterns).where(where).returningDistinct(returns).build()
                : Cypher.match(b.patterns).where(where).returning(returns).build();
        return b.done(stmt, "lists " + target.get() + " nodes" + b.filterText());
    }

    private Optional<Composed> top(Build b) {
        if (!b.q.entities().isEmpty()) b.penalty(0.3);
        var target = slots.target(b.q, Set.of());
        if (target.isEmpty()) return Optional.empty();
        if (!b.q.has("desc") && !b.q.has("asc") && b.q.numbers().stream().noneMatch(n -> n.comparator() == null && !n.year())) {
            b.penalty(Slots.thresholds(b.q).isEmpty() ? 0.3 : 0.45);
        }
        if (b.q.has("count")) b.penalty(0.2);
        var measure = slots.measure(b.q, target.get(), true);
        if (measure.isEmpty()) return Optional.empty();
        if (slots.measure(b.q, target.get(), false).isEmpty()) b.penalty(0.1);
        Node n = b.node(target.get(), "n");
        var extra = new ArrayList<String>(List.of(measure.get()));
        Condition where = b.filters(target.get(), n, extra).and(n.property(measure.get()).isNotNull());
        boolean desc = Slots.descending(b.q, measure.get());
        var sort = desc ? n.property(measure.get()).descending() : n.property(measure.get()).ascending();
        long limit = Slots.limit(b.q);
        return b.done(Cypher.match(b.patterns).where(where).returning(b.display(target.get(), n, extra)).orderBy(sort).limit(limit).build(),
                "the " + limit + " " + target.get() + " nodes with the " + (desc ? "highest " : "lowest ") + measure.get() + b.filterText());
    }

    private Optional<Composed> aggregate(Build b) {
        if (!b.q.entities().isEmpty()) b.penalty(0.3);
        if (asksForEntities(b.q)) b.penalty(0.25);
        if (!b.q.has("sum") && !b.q.has("avg") && !b.q.question().toLowerCase(java.util.Locale.ROOT).matches(".*\\b(max|maximum|min|minimum|highest|lowest|largest|smallest|biggest|much)\\b.*")) b.penalty(0.3);
        var target = slots.target(b.q, Set.of());
        if (target.isEmpty()) return Optional.empty();
        var measure = slots.numeric(b.q, target.get(), true);
        if (measure.isEmpty()) return Optional.empty();
        Node n = b.node(target.get(), "n");
        Condition where = b.filters(target.get(), n, new ArrayList<>());
        String fn = b.aggregateName();
        return b.done(Cypher.match(b.patterns).where(where).returning(b.aggregate(fn, n.property(measure.get())).as(fn)).build(),
                "the " + fn + " of " + target.get() + "." + measure.get() + b.filterText());
    }

    private Optional<Composed> group(Build b, boolean withMeasure) {
        if (!b.q.entities().isEmpty()) b.penalty(0.3);
        if (!b.q.has("group")) b.penalty(0.3);
        var target = slots.target(b.q, Set.of());
        if (target.isEmpty()) return Optional.empty();
        Optional<String> measure = withMeasure ? slots.numeric(b.q, target.get(), false) : Optional.empty();
        if (withMeasure && measure.isEmpty()) return Optional.empty();
        Node n = b.node(target.get(), "n");
        Expression key;
        String keyName;
        var grouping = slots.groupProperty(b.q, target.get(), measure.orElse(null));
        if (grouping.isPresent()) {
            key = n.property(grouping.get());
            keyName = grouping.get();
        } else {
            // grouped by a property of a neighbour: "employees per sector"
            var other = groupOnNeighbour(b, target.get());
            if (other.isEmpty()) return Optional.empty();
            Node m = b.node(other.get().label(), "g");
            b.patterns.set(0, b.hopPattern(n, m, other.get().hop()));
            key = m.property(other.get().property());
            keyName = other.get().property();
        }
        Condition where = b.filters(target.get(), n, new ArrayList<>());
        Expression value = measure.isPresent() ? b.aggregate(b.aggregateName(), n.property(measure.get())) : Cypher.count(n);
        String valueName = measure.isPresent() ? b.aggregateName() : "count";
        var stmt = Cypher.match(b.patterns).where(where).returning(key.as(keyName), value.as(valueName))
                .orderBy(Cypher.name(valueName).descending()).build();
        return b.done(stmt, (measure.isPresent() ? b.aggregateName() + " of " + measure.get() : "count of " + target.get()) + " per " + keyName + b.filterText());
    }

    private record NeighbourProperty(String label, String property, Hop hop) { }

    private Optional<NeighbourProperty> groupOnNeighbour(Build b, String label) {
        for (var p : b.q.properties()) {
            for (Hop hop : SchemaPaths.hopsFrom(schema, label)) {
                if (schema.property(hop.toLabel(), p.property()).isPresent() && !hop.toLabel().equals(label)) {
                    return Optional.of(new NeighbourProperty(hop.toLabel(), p.property(), hop));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Composed> lookup(Build b) {
        if (b.q.entities().size() != 1) return Optional.empty();
        var e = b.entity(0);
        String property = null;
        for (var p : b.q.properties()) {
            if (schema.property(e.label(), p.property()).isPresent() && !p.property().equals(e.property())) {
                property = p.property();
                break;
            }
        }
        if (property == null) return Optional.empty();
        Node n = b.entityNode(e, "n");
        return b.done(Cypher.match(n).returning(n.property(property).as(property)).build(),
                "the " + property + " of " + e.label() + " " + e.value());
    }

    private Optional<Composed> neighbours(Build b, Mode mode) {
        if (b.q.entities().isEmpty()) return Optional.empty();
        if (b.q.entities().size() > 1) b.penalty(0.25);
        var e = b.entity(0);
        var route = route(b, e, mode == Mode.AGGREGATE);
        if (route.isEmpty()) return Optional.empty();
        Hop last = route.get().get(route.get().size() - 1);
        String target = last.toLabel();
        Node start = b.entityNode(e, "e");
        boolean anyParty = mode == Mode.LIST && genericEnd(b.q, last);
        Node t = anyParty ? Cypher.anyNode("t") : b.node(target, "t");
        b.patterns.set(0, b.chain(start, t, route.get()));
        var extra = new ArrayList<String>();
        Condition where = b.filters(target, t, extra);
        if (target.equals(e.label())) where = where.and(t.isNotEqualTo(start));
        String via = route.get().stream().map(h -> h.rel().type()).reduce((x, y) -> x + ", " + y).orElse("");
        var shown = anyParty ? List.<Expression>of(t.property("name").as("name")) : b.display(target, t, extra);
        return switch (mode) {
            case LIST -> b.done(Cypher.match(b.patterns).where(where).returningDistinct(shown).build(),
                    target + " linked to " + e.label() + " " + e.value() + " through " + via + b.filterText());
            case COUNT -> b.penalised(!b.q.has("count"), 0.3).done(Cypher.match(b.patterns).where(where).returning(Cypher.countDistinct(t).as("count")).build(),
                    "how many " + target + " are linked to " + e.label() + " " + e.value() + " through " + via + b.filterText());
            case AGGREGATE -> {
                var measure = slots.numeric(b.q, target, true);
                if (measure.isEmpty()) yield Optional.empty();
                String fn = b.aggregateName();
                if (!b.q.has("sum") && !b.q.has("avg") && !b.q.question().toLowerCase(java.util.Locale.ROOT)
                        .matches(".*\\b(max|maximum|min|minimum|highest|lowest|largest|smallest|biggest|much)\\b.*")) b.penalty(0.3);
                yield b.done(Cypher.match(b.patterns).where(where).returning(b.aggregate(fn, t.property(measure.get())).as(fn)).build(),
                        "the " + fn + " of " + target + "." + measure.get() + " linked to " + e.value() + " through " + via);
            }
        };
    }

    /** The best one- or two-hop walk from the entity's label to the label asked about, chosen by the words used. */
    private Optional<List<Hop>> route(Build b, Linked.Entity e, boolean byProperty) {
        var candidates = new ArrayList<String>();
        for (var l : b.q.labels()) {
            boolean descriptor = l.label().equals(e.label()) && e.position() > l.position() && e.position() - l.position() == 1;
            if (l.position() != e.position() && !descriptor && !candidates.contains(l.label())) candidates.add(l.label());
        }
        for (var v : b.q.values()) if (!v.label().equals(e.label()) && !candidates.contains(v.label())) candidates.add(v.label());
        if (byProperty) {
            for (var p : b.q.properties()) {
                for (var l : schema.labels().values()) {
                    var info = l.properties().get(p.property());
                    if (info != null && info.kind().numeric() && !l.name().equals(e.label()) && !candidates.contains(l.name())) candidates.add(0, l.name());
                }
            }
        }
        for (var r : b.q.rels()) {
            for (var shape : schema.ofType(r.type())) {
                String other = shape.from().equals(e.label()) ? shape.to() : shape.to().equals(e.label()) ? shape.from() : null;
                if (other != null && !candidates.contains(other)) candidates.add(other);
            }
        }
        var mentioned = new java.util.HashSet<String>();
        for (var r : b.q.rels()) mentioned.add(r.type());
        List<Hop> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int rank = 0; rank < candidates.size(); rank++) {
            for (var path : SchemaPaths.between(schema, e.label(), candidates.get(rank), 2)) {
                double score = -rank * 0.5 - (path.size() - 1) * 1.5;
                var types = new java.util.HashSet<String>();
                for (Hop h : path) types.add(h.rel().type());
                for (String t : types) if (mentioned.contains(t)) score += 2;
                if (path.size() > 1 && b.q.labels().stream().anyMatch(l -> l.label().equals(path.get(0).toLabel()))) score += 1.5;
                // the walk ends at a label the question names for its answer ("which accounts did ACC-1 pay")
                String end = path.get(path.size() - 1).toLabel();
                if (b.q.labels().stream().anyMatch(l -> l.label().equals(end) && l.position() != e.position()
                        && !(e.position() > l.position() && e.position() - l.position() == 1) && !GENERIC_WORDS.contains(l.word()))) score += 1.5;
                var oriented = orient(b, e, path);
                if (score > bestScore) {
                    bestScore = score;
                    best = oriented;
                }
            }
        }
        if (best == null) return Optional.empty();
        if (bestScore < -1) b.penalty(0.2);
        return Optional.of(best);
    }

    /** "who owns X" asks for any owner when the relationship starts at several labels. */
    private boolean genericEnd(Linked q, Hop last) {
        boolean generic = q.labels().stream().noneMatch(l -> l.label().equals(last.toLabel()) && !GENERIC_WORDS.contains(l.word()));
        if (!generic) return false;
        var ends = new java.util.HashSet<String>();
        for (var r : schema.ofType(last.rel().type())) {
            String fixed = last.forward() ? r.from() : r.to();
            if (fixed.equals(last.fromLabel())) ends.add(last.forward() ? r.to() : r.from());
        }
        return ends.size() > 1 && ends.stream().allMatch(l -> schema.property(l, "name").isPresent());
    }

    /** A relationship between nodes of one label (KNOWS, SUBSIDIARY_OF) goes the way the words say. */
    private List<Hop> orient(Build b, Linked.Entity e, List<Hop> path) {
        var out = new ArrayList<Hop>();
        for (Hop h : path) {
            if (!h.rel().from().equals(h.rel().to())) {
                out.add(h);
                continue;
            }
            Boolean forward = null;
            for (var r : b.q.rels()) {
                if (!r.type().equals(h.rel().type())) continue;
                if (lexicon.outWords(r.type()).contains(r.word())) forward = true;
                else if (lexicon.inWords(r.type()).contains(r.word())) forward = false;
                else {
                    boolean passive = b.q.question().toLowerCase(java.util.Locale.ROOT).matches(".*\\b" + java.util.regex.Pattern.quote(r.word()) + " by\\b.*");
                    boolean before = r.position() < e.position();
                    forward = passive == before;
                }
                break;
            }
            out.add(new Hop(h.rel(), forward == null ? h.forward() : forward));
        }
        return out;
    }

    private Optional<Composed> degree(Build b) {
        if (!b.q.entities().isEmpty()) b.penalty(0.3);
        var subject = slots.target(b.q, Set.of());
        if (subject.isEmpty()) return Optional.empty();
        var found = hopOf(b, subject.get());
        if (found.isEmpty()) return Optional.empty();
        Hop hop = found.get();
        if (slots.measure(b.q, subject.get(), false).isPresent()) b.penalty(0.3);
        Node s = b.node(subject.get(), "n");
        Node o = b.node(hop.toLabel(), "o");
        b.patterns.set(0, b.hopPattern(s, o, hop));
        long limit = Slots.limit(b.q);
        var returns = new ArrayList<Expression>(b.display(subject.get(), s, List.of()));
        returns.add(Cypher.countDistinct(o).as("count"));
        return b.done(Cypher.match(b.patterns).returning(returns).orderBy(Cypher.name("count").descending()).limit(limit).build(),
                "the " + limit + " " + subject.get() + " nodes with the most " + hop.rel().type() + " links");
    }

    /** "Which …" and "who …" ask for entities, not a number. */
    private static boolean asksForEntities(Linked q) {
        return q.question().toLowerCase(java.util.Locale.ROOT).matches("^(which|who|whose|list|show)\\b.*");
    }

    /** "top 3 … by amount": a ranking word with a size or a sortable property. */
    private boolean ranks(Linked q, String label) {
        if (!q.has("desc") && !q.has("asc")) return false;
        return q.numbers().stream().anyMatch(n -> n.comparator() == null && !n.year()) || slots.measure(q, label, false).isPresent();
    }

    /** A property of the label is named without a value ("by nationality"): the question groups. */
    private boolean groupable(Linked q, String label) {
        for (var p : q.properties()) {
            var info = schema.property(label, p.property());
            if (info.isEmpty()) continue;
            boolean valued = q.values().stream().anyMatch(v -> v.label().equals(label) && v.property().equals(p.property()));
            if (!valued && !info.get().kind().numeric()) return true;
        }
        return false;
    }

    /**
     * The one hop from {@code label} the question is about: a relationship it names, else one to
     * another label it names; oriented by the phrasing when both ends share the label.
     */
    private Optional<Hop> hopOf(Build b, String label) {
        Hop hop = null;
        for (var r : b.q.rels()) {
            for (Hop h : SchemaPaths.hopsFrom(schema, label)) {
                if (h.rel().type().equals(r.type())) {
                    hop = h;
                    break;
                }
            }
            if (hop != null) break;
        }
        if (hop == null) {
            for (var l : b.q.labels()) {
                if (l.label().equals(label)) continue;
                var hops = SchemaPaths.between(schema, label, l.label(), 1);
                if (!hops.isEmpty()) {
                    hop = hops.get(0).get(0);
                    break;
                }
            }
        }
        if (hop == null) return Optional.empty();
        var subject = new Linked.Entity(label, "id", "", firstPosition(b.q, label), "", List.of());
        return Optional.of(orient(b, subject, List.of(hop)).get(0));
    }

    private static int firstPosition(Linked q, String label) {
        return q.labels().stream().filter(l -> l.label().equals(label)).mapToInt(Linked.Label::position).findFirst().orElse(0);
    }

    private Optional<Composed> friendsOfFriends(Build b) {
        if (!b.q.has("fof")) return Optional.empty();
        var e = b.firstEntity("Person");
        if (e == null || schema.ofType("KNOWS").isEmpty()) return Optional.empty();
        Node p = b.entityNode(e, "e");
        Node m = b.node("Person", "m");
        Node f = b.node("Person", "f");
        b.patterns.set(0, p.relationshipTo(m, "KNOWS").relationshipTo(f, "KNOWS"));
        return b.done(Cypher.match(b.patterns).where(f.isNotEqualTo(p)).returningDistinct(b.display("Person", f, List.of())).build(),
                "people known by the people " + e.value() + " knows");
    }

    private Optional<Composed> moneyFlow(Build b) {
        if (b.q.entities().isEmpty() || schema.ofType("SENT").isEmpty() || schema.ofType("RECEIVED_BY").isEmpty()) return Optional.empty();
        var e = b.entity(0);
        boolean owner = schema.relationships().stream().anyMatch(r -> r.type().equals("OWNS") && r.from().equals(e.label()) && r.to().equals("Account"));
        if (!owner && !e.label().equals("Account")) return Optional.empty();
        if (b.q.labels().stream().anyMatch(l -> l.label().equals("Transaction"))) b.penalty(0.3);
        boolean outgoing = outgoing(b.q, e);
        Node start = b.entityNode(e, "e");
        Node tx = b.node("Transaction", "tx");
        Node mine = e.label().equals("Account") ? start : b.node("Account", "a");
        Node theirs = b.node("Account", "b");
        RelationshipPattern chain = outgoing
                ? mine.relationshipTo(tx, "SENT").relationshipTo(theirs, "RECEIVED_BY")
                : mine.relationshipFrom(tx, "RECEIVED_BY").relationshipFrom(theirs, "SENT");
        if (!e.label().equals("Account")) chain = start.relationshipTo(mine, "OWNS").relationshipTo(tx, outgoing ? "SENT" : "RECEIVED_BY");
        if (e.label().equals("Account")) {
            b.patterns.set(0, chain);
            return b.done(Cypher.match(b.patterns).returningDistinct(b.display("Account", theirs, List.of())).build(),
                    "accounts " + (outgoing ? "paid by " : "paying ") + e.value());
        }
        var other = b.q.labels().stream().filter(l -> !GENERIC_WORDS.contains(l.word())).map(Linked.Label::label)
                .filter(l -> l.equals("Person") || l.equals("Organization")).findFirst();
        Node party = other.isPresent() ? b.node(other.get(), "o") : Cypher.anyNode("o");
        var full = outgoing
                ? start.relationshipTo(mine, "OWNS").relationshipTo(tx, "SENT").relationshipTo(theirs, "RECEIVED_BY").relationshipFrom(party, "OWNS")
                : start.relationshipTo(mine, "OWNS").relationshipFrom(tx, "RECEIVED_BY").relationshipFrom(theirs, "SENT").relationshipFrom(party, "OWNS");
        b.patterns.set(0, full);
        String label = other.orElse("Person");
        return b.done(Cypher.match(b.patterns).where(party.isNotEqualTo(start)).returningDistinct(b.display(label, party, List.of())).build(),
                (outgoing ? "who received money from " : "who sent money to ") + e.value());
    }

    /** "who did X pay", "money from X" read outwards; "who paid X", "money to X" inwards. */
    private static boolean outgoing(Linked q, Linked.Entity e) {
        String text = q.question().toLowerCase(java.util.Locale.ROOT);
        int at = text.indexOf(e.text().toLowerCase(java.util.Locale.ROOT));
        String before = at > 0 ? text.substring(0, at).trim() : "";
        String after = at >= 0 ? text.substring(at + e.text().length()) : text;
        if (before.endsWith(" from") || before.endsWith(" by")) return true;
        if (before.endsWith(" to")) return false;
        if (after.matches(".*\\b(receive|received|get|got|was paid|been paid)\\b.*")) return false;
        if (after.matches(".*\\b(send|sent|pay|paid|transfer|transferred|wire|wired|give|gave)\\b.*")) return true;
        return !before.matches(".*\\b(paid|pay|pays|sent|send|transferred|wired|funded)\\b.*");
    }

    private Optional<Composed> colleagues(Build b) {
        if (!b.q.has("colleague")) return Optional.empty();
        var e = b.firstEntity("Person");
        if (e == null || schema.ofType("WORKS_FOR").isEmpty()) return Optional.empty();
        Node p = b.entityNode(e, "e");
        Node o = b.node("Organization", "o");
        Node c = b.node("Person", "c");
        b.patterns.set(0, p.relationshipTo(o, "WORKS_FOR").relationshipFrom(c, "WORKS_FOR"));
        return b.done(Cypher.match(b.patterns).where(c.isNotEqualTo(p)).returningDistinct(b.display("Person", c, List.of())).build(),
                "people with the same employer as " + e.value());
    }

    private Optional<Composed> shared(Build b) {
        if (!b.q.has("shared")) return Optional.empty();
        String thing = null;
        for (var l : b.q.labels()) if (!l.label().equals("Person")) { thing = l.label(); break; }
        if (thing == null) thing = schema.labels().containsKey("Device") ? "Device" : null;
        if (thing == null) return Optional.empty();
        var hops = SchemaPaths.between(schema, "Person", thing, 1);
        if (hops.isEmpty()) return Optional.empty();
        Node p = b.node("Person", "p");
        Node d = b.node(thing, "d");
        b.patterns.set(0, b.hopPattern(p, d, hops.get(0).get(0)));
        var returns = new ArrayList<Expression>(b.display(thing, d, List.of()));
        returns.add(Cypher.name("people"));
        var stmt = Cypher.match(b.patterns).with(d, Cypher.countDistinct(p).as("people")).where(Cypher.name("people").gt(Cypher.literalOf(1)))
                .returning(returns).orderBy(Cypher.name("people").descending()).build();
        return b.done(stmt, thing + " nodes linked to more than one person");
    }

    private Optional<Composed> cycles(Build b) {
        if (!b.q.has("cycle")) return Optional.empty();
        if (schema.ofType("SENT").isEmpty() || schema.ofType("RECEIVED_BY").isEmpty()) return Optional.empty();
        Node a = b.node("Account", "a");
        Node x = b.node("Account", "x");
        Node y = b.node("Account", "y");
        var cycle = a.relationshipTo(b.node("Transaction", "t1"), "SENT").relationshipTo(x, "RECEIVED_BY")
                .relationshipTo(b.node("Transaction", "t2"), "SENT").relationshipTo(y, "RECEIVED_BY")
                .relationshipTo(b.node("Transaction", "t3"), "SENT").relationshipTo(a, "RECEIVED_BY");
        b.patterns.set(0, cycle);
        var stmt = Cypher.match(b.patterns).where(a.isNotEqualTo(x).and(x.isNotEqualTo(y)).and(a.isNotEqualTo(y)))
                .returningDistinct(a.property("id").as("id")).build();
        b.penalty(0.1);
        return b.done(stmt, "accounts on a three-step money cycle");
    }

    private Optional<Composed> missing(Build b) {
        if (!b.q.has("negation")) return Optional.empty();
        var target = slots.target(b.q, Set.of());
        if (target.isEmpty()) return Optional.empty();
        var found = hopOf(b, target.get());
        if (found.isEmpty()) return Optional.empty();
        Hop hop = found.get();
        Node n = b.node(target.get(), "n");
        var other = Cypher.node(hop.toLabel());
        var pattern = hop.forward() ? n.relationshipTo(other, hop.rel().type()) : n.relationshipFrom(other, hop.rel().type());
        var extra = new ArrayList<String>();
        Condition where = b.filters(target.get(), n, extra).and(Cypher.exists(pattern).not());
        if (b.q.has("count")) {
            return b.done(Cypher.match(b.patterns).where(where).returning(Cypher.count(n).as("count")).build(),
                    "counts " + target.get() + " nodes with no " + hop.rel().type() + " link" + b.filterText());
        }
        return b.done(Cypher.match(b.patterns).where(where).returning(b.display(target.get(), n, extra)).build(),
                target.get() + " nodes with no " + hop.rel().type() + " link" + b.filterText());
    }

    private Optional<Composed> path(Build b) {
        if (b.q.entities().size() < 2) return Optional.empty();
        var e1 = b.entity(0);
        var e2 = b.entity(1);
        Node a = b.entityNode(e1, "a");
        Node c = b.entityNode(e2, "b");
        String type = e1.label().equals("Person") && e2.label().equals("Person") && !schema.ofType("KNOWS").isEmpty() ? "KNOWS" : null;
        if (b.q.has("yesno") && type != null && b.q.rels().stream().anyMatch(r -> r.type().equals("KNOWS")) && !b.q.has("path")) {
            var direct = a.relationshipTo(c, type);
            return b.done(Cypher.match(a).match(c).returning(Cypher.exists(direct).as("knows")).build(),
                    e1.value() + " knows " + e2.value() + " directly");
        }
        var rel = type == null ? a.relationshipBetween(c) : a.relationshipBetween(c, type);
        int hops = 6;
        for (var n : b.q.numbers()) if (n.comparator() == null || n.comparator().equals("<=") || n.comparator().equals("<")) {
            if (n.integral() && n.value() >= 1 && n.value() <= 6) hops = (int) n.value();
        }
        var p = Cypher.anyShortest().named("p").definedBy(rel.length(1, hops));
        b.patterns.set(0, p);
        if (b.q.has("yesno")) {
            return b.done(Cypher.match(b.patterns).returning(Cypher.count(p.getRequiredSymbolicName()).gt(Cypher.literalOf(0)).as("connected")).build(),
                    "whether " + e1.value() + " and " + e2.value() + " are connected within " + hops + " hops");
        }
        return b.done(Cypher.match(b.patterns).returning(Cypher.length(p).as("hops")).build(),
                "the hops on the shortest path (at most " + hops + ") between " + e1.value() + " and " + e2.value());
    }

    // ---- building ------------------------------------------------------------------------------

    /** One composition: its patterns, parameters and how well the slots were filled. */
    private final class Build {
        final Linked q;
        final List<PatternElement> patterns = new ArrayList<>();
        final Map<String, Object> parameters = new LinkedHashMap<>();
        final List<String> filterWords = new ArrayList<>();
        double fit = 1;

        Build(Linked q) {
            this.q = q;
            patterns.add(null);
        }

        void penalty(double p) {
            fit -= p;
        }

        Build penalised(boolean when, double p) {
            if (when) fit -= p;
            return this;
        }

        Node node(String label, String name) {
            Node n = Cypher.node(label).named(name);
            if (patterns.get(0) == null) patterns.set(0, n);
            return n;
        }

        Linked.Entity entity(int i) {
            var e = q.entities().get(i);
            if (!e.candidates().isEmpty()) penalty(0.15);
            return e;
        }

        Linked.Entity firstEntity(String label) {
            for (var e : q.entities()) {
                if (e.label().equals(label)) return e;
                for (var c : e.candidates()) if (c.label().equals(label)) return c;
            }
            return null;
        }

        Node entityNode(Linked.Entity e, String name) {
            Node n = Cypher.node(e.label()).named(name).withProperties(e.property(), param(e.property(), e.value()));
            if (patterns.get(0) == null) patterns.set(0, n);
            return n;
        }

        Expression param(String base, Object value) {
            String name = base;
            for (int i = 2; parameters.containsKey(name); i++) name = base + i;
            parameters.put(name, value);
            return Cypher.parameter(name, value);
        }

        /** Equality for stored values of the label, comparisons for numbers; values of other labels join through the schema. */
        Condition filters(String label, Node n, List<String> extra) {
            Condition where = Cypher.noCondition();
            var byProperty = new LinkedHashMap<String, List<Object>>();
            var elsewhere = new ArrayList<Linked.Value>();
            var positions = new java.util.HashSet<Integer>();
            for (var v : q.values()) if (v.label().equals(label)) positions.add(v.position());
            for (var v : q.values()) {
                if (v.label().equals(label)) {
                    var list = byProperty.computeIfAbsent(v.property(), k -> new ArrayList<>());
                    if (!list.contains(v.value())) list.add(v.value());
                } else if (!positions.contains(v.position())) {
                    elsewhere.add(v);
                }
            }
            for (var e : byProperty.entrySet()) {
                var values = e.getValue();
                where = where.and(values.size() == 1 ? n.property(e.getKey()).isEqualTo(param(e.getKey(), values.get(0)))
                        : n.property(e.getKey()).in(param(e.getKey(), values)));
                filterWords.add(e.getKey() + " " + values);
            }
            where = where.and(thresholds(label, n, extra));
            var byPosition = new LinkedHashMap<Integer, List<Linked.Value>>();
            for (var v : elsewhere) byPosition.computeIfAbsent(v.position(), k -> new ArrayList<>()).add(v);
            for (var places : byPosition.values()) {
                Linked.Value chosen = null;
                List<Hop> best = null;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (var v : places) {
                    for (var r : SchemaPaths.between(schema, label, v.label(), 2)) {
                        double sc = -r.size();
                        var types = new java.util.HashSet<String>();
                        for (Hop h : r) types.add(h.rel().type());
                        for (String t : types) if (q.rels().stream().anyMatch(x -> x.type().equals(t))) sc += 2;
                        for (Hop h : r) if (q.labels().stream().anyMatch(x -> x.label().equals(h.toLabel()))) sc += 1;
                        if (sc > bestScore) {
                            bestScore = sc;
                            best = r;
                            chosen = v;
                        }
                    }
                }
                if (chosen == null) {
                    penalty(0.2);
                    continue;
                }
                Node m = Cypher.node(chosen.label()).named("j" + patterns.size());
                patterns.add(chain(n, m, best));
                where = where.and(m.property(chosen.property()).isEqualTo(param(chosen.property(), chosen.value())));
                filterWords.add(chosen.label() + "." + chosen.property() + " = " + chosen.value());
            }
            return where;
        }

        private Condition thresholds(String label, Node n, List<String> extra) {
            Condition where = Cypher.noCondition();
            for (var num : Slots.thresholds(q)) {
                String property = null;
                for (var p : q.properties()) {
                    var info = schema.property(label, p.property());
                    if (info.isPresent() && Slots.sortable(info.get()) && (!num.year() || Slots.dateLike(p.property()))) {
                        property = p.property();
                        break;
                    }
                }
                if (property == null) property = num.year() ? firstExisting(label, "born", "registeredAt", "openedAt", "at")
                        : firstExisting(label, "amount", "balance", "riskScore");
                if (property == null) {
                    penalty(0.3);
                    continue;
                }
                String op = num.comparator() == null ? "=" : num.comparator();
                boolean text = schema.property(label, property).map(p -> !p.kind().numeric()).orElse(false);
                var prop = n.property(property);
                Condition c;
                if (text && num.year()) {
                    int y = (int) num.value();
                    c = switch (op) {
                        case ">" -> prop.gte(param(property, String.valueOf(y + 1)));
                        case ">=" -> prop.gte(param(property, String.valueOf(y)));
                        case "<" -> prop.lt(param(property, String.valueOf(y)));
                        case "<=" -> prop.lt(param(property, String.valueOf(y + 1)));
                        default -> prop.startsWith(param(property, String.valueOf(y)));
                    };
                } else {
                    Object value = num.integral() ? (Object) (long) num.value() : (Object) num.value();
                    var pv = param(property, value);
                    c = switch (op) {
                        case ">" -> prop.gt(pv);
                        case ">=" -> prop.gte(pv);
                        case "<" -> prop.lt(pv);
                        case "<=" -> prop.lte(pv);
                        default -> prop.isEqualTo(pv);
                    };
                }
                where = where.and(c);
                if (!extra.contains(property)) extra.add(property);
                filterWords.add(property + " " + op + " " + num.text());
            }
            return where;
        }

        private String firstExisting(String label, String... properties) {
            for (String p : properties) if (schema.property(label, p).isPresent()) return p;
            return null;
        }

        String filterText() {
            return filterWords.isEmpty() ? "" : " where " + String.join(" and ", filterWords);
        }

        List<Expression> display(String label, Node n, List<String> extra) {
            var info = schema.labels().get(label);
            var out = new ArrayList<Expression>();
            var seen = new java.util.LinkedHashSet<String>();
            seen.add(info.display());
            if (info.display().equals("id") && info.properties().containsKey("title")) seen.add("title");
            seen.addAll(extra);
            for (String p : seen) out.add(n.property(p).as(p));
            return out;
        }

        RelationshipPattern hopPattern(Node from, Node to, Hop hop) {
            return hop.forward() ? from.relationshipTo(to, hop.rel().type()) : from.relationshipFrom(to, hop.rel().type());
        }

        PatternElement chain(Node from, Node to, List<Hop> hops) {
            if (hops.size() == 1) return hopPattern(from, to, hops.get(0));
            Node middle = Cypher.node(hops.get(0).toLabel()).named("m" + patterns.size());
            var first = hopPattern(from, middle, hops.get(0));
            Hop second = hops.get(1);
            return second.forward() ? first.relationshipTo(to, second.rel().type()) : first.relationshipFrom(to, second.rel().type());
        }

        String aggregateName() {
            String text = q.question().toLowerCase(java.util.Locale.ROOT);
            if (q.has("avg")) return "average";
            if (text.matches(".*\\b(max|maximum|highest|largest|biggest)\\b.*") && !q.has("sum")) return "maximum";
            if (text.matches(".*\\b(min|minimum|lowest|smallest)\\b.*") && !q.has("sum")) return "minimum";
            return "total";
        }

        Expression aggregate(String name, Expression e) {
            return switch (name) {
                case "average" -> Cypher.avg(e);
                case "maximum" -> Cypher.max(e);
                case "minimum" -> Cypher.min(e);
                default -> Cypher.sum(e);
            };
        }

        Optional<Composed> done(Statement statement, String explanation) {
            double coverage = q.coverage();
            double f = Math.max(0, Math.min(1, fit)) * (0.2 + 0.8 * coverage);
            return Optional.of(new Composed(statement.getCypher(), new LinkedHashMap<>(statement.getCatalog().getParameters()), explanation, f));
        }
    }
}
