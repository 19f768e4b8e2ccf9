package io.maestro.cli;

/** A failure the user can fix; printed as one line (no stack trace), exit code 2. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
