package io.maestro.core.expr;

/** A CEL expression that does not compile or fails at evaluation. */
public class ExpressionException extends Exception {
    private final int line;
    private final int column;

    public ExpressionException(String message) {
        this(message, 0, 0);
    }

    public ExpressionException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** 1-based position inside the expression, 0 when unknown. */
    public int line() { return line; }

    public int column() { return column; }
}
