package org.cogos.api.tensor;

/** What follows a dense layer. Values match {@code enum cogos_tensor_activation} of the kernel ABI. */
public enum Activation {
    NONE,
    RELU
}
