package io.maestro.core.plugin;

import io.maestro.api.MaestroApi;
import io.maestro.api.event.MaestroEvent;
import io.maestro.api.plugin.PluginCommand;
import io.maestro.api.plugin.PluginContext;
import io.maestro.api.policy.PolicyDecisions;
import io.maestro.core.event.EventBus;
import io.maestro.core.policy.PolicyClient;
import io.maestro.core.step.StepExecutors;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.pf4j.DefaultVersionManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugin jars of a directory and keeps the engine bound to them while they change:
 * a new or changed jar is loaded beside the running version, new work binds to it, in-flight work
 * finishes on the old version, then the old class loader is closed. A removed jar is unloaded the
 * same way. A bad jar is refused with its file and reason, and the previous good state stays.
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
    static final String DISABLED_FILE = "disabled-plugins.txt";

    private final Path pluginsDir;
    private final Path home;
    private final EventBus bus;
    private final StepExecutors executors;
    private final MeterRegistry metrics;
    private final Map<String, String> env;
    private final io.maestro.api.plugin.RunControl runControl;
    private final PolicyClient policy;
    private final Map<String, LoadedPlugin> current = new LinkedHashMap<>();
    private final Map<Path, Fingerprint> seen = new HashMap<>();
    private final Map<Path, String> refused = new LinkedHashMap<>();
    private final List<Thread> retiring = new CopyOnWriteArrayList<>();
    private volatile Thread watcher;
    private volatile boolean closed;

    private record Fingerprint(long size, long modified, String sha256) { }

    public PluginHost(Path pluginsDir, Path home, EventBus bus, StepExecutors executors, MeterRegistry metrics,
                      Map<String, String> env) {
        this(pluginsDir, home, bus, executors, metrics, env, io.maestro.api.plugin.RunControl.NONE);
    }

    public PluginHost(Path pluginsDir, Path home, EventBus bus, StepExecutors executors, MeterRegistry metrics,
                      Map<String, String> env, io.maestro.api.plugin.RunControl runControl) {
        this(pluginsDir, home, bus, executors, metrics, env, runControl, null);
    }

    /** @param policy what plugins get as {@code PluginContext.policy()}; null for a host without a policy layer */
    public PluginHost(Path pluginsDir, Path home, EventBus bus, StepExecutors executors, MeterRegistry metrics,
                      Map<String, String> env, io.maestro.api.plugin.RunControl runControl, PolicyClient policy) {
        this.runControl = runControl;
        this.policy = policy;
        this.pluginsDir = pluginsDir.toAbsolutePath().normalize();
        this.home = home.toAbsolutePath().normalize();
        this.bus = bus;
        this.executors = executors;
        this.metrics = metrics;
        this.env = Map.copyOf(env);
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * Brings the loaded plugins in line with the directory. Returns the problems found (one line each,
     * naming the file); the plugins that were fine are loaded regardless.
     */
    public synchronized List<String> sync() {
        if (closed) return List.of();
        var problems = new ArrayList<String>();
        Set<String> disabled = disabledIds();
        var present = new LinkedHashMap<Path, Fingerprint>();
        try {
            Files.createDirectories(pluginsDir);
            try (Stream<Path> files = Files.list(pluginsDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList()) {
                    present.put(f, fingerprint(f));
                }
            }
        } catch (IOException e) {
            problems.add(pluginsDir + ": cannot read the plugins directory: " + e.getMessage());
            return problems;
        }
        // removed files and disabled plugins
        for (LoadedPlugin p : List.copyOf(current.values())) {
            if (!present.containsKey(p.source) || disabled.contains(p.id)) unload(p, present.containsKey(p.source)
                    ? "disabled" : "file removed");
        }
        seen.keySet().retainAll(present.keySet());
        refused.keySet().retainAll(present.keySet());
        // new and changed files
        for (var entry : present.entrySet()) {
            Path file = entry.getKey();
            Fingerprint fp = entry.getValue();
            LoadedPlugin loaded = loadedFrom(file);
            boolean changed = !fp.equals(seen.get(file));
            boolean wanted = loaded == null && !refused.containsKey(file);
            if (!changed && !wanted) {
                if (refused.containsKey(file)) problems.add(refused.get(file));
                continue;
            }
            seen.put(file, fp);
            try {
                load(file, fp, disabled);
                refused.remove(file);
            } catch (PluginRefusedException e) {
                refused.put(file, e.getMessage());
                problems.add(e.getMessage());
                metrics.counter("maestro.plugin.refused").increment();
                log.warn("plugin refused: {}", e.getMessage());
            }
        }
        return problems;
    }

    /** Polls the directory every {@code interval} and applies changes while the conductor runs. */
    public void startWatching(Duration interval) {
        if (watcher != null) return;
        watcher = Thread.ofVirtual().name("plugin-watcher").start(() -> {
            while (!closed) {
                try {
                    Thread.sleep(interval.toMillis());
                    sync();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("plugin directory scan failed: {}", e.toString());
                }
            }
        });
    }

    private void load(Path file, Fingerprint fp, Set<String> disabled) {
        PluginDescriptor descriptor = describe(file);
        String id = descriptor.getPluginId();
        LoadedPlugin running = current.get(id);
        if (running != null && !running.source.equals(file)) {
            throw new PluginRefusedException(file + ": plugin id '" + id + "' is already loaded from " + running.source
                    + "; remove one of the two files");
        }
        if (disabled.contains(id)) return;
        String requires = descriptor.getRequires();
        if (requires != null && !requires.isBlank() && !requires.equals("*")
                && !new DefaultVersionManager().checkVersionConstraint(MaestroApi.VERSION, requires)) {
            throw new PluginRefusedException(file + ": plugin " + id + " " + descriptor.getVersion()
                    + " requires plugin API " + requires + ", but this Maestro provides " + MaestroApi.VERSION);
        }
        Path copy = cache(file, id, descriptor.getVersion(), fp.sha256());
        var manager = new SinglePluginManager(copy);
        LoadedPlugin next;
        try {
            String loadedId = manager.loadPlugin(copy);
            PluginState state;
            try {
                state = manager.startPlugin(loadedId);
            } catch (RuntimeException | LinkageError e) {
                throw new PluginRefusedException(file + ": plugin " + id + " did not start: " + e, e);
            }
            if (state != PluginState.STARTED) {
                throw new PluginRefusedException(file + ": plugin " + id + " did not start"
                        + failedReason(manager, loadedId));
            }
            next = new LoadedPlugin(id, descriptor.getVersion(), requires, file, copy, manager, metrics);
            next.bindExtensions(context(id, descriptor.getVersion()));
        } catch (PluginRefusedException e) {
            unloadQuietly(manager, id);
            throw e;
        } catch (Exception | LinkageError e) {
            unloadQuietly(manager, id);
            throw new PluginRefusedException(file + ": plugin " + id + " failed to load: " + e, e);
        }
        try {
            executors.replace(id, next.executors);
        } catch (IllegalArgumentException e) {
            unloadQuietly(manager, id);
            throw new PluginRefusedException(file + ": plugin " + id + " " + next.version + ": " + e.getMessage());
        }
        Runnable drained = bus.replace(id, next.contributions());
        current.put(id, next);
        if (running != null) retireLater(running, drained);
        log.info("plugin {} {} loaded from {}{}", id, next.version, file,
                running == null ? "" : " (replacing " + running.version + ")");
        bus.publish(new MaestroEvent.PluginLoaded(id, next.version, next.extensionNames(), Instant.now()));
    }

    private void unload(LoadedPlugin plugin, String why) {
        executors.replace(plugin.id, List.of());
        Runnable drained = bus.replace(plugin.id, EventBus.Contributions.NONE);
        current.remove(plugin.id);
        log.info("plugin {} {} unloading ({})", plugin.id, plugin.version, why);
        retireLater(plugin, drained);
    }

    private void retireLater(LoadedPlugin old, Runnable drained) {
        Thread t = Thread.ofVirtual().name("plugin-retire-" + old.id).start(() -> {
            drained.run(); // the old version's listeners handle what was queued for them
            old.retire(() -> {
                log.info("plugin {} {} unloaded; its class loader is closed", old.id, old.version);
                bus.publish(new MaestroEvent.PluginUnloaded(old.id, old.version, Instant.now()));
            });
        });
        retiring.add(t);
        retiring.removeIf(x -> !x.isAlive() && x != t);
    }

    private PluginDescriptor describe(Path file) {
        PluginDescriptor d;
        try {
            d = new ManifestPluginDescriptorFinder().find(file);
        } catch (RuntimeException e) {
            throw new PluginRefusedException(file + ": not a readable plugin jar: " + rootMessage(e), e);
        }
        if (d == null || d.getPluginId() == null || d.getPluginId().isBlank()) {
            throw new PluginRefusedException(file + ": no Plugin-Id in META-INF/MANIFEST.MF (not a Maestro plugin)");
        }
        if (d.getVersion() == null || d.getVersion().isBlank()) {
            throw new PluginRefusedException(file + ": plugin " + d.getPluginId() + " has no Plugin-Version");
        }
        return d;
    }

    private PluginContext context(String id, String version) throws IOException {
        Path data = Files.createDirectories(home.resolve("plugin-data").resolve(id));
        Path config = pluginsDir.resolve(id);
        String prefix = "MAESTRO_PLUGIN_" + id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
        var settings = new LinkedHashMap<String, String>();
        env.forEach((k, v) -> {
            if (k.startsWith(prefix)) settings.put(k.substring(prefix.length()), v);
        });
        io.maestro.api.plugin.RunControl scoped = (runId, reason) -> {
            log.info("plugin {} cancels run {}: {}", id, runId, reason);
            return runControl.cancel(runId, reason);
        };
        java.util.function.Consumer<io.maestro.api.plugin.AuditEntry> auditor =
                entry -> bus.publish(new MaestroEvent.AuditAction(id, entry, Instant.now()));
        PolicyDecisions decisions = policy == null ? null : new PluginPolicy(id, policy);
        return new HostPluginContext(id, version, data, config, Map.copyOf(settings), scoped, auditor, decisions);
    }

    private record HostPluginContext(String pluginId, String pluginVersion, Path dataDirectory, Path configDirectory,
                                     Map<String, String> settings, io.maestro.api.plugin.RunControl runs,
                                     java.util.function.Consumer<io.maestro.api.plugin.AuditEntry> auditor,
                                     PolicyDecisions decisions)
            implements PluginContext {
        @Override
        public void audit(io.maestro.api.plugin.AuditEntry entry) {
            auditor.accept(java.util.Objects.requireNonNull(entry, "entry"));
        }

        @Override
        public PolicyDecisions policy() {
            if (decisions == null) return PluginContext.super.policy();
            return decisions;
        }
    }

    /** Plugins run from a private copy, so replacing the file in the directory never disturbs a loaded version. */
    private Path cache(Path file, String id, String version, String sha256) {
        try {
            Path dir = Files.createDirectories(home.resolve("plugin-cache"));
            Path copy = dir.resolve(id + "-" + version + "-" + sha256.substring(0, 12) + ".jar");
            if (!Files.exists(copy)) {
                Path tmp = Files.createTempFile(dir, id, ".part");
                Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
            }
            return copy;
        } catch (IOException e) {
            throw new PluginRefusedException(file + ": cannot copy to the plugin cache: " + e.getMessage(), e);
        }
    }

    private static Fingerprint fingerprint(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            String sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            return new Fingerprint(Files.size(file), Files.getLastModifiedTime(file).toMillis(), sha);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private LoadedPlugin loadedFrom(Path file) {
        for (LoadedPlugin p : current.values()) if (p.source.equals(file)) return p;
        return null;
    }

    private static String failedReason(SinglePluginManager manager, String id) {
        var wrapper = manager.getPlugin(id);
        return wrapper != null && wrapper.getFailedException() != null ? ": " + wrapper.getFailedException() : "";
    }

    private static void unloadQuietly(SinglePluginManager manager, String id) {
        try {
            if (manager.getPlugin(id) != null) {
                manager.stopPlugin(id);
                manager.unloadPlugin(id);
            }
        } catch (RuntimeException e) {
            log.debug("cleanup of refused plugin {} failed: {}", id, e.toString());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---- operations ----------------------------------------------------------------------------

    public synchronized List<PluginInfo> list() {
        var infos = new ArrayList<PluginInfo>();
        Set<String> disabled = disabledIds();
        for (LoadedPlugin p : current.values()) {
            infos.add(new PluginInfo(p.id, p.version, "enabled", p.source, p.extensionNames(), p.requires, null));
        }
        for (String id : disabled) {
            if (!current.containsKey(id)) infos.add(new PluginInfo(id, "", "disabled", null, List.of(), null, null));
        }
        refused.forEach((file, why) -> infos.add(new PluginInfo("", "", "refused", file, List.of(), null, why)));
        return infos;
    }

    /**
     * The HTTP routes of the loaded plugins, by plugin id (the server mounts them under
     * {@code /api/v1/plugins/{id}}); a route of an unloaded version answers by throwing, never by
     * running code of a closed class loader.
     */
    public synchronized Map<String, List<io.maestro.api.http.PluginRoutes.Route>> routes() {
        var all = new LinkedHashMap<String, List<io.maestro.api.http.PluginRoutes.Route>>();
        for (LoadedPlugin p : current.values()) if (!p.routes.isEmpty()) all.put(p.id, List.copyOf(p.routes));
        return all;
    }

    public synchronized List<PluginCommand> commands() {
        var all = new ArrayList<PluginCommand>();
        for (LoadedPlugin p : current.values()) all.addAll(p.commands);
        return all;
    }

    /** Disables (unloads, and keeps unloaded across restarts) or re-enables a plugin. */
    public synchronized void setEnabled(String id, boolean enabled) {
        Set<String> disabled = new TreeSet<>(disabledIds());
        boolean changed = enabled ? disabled.remove(id) : disabled.add(id);
        if (!changed) return;
        try {
            Files.createDirectories(pluginsDir);
            Files.write(pluginsDir.resolve(DISABLED_FILE), disabled);
        } catch (IOException e) {
            throw new PluginRefusedException(pluginsDir.resolve(DISABLED_FILE) + ": cannot write: " + e.getMessage(), e);
        }
        if (enabled) seen.clear(); // load it on the next sync
        sync();
    }

    /** Loads the plugin's file again as a new version (e.g. after its configuration changed). */
    public synchronized void reload(String id) {
        LoadedPlugin p = current.get(id);
        if (p == null) throw new PluginRefusedException("no loaded plugin '" + id + "'");
        unload(p, "reload");
        seen.remove(p.source);
        sync();
    }

    private Set<String> disabledIds() {
        Path f = pluginsDir.resolve(DISABLED_FILE);
        try {
            if (!Files.exists(f)) return Set.of();
            var ids = new TreeSet<String>();
            for (String line : Files.readAllLines(f)) if (!line.isBlank()) ids.add(line.strip());
            return ids;
        } catch (IOException e) {
            log.warn("cannot read {}: {}", f, e.getMessage());
            return Set.of();
        }
    }

    /** Waits until every retired version has closed its class loader. */
    public void awaitRetired() throws InterruptedException {
        for (Thread t : retiring) t.join();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            for (LoadedPlugin p : List.copyOf(current.values())) unload(p, "shutdown");
        }
        if (watcher != null) watcher.interrupt();
        try {
            awaitRetired();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
