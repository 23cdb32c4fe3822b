package org.cogos.api.ml;

/** An inference or model operation failed; the message says which model and why, for one line in a log or shell. */
public class InferenceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InferenceException(String message) {
        super(message);
    }

    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
