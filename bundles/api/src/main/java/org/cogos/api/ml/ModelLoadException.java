package org.cogos.api.ml;

/** A model file could not be loaded: missing, unreadable, not the expected SHA-256, or not a valid model. */
public class ModelLoadException extends InferenceException {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
