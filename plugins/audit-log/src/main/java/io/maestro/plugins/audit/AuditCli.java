package io.maestro.plugins.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code maestro audit verify | query | export | seal | rotate-key | public-key}: exit 0 ok, 1 check failed, 2 bad input. */
final class AuditCli {
    static final int OK = 0, FAILED = 1, USAGE = 2;
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Set<String> FILTERS = Set.of("--tenant", "--actor", "--action", "--since", "--until", "--run",
            "--outcome");

    static final String USAGE_TEXT = """
            usage: maestro audit <command> [options]
              verify [--public-key FILE]...   check every record, the hash chain and the signed digests;
                                              exit 1 naming the first bad record. Pin the public key: keep a
                                              copy away from the data directory and pass it here.
              query  [filters] [--limit N] [--json]
                                              matching records, oldest first (--limit: the newest N)
              export [filters] [--from-seq N] [--output FILE]
                                              matching records as OCSF API Activity JSON lines, for a SIEM
              seal                            sign a digest over the records not yet signed, now
              rotate-key                      switch to a new signing key, vouched for by the current one
              public-key                      print the current public key (PEM), to pin a copy elsewhere
            filters: --tenant T  --actor A  --action X (may contain *, e.g. 'step.*')  --run RUN_ID
                     --outcome success|failure|denied|held|cancelled|skipped
                     --since S  --until U   (an ISO-8601 instant, a date, or a duration ago: 24h, 30m, 7d)
            """;

    private final AuditWriter writer;
    private final Clock clock;
    private final String version;

    AuditCli(AuditWriter writer, Clock clock, String version) {
        this.writer = writer;
        this.clock = clock;
        this.version = version;
    }

    /** Thrown for bad arguments; the message says what was wrong. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    int run(List<String> args, PrintWriter out, PrintWriter err) {
        if (args.isEmpty()) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        String command = args.getFirst();
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (command) {
                case "verify" -> {
                    Options o = options(rest, Set.of("--public-key"), Set.of());
                    yield recorded(command, o, verify(o, out));
                }
                case "query" -> {
                    Options o = options(rest, with(FILTERS, "--limit"), Set.of("--json"));
                    yield recorded(command, o, query(o, out, err));
                }
                case "export" -> {
                    Options o = options(rest, with(FILTERS, "--from-seq", "--output"), Set.of());
                    yield recorded(command, o, export(o, out, err));
                }
                case "seal" -> seal(options(rest, Set.of(), Set.of()), out);
                case "rotate-key" -> rotate(options(rest, Set.of(), Set.of()), out);
                case "public-key" -> publicKey(options(rest, Set.of(), Set.of()), out, err);
                case "help", "--help", "-h" -> {
                    out.print(USAGE_TEXT);
                    yield OK;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("maestro audit " + command + ": " + e.getMessage());
            err.println("run 'maestro audit help' for the commands and options");
            return USAGE;
        } catch (IOException e) {
            err.println("maestro audit " + command + ": " + e.getMessage());
            return FAILED;
        }
    }

    /**
     * Reading the audit trail is itself audited: who (the OS user, until Maestro has identities) ran
     * which command with which arguments, and for verify what it found.
     */
    private int recorded(String command, Options o, Result result) {
        var details = new LinkedHashMap<String, Object>();
        details.put("arguments", o.asList());
        details.put("exit_code", (long) result.code());
        details.put("identity", "os-user");
        details.put("host", EventRecords.Origin.HOST);
        details.put("pid", EventRecords.Origin.PID);
        writer.append(AuditRecord.of(clock.instant(), new AuditRecord.Actor("user", System.getProperty("user.name")),
                "audit." + command, new AuditRecord.Target("audit-log", writer.files().records().toString(), null), null,
                o.get("--tenant"), result.code() == OK ? AuditRecord.SUCCESS : AuditRecord.FAILURE, result.finding(),
                null, details));
        return result.code();
    }

    /** A command's exit code and, for a failed check, what it found. */
    private record Result(int code, String finding) {
        static Result ok() {
            return new Result(OK, null);
        }
    }

    // ---- commands ------------------------------------------------------------------------------

    private Result verify(Options o, PrintWriter out) throws IOException, UsageException {
        flushQuietly();
        AuditFiles files = writer.files();
        List<Path> pinned = o.all("--public-key").stream().map(Path::of).toList();
        for (Path p : pinned) if (!Files.isRegularFile(p)) throw new UsageException("--public-key " + p + ": no such file");
        Verifier.Trust trust = pinned.isEmpty() ? Verifier.Trust.storedBeside(files) : Verifier.Trust.pinned(pinned);
        Verifier.Report report = new Verifier(files, trust).verify();
        if (!report.ok()) {
            out.println("TAMPERED: " + report.first().message());
            if (report.problems().size() > 1) {
                out.println("further problems (" + (report.problems().size() - 1) + "):");
                report.problems().stream().skip(1).limit(20).forEach(p -> out.println("  - " + p.message()));
            }
            out.println("log: " + files.records());
            out.println("trusted: " + report.trust());
            out.println("see runbooks/audit-log.md, 'verify fails'");
            return new Result(FAILED, report.first().message());
        }
        if (report.records() == 0) {
            out.println("OK: no audit records yet in " + files.records());
            return Result.ok();
        }
        out.println("OK: " + report.records() + " records, hash chain intact (head: record " + report.head().seq()
                + ", hash " + report.head().hash() + ")");
        if (report.lastGoodDigest() != null) {
            Digest d = report.lastGoodDigest();
            out.println("signed: records 1.." + report.signedThrough() + " by " + report.digests() + " digest"
                    + (report.digests() == 1 ? "" : "s") + ", every signature valid (last: digest " + d.number() + " at "
                    + d.time() + ", key " + d.keyId() + ")");
        }
        report.notes().forEach(n -> out.println("unsigned: " + n));
        out.println("trusted: " + report.trust());
        return Result.ok();
    }

    private Result query(Options o, PrintWriter out, PrintWriter err) throws IOException, UsageException {
        AuditQuery q = query(o);
        int limit = o.has("--limit") ? positive(o.one("--limit"), "--limit") : Integer.MAX_VALUE;
        flushQuietly();
        var newest = new ArrayDeque<AuditRecord>();
        long unreadable = q.scan(writer.files(), r -> {
            newest.addLast(r);
            if (newest.size() > limit) newest.removeFirst();
        });
        if (o.flag("--json")) {
            for (AuditRecord r : newest) out.println(r.toJsonLine());
        } else {
            printTable(newest, out);
        }
        warnUnreadable(unreadable, err);
        return Result.ok();
    }

    private Result export(Options o, PrintWriter out, PrintWriter err) throws IOException, UsageException {
        AuditQuery q = query(o);
        if (o.has("--from-seq")) {
            q = new AuditQuery(q.tenant(), q.actor(), q.action(), q.since(), q.until(), q.run(), q.outcome(),
                    positive(o.one("--from-seq"), "--from-seq"));
        }
        flushQuietly();
        long[] range = {0, 0, 0}; // count, first, last
        if (!o.has("--output")) {
            long unreadable = q.scan(writer.files(), r -> exportLine(r, out, range));
            warnUnreadable(unreadable, err);
            return Result.ok();
        }
        Path target = Path.of(o.one("--output")).toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            throw new UsageException("--output " + target + ": the directory " + target.getParent() + " does not exist");
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        long unreadable;
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); var pw = new PrintWriter(w)) {
            unreadable = q.scan(writer.files(), r -> exportLine(r, pw, range));
            pw.flush();
            if (pw.checkError()) throw new IOException(tmp + ": write failed");
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        err.println("exported " + range[0] + " records" + (range[0] == 0 ? "" : " (seq " + range[1] + ".." + range[2]
                + "; next incremental export: --from-seq " + (range[2] + 1) + ")") + " to " + target);
        warnUnreadable(unreadable, err);
        return Result.ok();
    }

    private void exportLine(AuditRecord r, PrintWriter w, long[] range) {
        w.println(CanonicalJson.write(OcsfRecords.from(r, version)));
        if (range[0]++ == 0) range[1] = r.seq();
        range[2] = r.seq();
    }

    private int seal(Options o, PrintWriter out) throws IOException {
        Digest d = writer.seal(PATIENCE);
        if (d == null) out.println("nothing to sign: every record is already covered by a digest");
        else out.println("signed digest " + d.number() + " over records " + d.firstSeq() + ".." + d.lastSeq()
                + " (key " + d.keyId() + ")");
        return OK;
    }

    private int rotate(Options o, PrintWriter out) throws IOException {
        AuditWriter.Rotation r = writer.rotateKey(PATIENCE);
        out.println("signing key rotated: " + r.previousKeyId() + " -> " + r.newKeyId());
        out.println("the rotation is record " + r.sealedWithPreviousKey().lastSeq() + ", signed by the previous key in digest "
                + r.sealedWithPreviousKey().number() + "; 'maestro audit verify --public-key <old key>' follows it");
        out.println("new public key: " + writer.files().publicKey() + " (pin a copy away from this machine)");
        return OK;
    }

    private int publicKey(Options o, PrintWriter out, PrintWriter err) throws IOException {
        Path pub = writer.files().publicKey();
        if (!Files.exists(pub)) {
            writer.seal(PATIENCE); // the key is made on first use; a first digest makes it
        }
        if (!Files.exists(pub)) {
            err.println("no signing key yet in " + writer.files().dir);
            return FAILED;
        }
        out.print(Files.readString(pub));
        return OK;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void flushQuietly() {
        try {
            writer.flush(PATIENCE); // this process's own records first
        } catch (IOException e) {
            // reading what is on disk is still useful; the writer logs why it cannot write
        }
    }

    private AuditQuery query(Options o) throws UsageException {
        Instant since = o.has("--since") ? time(o.one("--since"), "--since") : null;
        Instant until = o.has("--until") ? time(o.one("--until"), "--until") : null;
        return new AuditQuery(o.get("--tenant"), o.get("--actor"), o.get("--action"), since, until, o.get("--run"),
                o.get("--outcome"), 0);
    }

    private Instant time(String text, String option) throws UsageException {
        try {
            return TimeArgs.instantOrAgo(text, clock);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + e.getMessage());
        }
    }

    private static int positive(String text, String option) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(option + " '" + text + "' is not a positive integer");
    }

    private static void warnUnreadable(long unreadable, PrintWriter err) {
        if (unreadable > 0) {
            err.println("warning: " + unreadable + " line(s) are not readable audit records and were skipped; "
                    + "run 'maestro audit verify'");
        }
    }

    private static void printTable(Iterable<AuditRecord> records, PrintWriter out) {
        var rows = new ArrayList<String[]>();
        rows.add(new String[] {"SEQ", "TIME", "TENANT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "REASON"});
        for (AuditRecord r : records) {
            String target = r.target() == null ? "-" : r.target().type() + " " + r.target().id();
            if (r.run() != null && r.target() != null && !"run".equals(r.target().type())) target += " (run " + r.run() + ")";
            rows.add(new String[] {Long.toString(r.seq()), r.time().toString(), dash(r.tenant()), dash(r.actor().name()),
                    r.action(), target, dash(r.outcome()), r.reason() == null ? "" : abbreviate(r.reason(), 80)});
        }
        int[] width = new int[8];
        for (String[] row : rows) for (int i = 0; i < 7; i++) width[i] = Math.max(width[i], row[i].length());
        for (String[] row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                line.append(i < 7 ? String.format("%-" + width[i] + "s  ", row[i]) : row[i]);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }

    private static Set<String> with(Set<String> base, String... more) {
        var all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    /** Parsed {@code --name value}, {@code --name=value} and flags; repeated options keep every value. */
    private record Options(Map<String, List<String>> values, Set<String> flags) {
        boolean has(String name) {
            return values.containsKey(name);
        }

        boolean flag(String name) {
            return flags.contains(name);
        }

        String get(String name) {
            List<String> v = values.get(name);
            return v == null ? null : v.getLast();
        }

        String one(String name) throws UsageException {
            List<String> v = values.get(name);
            if (v.size() > 1) throw new UsageException(name + " given " + v.size() + " times");
            return v.getFirst();
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        /** The options as given (normalised to {@code --name value}), for the record of this command. */
        List<Object> asList() {
            var list = new ArrayList<Object>();
            values.forEach((k, vs) -> vs.forEach(v -> {
                list.add(k);
                list.add(v);
            }));
            list.addAll(new java.util.TreeSet<>(flags));
            return list;
        }
    }

    private static Options options(List<String> args, Set<String> valued, Set<String> flagNames) throws UsageException {
        var values = new LinkedHashMap<String, List<String>>();
        var flags = new java.util.HashSet<String>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (flagNames.contains(name) && value == null) {
                flags.add(name);
                continue;
            }
            if (!valued.contains(name)) {
                var known = new java.util.TreeSet<>(valued);
                known.addAll(flagNames);
                throw new UsageException(a.startsWith("-") ? "unknown option '" + name + "'"
                        + (known.isEmpty() ? " (this command takes none)" : " (known: " + String.join(" ", known) + ")")
                        : "unexpected argument '" + a + "'");
            }
            if (value == null) {
                if (i + 1 >= args.size()) throw new UsageException(name + " needs a value");
                value = args.get(++i);
            }
            if (value.isBlank()) throw new UsageException(name + " needs a non-empty value");
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new Options(values, flags);
    }
}
