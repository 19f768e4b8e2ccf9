package io.maestro.nlcypher.intent;

import java.util.List;

/**
 * The shapes of question the offline translator answers. Each carries example phrasings with
 * values masked the way {@link io.maestro.nlcypher.link.QuestionLinker} masks them (PERSON,
 * ORGANIZATION, ACCOUNT, VALUE, NUMBER, YEAR, NAME); the intent index embeds them once.
 */
public enum Intent {
    COUNT("how many nodes of a kind", "how many people are there", "number of accounts", "count the organisations",
            "how many VALUE events", "how many transactions over NUMBER", "how many devices are VALUE",
            "total number of documents classified VALUE", "how many people were born before YEAR", "count VALUE companies"),
    LIST("entities of a kind that match a condition", "list organisations in the VALUE sector", "show me VALUE documents",
            "which devices are VALUE", "people with nationality VALUE", "transactions over NUMBER", "people born before YEAR",
            "companies based in VALUE", "find accounts at VALUE", "events with severity VALUE", "list all VALUE transactions",
            "people seen in VALUE", "accounts mentioned in VALUE", "which people were involved in events in VALUE",
            "which people have a risk score over NUMBER", "accounts whose balance is above NUMBER", "organisations registered after YEAR",
            "VALUE persons with a riskScore greater than NUMBER"),
    TOP("the top N by a number", "top NUMBER riskiest people", "the NUMBER largest transactions", "accounts with the highest balance",
            "oldest organisations", "which NUMBER people have the highest risk score", "smallest transactions",
            "youngest people", "the richest accounts", "most recent events"),
    LOOKUP("one property of one named entity", "what is the iban of ACCOUNT", "when was PERSON born", "what sector is ORGANIZATION in",
            "what is the nationality of PERSON", "what kind of device is DEVICE", "what is the balance of ACCOUNT",
            "risk score of PERSON", "what currency is ACCOUNT in", "when was ORGANIZATION registered", "what is the severity of EVENT",
            "when did EVENT happen", "what channel was TRANSACTION sent through"),
    NEIGHBOURS("what a named entity is linked to", "where does PERSON work", "who owns ACCOUNT", "which accounts does PERSON own",
            "who does PERSON know", "who knows PERSON", "which devices does PERSON use", "who uses DEVICE", "where was DEVICE seen",
            "employees of ORGANIZATION", "who works for ORGANIZATION", "which documents mention PERSON", "who is mentioned in DOCUMENT",
            "subsidiaries of ORGANIZATION", "parent company of ORGANIZATION", "where is ORGANIZATION located", "where did EVENT happen",
            "events PERSON was involved in", "transactions sent by ACCOUNT", "where were PERSON devices seen",
            "accounts owned by employees of ORGANIZATION", "which cities has PERSON been seen in"),
    COUNT_NEIGHBOURS("how many things a named entity is linked to", "how many accounts does PERSON own",
            "how many people does PERSON know", "how many employees does ORGANIZATION have", "number of transactions sent by ACCOUNT",
            "how many documents mention PERSON", "how many devices does PERSON use", "how many subsidiaries does ORGANIZATION have"),
    NEIGHBOUR_AGGREGATE("a total or average over what a named entity is linked to", "total amount sent from ACCOUNT",
            "how much money did ACCOUNT receive", "average amount of transactions sent by ACCOUNT",
            "sum of transactions received by ACCOUNT", "total balance of accounts owned by PERSON", "largest transaction sent by ACCOUNT"),
    GROUP_COUNT("counts per group", "transactions per channel", "how many people per nationality", "number of organisations by sector",
            "events by severity", "breakdown of devices by kind", "count of documents per classification", "accounts per bank",
            "how many employees per sector", "distribution of events by kind"),
    GROUP_AGGREGATE("a total or average per group", "average amount per currency", "total amount by channel",
            "average risk score by nationality", "total balance per bank", "mean transaction amount for each channel",
            "maximum amount per currency"),
    AGGREGATE("one total or average", "average risk score of people", "total amount of all transactions", "what is the average balance",
            "total amount of VALUE transactions", "highest balance of any account", "mean amount of transactions over NUMBER"),
    DEGREE("who has the most links", "who knows the most people", "which organisation has the most employees",
            "account that sent the most transactions", "device seen in the most places", "person with the most accounts",
            "which person is involved in the most events", "most mentioned person in documents", "who is known by the most people",
            "top NUMBER organisations by number of subsidiaries"),
    FRIENDS_OF_FRIENDS("contacts of contacts", "friends of friends of PERSON", "who do PERSON contacts know",
            "second degree contacts of PERSON", "people two hops from PERSON"),
    MONEY_FLOW("who paid whom", "who did PERSON send money to", "who paid PERSON", "to whom did PERSON transfer money",
            "who received money from PERSON", "who sent money to PERSON", "which accounts received money from ACCOUNT",
            "which accounts sent money to ACCOUNT"),
    COLLEAGUES("people with the same employer", "colleagues of PERSON", "who works with PERSON", "coworkers of PERSON",
            "who else works at the same company as PERSON"),
    SHARED("things several people share", "devices used by more than one person", "shared devices", "phones shared by several people",
            "which devices are shared", "people who share a device"),
    CYCLES("money going round in a circle", "money cycles", "circular money flows", "find round-tripping between accounts",
            "accounts that pay each other in a ring", "transaction loops"),
    MISSING("entities lacking a link", "organisations with no subsidiaries", "people without an employer",
            "accounts that never sent a transaction", "devices never seen anywhere", "people who know nobody",
            "which companies have no employees", "documents that mention no one"),
    PATH("how two named entities are connected", "how many hops between PERSON and PERSON",
            "degrees of separation between PERSON and PERSON", "shortest path from PERSON to PERSON", "are PERSON and PERSON connected",
            "is there a path between PERSON and PERSON", "does PERSON know PERSON", "how far is PERSON from PERSON");

    private final String description;
    private final List<String> examples;

    Intent(String description, String... examples) {
        this.description = description;
        this.examples = List.of(examples);
    }

    public String description() {
        return description;
    }

    public List<String> examples() {
        return examples;
    }
}
