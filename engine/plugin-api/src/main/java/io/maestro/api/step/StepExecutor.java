package io.maestro.api.step;

/**
 * Runs one attempt of a step. {@code uses: <type>} in a spec resolves to the executor whose
 * {@link #type()} matches. Throw {@link StepFailure} (or any exception) to fail the attempt;
 * the conductor retries according to the spec.
 */
public interface StepExecutor extends io.maestro.api.plugin.MaestroExtension {
    String type();

    StepResult execute(StepContext context) throws Exception;
}
