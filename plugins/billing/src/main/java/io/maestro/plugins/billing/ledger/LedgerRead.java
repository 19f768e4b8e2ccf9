package io.maestro.plugins.billing.ledger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A month of the ledger read from disk: the entries that count (first occurrence of each id, in
 * file order), and what was skipped, by line number, so a report can say so.
 */
public record LedgerRead(Path file, List<UsageEntry> entries, List<String> skipped) {

    public static LedgerRead of(Path file) throws IOException {
        var entries = new ArrayList<UsageEntry>();
        var skipped = new ArrayList<String>();
        Set<String> ids = new HashSet<>();
        AppendOnlyFile.readAll(file, new AppendOnlyFile.LineConsumer() {
            @Override
            public void accept(int number, String line) {
                if (line.isBlank()) return;
                try {
                    UsageEntry e = UsageEntry.fromJson(line);
                    if (ids.add(e.id())) entries.add(e);
                    else skipped.add(file + ":" + number + ": duplicate of entry " + e.id() + " (counted once)");
                } catch (RuntimeException ex) {
                    skipped.add(file + ":" + number + ": unreadable line skipped (" + ex.getMessage() + ")");
                }
            }

            @Override
            public void unterminated(int number, long bytes) {
                skipped.add(file + ":" + number + ": incomplete last line (" + bytes
                        + " bytes, being written or torn by a crash) not counted");
            }
        });
        return new LedgerRead(file, List.copyOf(entries), List.copyOf(skipped));
    }
}
