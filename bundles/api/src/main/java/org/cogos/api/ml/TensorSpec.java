package org.cogos.api.ml;

import java.util.Arrays;

/**
 * A model input or output as the model declares it: its name and shape, where {@value #DYNAMIC} marks a dimension the
 * model leaves free (a batch size, say).
 */
public record TensorSpec(String name, long[] shape) {

    /** A dimension of any size. */
    public static final long DYNAMIC = -1;

    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Whether a tensor of this shape fits: same rank, and every fixed dimension equal. */
    public boolean accepts(long[] actual) {
        if (actual.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != DYNAMIC && shape[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    /** {@code input[-1,4]}. */
    @Override
    public String toString() {
        return name + Arrays.toString(shape).replace(" ", "");
    }

    /** The element count of a concrete shape; refuses negative dimensions and counts past an array's reach. */
    static long elements(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension: "
                        + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("tensor '" + name + "' is too large: " + Arrays.toString(shape));
            }
        }
        return n;
    }
}
