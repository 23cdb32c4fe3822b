package org.cogos.nativebridge.internal;

import java.nio.ByteBuffer;

/**
 * The JNI entry points of {@code libcogos_bridge.so}. {@code ctx} is a native engine ({@code struct bridge *}) from
 * {@link #openUserspace} or {@link #openKernel}. A tensor operand is passed as (direct buffer, pool offset or -1,
 * rows, cols); a null buffer marks an operand the op does not use. Errors are thrown by the native side (IAE for
 * EINVAL with the reason, {@code TensorPoolExhaustedException} for ENOMEM, {@code ArithmeticException} for
 * EOVERFLOW, {@code TensorEngineException} naming any other errno).
 *
 * <p>The constants mirror the kernel ABI ({@code cogos_tensor.h}, {@code cogos_compute.h}); {@code javac -h}
 * copies them into the JNI header and the C side asserts at compile time that they agree.
 */
final class Bridge {

    static final int OP_SUM = 0;
    static final int OP_MATRIX_MULT = 1;
    static final int OP_DENSE = 2;
    static final int OP_RELU = 3;
    static final int OP_SOFTMAX = 4;
    static final int OP_ARGMAX = 5;

    static final int DT_F32 = 0;
    static final int DT_I32 = 1;

    static final int OPF_RELU = 1;

    static final int ACT_NONE = 0;
    static final int ACT_RELU = 1;

    static final int MLPF_SOFTMAX = 1;
    static final int MLPF_ARGMAX = 2;

    static final int COMPUTE_ADD = 0;
    static final int COMPUTE_SUBTRACT = 1;
    static final int COMPUTE_MULTIPLY = 2;
    static final int COMPUTE_DIVIDE = 3;

    static final int MAX_DIM = 65536;
    static final int MAX_LAYERS = 8;
    static final int MAX_BATCH = 64;

    /** The module's priorities the API's classes map to (Priority's javadoc): 0 .. COGOS_TENSOR_PRIO_MAX. */
    static final int PRIO_BACKGROUND = 0;
    static final int PRIO_INTERACTIVE = 2;
    static final int PRIO_SAFETY = 3;

    /** Per op of a batch: ints in {@code codes} (opcode, dtype, flags), operands (a, b, bias, out), dims. */
    static final int BATCH_CODES = 3;
    static final int BATCH_OPERANDS = 4;
    static final int BATCH_DIMS = 2 * BATCH_OPERANDS;

    static final int SIMD_SCALAR = 0;
    static final int SIMD_AVX2 = 1;
    static final int SIMD_AVX512 = 2;

    static final int CPU_AVX2 = 1;
    static final int CPU_FMA = 2;
    static final int CPU_AVX512F = 4;

    /** errno.h's EACCES: an open refused by the file's mode or group. */
    static final int EACCES = 13;

    /** Indexes of the array {@link #info} returns. */
    static final int INFO_SIMD = 0;
    static final int INFO_CPU_FEATURES = 1;
    static final int INFO_WORKERS = 2;
    static final int INFO_POOL_BLOCKS = 3;
    static final int INFO_BLOCKS_USED = 4;
    static final int INFO_BLOCK_BYTES = 5;
    static final int INFO_LENGTH = 6;

    private Bridge() {
    }

    /** The numeric kernels on the caller's thread, at the best SIMD level up to maxSimd the CPU and OS support. */
    static native long openUserspace(int maxSimd);

    /**
     * Opens both devices and checks the ABI version; throws {@link KernelOpenException} naming the device and errno
     * if one fails.
     */
    static native long openKernel(String device, String computeDevice);

    /** Closes the devices and frees ctx; every allocation must have been freed before. */
    static native void close(long ctx);

    static native long[] info(long ctx);

    /**
     * Zeroed engine memory of {@code bytes}: kernel pool blocks mmapped (offset in {@code poolOffset[0]}) or, in
     * user space, native memory ({@code poolOffset[0] = -1}).
     */
    static native ByteBuffer allocate(long ctx, long bytes, long[] poolOffset);

    static native void free(long ctx, ByteBuffer memory, long poolOffset);

    static native void run(long ctx, int opcode, int dtype, int flags, int priority,
            ByteBuffer a, long aPool, int aRows, int aCols,
            ByteBuffer b, long bPool, int bRows, int bCols,
            ByteBuffer bias, long biasPool, int biasRows, int biasCols,
            ByteBuffer out, long outPool, int outRows, int outCols);

    /**
     * Copy path: {@code a}, {@code b} and {@code out} are {@code float[]} (F32) or {@code int[]} (I32); each
     * operand starts at element {@code offset} of its array.
     */
    static native void runCopy(long ctx, int opcode, int dtype, int priority, Object a, Object b, Object out,
            int offset, int aRows, int aCols, int bRows, int bCols, int outRows, int outCols);

    /** Checks a chain of layers with cogos_validate_mlp (batch 1); throws IAE naming the offending layer. */
    static native void validateMlp(int[] inputs, int[] outputs, int[] activations);

    static native void mlp(long ctx, int flags, int priority, ByteBuffer[] weights, long[] weightsPool,
            ByteBuffer[] biases, long[] biasesPool, int[] inputs, int[] outputs, int[] activations,
            ByteBuffer input, long inputPool, int inputRows, int inputCols,
            ByteBuffer output, long outputPool, int outputRows, int outputCols,
            ByteBuffer classes, long classesPool, int classesRows, int classesCols);

    /**
     * Checks every op of a batch with cogos_validate_op, runs none; throws IAE naming the first refused op. Ops are
     * laid out per op: {@link #BATCH_CODES} ints of {@code codes}, {@link #BATCH_OPERANDS} of {@code buffers} and
     * {@code pools} (a null buffer: unused), {@link #BATCH_DIMS} of {@code dims} (rows, cols of each operand).
     */
    static native void checkBatch(long ctx, int priority, int[] codes, ByteBuffer[] buffers, long[] pools,
            int[] dims);

    /** Kernel backend only: the ops (laid out as for {@link #checkBatch}) in one COGOS_TENSOR_IOC_BATCH. */
    static native void batch(long ctx, int priority, int[] codes, ByteBuffer[] buffers, long[] pools, int[] dims);

    static native long compute(long ctx, int op, long a, long b);
}
