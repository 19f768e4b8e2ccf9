package io.maestro.cli;

import io.maestro.core.access.ApiToken;
import io.maestro.core.access.IssuedToken;
import io.maestro.core.access.Role;
import io.maestro.core.spec.Durations;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "tokens", description = "API tokens for the server: each is scoped to one tenant and one role.",
        subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand {
    private static final Pattern TENANT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    @ParentCommand MaestroCommand root;

    @Command(name = "create", description = "Create a token and print it once; only its hash is stored.")
    static final class Create implements Callable<Integer> {
        @ParentCommand TokensCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--tenant", required = true, description = "lower-case letters, digits and dashes") String tenant;
        @Option(names = "--role", required = true,
                description = "viewer, author, operator, tenant-admin, auditor or platform-admin") String role;
        @Option(names = "--name", required = true, description = "what the token is for, e.g. ci-bot") String name;
        @Option(names = "--expires-in", description = "a duration such as 12h or 720h (default: never)") String expiresIn;
        @Option(names = {"-o", "--output"}, description = "text (default) or json") String output = "text";

        @Override
        public Integer call() {
            if (!TENANT.matcher(tenant).matches()) throw new UserError("--tenant must be lower-case letters, digits and dashes");
            Role r;
            try {
                r = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new UserError("--role: " + e.getMessage());
            }
            if (name.isBlank() || name.length() > 128) throw new UserError("--name must be 1 to 128 characters");
            var ttl = expiresIn == null ? null : Durations.parse(expiresIn);
            PrintWriter out = spec.commandLine().getOut();
            try (var engine = parent.root.session(spec)) {
                // the role of the new token is part of the question: nobody but a platform-admin mints a platform-admin
                CliAccess.require(engine, parent.root.env, new io.maestro.core.policy.Authorization.Request("token:write", tenant,
                        parent.root.env.get("MAESTRO_REASON"), Map.of("role", r.wireName())));
                IssuedToken issued = engine.tokens().create(tenant, r, name, ttl);
                if (output.equals("json")) {
                    var m = new LinkedHashMap<String, Object>(view(issued.token()));
                    m.put("token", issued.secret());
                    out.println(Json.write(m));
                } else {
                    out.println(issued.secret());
                    spec.commandLine().getErr().println("maestro: token " + issued.token().id() + " for tenant " + tenant
                            + " (" + r.wireName() + "); it is shown only now, keep it secret");
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List a tenant's tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @ParentCommand TokensCommand parent;
        @Spec CommandSpec spec;
        @Option(names = "--tenant", required = true) String tenant;
        @Option(names = {"-o", "--output"}, description = "text (default) or json") String output = "text";

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (var engine = parent.root.session(spec)) {
                List<ApiToken> tokens = engine.tokens().list(tenant);
                if (output.equals("json")) {
                    out.println(Json.write(tokens.stream().map(TokensCommand::view).toList()));
                } else {
                    Table.print(out, List.of("ID", "NAME", "ROLE", "CREATED", "EXPIRES", "REVOKED"),
                            tokens.stream().map(t -> List.of(t.id(), t.name(), t.role().wireName(), t.createdAt().toString(),
                                    String.valueOf(t.expiresAt()), String.valueOf(t.revokedAt()))).toList());
                }
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by id; the server stops accepting it within 10 seconds.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand TokensCommand parent;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "TOKEN_ID") String id;

        @Override
        public Integer call() {
            try (var engine = parent.root.session(spec)) {
                var token = engine.tokens().find(id).orElseThrow(() -> new UserError("no active token with id " + id));
                CliAccess.require(engine, parent.root.env, "token:write", token.tenant());
                if (!engine.tokens().revoke(id)) throw new UserError("no active token with id " + id);
            }
            spec.commandLine().getOut().println("revoked " + id);
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> view(ApiToken t) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", t.id());
        m.put("tenant", t.tenant());
        m.put("role", t.role().wireName());
        m.put("name", t.name());
        m.put("createdAt", t.createdAt().toString());
        m.put("expiresAt", t.expiresAt() == null ? null : t.expiresAt().toString());
        m.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        return m;
    }
}
