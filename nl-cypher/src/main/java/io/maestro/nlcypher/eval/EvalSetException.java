package io.maestro.nlcypher.eval;

/** The evaluation set file is malformed; the message names the entry (by id when it has one) and the field. */
public final class EvalSetException extends IllegalArgumentException {
    public EvalSetException(String message) {
        super(message);
    }
}
