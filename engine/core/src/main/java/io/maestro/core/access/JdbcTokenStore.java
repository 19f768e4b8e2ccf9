package io.maestro.core.access;

import io.maestro.core.store.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@link TokenStore} in the run store's database. A bearer value is {@code mst_<id>_<secret>}: the id
 * finds the row, and only the SHA-256 of the 256-bit random secret is stored (a fast hash suffices
 * for a secret of that entropy; there is nothing to brute-force).
 */
public final class JdbcTokenStore implements TokenStore {
    private static final Pattern FORMAT = Pattern.compile("mst_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private final Jdbc jdbc;
    private final SecureRandom random = new SecureRandom();

    public JdbcTokenStore(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "the token store");
    }

    @Override
    public IssuedToken create(String tenant, Role role, String name, Duration ttl) {
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        random.nextBytes(idBytes);
        random.nextBytes(secretBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        Instant now = Instant.now();
        Instant expires = ttl == null ? null : now.plus(ttl);
        jdbc.update("INSERT INTO api_tokens (token_id, secret_hash, tenant, role, name, created_at, expires_at) "
                + "VALUES (?,?,?,?,?,?,?)", java.util.Arrays.asList(id, sha256(secret), tenant, role.wireName(), name, now, expires));
        return new IssuedToken(new ApiToken(id, tenant, role, name, now, expires, null), "mst_" + id + "_" + secret);
    }

    @Override
    public Optional<ApiToken> verify(String presented) {
        if (presented == null) return Optional.empty();
        var m = FORMAT.matcher(presented);
        if (!m.matches()) return Optional.empty();
        var rows = jdbc.query("SELECT * FROM api_tokens WHERE token_id = ?", List.of(m.group(1)),
                rs -> new Object[] {token(rs), rs.getString("secret_hash")});
        if (rows.isEmpty()) return Optional.empty();
        ApiToken token = (ApiToken) rows.getFirst()[0];
        byte[] stored = ((String) rows.getFirst()[1]).getBytes(StandardCharsets.US_ASCII);
        boolean genuine = MessageDigest.isEqual(stored, sha256(m.group(2)).getBytes(StandardCharsets.US_ASCII));
        return genuine && token.usableAt(Instant.now()) ? Optional.of(token) : Optional.empty();
    }

    @Override
    public Optional<ApiToken> find(String id) {
        return jdbc.query("SELECT * FROM api_tokens WHERE token_id = ?", List.of(id), JdbcTokenStore::token).stream().findFirst();
    }

    @Override
    public List<ApiToken> list(String tenant) {
        return jdbc.query("SELECT * FROM api_tokens WHERE tenant = ? ORDER BY created_at", List.of(tenant), JdbcTokenStore::token);
    }

    @Override
    public boolean revoke(String id) {
        return jdbc.update("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL",
                List.of(Instant.now(), id)) == 1;
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("token_id"), rs.getString("tenant"), Role.parse(rs.getString("role")),
                rs.getString("name"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "expires_at"),
                Jdbc.instant(rs, "revoked_at"));
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
