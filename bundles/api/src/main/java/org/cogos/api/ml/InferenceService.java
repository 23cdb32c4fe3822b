package org.cogos.api.ml;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Runs loaded models (see {@link ModelRegistry}). Thread-safe: a model may run on several threads at once. */
@ProviderType
public interface InferenceService {

    /**
     * Runs a model once.
     *
     * @param model the name it was loaded under
     * @param inputs one tensor per model input, matched by name; a model with a single input also takes a single
     *        tensor of any name
     * @return the model's outputs, in the model's output order
     * @throws ModelNotFoundException no model of that name is loaded
     * @throws BadInputException an input is missing, unknown, or of a shape the model refuses
     * @throws InferenceException the runtime failed
     */
    List<NamedTensor> run(String model, List<NamedTensor> inputs);
}
