package io.maestro.sandbox.sample;

/** The node labels of the sample graph, each with its id prefix and its share of the nodes (per mille). */
enum NodeLabel {
    PERSON("Person", "PER", 200),
    ORGANIZATION("Organization", "ORG", 40),
    ACCOUNT("Account", "ACC", 220),
    TRANSACTION("Transaction", "TXN", 350),
    DEVICE("Device", "DEV", 80),
    LOCATION("Location", "LOC", 30),
    EVENT("Event", "EVT", 50),
    DOCUMENT("Document", "DOC", 30);

    final String cypher;
    final String idPrefix;
    final int perMille;

    NodeLabel(String cypher, String idPrefix, int perMille) {
        this.cypher = cypher;
        this.idPrefix = idPrefix;
        this.perMille = perMille;
    }
}
