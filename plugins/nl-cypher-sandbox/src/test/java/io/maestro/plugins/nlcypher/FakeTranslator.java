package io.maestro.plugins.nlcypher;

import io.maestro.nlcypher.BadQuestionException;
import io.maestro.nlcypher.Candidate;
import io.maestro.nlcypher.Translation;
import io.maestro.nlcypher.Translator;
import java.util.List;
import java.util.Map;

/** A translator with canned answers, standing in for the offline one (whose own tests cover translation). */
final class FakeTranslator implements Translator {
    static final Candidate OWNER = new Candidate("account.owner",
            "MATCH (o)-[:OWNS]->(a:Account {id: $account}) RETURN o.id AS owner", Map.of("account", "ACC-0000001"), 0.92,
            "who owns the account");
    static final Candidate PEOPLE = new Candidate("person.list", "MATCH (p:Person) RETURN p.name AS name", Map.of(), 0.41,
            "lists people");

    @Override
    public Translation translate(String question) {
        if (question.contains("owns")) {
            return new Translation(question, Translation.Status.CONFIDENT, OWNER, List.of(PEOPLE), backend(), List.of("account id read from the question"));
        }
        if (question.contains("people")) {
            return new Translation(question, Translation.Status.UNSURE, PEOPLE, List.of(), backend(), List.of());
        }
        if (question.contains("!!!")) throw new BadQuestionException("the question has no words to translate");
        return new Translation(question, Translation.Status.NO_MATCH, null, List.of(), backend(), List.of("no intent matched"));
    }

    @Override
    public String backend() {
        return "fake";
    }
}
