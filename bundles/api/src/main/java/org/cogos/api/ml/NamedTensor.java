package org.cogos.api.ml;

import java.util.Arrays;

/**
 * A float tensor with the name of the model input or output it belongs to, row-major. The data length always equals
 * the product of the shape, checked here, so a malformed tensor never reaches a model.
 */
public record NamedTensor(String name, long[] shape, float[] data) {

    public NamedTensor {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor name is empty");
        }
        if (shape == null || data == null) {
            throw new IllegalArgumentException("tensor '" + name + "' has no shape or no data");
        }
        long elements = TensorSpec.elements(name, shape);
        if (elements != data.length) {
            throw new IllegalArgumentException("tensor '" + name + "' has shape " + Arrays.toString(shape) + " ("
                    + elements + " elements) but " + data.length + " values");
        }
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
