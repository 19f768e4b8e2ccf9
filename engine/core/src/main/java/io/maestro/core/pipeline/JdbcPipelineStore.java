package io.maestro.core.pipeline;

import io.maestro.core.store.Jdbc;
import io.maestro.core.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link PipelineStore} in the run store's database (table {@code pipelines}). */
public final class JdbcPipelineStore implements PipelineStore {
    private final Jdbc jdbc;

    public JdbcPipelineStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "the pipeline store");
    }

    @Override
    public PipelineRecord save(String tenant, String name, String file, String specText, String submittedBy) {
        // two submissions racing for the same revision: the loser takes the next one
        for (int tries = 0; ; tries++) {
            int next = jdbc.query("SELECT COALESCE(MAX(revision), 0) + 1 AS next FROM pipelines WHERE tenant = ? AND name = ?",
                    List.of(tenant, name), rs -> rs.getInt("next")).getFirst();
            Instant now = Instant.now();
            try {
                jdbc.update("INSERT INTO pipelines (tenant, name, revision, file_name, spec_text, submitted_by, submitted_at) "
                        + "VALUES (?,?,?,?,?,?,?)", List.of(tenant, name, next, file, specText, submittedBy, now));
                return new PipelineRecord(tenant, name, next, file, specText, submittedBy, now);
            } catch (StoreException e) {
                if (!Jdbc.isUniqueViolation(e) || tries >= 5) throw e;
            }
        }
    }

    @Override
    public Optional<PipelineRecord> latest(String tenant, String name) {
        return jdbc.query("SELECT * FROM pipelines WHERE tenant = ? AND name = ? ORDER BY revision DESC LIMIT 1",
                List.of(tenant, name), JdbcPipelineStore::record).stream().findFirst();
    }

    @Override
    public List<PipelineRecord> list(String tenant) {
        return jdbc.query("SELECT p.* FROM pipelines p WHERE p.tenant = ? AND p.revision = "
                + "(SELECT MAX(q.revision) FROM pipelines q WHERE q.tenant = p.tenant AND q.name = p.name) ORDER BY p.name",
                List.of(tenant), JdbcPipelineStore::record);
    }

    private static PipelineRecord record(ResultSet rs) throws SQLException {
        return new PipelineRecord(rs.getString("tenant"), rs.getString("name"), rs.getInt("revision"),
                rs.getString("file_name"), rs.getString("spec_text"), rs.getString("submitted_by"),
                Jdbc.instant(rs, "submitted_at"));
    }
}
