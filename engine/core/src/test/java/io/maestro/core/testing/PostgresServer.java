package io.maestro.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for tests, from the Debian binaries under {@code /usr/lib/postgresql/<v>/bin}
 * (CI installs them with {@code apt-get install -y postgresql}): a fresh cluster in a temp directory,
 * listening on 127.0.0.1 and a free port, user {@code maestro} with trust authentication and a
 * {@code maestro} database. {@link #close()} stops the server and deletes the directory.
 *
 * <p>PostgreSQL refuses to run as root, so when the tests run as root its programs run as the
 * {@code postgres} OS user (created by the Debian package) through {@code runuser}.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "maestro";
    public static final String DATABASE = "maestro";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);

    private static final Path BINARIES_ROOT = Path.of("/usr/lib/postgresql");
    private static final String DIR_PREFIX = "maestro-pg-";
    private static final String OS_USER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static PostgresServer shared;
    private static RuntimeException sharedFailure;

    private final Path bin;
    private final boolean asOsUser;
    private final Path baseDir;
    private final Path dataDir;
    private final Path socketDir;
    private final Path serverLog;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stop, "postgres-test-server-stop");
    private int port;

    private PostgresServer(Path bin) throws IOException {
        this.bin = bin;
        this.asOsUser = isRoot();
        if (asOsUser) checkOsUser();
        reapLeftovers(bin, asOsUser);
        // the name carries this JVM's pid so a later JVM can tell an orphaned server from a live one
        this.baseDir = Files.createTempDirectory(tempRoot(), DIR_PREFIX + ProcessHandle.current().pid() + "-");
        this.dataDir = baseDir.resolve("data");
        this.socketDir = Files.createDirectory(baseDir.resolve("sock"));
        this.serverLog = baseDir.resolve("server.log");
        if (asOsUser) {
            UserPrincipal postgres = baseDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
            Files.setOwner(baseDir, postgres);
            Files.setOwner(socketDir, postgres);
        }
    }

    /**
     * Starts a new server; the caller closes it. Fails (never skips) when PostgreSQL is not
     * installed, naming the package to install.
     */
    public static PostgresServer start() {
        Path bin = findBinaries();
        PostgresServer server;
        try {
            server = new PostgresServer(bin);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a PostgreSQL data directory: " + e.getMessage(), e);
        }
        try {
            long begin = System.nanoTime();
            server.startCluster();
            log.info("PostgreSQL {} test server ready on 127.0.0.1:{} in {} ms", bin.getParent().getFileName(),
                    server.port, (System.nanoTime() - begin) / 1_000_000);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * One server for the whole JVM, started on first use and stopped when the JVM exits, so test
     * classes share the start-up cost. Tests isolate themselves with {@link #createDatabase} or
     * unique ids. A failed start is remembered and rethrown to every later caller. Callers do not
     * close it.
     */
    public static synchronized PostgresServer shared() {
        if (sharedFailure != null) throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public String user() {
        return USER;
    }

    /** No password: the cluster trusts local connections. */
    public String password() {
        return null;
    }

    /** The URL of the {@code maestro} database. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database (lower-case letters, digits, underscores) and returns its URL. */
    public String createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name '" + name + "' must match " + DATABASE_NAME);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + this + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** The temp directory holding the cluster, its socket and its log; gone after {@link #close()}. */
    public Path directory() {
        return baseDir;
    }

    /** The last lines the server wrote to its log, for failure messages. */
    public String logTail() {
        return io.maestro.core.os.LocalResources.lastLines(serverLog, 40);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is already shutting down, or the hook was never registered
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL test server 127.0.0.1:" + port + " (" + dataDir + ")";
    }

    // ---- start -----------------------------------------------------------------------------------

    private void startCluster() {
        run(Duration.ofSeconds(120), "initdb", List.of("-D", dataDir.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync"));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        // another process may take the free port between our probe and the server's bind: retry
        for (int attempt = 1; ; attempt++) {
            port = io.maestro.core.os.LocalResources.freeLoopbackPort();
            String options = "-c listen_addresses=127.0.0.1 -c port=" + port + " -k " + socketDir
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            Result started = exec(START_TIMEOUT.plusSeconds(10), "pg_ctl", List.of("-D", dataDir.toString(),
                    "-l", serverLog.toString(), "-o", options, "-w", "-t", String.valueOf(START_TIMEOUT.toSeconds()), "start"));
            if (started.exitCode() == 0) break;
            String log = logTail();
            if (attempt < 3 && (log.contains("could not bind") || log.contains("Address already in use"))) continue;
            throw new IllegalStateException("PostgreSQL did not start on 127.0.0.1:" + port + " (pg_ctl exit "
                    + started.exitCode() + ", waiting up to " + START_TIMEOUT.toSeconds() + " s for ready)\npg_ctl: "
                    + started.output().strip() + "\nlast lines of the server log:\n" + log);
        }
        awaitConnection();
        createDatabase(DATABASE);
    }

    /** pg_ctl -w already waited for "ready"; this guards against a server that accepts no TCP. */
    private void awaitConnection() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        SQLException last;
        do {
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("PostgreSQL on 127.0.0.1:" + port + " accepts no connection: "
                + last.getMessage() + "\nlast lines of the server log:\n" + logTail(), last);
    }

    // ---- stop ------------------------------------------------------------------------------------

    private void stop() {
        if (!closed.compareAndSet(false, true)) return;
        if (Files.exists(dataDir.resolve("postmaster.pid"))) stopServer(bin, asOsUser, dataDir);
        deleteTree(baseDir);
    }

    /**
     * Stops the server of {@code dataDir}: pg_ctl first, then a kill if it is still there. Checks that
     * the pid in postmaster.pid is a postgres process, so a stale pid file never hits another process.
     */
    private static void stopServer(Path bin, boolean asOsUser, Path dataDir) {
        Optional<ProcessHandle> postmaster = postmasterPid(dataDir).flatMap(ProcessHandle::of)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (postmaster.isEmpty()) return;
        try {
            exec(bin, asOsUser, dataDir.getParent(), Duration.ofSeconds(30), "pg_ctl",
                    List.of("-D", dataDir.toString(), "-m", "immediate", "-w", "-t", "20", "stop"));
        } catch (RuntimeException e) {
            // fall through to the kill
        }
        ProcessHandle p = postmaster.get();
        if (p.isAlive()) {
            p.destroyForcibly();
            p.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    /** Stops servers and removes directories that a JVM which died without closing them left behind. */
    private static void reapLeftovers(Path bin, boolean asOsUser) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempRoot(), DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                String[] parts = dir.getFileName().toString().substring(DIR_PREFIX.length()).split("-", 2);
                long owner;
                try {
                    owner = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) continue;
                Path data = dir.resolve("data");
                if (Files.exists(data.resolve("postmaster.pid"))) stopServer(bin, asOsUser, data);
                deleteTree(dir);
            }
        } catch (IOException e) {
            // best effort: a leftover only costs disk space and a port
        }
    }

    private static Optional<Long> postmasterPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---- processes -------------------------------------------------------------------------------

    private record Result(int exitCode, String output) { }

    private void run(Duration timeout, String program, List<String> args) {
        Result r = exec(timeout, program, args);
        if (r.exitCode() != 0) {
            throw new IllegalStateException(program + " " + String.join(" ", args) + " failed (exit " + r.exitCode()
                    + "):\n" + r.output().strip());
        }
    }

    private Result exec(Duration timeout, String program, List<String> args) {
        return exec(bin, asOsUser, baseDir, timeout, program, args);
    }

    private static Result exec(Path bin, boolean asOsUser, Path workDir, Duration timeout, String program, List<String> args) {
        var command = new ArrayList<String>();
        if (asOsUser) command.addAll(List.of("runuser", "-u", OS_USER, "--"));
        command.add(bin.resolve(program).toString());
        command.addAll(args);
        Path output = null;
        try {
            output = Files.createTempFile("maestro-pg-cmd-", ".out");
            // a file, not a pipe: the server pg_ctl forks must not hold our read end open
            Process p = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + timeout.toSeconds() + " s:\n" + Files.readString(output));
            }
            return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        } finally {
            if (output != null) output.toFile().delete();
        }
    }

    // ---- environment -----------------------------------------------------------------------------

    /** The bin directory of the highest installed PostgreSQL major version. */
    static Path findBinaries() {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(BINARIES_ROOT)) {
            try (Stream<Path> versions = Files.list(BINARIES_ROOT)) {
                versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found.stream().max(Comparator.comparingDouble(PostgresServer::version)).orElseThrow(() ->
                new IllegalStateException("PostgreSQL server binaries not found: no " + BINARIES_ROOT
                        + "/<version>/bin/initdb. Install them (Debian/Ubuntu: apt-get install -y postgresql); "
                        + "tests that need PostgreSQL fail rather than skip."));
    }

    private static double version(Path bin) {
        try {
            return Double.parseDouble(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    private static void checkOsUser() {
        try {
            Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(OS_USER);
        } catch (IOException e) {
            throw new IllegalStateException("tests run as root, and PostgreSQL refuses root, but there is no '"
                    + OS_USER + "' OS user to run it as; install the postgresql package, which creates it", e);
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))
                && !Files.isExecutable(Path.of("/usr/bin/runuser"))) {
            throw new IllegalStateException("tests run as root and need runuser (util-linux) to start PostgreSQL as '"
                    + OS_USER + "'");
        }
    }

    /** Under /tmp when it exists: short enough for a Unix socket path, and traversable by the postgres user. */
    private static Path tempRoot() {
        Path tmp = Path.of("/tmp");
        return Files.isDirectory(tmp) ? tmp : Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static void deleteTree(Path root) {
        try {
            io.maestro.core.os.LocalResources.deleteTree(root);
        } catch (IOException | UncheckedIOException e) {
            // best effort: the next JVM's reapLeftovers tries again
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PostgreSQL", e);
        }
    }
}
