package io.maestro.plugins.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checks an audit store trusting nothing but the given public keys: every record's hash, the chain
 * of {@code seq}/{@code prev}, the chain of digests, each digest's signature and the hash it signs.
 * Reports the first bad record (number, line and why); later problems are listed after it.
 */
final class Verifier {
    private final AuditFiles files;
    private final Trust trust;
    private AuditFiles.Snapshot snap;

    /** The keys a verification starts from; rotation records vouched for by a trusted key add their new key. */
    record Trust(Map<String, PublicKey> keys, String description) {
        /** Pinned copies of public keys (PEM files) kept away from the log. */
        static Trust pinned(List<Path> pemFiles) throws IOException {
            var keys = new LinkedHashMap<String, PublicKey>();
            for (Path f : pemFiles) {
                PublicKey k = readKey(f);
                keys.put(SigningKeys.keyId(k), k);
            }
            return new Trust(keys, "pinned public key" + (keys.size() == 1 ? " " : "s ") + String.join(", ", keys.keySet())
                    + " (from " + String.join(", ", pemFiles.stream().map(Path::toString).toList()) + ")");
        }

        /** The public keys stored beside the log: proves the log matches them, not that they are the originals. */
        static Trust storedBeside(AuditFiles files) throws IOException {
            var keys = new LinkedHashMap<String, PublicKey>();
            var sources = new ArrayList<Path>();
            if (Files.exists(files.publicKey())) sources.add(files.publicKey());
            if (Files.isDirectory(files.retiredKeys())) {
                try (Stream<Path> s = Files.list(files.retiredKeys())) {
                    s.filter(p -> p.toString().endsWith(".pem")).sorted().forEach(sources::add);
                }
            }
            for (Path f : sources) {
                PublicKey k = readKey(f);
                keys.put(SigningKeys.keyId(k), k);
            }
            return new Trust(keys, "the public key(s) stored beside the log in " + files.dir + " (" + keys.size()
                    + "); an intruder who can rewrite the log can replace these too: pin a copy kept elsewhere "
                    + "with --public-key FILE");
        }

        private static PublicKey readKey(Path f) throws IOException {
            try {
                return SigningKeys.readPublicPem(Files.readString(f));
            } catch (GeneralSecurityException e) {
                throw new IOException(f + ": not an Ed25519 public key in PEM form: " + e.getMessage(), e);
            }
        }
    }

    /** One thing wrong: {@code position} is the first record number it affects (for ordering). */
    record Problem(long position, int rank, String message) { }

    record Report(long records, Digest lastGoodDigest, long signedThrough, int digests, AuditWriter.Tail head,
                  List<Problem> problems, List<String> notes, String trust) {
        boolean ok() {
            return problems.isEmpty();
        }

        Problem first() {
            return problems.isEmpty() ? null : problems.getFirst();
        }
    }

    Verifier(AuditFiles files, Trust trust) {
        this.files = files;
        this.trust = trust;
    }

    private record Line(long number, Map<String, Object> map, AuditRecord record, String error) {
        boolean valid() {
            return error == null;
        }
    }

    Report verify() throws IOException {
        snap = files.snapshot();
        var problems = new ArrayList<Problem>();
        var notes = new ArrayList<String>();

        // ---- the digests, as a chain of their own ----
        var digests = new ArrayList<Digest>();
        var digestMaps = new ArrayList<Map<String, Object>>();
        readDigests(snap, digests, digestMaps, problems);
        var endingAt = new HashMap<Long, Integer>();
        for (int i = 0; i < digests.size(); i++) endingAt.putIfAbsent(digests.get(i).lastSeq(), i);

        // ---- the records ----
        var trusted = new HashMap<>(trust.keys());
        var vouchPending = new ArrayList<Map.Entry<Long, PublicKey>>(); // keys introduced by rotation records
        var checked = new HashSet<Integer>();
        long expected = 1;
        String prev = AuditRecord.GENESIS;
        long signedThrough = 0;
        long lastKeyRecord = 0; // key creations and rotations are signed the moment they are written
        Digest lastGood = null;
        boolean broken = false;
        boolean terminated = AuditFiles.endsWithNewline(files.records(), snap.recordsSize());
        try (var lines = new AuditFiles.Lines(files.records(), snap.recordsSize())) {
            String text = lines.next();
            while (text != null) {
                long ln = lines.number();
                String nextText = lines.next();
                if (nextText == null && !terminated) {
                    problems.add(new Problem(expected, 0, "record " + expected + " (line " + ln + "): the line is "
                            + "incomplete: a write cut short (crash, full disk) or a truncated file; a running Maestro "
                            + "moves it aside on its next write"));
                    broken = true;
                    break;
                }
                Line line = parse(ln, text);
                if (!line.valid()) {
                    problems.add(new Problem(expected, 0, "record " + expected + " (line " + ln
                            + "): not a valid audit record (" + line.error() + "): edited or corrupted"));
                    broken = true;
                    break;
                }
                AuditRecord r = line.record();
                if (!hashMatches(line.map())) {
                    problems.add(new Problem(expected, 0, "record " + expected + " (line " + ln + "): its content does "
                            + "not match its hash: edited (or forged) after it was written"));
                    broken = true;
                    break;
                }
                if (r.seq() == expected && r.prev().equals(prev)) {
                    prev = r.hash();
                    if (r.action().startsWith("audit.key.")) lastKeyRecord = r.seq();
                    if ("audit.key.rotate".equals(r.action())) {
                        PublicKey introduced = introducedKey(r);
                        if (introduced != null) vouchPending.add(Map.entry(r.seq(), introduced));
                    }
                    Integer d = endingAt.get(r.seq());
                    if (d != null) {
                        checked.add(d);
                        Digest digest = digests.get(d);
                        String bad = checkDigest(digest, digestMaps.get(d), trusted);
                        if (bad == null && !digest.lastHash().equals(r.hash())) {
                            bad = "records " + digest.firstSeq() + ".." + digest.lastSeq() + " do not match digest "
                                    + digest.number() + ": the signed hash of record " + digest.lastSeq() + " differs "
                                    + "from the log's: a record in that range was altered and the chain re-hashed";
                        }
                        if (bad != null) {
                            problems.add(new Problem(digest.firstSeq(), 1, bad));
                        } else {
                            signedThrough = Math.max(signedThrough, digest.lastSeq());
                            lastGood = digest;
                            for (var it = vouchPending.iterator(); it.hasNext(); ) {
                                var k = it.next();
                                if (k.getKey() <= digest.lastSeq()) {
                                    trusted.put(SigningKeys.keyId(k.getValue()), k.getValue());
                                    it.remove();
                                }
                            }
                        }
                    }
                    expected++;
                    text = nextText;
                    continue;
                }
                problems.add(classify(line, expected, prev, nextText == null ? null : parse(ln + 1, nextText)));
                broken = true;
                break;
            }
        }
        long count = expected - 1;

        // ---- digests the walk did not reach ----
        boolean truncationReported = false;
        for (int i = 0; i < digests.size(); i++) {
            if (checked.contains(i)) continue;
            Digest d = digests.get(i);
            if (!broken && d.lastSeq() > count && !truncationReported) {
                truncationReported = true;
                problems.add(new Problem(count + 1, 0, (d.lastSeq() == count + 1 ? "record " + (count + 1) + " is"
                        : "records " + (count + 1) + ".." + d.lastSeq() + " are") + " missing: digest " + d.number()
                        + " signs the log up to record " + d.lastSeq() + " but it ends at record " + count
                        + " (truncated)"));
            }
            PublicKey key = trusted.get(d.keyId());
            if (key != null && !Digest.signatureValid(digestMaps.get(i), key)) {
                problems.add(new Problem(d.firstSeq(), 1, "digest " + d.number() + " (records " + d.firstSeq() + ".."
                        + d.lastSeq() + "): its signature does not verify with key " + d.keyId()));
            }
        }
        long digestsReach = digests.isEmpty() ? 0 : digests.getLast().lastSeq();
        if (!broken && lastKeyRecord > digestsReach) {
            problems.add(new Problem(digestsReach + 1, 1, "digests are missing: record " + lastKeyRecord + " (a signing "
                    + "key event) was written as a digest was signed, but " + (digests.isEmpty() ? "there are no digests"
                    : "the last digest present ends at record " + digestsReach) + " (digest file removed or cut short)"));
        }
        if (!broken && count > signedThrough && problems.isEmpty()) {
            notes.add((count == signedThrough + 1 ? "record " + count + " is" : "records " + (signedThrough + 1) + ".."
                    + count + " are") + " not yet covered by a signed digest "
                    + "(written after the last one; 'maestro audit seal' signs them now)");
        }
        problems.sort(Comparator.comparingLong(Problem::position).thenComparingInt(Problem::rank));
        return new Report(count, lastGood, signedThrough, digests.size(), new AuditWriter.Tail(count, prev),
                List.copyOf(problems), notes, trust.description());
    }

    private void readDigests(AuditFiles.Snapshot snap, List<Digest> digests, List<Map<String, Object>> maps,
                             List<Problem> problems) throws IOException {
        boolean terminated = AuditFiles.endsWithNewline(files.digests(), snap.digestsSize());
        Digest before = null;
        try (var lines = new AuditFiles.Lines(files.digests(), snap.digestsSize())) {
            String text = lines.next();
            while (text != null) {
                long ln = lines.number();
                String nextText = lines.next();
                long after = before == null ? 1 : before.lastSeq() + 1;
                if (nextText == null && !terminated) {
                    problems.add(new Problem(after, 1, "digest file line " + ln + " is incomplete "
                            + "(a write cut short, or a truncated file)"));
                    return;
                }
                Digest d;
                Map<String, Object> m;
                try {
                    m = CanonicalJson.parseObject(text);
                    d = Digest.fromMap(m);
                } catch (CanonicalJson.SyntaxException | AuditRecord.MalformedRecordException e) {
                    problems.add(new Problem(after, 1, "digest file line " + ln
                            + ": not a valid digest (" + e.getMessage() + ")"));
                    return;
                }
                String link = linkProblem(before, d);
                if (link != null) problems.add(new Problem(before == null ? 1 : Math.min(after, d.firstSeq()), 1, link));
                digests.add(d);
                maps.add(m);
                before = d;
                text = nextText;
            }
        }
    }

    /** How digest {@code d} fails to follow {@code before} (null: it follows). */
    private static String linkProblem(Digest before, Digest d) {
        long number = before == null ? 1 : before.number() + 1;
        long from = before == null ? 1 : before.lastSeq() + 1;
        if (d.number() > number) {
            return (d.number() == number + 1 ? "digest " + number + " is" : "digests " + number + ".." + (d.number() - 1)
                    + " are") + " missing (removed): digest " + d.number() + " follows "
                    + (before == null ? "nothing" : "digest " + before.number()) + "; records " + from + ".."
                    + (d.firstSeq() - 1) + " are signed by no digest present";
        }
        if (d.number() < number) {
            return "digest " + d.number() + " appears again (or out of order) after digest " + before.number();
        }
        String expectedPrev = before == null ? null : before.signature();
        if (!java.util.Objects.equals(expectedPrev, d.previousSignature())) {
            return "digest " + d.number() + " does not link to " + (before == null ? "the start"
                    : "digest " + before.number()) + ": the previous signature it carries differs";
        }
        if (d.firstSeq() != from || d.lastSeq() < d.firstSeq()) {
            return "digest " + d.number() + " covers records " + d.firstSeq() + ".." + d.lastSeq() + " but should "
                    + "start at record " + from;
        }
        return null;
    }

    private static String checkDigest(Digest d, Map<String, Object> parsed, Map<String, PublicKey> trusted) {
        PublicKey key = trusted.get(d.keyId());
        String range = "digest " + d.number() + " (records " + d.firstSeq() + ".." + d.lastSeq() + ")";
        if (key == null) {
            return range + " is signed with key " + d.keyId() + ", which is not trusted (not pinned, and not "
                    + "introduced by a key rotation a trusted key signed)";
        }
        if (!Digest.signatureValid(parsed, key)) {
            return range + ": its signature does not verify with the trusted key " + d.keyId()
                    + " (the digest was altered, or signed by someone else)";
        }
        return null;
    }

    /** Names what went wrong where a record does not follow the one before it. */
    private Problem classify(Line line, long expected, String prev, Line next) throws IOException {
        AuditRecord r = line.record();
        long ln = line.number();
        boolean nextValid = next != null && next.valid();
        if (r.seq() == expected) {
            if (nextValid && next.record().seq() == expected && next.record().prev().equals(prev)) {
                return new Problem(expected, 0, "record " + expected + " (line " + ln + "): inserted: it does not "
                        + "chain to record " + (expected - 1) + ", while the next line, also numbered " + expected
                        + ", does");
            }
            if (expected == 1) {
                return new Problem(1, 0, "record 1 (line " + ln + "): does not start the chain (its prev is not the "
                        + "genesis value): records before it were removed, or it was forged");
            }
            return new Problem(expected - 1, 0, "record " + (expected - 1) + " (line " + (ln - 1) + "): altered and "
                    + "re-hashed: record " + expected + " (line " + ln + ") was chained to a different hash for it");
        }
        if (r.seq() > expected) {
            long at = lineOf(expected, ln + 1);
            if (at > 0) {
                return new Problem(expected, 0, "record " + expected + ": out of order (reordered): it is at line " + at
                        + ", while line " + ln + " holds record " + r.seq());
            }
            return new Problem(expected, 0, (r.seq() == expected + 1 ? "record " + expected + " is"
                    : "records " + expected + ".." + (r.seq() - 1) + " are") + " missing (removed): line " + ln
                    + " holds record " + r.seq() + " where record " + expected + " should be");
        }
        // r.seq() < expected: a second record claiming a number already seen
        if (r.seq() == expected - 1) {
            if (r.hash().equals(prev)) {
                return new Problem(expected, 0, "line " + ln + ": a copy of record " + r.seq() + " (line " + (ln - 1)
                        + ") was inserted");
            }
            if (nextValid && next.record().seq() == expected && next.record().prev().equals(r.hash())) {
                return new Problem(r.seq(), 0, "record " + r.seq() + " (line " + (ln - 1) + "): inserted: the chain "
                        + "continues from the other record " + r.seq() + " at line " + ln);
            }
            if (next == null) {
                return new Problem(r.seq(), 0, "record " + r.seq() + ": lines " + (ln - 1) + " and " + ln + " both claim "
                        + "to be it: one of them was inserted");
            }
        }
        return new Problem(expected, 0, "line " + ln + ": inserted: it claims to be record " + r.seq() + ", which is "
                + "already at line " + r.seq() + " (record " + expected + " belongs here)");
    }

    /** The line (from {@code fromLine} on) holding a valid record numbered {@code seq}, or 0. */
    private long lineOf(long seq, long fromLine) throws IOException {
        try (var lines = new AuditFiles.Lines(files.records(), snap.recordsSize())) {
            String text;
            while ((text = lines.next()) != null) {
                if (lines.number() < fromLine) continue;
                Line l = parse(lines.number(), text);
                if (l.valid() && l.record().seq() == seq) return lines.number();
            }
        }
        return 0;
    }

    private static Line parse(long number, String text) {
        try {
            Map<String, Object> m = CanonicalJson.parseObject(text);
            return new Line(number, m, AuditRecord.fromMap(m), null);
        } catch (CanonicalJson.SyntaxException | AuditRecord.MalformedRecordException e) {
            return new Line(number, null, null, e.getMessage());
        }
    }

    /** The record's hash over exactly what the line holds (not over a re-serialized record). */
    private static boolean hashMatches(Map<String, Object> parsed) {
        var body = new LinkedHashMap<>(parsed);
        Object stored = body.remove("hash");
        return AuditRecord.hashOf(body).equals(stored);
    }

    private static PublicKey introducedKey(AuditRecord r) {
        if (!(r.details().get("public_key") instanceof String pem)) return null;
        try {
            PublicKey k = SigningKeys.readPublicPem(pem);
            return r.target() != null && SigningKeys.keyId(k).equals(r.target().id()) ? k : null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
