package io.maestro.sandbox.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizeTest {
    @Test
    void parsesPresetNamesInAnyCaseAndNodeCounts() {
        assertThat(Size.parse("tiny")).isEqualTo(Size.TINY);
        assertThat(Size.parse(" Small ")).isEqualTo(Size.SMALL);
        assertThat(Size.parse("LARGE")).isEqualTo(Size.LARGE);
        assertThat(Size.parse("250_000")).isEqualTo(Size.ofNodes(250_000));
        assertThat(Size.parse("250000").nodes()).isEqualTo(250_000);
    }

    @Test
    void refusesUnknownNamesAndTooFewNodesWithTheFix() {
        assertThatThrownBy(() -> Size.parse("huge"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown size 'huge': use tiny, small, large or a node count (at least 200)");
        assertThatThrownBy(() -> Size.parse("199"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 199 nodes; the sample graph needs at least 200");
    }

    @Test
    void splitsNodesOverEveryLabelAndAddsUpExactly() {
        for (Size size : new Size[] {Size.ofNodes(Size.MIN_NODES), Size.TINY, Size.SMALL, Size.ofNodes(123_457), Size.LARGE}) {
            assertThat(size.nodesByLabel()).hasSize(NodeLabel.values().length).allSatisfy((label, n) -> assertThat(n).isPositive());
            assertThat(size.nodesByLabel().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(size.nodes());
        }
        assertThat(Size.TINY.nodes()).isBetween(300, 500);
        assertThat(Size.LARGE.nodes()).isGreaterThanOrEqualTo(1_000_000);
    }
}
