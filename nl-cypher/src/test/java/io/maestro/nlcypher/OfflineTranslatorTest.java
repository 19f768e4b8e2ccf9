package io.maestro.nlcypher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offline translator on the SMALL sample graph: values as parameters, confidence, bad input. */
class OfflineTranslatorTest {
    private static Translator translator;

    @BeforeAll
    static void create() {
        translator = Translators.create(SampleNeo4j.driver(), "neo4j", Map.of());
    }

    @Test
    void valuesFromTheQuestionAreParametersNeverText() {
        Translation t = translator.translate("Where does Amelia Tan work?");
        assertThat(t.status()).isEqualTo(Translation.Status.CONFIDENT);
        assertThat(t.best().cypher()).contains("WORKS_FOR").contains("$").doesNotContain("Amelia");
        assertThat(t.best().parameters()).containsValue("Amelia Tan");
        assertThat(t.backend()).isEqualTo("offline");
    }

    @Test
    void theWalkEndsAtTheLabelTheQuestionAsksFor() {
        Translation t = translator.translate("Which accounts did ACC-0000225 send money to?");
        assertThat(t.best().cypher()).contains("SENT").contains("RECEIVED_BY").endsWith("RETURN DISTINCT t.id AS id");
        assertThat(t.best().cypher()).contains("(t:`Account`)");
    }

    @Test
    void numbersAndComparisonsBecomeParameterisedFilters() {
        Translation t = translator.translate("Show transactions over 250,000");
        assertThat(t.best().cypher()).contains("amount >");
        assertThat(t.best().parameters()).containsValue(250_000L);
        Translation later = translator.translate("Which companies were registered in 2023 or later?");
        assertThat(later.best().cypher()).contains("registeredAt >=");
    }

    @Test
    void aQuestionWithUnknownWordsIsUnsureAndShowsItsGuessAndAlternatives() {
        Translation t = translator.translate("What is the weather in Paris?");
        assertThat(t.status()).isEqualTo(Translation.Status.UNSURE);
        assertThat(t.best()).isNotNull();
        assertThat(t.alternatives()).isNotEmpty();
        assertThat(t.notes()).anyMatch(n -> n.contains("weather")).anyMatch(n -> n.startsWith("Not sure"));
    }

    @Test
    void nothingLinkedIsNoMatch() {
        assertThat(translator.translate("Write me a poem about spring").status()).isEqualTo(Translation.Status.NO_MATCH);
        assertThat(translator.translate("Wie viele Personen gibt es?").status()).isNotEqualTo(Translation.Status.CONFIDENT);
        assertThat(translator.translate("你好，图里有多少人？").status()).isEqualTo(Translation.Status.NO_MATCH);
    }

    @Test
    void aTypoInALabelWordStillLinks() {
        Translation t = translator.translate("devcie count by kind");
        assertThat(t.best()).isNotNull();
        assertThat(t.best().cypher()).contains("Device").contains("kind");
    }

    @Test
    void badQuestionsAreRefusedWithTheFieldAndReason() {
        assertThatThrownBy(() -> translator.translate("   ")).isInstanceOf(BadQuestionException.class).hasMessage("question: must not be empty");
        assertThatThrownBy(() -> translator.translate(null)).isInstanceOf(BadQuestionException.class);
        assertThatThrownBy(() -> translator.translate("how many people ".repeat(6_500)))
                .isInstanceOf(BadQuestionException.class).hasMessageContaining("at most 2000");
        assertThatThrownBy(() -> translator.translate("\u0000\u0007")).isInstanceOf(BadQuestionException.class).hasMessageContaining("text");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> Translators.create(SampleNeo4j.driver(), "neo4j", Map.of("MAESTRO_NLQ_THRESHOLD", "2")))
                .hasMessageContaining("MAESTRO_NLQ_THRESHOLD");
        assertThatThrownBy(() -> Translators.create(SampleNeo4j.driver(), "neo4j", Map.of("MAESTRO_NLQ_LEXICON", "/no/such/file.yaml")))
                .hasMessageContaining("/no/such/file.yaml");
    }
}
