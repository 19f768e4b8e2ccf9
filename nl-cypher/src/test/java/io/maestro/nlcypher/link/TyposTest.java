package io.maestro.nlcypher.link;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TyposTest {
    @Test
    void oneSlipApart() {
        assertThat(Typos.oneSlip("devcie", "device")).isTrue();   // two letters swapped
        assertThat(Typos.oneSlip("devce", "device")).isTrue();    // one missing
        assertThat(Typos.oneSlip("devicce", "device")).isTrue();  // one extra
        assertThat(Typos.oneSlip("dovice", "device")).isTrue();   // one wrong
        assertThat(Typos.oneSlip("device", "device")).isFalse();  // the same word is no slip
        assertThat(Typos.oneSlip("dvcie", "device")).isFalse();   // two slips
    }

    @Test
    void numbersAsAnalystsWriteThem() {
        assertThat(QuestionLinker.parseNumber("250,000")).isEqualTo(250_000d);
        assertThat(QuestionLinker.parseNumber("250k")).isEqualTo(250_000d);
        assertThat(QuestionLinker.parseNumber("1.5m")).isEqualTo(1_500_000d);
        assertThat(QuestionLinker.parseNumber("five")).isEqualTo(5d);
        assertThat(QuestionLinker.parseNumber("ACC")).isNull();
    }
}
