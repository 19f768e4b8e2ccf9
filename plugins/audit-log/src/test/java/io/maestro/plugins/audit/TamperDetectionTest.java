package io.maestro.plugins.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.maestro.plugins.audit.AuditRecord.Actor;
import io.maestro.plugins.audit.AuditRecord.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store of every test: record 1 (key creation, digest 1), records 2..31 in digests 2..4 of ten
 * records each. Each test tampers with it as an intruder with write access would, and checks that
 * {@code maestro audit verify} exits 1 naming the first bad record and why.
 */
class TamperDetectionTest {
    @TempDir Path dir;
    StoreFixture store;

    @BeforeEach
    void writeThirtyOneRecordsInFourDigests() throws Exception {
        store = new StoreFixture(dir).sealedInTens(3);
        assertThat(store.lines()).hasSize(31);
        assertThat(store.digestLines()).hasSize(4);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anUntouchedStoreVerifies() throws Exception {
        var result = store.cli("verify");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("OK: 31 records, hash chain intact")
                .contains("signed: records 1..31 by 4 digests, every signature valid");
    }

    @Test
    void anEditedFieldIsNamedByRecordNumber() throws Exception {
        List<String> lines = store.lines();
        lines.set(11, lines.get(11).replace("\"tenant\":\"acme\"", "\"tenant\":\"globex\""));
        store.writeLines(lines);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: record 12 (line 12): its content does not match its hash");
    }

    @Test
    void aRemovedRecordIsNamedAsMissing() throws Exception {
        List<String> lines = store.lines();
        lines.remove(6);
        store.writeLines(lines);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: record 7 is missing (removed): line 7 holds record 8");
    }

    @Test
    void twoSwappedRecordsAreNamedAsReordered() throws Exception {
        List<String> lines = store.lines();
        Collections.swap(lines, 14, 15);
        store.writeLines(lines);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: record 15: out of order (reordered): it is at line 16, "
                + "while line 15 holds record 16");
    }

    @Test
    void aForgedRecordInsertedWithACorrectlyComputedHashIsNamed() throws Exception {
        List<String> lines = store.lines();
        AuditRecord before = store.recordAt(8);
        String forged = AuditRecord.of(before.time().plusMillis(1), new Actor("user", "mallory"), "run.submit",
                new Target("run", "r-forged", "payroll"), "r-forged", "acme", AuditRecord.SUCCESS, null, null,
                Map.of()).chained(9, before.hash()).toJsonLine();
        lines.add(8, forged);
        store.writeLines(lines);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: record 9 (line 9): inserted: the chain continues from the "
                + "other record 9 at line 10");
    }

    @Test
    void aForgedRecordWithAMadeUpHashIsNamed() throws Exception {
        List<String> lines = store.lines();
        String forged = lines.get(8).replace("\"n\":7", "\"n\":700"); // a copy of record 9, edited, hash unchanged
        lines.add(8, forged);
        store.writeLines(lines);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: record 9 (line 9): its content does not match its hash");
    }

    @Test
    void aRecordEditedAndReHashedIsNamedThroughTheNextRecordsLink() throws Exception {
        List<String> lines = store.lines();
        AuditRecord victim = store.recordAt(22);
        lines.set(21, new AuditRecord(victim.seq(), victim.time(), victim.actor(), victim.action(), victim.target(),
                victim.run(), "globex", victim.outcome(), victim.reason(), victim.trace(), victim.details(), null, null)
                .chained(victim.seq(), victim.prev()).toJsonLine());
        store.writeLines(lines);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: record 22 (line 22): altered and re-hashed: record 23 (line 23) "
                + "was chained to a different hash for it");
    }

    @Test
    void aChainRewrittenFromAnEditedRecordOnIsCaughtByTheSignedDigestOfItsRange() throws Exception {
        List<String> lines = store.lines();
        String prev = store.recordAt(12).prev();
        for (int i = 12; i <= 31; i++) { // re-chain everything from record 12 on, after editing record 13
            AuditRecord r = AuditRecord.fromMap(CanonicalJson.parseObject(lines.get(i - 1)));
            String tenant = i == 13 ? "globex" : r.tenant();
            AuditRecord rewritten = new AuditRecord(i, r.time(), r.actor(), r.action(), r.target(), r.run(), tenant,
                    r.outcome(), r.reason(), r.trace(), r.details(), null, null).chained(i, prev);
            lines.set(i - 1, rewritten.toJsonLine());
            prev = rewritten.hash();
        }
        store.writeLines(lines);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: records 12..21 do not match digest 3: the signed hash of "
                + "record 21 differs from the log's");
    }

    @Test
    void anAlteredDigestSignatureIsNamed() throws Exception {
        List<String> digests = store.digestLines();
        String line = digests.get(2);
        int at = line.indexOf("\"signature\":\"") + 13;
        char c = line.charAt(at);
        digests.set(2, line.substring(0, at) + (c == 'A' ? 'B' : 'A') + line.substring(at + 1));
        store.writeDigestLines(digests);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: digest 3 (records 12..21): its signature does not verify");
    }

    @Test
    void aRemovedDigestIsNamed() throws Exception {
        List<String> digests = store.digestLines();
        digests.remove(2);
        store.writeDigestLines(digests);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: digest 3 is missing (removed): digest 4 follows digest 2; "
                + "records 12..21 are signed by no digest present");
    }

    @Test
    void aDeletedDigestFileIsNoticedThroughTheKeyRecordItSigned() throws Exception {
        store.writeDigestLines(List.of());

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: digests are missing: record 1 (a signing key event) was written "
                + "as a digest was signed, but there are no digests");
    }

    @Test
    void recordsCutFromTheEndOfASignedRangeAreNamedAsTruncated() throws Exception {
        List<String> lines = store.lines();
        store.writeLines(lines.subList(0, 27));

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: records 28..31 are missing: digest 4 signs the log up to "
                + "record 31 but it ends at record 27 (truncated)");
    }

    @Test
    void theFirstOfSeveralBadRecordsIsTheOneNamed() throws Exception {
        List<String> lines = store.lines();
        lines.set(19, lines.get(19).replace("\"tenant\":\"acme\"", "\"tenant\":\"globex\""));
        lines.set(4, lines.get(4).replace("\"tenant\":\"acme\"", "\"tenant\":\"initech\""));
        store.writeLines(lines);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: record 5 (line 5)");
    }

    @Test
    void anIncompleteLastLineIsReportedAsATornWrite() throws Exception {
        Files.writeString(store.files.records(), "{\"action\":\"run.su", java.nio.file.StandardOpenOption.APPEND);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: record 32 (line 32): the line is incomplete");
    }

    @Test
    void recordsWrittenAfterTheLastDigestVerifyAndAreReportedAsUnsigned() throws Exception {
        store.append(3);

        var result = store.cli("verify");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("unsigned: records 32..34 are not yet covered by a signed digest");
    }

    @Test
    void aLogReSignedWithAnotherKeyPassesOnlyWithTheKeysBesideItAndFailsAgainstThePinnedKey(@TempDir Path elsewhere,
                                                                                           @TempDir Path forgery)
            throws Exception {
        Path pinned = Files.copy(store.files.publicKey(), elsewhere.resolve("audit.pub.pem"));
        try (var forged = new StoreFixture(forgery).sealedInTens(3)) { // a whole new history, signed by a new key
            for (String f : List.of(AuditFiles.RECORDS, AuditFiles.DIGESTS, AuditFiles.PUBLIC_KEY, AuditFiles.PRIVATE_KEY)) {
                Files.copy(forged.dir.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        assertThat(store.cli("verify").exitCode()).isZero();
        var result = store.cli("verify", "--public-key", pinned.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: digest 1 (records 1..1) is signed with key ")
                .contains("which is not trusted");
    }

    @Test
    void aRotatedKeyIsTrustedThroughTheDigestTheOldKeySigned(@TempDir Path elsewhere) throws Exception {
        Path original = Files.copy(store.files.publicKey(), elsewhere.resolve("original.pub.pem"));
        var rotation = store.writer.rotateKey(StoreFixture.PATIENCE);
        store.append(5).seal();

        var result = store.cli("verify", "--public-key", original.toString());

        assertThat(rotation.newKeyId()).isNotEqualTo(rotation.previousKeyId());
        assertThat(store.digestLines().getLast()).contains("\"key_id\":\"" + rotation.newKeyId() + "\"");
        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out()).startsWith("OK: 37 records");
    }

    @Test
    void aLostPrivateKeyIsReplacedVisiblyAndTheOldPublicKeyStillVerifiesWhatItSigned(@TempDir Path elsewhere)
            throws Exception {
        Path original = Files.copy(store.files.publicKey(), elsewhere.resolve("original.pub.pem"));
        Files.delete(store.files.privateKey());

        store.append(2).seal();
        var beside = store.cli("verify");
        var pinned = store.cli("verify", "--public-key", original.toString());

        AuditRecord created = store.recordAt(34);
        assertThat(created.action()).isEqualTo("audit.key.create");
        assertThat(created.reason()).contains("earlier digests exist");
        assertThat(beside.exitCode()).as(beside.out()).isZero();
        assertThat(pinned.exitCode()).isEqualTo(1);
        assertThat(pinned.out()).startsWith("TAMPERED: digest 5 (records 32..34) is signed with key "
                + created.target().id() + ", which is not trusted");
    }

    @Test
    void aKeyIntroducedByAnUnsignedRecordIsNotTrusted(@TempDir Path elsewhere) throws Exception {
        Path original = Files.copy(store.files.publicKey(), elsewhere.resolve("original.pub.pem"));
        // an intruder appends a rotation record naming their own key and signs the tail with it
        var intruderKeys = SigningKeys.generate();
        String intruderId = SigningKeys.keyId(intruderKeys.getPublic());
        store.writer.append(AuditRecord.of(StoreFixture.T0, Actor.SYSTEM, "audit.key.rotate",
                new Target("key", intruderId, null), null, null, AuditRecord.SUCCESS, null, null,
                Map.of("public_key", SigningKeys.publicPem(intruderKeys.getPublic()))));
        store.append(2);
        Files.writeString(store.files.privateKey(), SigningKeys.privatePem(intruderKeys.getPrivate()));
        Files.writeString(store.files.publicKey(), SigningKeys.publicPem(intruderKeys.getPublic()));
        store.seal();

        var result = store.cli("verify", "--public-key", original.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).startsWith("TAMPERED: digest 5 (records 32..34) is signed with key " + intruderId);
    }
}
