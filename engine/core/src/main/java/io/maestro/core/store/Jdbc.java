package io.maestro.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain-JDBC reads and writes over the store's pool, with failures as {@link StoreException}. */
public final class Jdbc {
    private final DataSource dataSource;
    private final String description;

    public Jdbc(DataSource dataSource, String description) {
        this.dataSource = dataSource;
        this.description = description;
    }

    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public <T> List<T> query(String sql, List<?> args, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                var out = new ArrayList<T>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("reading " + description + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs one statement in its own transaction; returns the rows it changed. */
    public int update(String sql, List<?> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("writing " + description + " failed: " + e.getMessage(), e);
        }
    }

    public static boolean isUniqueViolation(StoreException e) {
        return e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }

    private static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            ps.setObject(i + 1, a instanceof Instant t ? Timestamp.from(t) : a);
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
