package org.cogos.api.tensor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A multilayer perceptron whose weights live in the engine's memory; a whole forward pass is one call
 * (one ioctl on the kernel backend). Thread-safe; close it to give its memory back.
 */
@ProviderType
public interface MlpNetwork extends AutoCloseable {

    int inputs();

    int outputs();

    /**
     * Runs {@code input} ({@code batch x inputs}, F32) through every layer and a softmax, at
     * {@link Priority#INTERACTIVE}.
     *
     * @param probabilities {@code batch x outputs}, F32: class probabilities per row
     * @param classes       {@code batch x 1}, I32: the most probable class per row; may be null
     */
    default void classify(Tensor input, Tensor probabilities, Tensor classes) {
        classify(Priority.INTERACTIVE, input, probabilities, classes);
    }

    /** {@link #classify(Tensor, Tensor, Tensor)} at {@code priority}: every layer's work waits as that class. */
    void classify(Priority priority, Tensor input, Tensor probabilities, Tensor classes);

    @Override
    void close();
}
