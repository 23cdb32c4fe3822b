package org.cogos.api.tensor;

/**
 * A tensor call failed for a reason other than a bad argument ({@link IllegalArgumentException}) or arithmetic
 * overflow ({@link ArithmeticException}): e.g. the device went away, a signal interrupted the call. The message
 * names the errno.
 */
public class TensorEngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TensorEngineException(String message) {
        super(message);
    }

    public TensorEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
