package io.maestro.plugins.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A signed statement over a range of the chain, after CloudTrail's digest files: records
 * {@code firstSeq..lastSeq}, the hash of the last one, and the previous digest's signature, so the
 * digests form their own chain and none can be dropped from the middle unnoticed. The signature is
 * Ed25519 over the canonical JSON of every other field.
 */
record Digest(long number, long firstSeq, long lastSeq, String lastHash, String previousSignature, Instant time,
              String keyId, String signature) {
    static final int FORMAT = 1;

    Map<String, Object> body() {
        var m = new LinkedHashMap<String, Object>();
        m.put("v", FORMAT);
        m.put("digest", number);
        m.put("first_seq", firstSeq);
        m.put("last_seq", lastSeq);
        m.put("records", lastSeq - firstSeq + 1);
        m.put("last_hash", lastHash);
        if (previousSignature != null) m.put("prev_signature", previousSignature);
        m.put("time", time.toString());
        m.put("algorithm", SigningKeys.ALGORITHM);
        m.put("key_id", keyId);
        return m;
    }

    Digest signedWith(PrivateKey key) throws GeneralSecurityException {
        byte[] sig = SigningKeys.sign(key, CanonicalJson.write(body()).getBytes(StandardCharsets.UTF_8));
        return new Digest(number, firstSeq, lastSeq, lastHash, previousSignature, time, keyId,
                Base64.getEncoder().encodeToString(sig));
    }

    String toJsonLine() {
        Map<String, Object> m = body();
        m.put("signature", signature);
        return CanonicalJson.write(m);
    }

    /** Checks the signature of a parsed digest line over exactly the fields it holds. */
    static boolean signatureValid(Map<String, Object> parsed, PublicKey key) {
        if (!(parsed.get("signature") instanceof String sig)) return false;
        var body = new LinkedHashMap<>(parsed);
        body.remove("signature");
        try {
            return SigningKeys.verify(key, CanonicalJson.write(body).getBytes(StandardCharsets.UTF_8),
                    Base64.getDecoder().decode(sig));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static Digest fromMap(Map<String, Object> m) throws AuditRecord.MalformedRecordException {
        try {
            long number = (Long) m.get("digest");
            long first = (Long) m.get("first_seq");
            long last = (Long) m.get("last_seq");
            String lastHash = (String) m.get("last_hash");
            Object prev = m.get("prev_signature");
            Instant time = Instant.parse((String) m.get("time"));
            String keyId = (String) m.get("key_id");
            String signature = (String) m.get("signature");
            if (lastHash == null || keyId == null || signature == null) throw new NullPointerException();
            if (!(m.get("records") instanceof Long n) || n != last - first + 1) {
                throw new AuditRecord.MalformedRecordException("its record count does not match its range");
            }
            return new Digest(number, first, last, lastHash, (String) prev, time, keyId, signature);
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new AuditRecord.MalformedRecordException("a field is missing or has the wrong type");
        }
    }
}
