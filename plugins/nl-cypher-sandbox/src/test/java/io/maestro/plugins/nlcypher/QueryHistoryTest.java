package io.maestro.plugins.nlcypher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history file: one JSON line per run, read newest first from the end, per tenant, torn lines skipped. */
class QueryHistoryTest {
    @TempDir Path dir;
    final Json json = new Json();

    HistoryEntry entry(int i) {
        return new HistoryEntry("id-" + i, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), "token:ana", i % 2 == 0 ? null : "q" + i,
                "RETURN " + i, Map.of("n", (long) i), "RAN", null, i, "CHEAP");
    }

    @Test
    void readsTheNewestEntriesFirstAcrossChunkBoundaries() {
        var history = new QueryHistory(dir, json.mapper);
        for (int i = 0; i < 3_000; i++) history.append("acme", entry(i)); // ≈ 500 KB: many 64 KB chunks
        assertThat(history.newest("acme", 3)).extracting(HistoryEntry::id).containsExactly("id-2999", "id-2998", "id-2997");
        assertThat(history.newest("acme", 500)).hasSize(500).last().extracting(HistoryEntry::id).isEqualTo("id-2500");
        assertThat(history.newest("acme", 1).getFirst()).satisfies(e -> {
            assertThat(e.cypher()).isEqualTo("RETURN 2999");
            assertThat(e.question()).isEqualTo("q2999");
            assertThat(e.rows()).isEqualTo(2999);
            assertThat(e.at()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(2999));
        });
    }

    @Test
    void eachTenantHasItsOwnFileAndANewReaderSeesWhatAnEarlierOneWrote() {
        new QueryHistory(dir, json.mapper).append("acme", entry(1));
        new QueryHistory(dir, json.mapper).append("globex", entry(2));
        var later = new QueryHistory(dir, json.mapper);
        assertThat(later.newest("acme", 50)).extracting(HistoryEntry::id).containsExactly("id-1");
        assertThat(later.newest("globex", 50)).extracting(HistoryEntry::id).containsExactly("id-2");
        assertThat(later.newest("initech", 50)).isEmpty();
        assertThat(dir.resolve("acme.jsonl")).content().contains("\"parameters\":{\"n\":1}");
    }

    @Test
    void aTornOrForeignLineIsSkipped() throws Exception {
        var history = new QueryHistory(dir, json.mapper);
        history.append("acme", entry(1));
        Files.writeString(dir.resolve("acme.jsonl"), "not json\n{\"id\":\"x\",\"at\":\"yesterday\"}\n", StandardOpenOption.APPEND);
        history.append("acme", entry(2));
        Files.writeString(dir.resolve("acme.jsonl"), "{\"id\":\"torn", StandardOpenOption.APPEND); // a crash mid-write
        assertThat(history.newest("acme", 10)).extracting(HistoryEntry::id).containsExactly("id-2", "id-1");
    }

    @Test
    void aFileThatGrowsPastItsBoundIsCompactedToTheNewestEntries() throws Exception {
        var history = new QueryHistory(dir, json.mapper, 4_096, 5);
        for (int i = 1; i <= 40; i++) history.append("acme", entry(i));
        assertThat(Files.size(dir.resolve("acme.jsonl"))).isLessThanOrEqualTo(4_096);
        var kept = history.newest("acme", 100);
        assertThat(kept.size()).isBetween(5, 40);
        assertThat(kept.get(0).id()).isEqualTo("id-40");
        assertThat(kept).extracting(HistoryEntry::id).doesNotContain("id-1");
        assertThat(kept.get(0).parameters()).isEqualTo(java.util.Map.of("n", 40));
        assertThat(dir.resolve("acme.jsonl.compacting")).doesNotExist();
    }
}
