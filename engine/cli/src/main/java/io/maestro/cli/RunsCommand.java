package io.maestro.cli;

import io.maestro.api.event.RunStatus;
import io.maestro.core.spec.Durations;
import io.maestro.core.store.RunQuery;
import io.maestro.core.store.RunRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "runs", description = "List runs, newest first.")
final class RunsCommand implements Callable<Integer> {
    @ParentCommand MaestroCommand root;
    @Spec CommandSpec spec;

    @Option(names = "--tenant") String tenant;
    @Option(names = "--pipeline") String pipeline;
    @Option(names = "--status", description = "submitted, running, succeeded, failed, cancelled") String status;
    @Option(names = "--limit", defaultValue = "20") int limit;
    @Option(names = {"-o", "--output"}, description = "text (default) or json") String output = "text";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunStatus wanted = null;
        if (status != null) {
            try {
                wanted = RunStatus.valueOf(status.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new UserError("--status must be one of submitted, running, succeeded, failed, cancelled");
            }
        }
        try (var session = root.session(spec)) {
            List<RunRecord> runs = session.store().listRuns(new RunQuery(tenant, pipeline, wanted, limit));
            if (output.equals("json")) {
                out.println(Json.write(runs.stream().map(RunsCommand::summary).toList()));
            } else {
                Table.print(out, List.of("RUN", "PIPELINE", "TENANT", "STATUS", "CREATED", "DURATION"),
                        runs.stream().map(r -> List.of(r.runId(), r.pipeline(), r.tenant(), r.status().name().toLowerCase(),
                                r.createdAt().toString(), duration(r))).toList());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> summary(RunRecord r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("runId", r.runId());
        m.put("pipeline", r.pipeline());
        m.put("tenant", r.tenant());
        m.put("status", r.status().name().toLowerCase());
        m.put("reason", r.reason());
        m.put("traceId", r.traceId());
        m.put("params", r.params());
        m.put("createdAt", String.valueOf(r.createdAt()));
        m.put("startedAt", r.startedAt() == null ? null : r.startedAt().toString());
        m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        return m;
    }

    static String duration(RunRecord r) {
        if (r.startedAt() == null || r.finishedAt() == null) return "-";
        return Durations.format(Duration.between(r.startedAt(), r.finishedAt()));
    }
}
