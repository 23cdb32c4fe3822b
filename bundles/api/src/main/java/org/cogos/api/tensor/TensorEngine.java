package org.cogos.api.tensor;

import java.nio.ByteBuffer;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tensor operations for cognitive modules. One service, registered by native-bridge with the service property
 * {@value #BACKEND_PROPERTY} set to {@code kernel} (the cogos_tensor device: ioctl, shared mmapped pool, kernel
 * worker threads) or {@code userspace} (the same numeric source in a JNI library, on the caller's thread).
 * The backend is chosen when the service activates.
 *
 * <p>Three ways to hand data over, as the device offers them: tensors from {@link #allocate} live in the pool and
 * are used in place (zero copy); tensors from {@link #wrap} are the caller's direct buffers, pinned for each
 * call; the {@code float[]}/{@code int[]} methods copy in and out.
 *
 * <p>Priorities: {@link #batch} runs its ops at the {@link Priority} the caller gives, every other method at
 * {@link Priority#INTERACTIVE}; what a class means on each backend is said at {@link Priority}.
 *
 * <p>Errors: bad shapes, types or closed tensors throw {@link IllegalArgumentException} (or
 * {@link IllegalStateException} for a closed tensor) with the reason; an exhausted pool throws
 * {@link TensorPoolExhaustedException}; anything else {@link TensorEngineException} naming the errno.
 */
@ProviderType
public interface TensorEngine {

    String BACKEND_PROPERTY = "cogos.tensor.backend";
    String BACKEND_KERNEL = "kernel";
    String BACKEND_USERSPACE = "userspace";

    /** Most ops of one {@link #batch}: the kernel ABI's {@code COGOS_TENSOR_MAX_BATCH}. */
    int MAX_BATCH_OPS = 64;

    /** {@link #BACKEND_KERNEL} or {@link #BACKEND_USERSPACE}. */
    String backend();

    /** A zeroed tensor in engine memory (the kernel's pool, mmapped; native memory in user space). */
    Tensor allocate(DType dtype, int rows, int cols);

    /** A tensor over the caller's direct buffer of at least {@code rows * cols * 4} bytes, 4-byte aligned. */
    Tensor wrap(ByteBuffer direct, DType dtype, int rows, int cols);

    /** {@code out = a + b}, element-wise; one shape, one dtype. */
    void sum(Tensor a, Tensor b, Tensor out);

    /** {@code out(m x n) = a(m x k) b(k x n)}; F32 or I32. */
    void matmul(Tensor a, Tensor b, Tensor out);

    /** {@code out = activation(x w + bias)}; bias is {@code 1 x n}; F32. */
    void dense(Tensor x, Tensor w, Tensor bias, Activation activation, Tensor out);

    void relu(Tensor x, Tensor out);

    /** Softmax of each row. */
    void softmax(Tensor x, Tensor out);

    /** {@code out} ({@code rows x 1}, I32): the index of the first maximum of each row of {@code x}. */
    void argmax(Tensor x, Tensor out);

    /**
     * Runs independent ops as one call (one BATCH ioctl on the kernel backend) at {@code priority}. The ops may run
     * concurrently and in any order, so no op may use another op's output; each op is checked as its single-op
     * method checks it. Every op is checked before any runs: when one is refused, nothing ran.
     *
     * @param ops 1 to {@link #MAX_BATCH_OPS}
     * @throws IllegalArgumentException for an empty or too large batch, an op whose {@code out} is an operand of
     *                                  another op, or an op its single-op method would refuse (the message names the
     *                                  op's index)
     * @throws TensorEngineException    when the call fails once running, e.g. interrupted; the message says how
     *                                  many ops completed
     */
    void batch(Priority priority, List<TensorOp> ops);

    /** Copy path: {@code a(m x k) b(k x n)}. */
    float[] matmul(float[] a, float[] b, int m, int k, int n);

    /** Copy path: element-wise sum. */
    float[] sum(float[] a, float[] b);

    /** Copy path, integers: element-wise sum, wrapping. */
    int[] sum(int[] a, int[] b);

    /** Copies the layers into engine memory; layer i's outputs must equal layer i+1's inputs. */
    MlpNetwork loadNetwork(List<DenseLayer> layers);

    /**
     * The cogos_compute operation ({@code /dev/cogos_compute} on the kernel backend).
     *
     * @throws IllegalArgumentException on division by zero
     * @throws ArithmeticException      when the exact result does not fit in a long
     */
    long compute(ComputeOp op, long a, long b);

    TensorEngineStatus status();
}
