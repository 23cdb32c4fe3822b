package org.cogos.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hands percepts to the module that owns their modality, keeping each robot's order within a modality; modalities
 * do not wait for each other. Implemented by the runtime.
 */
@ProviderType
public interface PerceptRouter {

    /**
     * Queue a percept. Returns once it is queued (not processed). Percepts of a modality whose module is
     * absent or being swapped are held and handed to the next module that registers for it; those of a modality
     * no module has served since the runtime started only for a grace time, then refused with {@code no_module}.
     * A newer percept of the same robot may supersede it before it is processed when the module declares a
     * {@link CognitiveModule#BACKLOG}.
     *
     * @throws IllegalStateException when the router's bound on queued or held percepts is reached
     */
    void submit(Percept percept);
}
