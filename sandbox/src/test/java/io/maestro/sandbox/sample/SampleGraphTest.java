package io.maestro.sandbox.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maestro.sandbox.EmbeddedNeo4j;
import io.maestro.sandbox.Neo4jConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;

/** Loads the sample graph into real embedded Neo4j stores over Bolt and asks it questions. */
class SampleGraphTest {
    private static final long SEED = 42;
    private static final Set<String> LABELS = Set.of("Person", "Organization", "Account", "Transaction", "Device", "Location", "Event", "Document");
    /** Every (start label, type, end label) the schema in docs/sample-graph.md promises. */
    private static final Set<List<String>> SCHEMA = Set.of(
            List.of("Person", "WORKS_FOR", "Organization"),
            List.of("Person", "OWNS", "Account"),
            List.of("Organization", "OWNS", "Account"),
            List.of("Account", "SENT", "Transaction"),
            List.of("Transaction", "RECEIVED_BY", "Account"),
            List.of("Person", "USES", "Device"),
            List.of("Device", "SEEN_AT", "Location"),
            List.of("Person", "KNOWS", "Person"),
            List.of("Person", "INVOLVED_IN", "Event"),
            List.of("Organization", "INVOLVED_IN", "Event"),
            List.of("Event", "AT", "Location"),
            List.of("Document", "MENTIONS", "Person"),
            List.of("Document", "MENTIONS", "Organization"),
            List.of("Document", "MENTIONS", "Account"),
            List.of("Organization", "SUBSIDIARY_OF", "Organization"),
            List.of("Organization", "LOCATED_IN", "Location"));

    @TempDir
    static Path dir;
    /** Holds the TINY graph with {@link #SEED} for the whole class. */
    private static EmbeddedNeo4j first;
    private static Driver firstDriver;
    /** Emptied and reloaded by each test that uses it. */
    private static EmbeddedNeo4j second;
    private static Driver secondDriver;
    private static LoadReport tiny;

    @BeforeAll
    static void loadTinyGraph() {
        var starting = CompletableFuture.supplyAsync(() -> EmbeddedNeo4j.start(dir.resolve("second")));
        first = EmbeddedNeo4j.start(dir.resolve("first"));
        firstDriver = driver(first.connection());
        tiny = SampleGraph.load(firstDriver, "neo4j", Size.TINY, SEED);
        second = starting.join();
        secondDriver = driver(second.connection());
    }

    @AfterAll
    static void stop() {
        if (firstDriver != null) firstDriver.close();
        if (secondDriver != null) secondDriver.close();
        if (first != null) first.close();
        if (second != null) second.close();
    }

    @Test
    void tinyGraphHasEveryLabelAndRelationshipTypeInTheReportedNumbers() {
        assertThat(tiny.nodes()).isBetween(300L, 500L);
        assertThat(tiny.nodesByLabel().keySet()).containsExactlyInAnyOrderElementsOf(LABELS);
        assertThat(tiny.nodesByLabel().values()).allMatch(n -> n > 0);
        assertThat(tiny.relationshipsByType().keySet()).containsExactlyInAnyOrderElementsOf(SCHEMA.stream().map(t -> t.get(1)).distinct().toList());
        assertThat(tiny.relationshipsByType().values()).allMatch(n -> n > 0);
        try (Session session = firstDriver.session()) {
            assertThat(counts(session, "MATCH (n) UNWIND labels(n) AS key RETURN key, count(*) AS n")).isEqualTo(tiny.nodesByLabel());
            assertThat(counts(session, "MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n")).isEqualTo(tiny.relationshipsByType());
            assertThat(session.run("MATCH (a)-[r]->(b) RETURN DISTINCT labels(a) + type(r) + labels(b) AS shape").list(r -> r.get("shape").asList(Values.ofString())))
                    .containsExactlyInAnyOrderElementsOf(SCHEMA);
        }
        assertThat(tiny.took()).isPositive();
    }

    @Test
    void everyNodeHasAUniqueIdGuardedByAConstraint() {
        try (Session session = firstDriver.session()) {
            List<Record> constraints = session.run("SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties RETURN *").list();
            assertThat(constraints)
                    .filteredOn(c -> c.get("type").asString().contains("UNIQUENESS") && c.get("properties").asList().equals(List.of("id")))
                    .extracting(c -> c.get("labelsOrTypes").asList().getFirst())
                    .containsExactlyInAnyOrderElementsOf(LABELS);
            Record ids = session.run("MATCH (n) RETURN count(n) AS nodes, count(n.id) AS withId, count(DISTINCT n.id) AS distinctIds").single();
            assertThat(ids.get("withId").asLong()).isEqualTo(ids.get("nodes").asLong()).isEqualTo(ids.get("distinctIds").asLong());
            String someone = session.run("MATCH (p:Person) RETURN p.id AS id LIMIT 1").single().get("id").asString();
            assertThat(someone).matches("PER-\\d{7}");
            assertThatThrownBy(() -> session.run("CREATE (:Person {id: $id})", Values.parameters("id", someone)).consume())
                    .isInstanceOf(ClientException.class)
                    .hasMessageContaining(someone);
        }
    }

    @Test
    void plantedMoneyCyclesAndSharedDevicesAreFoundByQueries() {
        List<List<String>> planted = tiny.planted().moneyCycles();
        assertThat(planted).isNotEmpty().allSatisfy(ring -> assertThat(ring).hasSizeBetween(3, 5).doesNotHaveDuplicates());
        try (Session session = firstDriver.session()) {
            Set<Set<String>> cycles = new HashSet<>(session.run("""
                    MATCH (a:Account) ((x:Account)-[:SENT]->(:Transaction)-[:RECEIVED_BY]->(:Account)){3,5} (a)
                    RETURN [acc IN x | acc.id] AS ring""").list(r -> Set.copyOf(r.get("ring").asList(Values.ofString()))));
            assertThat(cycles).isNotEmpty();
            assertThat(planted).allSatisfy(ring -> assertThat(cycles).contains(Set.copyOf(ring)));

            for (List<String> ring : planted) {
                List<Record> hops = new ArrayList<>();
                for (int i = 0; i < ring.size(); i++) {
                    hops.add(session.run("""
                            MATCH (:Account {id: $from})-[:SENT]->(t:Transaction)-[:RECEIVED_BY]->(:Account {id: $to})
                            WHERE t.channel = 'SWIFT wire' RETURN t.amount AS amount, t.at AS at ORDER BY t.at LIMIT 1""",
                            Values.parameters("from", ring.get(i), "to", ring.get((i + 1) % ring.size()))).single());
                }
                for (int i = 1; i < hops.size(); i++) {
                    assertThat(hops.get(i).get("amount").asDouble()).as("each hop keeps a little back").isLessThan(hops.get(i - 1).get("amount").asDouble());
                    assertThat(hops.get(i).get("at").asString()).as("hops follow each other").isGreaterThan(hops.get(i - 1).get("at").asString());
                }
                List<String> commonDevices = session.run("""
                        MATCH (p:Person)-[:OWNS]->(acc:Account) WHERE acc.id IN $ring
                        MATCH (p)-[:USES]->(d:Device)
                        WITH d, count(DISTINCT p) AS owners WHERE owners = size($ring)
                        RETURN d.id AS id""", Values.parameters("ring", ring)).list(r -> r.get("id").asString());
                assertThat(commonDevices).as("the owners of ring %s share a device", ring).hasSize(1);
            }

            List<String> shared = session.run("""
                    MATCH (p:Person)-[:USES]->(d:Device)
                    WITH d, count(p) AS users WHERE users > 1
                    RETURN d.id AS id ORDER BY id""").list(r -> r.get("id").asString());
            assertThat(shared).isNotEmpty().containsExactlyElementsOf(tiny.planted().sharedDevices().stream().sorted().toList());

            List<Set<String>> reported = session.run("""
                    MATCH (doc:Document {kind: 'suspicious activity report'})-[:MENTIONS]->(acc:Account)
                    RETURN doc.id AS doc, collect(acc.id) AS accounts""").list(r -> Set.copyOf(r.get("accounts").asList(Values.ofString())));
            assertThat(reported).containsExactlyInAnyOrderElementsOf(planted.stream().map(Set::copyOf).toList());
        }
    }

    @Test
    void sameSeedGivesTheSameGraphInAFreshStoreAndAnotherSeedADifferentOne() {
        String firstGraph = graphChecksum(firstDriver);
        String firstPeople = peopleChecksum(firstDriver);

        emptySecond();
        LoadReport again = SampleGraph.load(secondDriver, "neo4j", Size.TINY, SEED);
        assertThat(again.nodesByLabel()).isEqualTo(tiny.nodesByLabel());
        assertThat(again.relationshipsByType()).isEqualTo(tiny.relationshipsByType());
        assertThat(again.planted()).isEqualTo(tiny.planted());
        assertThat(peopleChecksum(secondDriver)).isEqualTo(firstPeople);
        assertThat(graphChecksum(secondDriver)).isEqualTo(firstGraph);

        emptySecond();
        SampleGraph.load(secondDriver, "neo4j", Size.TINY, SEED + 1);
        assertThat(peopleChecksum(secondDriver)).isNotEqualTo(firstPeople);
        assertThat(graphChecksum(secondDriver)).isNotEqualTo(firstGraph);
    }

    @Test
    void smallGraphHasTenThousandNodesAndAFewHubs() {
        emptySecond();
        LoadReport small = SampleGraph.load(secondDriver, "neo4j", Size.SMALL, SEED);
        assertThat(small.nodes()).isEqualTo(10_000);
        assertThat(small.relationships()).isBetween(20_000L, 30_000L);
        try (Session session = secondDriver.session()) {
            assertThat(counts(session, "MATCH (n) UNWIND labels(n) AS key RETURN key, count(*) AS n")).isEqualTo(small.nodesByLabel());
            Record known = session.run("""
                    MATCH (p:Person) WITH p, COUNT { (p)<-[:KNOWS]-() } AS degree
                    RETURN max(degree) AS max, avg(degree) AS mean""").single();
            assertThat(known.get("max").asDouble()).as("someone is known by many").isGreaterThan(10 * known.get("mean").asDouble());
            Record payments = session.run("""
                    MATCH (a:Account) WITH a, COUNT { (a)-[:SENT|RECEIVED_BY]-() } AS degree
                    RETURN max(degree) AS max, avg(degree) AS mean""").single();
            assertThat(payments.get("max").asDouble()).as("a few accounts move most money").isGreaterThan(10 * payments.get("mean").asDouble());
        }
    }

    @Test
    void refusesToLoadIntoADatabaseThatHoldsNodes() {
        assertThatThrownBy(() -> SampleGraph.load(firstDriver, "neo4j", Size.TINY, SEED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("database 'neo4j' already holds " + tiny.nodes() + " nodes");
    }

    private static void emptySecond() {
        try (Session session = secondDriver.session()) {
            session.run("MATCH (n) DETACH DELETE n").consume();
        }
    }

    private static Map<String, Long> counts(Session session, String query) {
        var counts = new HashMap<String, Long>();
        session.run(query).forEachRemaining(r -> counts.put(r.get("key").asString(), r.get("n").asLong()));
        return counts;
    }

    private static String peopleChecksum(Driver driver) {
        try (Session session = driver.session()) {
            return sha256(session.run("MATCH (p:Person) RETURN p.id AS id, p.name AS name ORDER BY p.id")
                    .list(r -> r.get("id").asString() + "\t" + r.get("name").asString()));
        }
    }

    /** Every node with its labels and properties, every relationship with its ends' ids, type and properties. */
    private static String graphChecksum(Driver driver) {
        try (Session session = driver.session()) {
            List<String> lines = new ArrayList<>(session.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
                    .list(r -> r.get("labels").asList() + " " + new TreeMap<>(r.get("props").asMap())));
            lines.addAll(session.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props")
                    .list(r -> r.get("a").asString() + " " + r.get("type").asString() + " " + r.get("b").asString() + " " + new TreeMap<>(r.get("props").asMap())));
            Collections.sort(lines);
            return sha256(lines);
        }
    }

    private static String sha256(List<String> lines) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : lines) digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Driver driver(Neo4jConnection c) {
        return GraphDatabase.driver(c.uri(), AuthTokens.basic(c.user(), c.password()));
    }
}
