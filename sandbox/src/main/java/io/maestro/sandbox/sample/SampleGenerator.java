package io.maestro.sandbox.sample;

import static io.maestro.sandbox.sample.NodeLabel.ACCOUNT;
import static io.maestro.sandbox.sample.NodeLabel.DEVICE;
import static io.maestro.sandbox.sample.NodeLabel.DOCUMENT;
import static io.maestro.sandbox.sample.NodeLabel.EVENT;
import static io.maestro.sandbox.sample.NodeLabel.LOCATION;
import static io.maestro.sandbox.sample.NodeLabel.ORGANIZATION;
import static io.maestro.sandbox.sample.NodeLabel.PERSON;
import static io.maestro.sandbox.sample.NodeLabel.TRANSACTION;
import static io.maestro.sandbox.sample.Vocabulary.BANKS;
import static io.maestro.sandbox.sample.Vocabulary.CITIES;

import io.maestro.sandbox.sample.Vocabulary.Bank;
import io.maestro.sandbox.sample.Vocabulary.City;
import io.maestro.sandbox.sample.Vocabulary.Country;
import io.maestro.sandbox.sample.Vocabulary.DeviceKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plans and emits the sample graph for one size and seed. All randomness comes from one
 * {@link SplittableRandom}, split in a fixed order (the plan, then one stream per label and per
 * relationship type), and doubles only go through {@link StrictMath}, so a size and a seed give the
 * same graph on every JVM.
 *
 * <p>The plan fixes the structure that several phases share (who owns which account, who pays whom,
 * where organisations sit, the planted patterns) in primitive arrays; the phases then stream rows.
 */
final class SampleGenerator {
    private static final long TRANSACTIONS_FROM = epochSecond("2023-01-01T00:00:00Z");
    private static final long TRANSACTIONS_UNTIL = epochSecond("2026-01-01T00:00:00Z");
    private static final long RINGS_FROM = epochSecond("2024-01-01T00:00:00Z");
    private static final long RINGS_UNTIL = epochSecond("2025-07-01T00:00:00Z");
    private static final long EVENTS_FROM = epochSecond("2020-01-01T00:00:00Z");
    private static final int LATEST_YEAR = 2025;
    /** Coprime to the 600 prefix × core combinations, so the first 600 organisations get distinct names. */
    private static final int ORG_NAME_STRIDE = 7_919;

    private final int persons;
    private final int organizations;
    private final int accounts;
    private final int transactions;
    private final int devices;
    private final int locations;
    private final int events;
    private final int documents;
    private final int idWidth;
    private final SplittableRandom root;

    private final Hubs personHubs;
    private final Hubs organizationHubs;
    private final Hubs accountHubs;
    private final Hubs locationHubs;
    private final short[] locationCity;
    private final int[] organizationLocation;
    private final short[] personBorn;
    /** A person's index, or {@code -1 - index} of an organisation. */
    private final int[] accountOwner;
    private final byte[] accountBank;
    private final int[] transactionFrom;
    private final int[] transactionTo;
    private final List<int[]> ringAccounts = new ArrayList<>();
    private final Map<Integer, RingTransfer> ringTransfers = new HashMap<>();
    /** Planted shared devices, in planting order, with their users. */
    private final Map<Integer, int[]> sharedDeviceUsers = new LinkedHashMap<>();
    /** Suspicious activity reports: document index → index of the ring they report. */
    private final Map<Integer, Integer> ringReports = new HashMap<>();

    private record RingTransfer(double amount, long at) {}

    SampleGenerator(Size size, long seed) {
        Map<NodeLabel, Integer> counts = size.nodesByLabel();
        persons = counts.get(PERSON);
        organizations = counts.get(ORGANIZATION);
        accounts = counts.get(ACCOUNT);
        transactions = counts.get(TRANSACTION);
        devices = counts.get(DEVICE);
        locations = counts.get(LOCATION);
        events = counts.get(EVENT);
        documents = counts.get(DOCUMENT);
        idWidth = Math.max(7, Integer.toString(counts.values().stream().mapToInt(Integer::intValue).max().orElse(0)).length());
        root = new SplittableRandom(seed);

        SplittableRandom r = root.split();
        personHubs = new Hubs(persons, r);
        organizationHubs = new Hubs(organizations, r);
        accountHubs = new Hubs(accounts, r);
        locationHubs = new Hubs(locations, r);

        locationCity = new short[locations];
        for (int i = 0; i < locations; i++) locationCity[i] = (short) r.nextInt(CITIES.size());
        organizationLocation = new int[organizations];
        for (int i = 0; i < organizations; i++) organizationLocation[i] = locationHubs.pick(r);
        personBorn = new short[persons];
        for (int i = 0; i < persons; i++) personBorn[i] = (short) (1945 + r.nextInt(60));
        accountOwner = new int[accounts];
        accountBank = new byte[accounts];
        for (int i = 0; i < accounts; i++) {
            accountOwner[i] = r.nextInt(100) < 20 ? -1 - organizationHubs.pick(r) : personHubs.pick(r);
            accountBank[i] = (byte) r.nextInt(BANKS.size());
        }
        transactionFrom = new int[transactions];
        transactionTo = new int[transactions];
        for (int i = 0; i < transactions; i++) {
            int from = accountHubs.pick(r);
            int to;
            do to = accountHubs.pick(r); while (to == from);
            transactionFrom[i] = from;
            transactionTo[i] = to;
        }
        List<int[]> ringPeople = planRings(r, 2 + size.nodes() / 100_000);
        planSharedDevices(r, ringPeople, 2 + size.nodes() / 200_000);
        int[] reports = distinct(r, documents, ringAccounts.size());
        for (int k = 0; k < reports.length; k++) ringReports.put(reports[k], k);
    }

    /**
     * Money cycles: 3–5 accounts of distinct people, each paying the next a slightly smaller amount
     * (1–3 % kept back at every hop) within hours, the last paying the first. Returns each ring's people.
     */
    private List<int[]> planRings(SplittableRandom r, int rings) {
        int[] lengths = new int[rings];
        int total = 0;
        for (int k = 0; k < rings; k++) total += lengths[k] = 3 + r.nextInt(3);
        int[] accountPicks = distinct(r, accounts, total);
        int[] peoplePicks = distinct(r, persons, total);
        int[] transactionPicks = distinct(r, transactions, total);
        List<int[]> people = new ArrayList<>();
        int at = 0;
        for (int k = 0; k < rings; k++) {
            int n = lengths[k];
            int[] ring = Arrays.copyOfRange(accountPicks, at, at + n);
            for (int j = 0; j < n; j++) {
                accountOwner[ring[j]] = peoplePicks[at + j];
                accountBank[ring[j]] = (byte) BANKS.indexOf(Vocabulary.EURO_BANKS.get(r.nextInt(Vocabulary.EURO_BANKS.size())));
            }
            long when = RINGS_FROM + r.nextLong(RINGS_UNTIL - RINGS_FROM);
            double amount = 9_000 + r.nextInt(40_000) + r.nextInt(100) / 100.0;
            for (int j = 0; j < n; j++) {
                int t = transactionPicks[at + j];
                transactionFrom[t] = ring[j];
                transactionTo[t] = ring[(j + 1) % n];
                ringTransfers.put(t, new RingTransfer(cents(amount), when));
                when += 3_600 + r.nextInt(17 * 3_600);
                amount *= 0.97 + 0.02 * r.nextDouble();
            }
            ringAccounts.add(ring);
            people.add(Arrays.copyOfRange(peoplePicks, at, at + n));
            at += n;
        }
        return people;
    }

    /** Every ring's people share one device; a few more devices are shared by 3–5 otherwise unrelated people. */
    private void planSharedDevices(SplittableRandom r, List<int[]> ringPeople, int others) {
        int[] picks = distinct(r, devices, ringPeople.size() + others);
        for (int k = 0; k < picks.length; k++) {
            int[] users = k < ringPeople.size() ? ringPeople.get(k) : distinct(r, persons, 3 + r.nextInt(3));
            sharedDeviceUsers.put(picks[k], users);
        }
    }

    PlantedPatterns planted() {
        List<List<String>> cycles = ringAccounts.stream()
                .map(ring -> Arrays.stream(ring).mapToObj(a -> id(ACCOUNT, a)).toList())
                .toList();
        List<String> shared = sharedDeviceUsers.keySet().stream().map(d -> id(DEVICE, d)).toList();
        return new PlantedPatterns(cycles, shared);
    }

    /** Emits every node, then every relationship. */
    void generate(GraphSink sink) {
        people(sink, root.split());
        organizations(sink, root.split());
        accounts(sink, root.split());
        transactions(sink, root.split());
        devices(sink, root.split());
        locations(sink, root.split());
        events(sink, root.split());
        documents(sink, root.split());

        worksFor(sink, root.split());
        owns(sink);
        transfers(sink);
        uses(sink, root.split());
        seenAt(sink, root.split());
        knows(sink, root.split());
        involvedIn(sink, root.split());
        eventsAt(sink, root.split());
        mentions(sink, root.split());
        subsidiaries(sink, root.split());
        locatedIn(sink);
    }

    private void people(GraphSink sink, SplittableRandom r) {
        for (int p = 0; p < persons; p++) {
            sink.node(PERSON, properties(
                    "id", id(PERSON, p),
                    "name", pick(r, Vocabulary.FIRST_NAMES) + " " + pick(r, Vocabulary.LAST_NAMES),
                    "born", (int) personBorn[p],
                    "nationality", pick(r, CITIES).country().name(),
                    "riskScore", round(StrictMath.pow(r.nextDouble(), 2.5), 3)));
        }
    }

    private void organizations(GraphSink sink, SplittableRandom r) {
        int prefixes = Vocabulary.ORG_PREFIXES.size();
        int combinations = prefixes * Vocabulary.ORG_CORES.size();
        int offset = r.nextInt(combinations);
        for (int o = 0; o < organizations; o++) {
            Country country = cityOf(organizationLocation[o]).country();
            int name = (int) (((long) o * ORG_NAME_STRIDE + offset) % combinations);
            sink.node(ORGANIZATION, properties(
                    "id", id(ORGANIZATION, o),
                    "name", Vocabulary.ORG_PREFIXES.get(name % prefixes) + " " + Vocabulary.ORG_CORES.get(name / prefixes) + " " + country.legalForm(),
                    "sector", pick(r, Vocabulary.SECTORS),
                    "country", country.name(),
                    "registeredAt", date(r, "1960-01-01", "2025-01-01")));
        }
    }

    private void accounts(GraphSink sink, SplittableRandom r) {
        for (int a = 0; a < accounts; a++) {
            Bank bank = BANKS.get(accountBank[a]);
            double u = r.nextDouble();
            sink.node(ACCOUNT, properties(
                    "id", id(ACCOUNT, a),
                    "iban", iban(bank.country().iso2(), accountBank[a], a, r.nextInt(10_000)),
                    "bank", bank.name(),
                    "currency", bank.currency(),
                    "openedAt", date(r, "2000-01-01", "2023-01-01"),
                    "balance", cents(StrictMath.pow(10, 2 + 5 * u * u))));
        }
    }

    private void transactions(GraphSink sink, SplittableRandom r) {
        for (int t = 0; t < transactions; t++) {
            String currency = BANKS.get(accountBank[transactionFrom[t]]).currency();
            RingTransfer ring = ringTransfers.get(t);
            double amount;
            long at;
            String channel;
            if (ring != null) {
                amount = ring.amount();
                at = ring.at();
                channel = "SWIFT wire";
            } else {
                double u = r.nextDouble();
                amount = cents(StrictMath.pow(10, 1 + 4.5 * u * u));
                at = TRANSACTIONS_FROM + r.nextLong(TRANSACTIONS_UNTIL - TRANSACTIONS_FROM);
                channel = pick(r, Vocabulary.CHANNELS);
            }
            sink.node(TRANSACTION, properties(
                    "id", id(TRANSACTION, t), "amount", amount, "currency", currency, "at", instant(at), "channel", channel));
        }
    }

    private void devices(GraphSink sink, SplittableRandom r) {
        for (int d = 0; d < devices; d++) {
            DeviceKind kind = deviceKind(r);
            sink.node(DEVICE, properties(
                    "id", id(DEVICE, d),
                    "kind", kind.kind(),
                    "os", pick(r, kind.systems()),
                    "imei", imei(pick(r, Vocabulary.IMEI_TACS), d)));
        }
    }

    private void locations(GraphSink sink, SplittableRandom r) {
        for (int l = 0; l < locations; l++) {
            City city = cityOf(l);
            sink.node(LOCATION, properties(
                    "id", id(LOCATION, l),
                    "city", city.name(),
                    "country", city.country().name(),
                    "lat", round(city.lat() + (r.nextDouble() - 0.5) * 0.12, 5),
                    "lon", round(city.lon() + (r.nextDouble() - 0.5) * 0.12, 5)));
        }
    }

    private void events(GraphSink sink, SplittableRandom r) {
        for (int e = 0; e < events; e++) {
            sink.node(EVENT, properties(
                    "id", id(EVENT, e),
                    "kind", pick(r, Vocabulary.EVENT_KINDS),
                    "at", instant(EVENTS_FROM + r.nextLong(TRANSACTIONS_UNTIL - EVENTS_FROM)),
                    "severity", weighted(r, Vocabulary.SEVERITIES)));
        }
    }

    private void documents(GraphSink sink, SplittableRandom r) {
        for (int d = 0; d < documents; d++) {
            Integer ring = ringReports.get(d);
            if (ring != null) {
                sink.node(DOCUMENT, properties(
                        "id", id(DOCUMENT, d),
                        "title", "Suspicious activity report: round-trip transfers through " + ringAccounts.get(ring).length + " accounts",
                        "kind", "suspicious activity report",
                        "language", "en",
                        "classification", "CONFIDENTIAL"));
                continue;
            }
            String kind = pick(r, Vocabulary.DOCUMENT_KINDS);
            sink.node(DOCUMENT, properties(
                    "id", id(DOCUMENT, d),
                    "title", Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " on " + pick(r, Vocabulary.DOCUMENT_TOPICS),
                    "kind", kind,
                    "language", pick(r, Vocabulary.LANGUAGES),
                    "classification", weighted(r, Vocabulary.CLASSIFICATIONS)));
        }
    }

    /** 70 % of people work somewhere, most at a few large employers. */
    private void worksFor(GraphSink sink, SplittableRandom r) {
        for (int p = 0; p < persons; p++) {
            if (r.nextInt(100) >= 70) continue;
            int o = organizationHubs.pick(r);
            sink.relationship(RelType.WORKS_FOR, PERSON, id(PERSON, p), ORGANIZATION, id(ORGANIZATION, o),
                    properties("since", yearAfter(r, Math.max(personBorn[p] + 18, 1980)), "role", pick(r, Vocabulary.JOB_ROLES)));
        }
    }

    private void owns(GraphSink sink) {
        for (int a = 0; a < accounts; a++) {
            int owner = accountOwner[a];
            if (owner >= 0) {
                sink.relationship(RelType.OWNS, PERSON, id(PERSON, owner), ACCOUNT, id(ACCOUNT, a), Map.of());
            } else {
                sink.relationship(RelType.OWNS, ORGANIZATION, id(ORGANIZATION, -1 - owner), ACCOUNT, id(ACCOUNT, a), Map.of());
            }
        }
    }

    private void transfers(GraphSink sink) {
        for (int t = 0; t < transactions; t++) {
            sink.relationship(RelType.SENT, ACCOUNT, id(ACCOUNT, transactionFrom[t]), TRANSACTION, id(TRANSACTION, t), Map.of());
        }
        for (int t = 0; t < transactions; t++) {
            sink.relationship(RelType.RECEIVED_BY, TRANSACTION, id(TRANSACTION, t), ACCOUNT, id(ACCOUNT, transactionTo[t]), Map.of());
        }
    }

    /** A device has one user, except the planted shared ones. */
    private void uses(GraphSink sink, SplittableRandom r) {
        for (int d = 0; d < devices; d++) {
            int[] users = sharedDeviceUsers.get(d);
            if (users == null) users = new int[] {r.nextInt(persons)};
            for (int p : users) {
                sink.relationship(RelType.USES, PERSON, id(PERSON, p), DEVICE, id(DEVICE, d), Map.of());
            }
        }
    }

    /** Most devices are seen in 1–3 places; one in ten travels (4–9 sightings). Busy places draw most sightings. */
    private void seenAt(GraphSink sink, SplittableRandom r) {
        for (int d = 0; d < devices; d++) {
            int sightings = r.nextInt(100) < 10 ? 4 + r.nextInt(6) : 1 + r.nextInt(3);
            for (int s = 0; s < sightings; s++) {
                sink.relationship(RelType.SEEN_AT, DEVICE, id(DEVICE, d), LOCATION, id(LOCATION, locationHubs.pick(r)),
                        properties("at", instant(TRANSACTIONS_FROM + r.nextLong(TRANSACTIONS_UNTIL - TRANSACTIONS_FROM))));
            }
        }
    }

    /** Most people name 1–4 acquaintances, 2 % name 10–49; a few well-known people are named by many. */
    private void knows(GraphSink sink, SplittableRandom r) {
        for (int p = 0; p < persons; p++) {
            int wanted = r.nextInt(100) < 2 ? 10 + r.nextInt(40) : 1 + r.nextInt(4);
            var known = new LinkedHashSet<Integer>();
            for (int k = 0; k < wanted; k++) {
                int q = personHubs.pick(r);
                if (q == p || !known.add(q)) continue;
                sink.relationship(RelType.KNOWS, PERSON, id(PERSON, p), PERSON, id(PERSON, q),
                        properties("since", yearAfter(r, Math.max(personBorn[p], personBorn[q]) + 12)));
            }
        }
    }

    private void involvedIn(GraphSink sink, SplittableRandom r) {
        for (int e = 0; e < events; e++) {
            int parties = 1 + r.nextInt(4);
            var involved = new LinkedHashSet<Integer>();
            for (int k = 0; k < parties; k++) {
                boolean person = r.nextInt(100) < 75;
                int i = person ? personHubs.pick(r) : organizationHubs.pick(r);
                String role = pick(r, Vocabulary.EVENT_ROLES);
                if (!involved.add(person ? i : -1 - i)) continue;
                NodeLabel label = person ? PERSON : ORGANIZATION;
                sink.relationship(RelType.INVOLVED_IN, label, id(label, i), EVENT, id(EVENT, e), properties("role", role));
            }
        }
    }

    private void eventsAt(GraphSink sink, SplittableRandom r) {
        for (int e = 0; e < events; e++) {
            sink.relationship(RelType.AT, EVENT, id(EVENT, e), LOCATION, id(LOCATION, locationHubs.pick(r)), Map.of());
        }
    }

    /** A suspicious activity report names its ring's accounts; other documents mention 1–5 people, organisations or accounts. */
    private void mentions(GraphSink sink, SplittableRandom r) {
        for (int d = 0; d < documents; d++) {
            Integer ring = ringReports.get(d);
            if (ring != null) {
                for (int a : ringAccounts.get(ring)) {
                    sink.relationship(RelType.MENTIONS, DOCUMENT, id(DOCUMENT, d), ACCOUNT, id(ACCOUNT, a), Map.of());
                }
                continue;
            }
            int mentioned = 1 + r.nextInt(5);
            var seen = new LinkedHashSet<String>();
            for (int k = 0; k < mentioned; k++) {
                int kind = r.nextInt(100);
                NodeLabel label = kind < 50 ? PERSON : kind < 75 ? ORGANIZATION : ACCOUNT;
                Hubs hubs = label == PERSON ? personHubs : label == ORGANIZATION ? organizationHubs : accountHubs;
                String target = id(label, hubs.pick(r));
                if (!seen.add(target)) continue;
                sink.relationship(RelType.MENTIONS, DOCUMENT, id(DOCUMENT, d), label, target, Map.of());
            }
        }
    }

    /** Ownership points to a lower index only, so the corporate tree has no cycles; conglomerates own many. */
    private void subsidiaries(GraphSink sink, SplittableRandom r) {
        for (int o = 1; o < organizations; o++) {
            if (r.nextInt(100) >= 50) continue;
            int parent = organizationHubs.pick(r);
            if (parent >= o) continue;
            sink.relationship(RelType.SUBSIDIARY_OF, ORGANIZATION, id(ORGANIZATION, o), ORGANIZATION, id(ORGANIZATION, parent), Map.of());
        }
    }

    private void locatedIn(GraphSink sink) {
        for (int o = 0; o < organizations; o++) {
            sink.relationship(RelType.LOCATED_IN, ORGANIZATION, id(ORGANIZATION, o), LOCATION, id(LOCATION, organizationLocation[o]), Map.of());
        }
    }

    // --- helpers

    String id(NodeLabel label, int index) {
        String digits = Integer.toString(index);
        var id = new StringBuilder(label.idPrefix.length() + 1 + idWidth).append(label.idPrefix).append('-');
        for (int i = digits.length(); i < idWidth; i++) id.append('0');
        return id.append(digits).toString();
    }

    private City cityOf(int location) {
        return CITIES.get(locationCity[location]);
    }

    private static Map<String, Object> properties(Object... keysAndValues) {
        var map = new HashMap<String, Object>(keysAndValues.length);
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String weighted(SplittableRandom r, List<Map.Entry<String, Integer>> weights) {
        int x = r.nextInt(100);
        for (var entry : weights) {
            if ((x -= entry.getValue()) < 0) return entry.getKey();
        }
        return weights.getLast().getKey();
    }

    private static DeviceKind deviceKind(SplittableRandom r) {
        int x = r.nextInt(100);
        for (DeviceKind kind : Vocabulary.DEVICE_KINDS) {
            if ((x -= kind.weight()) < 0) return kind;
        }
        return Vocabulary.DEVICE_KINDS.getLast();
    }

    private static int yearAfter(SplittableRandom r, int earliest) {
        int from = Math.min(earliest, LATEST_YEAR);
        return from + r.nextInt(LATEST_YEAR - from + 1);
    }

    /** {@code k} distinct indices in [0, n), in draw order. */
    private static int[] distinct(SplittableRandom r, int n, int k) {
        if (k > n) throw new IllegalStateException("cannot pick " + k + " distinct of " + n);
        var picked = new LinkedHashSet<Integer>();
        while (picked.size() < k) picked.add(r.nextInt(n));
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }

    private static String date(SplittableRandom r, String from, String until) {
        long first = LocalDate.parse(from).toEpochDay();
        return LocalDate.ofEpochDay(first + r.nextLong(LocalDate.parse(until).toEpochDay() - first)).toString();
    }

    private static String instant(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static long epochSecond(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    private static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }

    private static double round(double value, int decimals) {
        double scale = StrictMath.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    /** An IBAN with valid check digits: country, check, 4-digit bank code, 10-digit account number, 4-digit branch. */
    static String iban(String country, int bank, int account, int branch) {
        String bban = String.format("%04d%010d%04d", 1000 + bank * 37, account, branch);
        int check = 98 - mod97(bban + digits(country) + "00");
        return country + (check < 10 ? "0" : "") + check + bban;
    }

    /** An IMEI: 8-digit type allocation code, 6-digit serial, Luhn check digit. */
    static String imei(String tac, int serial) {
        String body = tac + String.format("%06d", serial % 1_000_000);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(i) - '0';
            if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }
        return body + (10 - sum % 10) % 10;
    }

    static int mod97(String digits) {
        int mod = 0;
        for (int i = 0; i < digits.length(); i++) mod = (mod * 10 + (digits.charAt(i) - '0')) % 97;
        return mod;
    }

    private static String digits(String letters) {
        var out = new StringBuilder();
        for (char c : letters.toCharArray()) out.append(c - 'A' + 10);
        return out.toString();
    }

    /**
     * Picks indices in [0, n) with a heavy head: 30 % of picks fall on a power-law rank, so a few
     * indices become hubs. Ranks are spread over the range by a golden-ratio stride coprime to n, so
     * the hubs are neither the first ids nor next to each other.
     */
    private static final class Hubs {
        private final int n;
        private final long stride;
        private final long offset;

        Hubs(int n, SplittableRandom r) {
            long stride = Math.max(1, Math.round(n * 0.6180339887));
            while (gcd(stride, n) != 1) stride++;
            this.n = n;
            this.stride = stride;
            this.offset = r.nextInt(n);
        }

        int pick(SplittableRandom r) {
            int rank = r.nextInt(100) < 30 ? (int) (n * StrictMath.pow(r.nextDouble(), 4)) : r.nextInt(n);
            return (int) ((rank * stride + offset) % n);
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }
}
