package org.cogos.api.ml;

/** The inputs do not fit the model: a missing or unknown input name, or a shape the model does not accept. */
public class BadInputException extends InferenceException {

    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }
}
