package org.cogos.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands percepts to the module that owns their modality, keeping per-robot order. Implemented by the runtime.
 */
@ProviderType
public interface PerceptRouter {

    /**
     * Queue a percept. Returns once it is queued (not processed). Percepts of a modality whose module is
     * absent or being swapped are held and handed to the next module that registers for it.
     *
     * @throws IllegalStateException when the router's bound on queued or held percepts is reached
     */
    void submit(Percept percept);
}
