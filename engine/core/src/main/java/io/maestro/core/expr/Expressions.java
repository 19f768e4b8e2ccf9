package io.maestro.core.expr;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL (cel-java) for {@code when} conditions and {@code ${{ }}} templates. Variables: {@code params},
 * {@code steps} ({@code steps.<id>.outputs.<key>}, {@code steps.<id>.status}), {@code run}
 * ({@code id}, {@code tenant}, {@code pipeline}) and {@code matrix}. Compiled programs are cached by source.
 */
public final class Expressions {
    public static final List<String> VARIABLES = List.of("params", "steps", "run", "matrix");

    private final CelCompiler compiler;
    private final CelRuntime runtime;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();

    public Expressions() {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        for (String v : VARIABLES) builder.addVar(v, MapType.create(SimpleType.STRING, SimpleType.DYN));
        this.compiler = builder.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
    }

    public CompiledExpression compile(String source) throws ExpressionException {
        Object cached = cache.computeIfAbsent(source, this::compileUncached);
        if (cached instanceof ExpressionException e) {
            throw new ExpressionException(e.getMessage(), e.line(), e.column());
        }
        return (CompiledExpression) cached;
    }

    private Object compileUncached(String source) {
        CelValidationResult result = compiler.compile(source);
        if (result.hasError()) {
            CelIssue issue = result.getErrors().get(0);
            String message = issue.getMessage();
            return new ExpressionException(message, issue.getSourceLocation().getLine(),
                    issue.getSourceLocation().getColumn() + 1);
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new CompiledExpression(source, runtime.createProgram(ast), references(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            return new ExpressionException(e.getMessage());
        }
    }

    private static Set<CompiledExpression.Reference> references(CelAbstractSyntaxTree ast) {
        var refs = new LinkedHashSet<CompiledExpression.Reference>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr expr = node.expr();
            switch (expr.getKind()) {
                case SELECT -> {
                    CelExpr operand = expr.select().operand();
                    if (operand.getKind() == CelExpr.ExprKind.Kind.IDENT) {
                        refs.add(new CompiledExpression.Reference(operand.ident().name(), expr.select().field()));
                    }
                }
                case CALL -> {
                    // steps["my-step"] is an index call with a constant string
                    var call = expr.call();
                    if (call.function().equals("_[_]") && call.args().size() == 2
                            && call.args().get(0).getKind() == CelExpr.ExprKind.Kind.IDENT
                            && call.args().get(1).getKind() == CelExpr.ExprKind.Kind.CONSTANT
                            && call.args().get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                        refs.add(new CompiledExpression.Reference(call.args().get(0).ident().name(),
                                call.args().get(1).constant().stringValue()));
                    }
                }
                default -> { }
            }
        });
        return refs;
    }
}
