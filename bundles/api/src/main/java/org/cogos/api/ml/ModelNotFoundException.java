package org.cogos.api.ml;

/** No model of that name is loaded. */
public class ModelNotFoundException extends InferenceException {

    private static final long serialVersionUID = 1L;

    public ModelNotFoundException(String name) {
        super("model '" + name + "' is not loaded");
    }
}
