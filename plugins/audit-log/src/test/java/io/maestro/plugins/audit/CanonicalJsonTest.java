package io.maestro.plugins.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    @Test
    void sortsKeysAndWritesNoWhitespaceSoEqualContentGivesEqualBytes() {
        var a = new LinkedHashMap<String, Object>();
        a.put("zeta", 1L);
        a.put("alpha", Map.of("b", true, "a", List.of("x", 2)));
        var b = new LinkedHashMap<String, Object>();
        b.put("alpha", Map.of("a", List.of("x", 2), "b", true));
        b.put("zeta", 1);

        assertThat(CanonicalJson.write(a)).isEqualTo("{\"alpha\":{\"a\":[\"x\",2],\"b\":true},\"zeta\":1}")
                .isEqualTo(CanonicalJson.write(b));
    }

    @Test
    void escapesControlCharactersAndKeepsOtherTextAsIs() throws Exception {
        String text = "line\nquote\" back\\ tab\t bell\u0007 café 日本 😀 lone\ud800";

        String json = CanonicalJson.write(Map.of("s", text));

        assertThat(json).isEqualTo("{\"s\":\"line\\nquote\\\" back\\\\ tab\\t bell\\u0007 café 日本 😀 lone\\ud800\"}");
        assertThat(CanonicalJson.parseObject(json)).containsEntry("s", text);
    }

    @Test
    void parsesWhatItWritesBackToTheSameBytes() throws Exception {
        String json = "{\"a\":[1,-2,null,false,{\"b\":\"c\"}],\"d\":{}}";

        assertThat(CanonicalJson.write(CanonicalJson.parse(json))).isEqualTo(json);
    }

    @Test
    void rejectsTextThatCouldMeanTwoThings() {
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate key \"a\"");
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1.0}")).hasMessageContaining("only integers");
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1e3}")).hasMessageContaining("only integers");
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":01}")).hasMessageContaining("leading zero");
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1} x")).hasMessageContaining("unexpected text after");
        assertThatThrownBy(() -> CanonicalJson.parse("[".repeat(40) + "]".repeat(40))).hasMessageContaining("nested");
    }

    @Test
    void refusesValuesItCannotWriteCanonically() {
        assertThatThrownBy(() -> CanonicalJson.write(Map.of("x", 1.5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }
}
