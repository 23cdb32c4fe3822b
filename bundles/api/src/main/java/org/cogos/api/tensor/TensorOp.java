package org.cogos.api.tensor;

import java.util.Objects;

/**
 * One op of a {@link TensorEngine#batch}: the same ops, operands and rules as the single-op methods of
 * {@link TensorEngine}. Make it with the factories ({@link #sum}, {@link #matmul}, {@link #dense}, {@link #relu},
 * {@link #softmax}, {@link #argmax}); the canonical constructor checks which operands the kind uses.
 *
 * @param kind       what it computes
 * @param a          the first input: {@code a} of a sum or matmul, {@code x} of the others
 * @param b          the second input of a sum or matmul, the weights {@code w} of a dense layer; else null
 * @param bias       the bias of a dense layer ({@code 1 x n}); else null
 * @param activation what follows a dense layer; else null
 * @param out        where the result goes
 */
public record TensorOp(Kind kind, Tensor a, Tensor b, Tensor bias, Activation activation, Tensor out) {

    /** What an op computes; each like the single-op method of the same name. */
    public enum Kind {
        SUM,
        MATMUL,
        DENSE,
        RELU,
        SOFTMAX,
        ARGMAX
    }

    public TensorOp {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(a, kind == Kind.SUM || kind == Kind.MATMUL ? "a" : "x");
        Objects.requireNonNull(out, "out");
        boolean binary = kind == Kind.SUM || kind == Kind.MATMUL || kind == Kind.DENSE;
        if (binary) {
            Objects.requireNonNull(b, kind == Kind.DENSE ? "w" : "b");
        } else if (b != null) {
            throw new IllegalArgumentException(kind + " takes one input, b must be null");
        }
        if (kind == Kind.DENSE) {
            Objects.requireNonNull(bias, "bias");
            Objects.requireNonNull(activation, "activation");
        } else if (bias != null || activation != null) {
            throw new IllegalArgumentException("only DENSE has a bias and an activation");
        }
    }

    /** {@code out = a + b}, element-wise; one shape, one dtype. */
    public static TensorOp sum(Tensor a, Tensor b, Tensor out) {
        return new TensorOp(Kind.SUM, a, b, null, null, out);
    }

    /** {@code out(m x n) = a(m x k) b(k x n)}; F32 or I32. */
    public static TensorOp matmul(Tensor a, Tensor b, Tensor out) {
        return new TensorOp(Kind.MATMUL, a, b, null, null, out);
    }

    /** {@code out = activation(x w + bias)}; bias is {@code 1 x n}; F32. */
    public static TensorOp dense(Tensor x, Tensor w, Tensor bias, Activation activation, Tensor out) {
        return new TensorOp(Kind.DENSE, x, w, bias, activation, out);
    }

    public static TensorOp relu(Tensor x, Tensor out) {
        return new TensorOp(Kind.RELU, x, null, null, null, out);
    }

    /** Softmax of each row. */
    public static TensorOp softmax(Tensor x, Tensor out) {
        return new TensorOp(Kind.SOFTMAX, x, null, null, null, out);
    }

    /** {@code out} ({@code rows x 1}, I32): the index of the first maximum of each row of {@code x}. */
    public static TensorOp argmax(Tensor x, Tensor out) {
        return new TensorOp(Kind.ARGMAX, x, null, null, null, out);
    }
}
