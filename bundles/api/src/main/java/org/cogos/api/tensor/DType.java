package org.cogos.api.tensor;

/** Element types; both are 4 bytes. Values match {@code enum cogos_tensor_dtype} of the kernel ABI. */
public enum DType {
    /** IEEE 754 binary32. */
    F32,
    /** Two's complement 32-bit; sums and products wrap modulo 2^32, as Java int arithmetic does. */
    I32;

    public static final int BYTES = 4;
}
