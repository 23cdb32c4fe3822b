package org.cogos.api.tensor;

/** The integer operations of the cogos_compute device; ordinals match {@code enum cogos_compute_op}. */
public enum ComputeOp {
    ADD,
    SUBTRACT,
    MULTIPLY,
    DIVIDE
}
