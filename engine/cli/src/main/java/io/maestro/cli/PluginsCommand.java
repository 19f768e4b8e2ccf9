package io.maestro.cli;

import io.maestro.core.plugin.PluginInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plugins", description = "List, enable, disable or reload plugins (jars in the plugins directory).",
        subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.Enable.class, PluginsCommand.Disable.class,
                PluginsCommand.Reload.class})
final class PluginsCommand {
    @ParentCommand MaestroCommand root;

    @Command(name = "list", description = "Loaded, disabled and refused plugins.")
    static final class ListPlugins implements Callable<Integer> {
        @ParentCommand PluginsCommand parent;
        @Spec CommandSpec spec;
        @Option(names = {"-o", "--output"}, description = "text (default) or json") String output = "text";

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (var session = parent.root.session(spec)) {
                List<PluginInfo> plugins = session.plugins().list();
                if (output.equals("json")) {
                    out.println(Json.write(plugins.stream().map(p -> {
                        var m = new LinkedHashMap<String, Object>();
                        m.put("id", p.id());
                        m.put("version", p.version());
                        m.put("state", p.state());
                        m.put("file", p.file() == null ? null : p.file().toString());
                        m.put("extensions", p.extensions());
                        m.put("requires", p.requires());
                        m.put("problem", p.problem());
                        return m;
                    }).toList()));
                } else {
                    out.println("plugins directory: " + session.plugins().pluginsDir());
                    Table.print(out, List.of("PLUGIN", "VERSION", "STATE", "EXTENSIONS"), plugins.stream().map(p -> List.of(
                            p.id().isEmpty() ? String.valueOf(p.file().getFileName()) : p.id(), p.version(), p.state(),
                            p.problem() != null ? p.problem() : String.join(", ", p.extensions()))).toList());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    abstract static class OnePlugin implements Callable<Integer> {
        @ParentCommand PluginsCommand parent;
        @Spec CommandSpec spec;
        @Parameters(index = "0", paramLabel = "PLUGIN") String id;

        abstract void apply(io.maestro.core.plugin.PluginHost host);

        abstract String done();

        @Override
        public Integer call() {
            try (var session = parent.root.session(spec)) {
                CliAccess.requireOwnTenant(session, parent.root.env, "plugin:manage"); // plugins are server-wide
                apply(session.plugins());
            } catch (io.maestro.core.plugin.PluginRefusedException e) {
                throw new UserError(e.getMessage());
            }
            spec.commandLine().getOut().println("plugin " + id + " " + done());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "enable", description = "Enable a disabled plugin (running conductors pick it up).")
    static final class Enable extends OnePlugin {
        void apply(io.maestro.core.plugin.PluginHost host) { host.setEnabled(id, true); }
        String done() { return "enabled"; }
    }

    @Command(name = "disable", description = "Disable a plugin; it stays unloaded across restarts.")
    static final class Disable extends OnePlugin {
        void apply(io.maestro.core.plugin.PluginHost host) { host.setEnabled(id, false); }
        String done() { return "disabled"; }
    }

    @Command(name = "reload", description = "Load a plugin's jar again (e.g. to check it loads).")
    static final class Reload extends OnePlugin {
        void apply(io.maestro.core.plugin.PluginHost host) { host.reload(id); }
        String done() { return "reloaded"; }
    }
}
