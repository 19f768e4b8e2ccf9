package io.maestro.plugins.nlcypher;

import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepFailure;
import io.maestro.api.step.StepResult;
import io.maestro.core.policy.PolicyUnavailableException;
import io.maestro.sandbox.BlockedQueryException;
import io.maestro.sandbox.CypherSandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code uses: cypher}: a guarded graph check in a pipeline. The query runs through the same sandbox as
 * the console, for the run's tenant; the step logs the row count and the first rows, outputs
 * {@code rows} (and {@code truncated}), and fails naming the expectation or the rule that refused it.
 */
final class CypherStep {
    static final String TYPE = "cypher";
    private static final int LOGGED_ROWS = 5;

    private final Console console;
    private final Json json;

    CypherStep(Console console, Json json) {
        this.console = console;
        this.json = json;
    }

    StepResult execute(StepContext ctx) throws StepFailure {
        CypherCheck check;
        try {
            check = CypherCheck.from(ctx.inputs(), console.limits().rowCap());
        } catch (BadInputException e) {
            throw new StepFailure(e.field() + " " + e.getMessage(), false);
        }
        CypherSandbox.QueryResult result;
        long t0 = System.nanoTime();
        try {
            result = console.run(ctx.tenant(), Console.runActor(ctx.runId()), check.query(), check.parameters());
        } catch (BlockedQueryException e) {
            throw new StepFailure("the sandbox refused the query (rule " + e.rule() + "): " + e.getMessage(), false);
        } catch (CypherSandbox.RateLimitedException e) {
            throw new StepFailure("the sandbox's rate limit stopped the query (rule " + Refusals.RATE_LIMITED + "): " + e.getMessage(), true);
        } catch (CypherSandbox.QueryFailedException e) {
            String rule = ConsoleRoutes.failureRule(e);
            throw new StepFailure("the query failed (rule " + rule + "): " + e.getMessage(),
                    e.kind() == CypherSandbox.QueryFailedException.Kind.UNAVAILABLE);
        } catch (PolicyUnavailableException | GraphUnavailableException e) {
            throw new StepFailure(e.getMessage(), true);
        } catch (BadInputException e) {
            throw new StepFailure(e.field() + " " + e.getMessage(), false);
        }
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        int returned = result.rows().size();
        ctx.log().stdout(String.format("cypher: %s%d rows in %d ms (cost %s); expected: %s", result.truncated() ? "more than " : "",
                returned, tookMs, result.cost().costClass(), check.expectation()));
        for (Map<String, Object> row : result.rows().subList(0, Math.min(LOGGED_ROWS, returned))) {
            ctx.log().stdout("  " + json.mapper.writeValueAsString(Json.value(row)));
        }
        if (returned > LOGGED_ROWS) ctx.log().stdout("  … " + (returned - LOGGED_ROWS) + " more");
        Map<String, String> outputs = Map.of("rows", String.valueOf(returned), "truncated", String.valueOf(result.truncated()));
        writeOutputs(ctx, outputs);
        String violation = check.violation(returned, result.truncated());
        if (violation != null) throw new StepFailure("graph check failed: " + violation, false);
        return StepResult.of(outputs);
    }

    private static void writeOutputs(StepContext ctx, Map<String, String> outputs) throws StepFailure {
        try {
            Files.createDirectories(ctx.outputsFile().getParent());
            Files.writeString(ctx.outputsFile(), "rows=" + outputs.get("rows") + "\ntruncated=" + outputs.get("truncated") + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new StepFailure("cannot write the step's outputs file " + ctx.outputsFile() + ": " + e.getMessage());
        }
    }
}
