package io.maestro.sandbox.sample;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The built-in word lists the sample graph draws from: real cities and countries, common first and
 * last names, and invented organisation and bank names (no real company is implicated). Lists are
 * fixed and ordered, so the same seed always draws the same words.
 */
final class Vocabulary {
    private Vocabulary() {}

    record Country(String name, String iso2, String currency, String legalForm) {}

    record City(String name, Country country, double lat, double lon) {}

    record Bank(String name, Country country) {
        String currency() {
            return country.currency();
        }
    }

    static final List<Country> COUNTRIES = List.of(
            new Country("United Kingdom", "GB", "GBP", "Ltd"),
            new Country("France", "FR", "EUR", "SAS"),
            new Country("Germany", "DE", "EUR", "GmbH"),
            new Country("Netherlands", "NL", "EUR", "B.V."),
            new Country("Belgium", "BE", "EUR", "BV"),
            new Country("Luxembourg", "LU", "EUR", "S.à r.l."),
            new Country("Switzerland", "CH", "CHF", "AG"),
            new Country("Austria", "AT", "EUR", "GmbH"),
            new Country("Spain", "ES", "EUR", "S.L."),
            new Country("Portugal", "PT", "EUR", "Lda"),
            new Country("Italy", "IT", "EUR", "S.r.l."),
            new Country("Greece", "GR", "EUR", "S.A."),
            new Country("Malta", "MT", "EUR", "Ltd"),
            new Country("Cyprus", "CY", "EUR", "Ltd"),
            new Country("Poland", "PL", "PLN", "Sp. z o.o."),
            new Country("Czechia", "CZ", "CZK", "s.r.o."),
            new Country("Hungary", "HU", "HUF", "Kft."),
            new Country("Romania", "RO", "RON", "SRL"),
            new Country("Bulgaria", "BG", "EUR", "EOOD"),
            new Country("Serbia", "RS", "RSD", "d.o.o."),
            new Country("Turkey", "TR", "TRY", "A.Ş."),
            new Country("United Arab Emirates", "AE", "AED", "FZE"),
            new Country("Israel", "IL", "ILS", "Ltd"),
            new Country("Latvia", "LV", "EUR", "SIA"),
            new Country("Estonia", "EE", "EUR", "OÜ"),
            new Country("Lithuania", "LT", "EUR", "UAB"),
            new Country("Sweden", "SE", "SEK", "AB"),
            new Country("Norway", "NO", "NOK", "AS"),
            new Country("Denmark", "DK", "DKK", "ApS"),
            new Country("Finland", "FI", "EUR", "Oy"),
            new Country("Ireland", "IE", "EUR", "Ltd"),
            new Country("United States", "US", "USD", "LLC"),
            new Country("Canada", "CA", "CAD", "Inc."),
            new Country("Panama", "PA", "USD", "S.A."),
            new Country("Hong Kong", "HK", "HKD", "Limited"),
            new Country("Singapore", "SG", "SGD", "Pte. Ltd."),
            new Country("Nigeria", "NG", "NGN", "Ltd"),
            new Country("South Africa", "ZA", "ZAR", "(Pty) Ltd"),
            new Country("Cayman Islands", "KY", "KYD", "Ltd"),
            new Country("British Virgin Islands", "VG", "USD", "Ltd"));

    private static final Map<String, Country> BY_ISO = COUNTRIES.stream()
            .collect(Collectors.toUnmodifiableMap(Country::iso2, c -> c));

    private static City city(String name, String iso2, double lat, double lon) {
        return new City(name, BY_ISO.get(iso2), lat, lon);
    }

    static final List<City> CITIES = List.of(
            city("London", "GB", 51.5074, -0.1278), city("Manchester", "GB", 53.4808, -2.2426),
            city("Paris", "FR", 48.8566, 2.3522), city("Marseille", "FR", 43.2965, 5.3698),
            city("Berlin", "DE", 52.5200, 13.4050), city("Frankfurt", "DE", 50.1109, 8.6821),
            city("Hamburg", "DE", 53.5511, 9.9937), city("Amsterdam", "NL", 52.3676, 4.9041),
            city("Rotterdam", "NL", 51.9244, 4.4777), city("Brussels", "BE", 50.8503, 4.3517),
            city("Antwerp", "BE", 51.2194, 4.4025), city("Luxembourg", "LU", 49.6116, 6.1319),
            city("Zurich", "CH", 47.3769, 8.5417), city("Geneva", "CH", 46.2044, 6.1432),
            city("Vienna", "AT", 48.2082, 16.3738), city("Madrid", "ES", 40.4168, -3.7038),
            city("Barcelona", "ES", 41.3874, 2.1686), city("Lisbon", "PT", 38.7223, -9.1393),
            city("Rome", "IT", 41.9028, 12.4964), city("Milan", "IT", 45.4642, 9.1900),
            city("Athens", "GR", 37.9838, 23.7275), city("Piraeus", "GR", 37.9429, 23.6469),
            city("Valletta", "MT", 35.8989, 14.5146), city("Nicosia", "CY", 35.1856, 33.3823),
            city("Limassol", "CY", 34.7071, 33.0226), city("Warsaw", "PL", 52.2297, 21.0122),
            city("Prague", "CZ", 50.0755, 14.4378), city("Budapest", "HU", 47.4979, 19.0402),
            city("Bucharest", "RO", 44.4268, 26.1025), city("Sofia", "BG", 42.6977, 23.3219),
            city("Belgrade", "RS", 44.7866, 20.4489), city("Istanbul", "TR", 41.0082, 28.9784),
            city("Dubai", "AE", 25.2048, 55.2708), city("Tel Aviv", "IL", 32.0853, 34.7818),
            city("Riga", "LV", 56.9496, 24.1052), city("Tallinn", "EE", 59.4370, 24.7536),
            city("Vilnius", "LT", 54.6872, 25.2797), city("Stockholm", "SE", 59.3293, 18.0686),
            city("Oslo", "NO", 59.9139, 10.7522), city("Copenhagen", "DK", 55.6761, 12.5683),
            city("Helsinki", "FI", 60.1699, 24.9384), city("Dublin", "IE", 53.3498, -6.2603),
            city("New York", "US", 40.7128, -74.0060), city("Miami", "US", 25.7617, -80.1918),
            city("Toronto", "CA", 43.6532, -79.3832), city("Panama City", "PA", 8.9824, -79.5199),
            city("Hong Kong", "HK", 22.3193, 114.1694), city("Singapore", "SG", 1.3521, 103.8198),
            city("Lagos", "NG", 6.5244, 3.3792), city("Johannesburg", "ZA", -26.2041, 28.0473),
            city("George Town", "KY", 19.2866, -81.3744), city("Road Town", "VG", 18.4286, -64.6185));

    /** Invented banks, all in countries that use IBANs. */
    static final List<Bank> BANKS = List.of(
            new Bank("Thames Mercantile Bank", BY_ISO.get("GB")), new Bank("Pennine Savings Bank", BY_ISO.get("GB")),
            new Bank("Banque Lumière", BY_ISO.get("FR")), new Bank("Rheinische Handelsbank", BY_ISO.get("DE")),
            new Bank("Hanseatische Privatbank", BY_ISO.get("DE")), new Bank("Amstel Trust Bank", BY_ISO.get("NL")),
            new Bank("Banque du Léman", BY_ISO.get("CH")), new Bank("Alpen Privatbank", BY_ISO.get("CH")),
            new Bank("Donau Commerzbank", BY_ISO.get("AT")), new Bank("Banco Atlántico", BY_ISO.get("ES")),
            new Bank("Banca del Tevere", BY_ISO.get("IT")), new Bank("Aegean Maritime Bank", BY_ISO.get("GR")),
            new Bank("Valletta Island Bank", BY_ISO.get("MT")), new Bank("Troodos Commercial Bank", BY_ISO.get("CY")),
            new Bank("Banque Grand-Ducale", BY_ISO.get("LU")), new Bank("Vistula Bank", BY_ISO.get("PL")),
            new Bank("Baltic Amber Bank", BY_ISO.get("LV")), new Bank("Gulf Meridian Bank", BY_ISO.get("AE")),
            new Bank("Bosporus Yatırım Bankası", BY_ISO.get("TR")), new Bank("Liffey Savings Bank", BY_ISO.get("IE")),
            new Bank("Øresund Bank", BY_ISO.get("DK")), new Bank("Mälaren Sparbank", BY_ISO.get("SE")));

    static final List<Bank> EURO_BANKS = BANKS.stream().filter(b -> b.currency().equals("EUR")).toList();

    static final List<String> FIRST_NAMES = List.of(
            "James", "Mary", "Oliver", "Amelia", "Lukas", "Hannah", "Mateo", "Sofia", "Luca", "Giulia",
            "Hugo", "Chloé", "Jan", "Anna", "Mehmet", "Elif", "Omar", "Layla", "Yusuf", "Fatima",
            "Dmitri", "Olga", "Nikolai", "Irina", "Andrzej", "Katarzyna", "Tomás", "Lucía", "João", "Beatriz",
            "Lars", "Ingrid", "Mikko", "Aino", "Giorgos", "Eleni", "Andreas", "Maria", "David", "Noa",
            "Chen", "Mei", "Arjun", "Priya", "Chinedu", "Ngozi", "Thabo", "Lerato", "Michael", "Sarah",
            "Viktor", "Elena", "Stefan", "Ana", "Pieter", "Sanne", "Sean", "Aoife", "Karim", "Nadia");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Jones", "Taylor", "Müller", "Schmidt", "Schneider", "Martin", "Bernard", "Dubois", "Rossi",
            "Russo", "Ferrari", "García", "Fernández", "López", "Silva", "Santos", "Ferreira", "de Jong", "Jansen",
            "Peeters", "Janssens", "Nowak", "Kowalski", "Novák", "Nagy", "Popescu", "Ivanov", "Petrov", "Jovanović",
            "Papadopoulos", "Georgiou", "Yılmaz", "Kaya", "Demir", "Haddad", "Khoury", "Mansour", "Cohen", "Levi",
            "Andersson", "Johansson", "Hansen", "Nielsen", "Virtanen", "Korhonen", "Murphy", "Kelly", "O'Brien", "Walsh",
            "Wong", "Chan", "Tan", "Lim", "Okafor", "Adeyemi", "Nkosi", "Dlamini", "Rodriguez", "Brown");

    static final List<String> ORG_PREFIXES = List.of(
            "Atlas", "Nordic", "Blue Harbor", "Meridian", "Crescent", "Vanguard", "Aurora", "Sterling", "Orion", "Baltic",
            "Silverline", "Falcon", "Cobalt", "Emerald", "Pinnacle", "Horizon", "Granite", "Summit", "Harbor Point", "Redwood",
            "Sapphire", "Iron Bridge", "Northwind", "Oakridge", "Polaris", "Trident", "Zenith", "Beacon", "Kestrel", "Solace");

    static final List<String> ORG_CORES = List.of(
            "Maritime", "Capital", "Trading", "Logistics", "Energy", "Minerals", "Properties", "Ventures", "Consulting",
            "Shipping", "Telecom", "Pharma", "Security", "Holdings", "Investments", "Freight", "Commodities", "Partners",
            "Construction", "Advisory");

    static final List<String> SECTORS = List.of(
            "banking", "shipping", "logistics", "real estate", "mining", "energy", "construction", "telecommunications",
            "pharmaceuticals", "consulting", "import/export", "gaming", "private security", "software", "agriculture",
            "art dealing", "crypto exchange", "legal services");

    static final List<String> JOB_ROLES = List.of(
            "director", "chief executive", "chief financial officer", "accountant", "driver", "consultant", "engineer",
            "sales manager", "legal counsel", "nominee director", "analyst", "security officer", "shareholder", "courier");

    static final List<String> CHANNELS = List.of(
            "SEPA credit transfer", "SWIFT wire", "instant payment", "card", "mobile app", "cash deposit", "cheque");

    record DeviceKind(String kind, int weight, List<String> systems) {}

    /** Device kinds with their weights in percent and the operating systems each runs. */
    static final List<DeviceKind> DEVICE_KINDS = List.of(
            new DeviceKind("smartphone", 60, List.of("Android 13", "Android 14", "Android 15", "iOS 17", "iOS 18")),
            new DeviceKind("feature phone", 14, List.of("KaiOS 3.1", "Series 30+")),
            new DeviceKind("tablet", 12, List.of("iPadOS 17", "Android 14")),
            new DeviceKind("smartwatch", 6, List.of("watchOS 10", "Wear OS 4")),
            new DeviceKind("LTE router", 5, List.of("OpenWrt 23.05")),
            new DeviceKind("laptop with SIM", 3, List.of("Windows 11", "ChromeOS")));

    /** Type allocation codes, the first 8 digits of an IMEI. */
    static final List<String> IMEI_TACS = List.of("35332509", "35875209", "86779804", "35391110", "01332700", "35407115");

    static final List<String> EVENT_KINDS = List.of(
            "meeting", "border crossing", "phone call", "wire alert", "login from new device", "cash deposit",
            "company registration", "arrest", "court hearing", "property purchase", "conference", "shipment inspection");

    /** Severities with their weights in percent. */
    static final List<Map.Entry<String, Integer>> SEVERITIES = List.of(
            Map.entry("low", 50), Map.entry("medium", 30), Map.entry("high", 15), Map.entry("critical", 5));

    static final List<String> EVENT_ROLES = List.of("organizer", "participant", "witness", "subject", "victim", "beneficiary");

    static final List<String> DOCUMENT_KINDS = List.of(
            "report", "email", "contract", "invoice", "court filing", "news article", "interview transcript",
            "intercept summary", "company filing");

    static final List<String> DOCUMENT_TOPICS = List.of(
            "offshore holdings", "port logistics", "a procurement tender", "a real estate portfolio", "a shell company network",
            "sanctions exposure", "cash couriers", "invoice discrepancies", "crypto off-ramps", "board minutes",
            "delayed shipments", "tax residency", "a consultancy agreement", "beneficial ownership", "a loan restructuring");

    static final List<String> LANGUAGES = List.of("en", "en", "en", "de", "fr", "es", "it", "nl", "pl", "ru", "tr", "ar", "el", "pt");

    /** Classifications with their weights in percent. */
    static final List<Map.Entry<String, Integer>> CLASSIFICATIONS = List.of(
            Map.entry("UNCLASSIFIED", 45), Map.entry("RESTRICTED", 30), Map.entry("CONFIDENTIAL", 20), Map.entry("SECRET", 5));
}
