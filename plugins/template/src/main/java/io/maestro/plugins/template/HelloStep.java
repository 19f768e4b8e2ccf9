package io.maestro.plugins.template;

import io.maestro.api.step.StepContext;
import io.maestro.api.step.StepExecutor;
import io.maestro.api.step.StepFailure;
import io.maestro.api.step.StepResult;
import java.util.Map;
import org.pf4j.Extension;

/** {@code uses: hello} with {@code with: {name: …}}: outputs {@code greeting}. */
@Extension
public class HelloStep implements StepExecutor {
    @Override
    public String type() {
        return "hello";
    }

    @Override
    public StepResult execute(StepContext context) throws StepFailure {
        Object name = context.inputs().get("name");
        if (!(name instanceof String n) || n.isBlank()) throw new StepFailure("with.name is required", false);
        context.log().stdout("greeting " + n);
        return StepResult.of(Map.of("greeting", "Hello, " + n + "!"));
    }
}
