package org.cogos.api.tensor;

import java.util.Objects;

/**
 * One layer of a multilayer perceptron: {@code out = activation(in * weights + bias)}.
 *
 * @param weights    {@code inputs x outputs}, row-major
 * @param bias       {@code outputs} values
 */
public record DenseLayer(int inputs, int outputs, float[] weights, float[] bias, Activation activation) {

    public DenseLayer {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(activation, "activation");
        if (inputs <= 0 || outputs <= 0) {
            throw new IllegalArgumentException("a layer needs inputs and outputs > 0, got " + inputs + "x" + outputs);
        }
        if ((long) inputs * outputs != weights.length) {
            throw new IllegalArgumentException(
                    "weights has " + weights.length + " values, a " + inputs + "x" + outputs + " layer needs "
                            + (long) inputs * outputs);
        }
        if (bias.length != outputs) {
            throw new IllegalArgumentException("bias has " + bias.length + " values, the layer has " + outputs
                    + " outputs");
        }
    }
}
