package io.maestro.plugins.billing.config;

/**
 * One problem in billing.yaml, located: {@code file:line:column field: message (hint)}.
 * Line and column are 1-based; 0 means "the whole file".
 */
public record ConfigProblem(String file, int line, int column, String field, String message, String hint) {

    public String format() {
        var sb = new StringBuilder(file);
        if (line > 0) sb.append(':').append(line).append(':').append(column);
        sb.append(' ');
        if (field != null && !field.isEmpty()) sb.append(field).append(": ");
        sb.append(message);
        if (hint != null && !hint.isEmpty()) sb.append(" (").append(hint).append(')');
        return sb.toString();
    }
}
