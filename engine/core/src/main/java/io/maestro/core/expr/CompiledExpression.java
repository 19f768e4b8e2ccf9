package io.maestro.core.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.Set;

/** A CEL expression checked against Maestro's variables, with the names it references. */
public record CompiledExpression(String source, CelRuntime.Program program, Set<Reference> references) {

    /** {@code params.x} → (params, x); {@code steps.build.outputs.v} → (steps, build). */
    public record Reference(String root, String name) { }

    public Object evaluate(Map<String, ?> variables) throws ExpressionException {
        try {
            return program.eval(variables);
        } catch (CelEvaluationException e) {
            throw new ExpressionException("'" + source + "': " + e.getMessage());
        }
    }
}
