package org.cogos.nativebridge.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.cogos.api.tensor.Activation;
import org.cogos.api.tensor.ComputeOp;
import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.DenseLayer;
import org.cogos.api.tensor.MlpNetwork;
import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.Tensor;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineException;
import org.cogos.api.tensor.TensorEngineStatus;
import org.cogos.api.tensor.TensorOp;
import org.cogos.util.stats.RateMeter;

/**
 * The {@link TensorEngine} over {@code libcogos_bridge.so}, with the backend fixed at construction:
 * {@link #userspace()} or {@link #kernel(String, String)}. Java checks what only Java knows (ownership, closed
 * tensors, dtypes of each operand, array lengths); shapes and everything else are judged by the numeric source's
 * validation in user space and by the kernel module on the kernel backend.
 *
 * <p>Priorities ({@link Priority}): the kernel backend puts the class into every op and lets the module's queue
 * order the work; the user-space backend computes on the caller's thread with a turn of a {@link PriorityGate} (one
 * per call, one for a whole batch), one turn per processor.
 *
 * <p>Thread-safe: calls share a read lock, {@link #close()} takes the write lock, so the device and the memory stay
 * valid until every call in flight has returned. Free of OSGi and SLF4J so that tests and benchmarks run on a plain
 * class path.
 */
public final class NativeTensorEngine implements TensorEngine, AutoCloseable {

    private final String backend;
    private final String device;
    private final long ctx;
    /** User space only: who computes next; null on the kernel backend, whose module orders the work. */
    private final PriorityGate gate;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Written under the write lock. */
    private boolean closed;
    /** Engine memory not yet given back, so that close() frees what callers forgot. */
    private final Set<NativeTensor> owned = ConcurrentHashMap.newKeySet();
    private final LongAdder calls = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final RateMeter rate = new RateMeter();

    private NativeTensorEngine(String backend, String device, long ctx, PriorityGate gate) {
        this.backend = backend;
        this.device = device;
        this.ctx = ctx;
        this.gate = gate;
    }

    /** The numeric kernels in this process, on the caller's thread, at the best SIMD level the CPU supports. */
    public static NativeTensorEngine userspace() {
        return userspace("avx512");
    }

    /**
     * The same, at most at {@code maxSimd} ({@code scalar}, {@code avx2} or {@code avx512}), like the kernel
     * module's {@code max_simd} parameter: tests and benchmarks reach the lower paths on a CPU that has more.
     */
    public static NativeTensorEngine userspace(String maxSimd) {
        int level = switch (Objects.requireNonNull(maxSimd, "maxSimd")) {
            case "scalar" -> Bridge.SIMD_SCALAR;
            case "avx2" -> Bridge.SIMD_AVX2;
            case "avx512" -> Bridge.SIMD_AVX512;
            default -> throw new IllegalArgumentException("maxSimd is scalar, avx2 or avx512, got " + maxSimd);
        };
        NativeLibrary.ensureLoaded();
        // One turn per processor: more ops at once would only share the cores, fewer would leave one idle.
        return new NativeTensorEngine(BACKEND_USERSPACE, "-", Bridge.openUserspace(level),
                new PriorityGate(Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The cogos_tensor and cogos_compute kernel modules through their devices.
     *
     * @throws org.cogos.api.tensor.TensorEngineException naming the device and the errno when one does not open
     *                                                    or speaks another ABI version; for EACCES also how an
     *                                                    operator grants access
     */
    public static NativeTensorEngine kernel(String tensorDevice, String computeDevice) {
        Objects.requireNonNull(tensorDevice, "tensorDevice");
        Objects.requireNonNull(computeDevice, "computeDevice");
        NativeLibrary.ensureLoaded();
        return new NativeTensorEngine(BACKEND_KERNEL, tensorDevice, Bridge.openKernel(tensorDevice, computeDevice),
                null);
    }

    @Override
    public String backend() {
        return backend;
    }

    /** The user-space backend's turns, for tests that hold them; null on the kernel backend. */
    PriorityGate gate() {
        return gate;
    }

    @Override
    public Tensor allocate(DType dtype, int rows, int cols) {
        return call(() -> {
            Objects.requireNonNull(dtype, "dtype");
            checkDims("allocate", rows, cols);
            return allocateOwned(dtype, rows, cols);
        });
    }

    @Override
    public Tensor wrap(ByteBuffer direct, DType dtype, int rows, int cols) {
        return call(() -> {
            Objects.requireNonNull(direct, "direct");
            Objects.requireNonNull(dtype, "dtype");
            checkDims("wrap", rows, cols);
            if (!direct.isDirect()) {
                throw new IllegalArgumentException("wrap needs a direct ByteBuffer (allocateDirect or a mapped file):"
                        + " a heap buffer has no fixed native address");
            }
            if (direct.isReadOnly()) {
                throw new IllegalArgumentException("wrap needs a writable buffer: the engine may write to it");
            }
            long bytes = (long) rows * cols * DType.BYTES;
            if (direct.capacity() < bytes) {
                throw new IllegalArgumentException("buffer has " + direct.capacity() + " bytes, a " + rows + "x"
                        + cols + " tensor needs " + bytes + " (counted from index 0)");
            }
            if (direct.alignmentOffset(0, DType.BYTES) != 0) {
                throw new IllegalArgumentException("buffer address is not 4-byte aligned (offset "
                        + direct.alignmentOffset(0, DType.BYTES) + ")");
            }
            return new NativeTensor(this, dtype, rows, cols, direct, -1, false);
        });
    }

    @Override
    public void sum(Tensor a, Tensor b, Tensor out) {
        single(() -> TensorOp.sum(a, b, out));
    }

    @Override
    public void matmul(Tensor a, Tensor b, Tensor out) {
        single(() -> TensorOp.matmul(a, b, out));
    }

    @Override
    public void dense(Tensor x, Tensor w, Tensor bias, Activation activation, Tensor out) {
        single(() -> TensorOp.dense(x, w, bias, activation, out));
    }

    @Override
    public void relu(Tensor x, Tensor out) {
        single(() -> TensorOp.relu(x, out));
    }

    @Override
    public void softmax(Tensor x, Tensor out) {
        single(() -> TensorOp.softmax(x, out));
    }

    @Override
    public void argmax(Tensor x, Tensor out) {
        single(() -> TensorOp.argmax(x, out));
    }

    /** A single-op method: the op at {@link Priority#INTERACTIVE}; made inside the call so that a refusal counts. */
    private void single(Supplier<TensorOp> op) {
        call(() -> {
            run(Priority.INTERACTIVE, prepare(op.get(), ""));
            return null;
        });
    }

    @Override
    public void batch(Priority priority, List<TensorOp> ops) {
        call(() -> {
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(ops, "ops");
            int n = ops.size();
            if (n < 1 || n > MAX_BATCH_OPS) {
                throw new IllegalArgumentException("a batch has 1.." + MAX_BATCH_OPS + " ops, got " + n);
            }
            Prepared[] prepared = new Prepared[n];
            for (int i = 0; i < n; i++) {
                prepared[i] = prepare(Objects.requireNonNull(ops.get(i), "op " + i), "batch op " + i + ": ");
            }
            requireIndependent(prepared);
            BatchArrays arrays = new BatchArrays(prepared);
            int level = level(priority);
            if (gate == null) {
                Bridge.batch(ctx, level, arrays.codes, arrays.buffers, arrays.pools, arrays.dims);
                return null;
            }
            // As the module does: every op checked before any runs.
            Bridge.checkBatch(ctx, level, arrays.codes, arrays.buffers, arrays.pools, arrays.dims);
            runWithOneTurn(priority, prepared);
            return null;
        });
    }

    /**
     * User space: the ops of a batch on the caller's thread with one turn of the gate, passed on between two ops
     * only to more urgent work (PriorityGate).
     */
    private void runWithOneTurn(Priority priority, Prepared[] ops) {
        int level = level(priority);
        gate.acquire(priority);
        boolean holding = true;
        int done = 0;
        try {
            while (done < ops.length) {
                runNative(level, ops[done]);
                done++;
                if (done < ops.length) {
                    holding = false;    // pass() returns holding a turn, or throws holding none
                    gate.pass(priority);
                    holding = true;
                }
            }
        } catch (TensorEngineException e) {
            if (holding) {
                throw e;
            }
            throw new TensorEngineException("batch of " + ops.length + " ops at " + priority + ": " + done + " of "
                    + ops.length + " completed: " + e.getMessage(), e);
        } finally {
            if (holding) {
                gate.release();
            }
        }
    }

    /**
     * Ops of a batch may run concurrently and in any order, so no op may read or write another's {@code out}.
     * Tensors are compared by identity: two tensors wrapping the same buffer are not seen to overlap.
     */
    private static void requireIndependent(Prepared[] ops) {
        Map<NativeTensor, Integer> writers = new IdentityHashMap<>();
        for (int i = 0; i < ops.length; i++) {
            Integer other = writers.putIfAbsent(ops[i].out(), i);
            if (other != null) {
                throw new IllegalArgumentException("batch ops " + other + " and " + i + " both write "
                        + ops[i].out() + ": the ops of a batch may run concurrently, in any order");
            }
        }
        for (int i = 0; i < ops.length; i++) {
            for (NativeTensor input : new NativeTensor[] {ops[i].a(), ops[i].b(), ops[i].bias()}) {
                Integer writer = input == null ? null : writers.get(input);
                if (writer != null && writer != i) {
                    throw new IllegalArgumentException("batch op " + i + " reads the out of op " + writer + " ("
                            + input + "): the ops of a batch may run concurrently, in any order; make them"
                            + " separate calls");
                }
            }
        }
    }

    @Override
    public float[] matmul(float[] a, float[] b, int m, int k, int n) {
        return call(() -> {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
            checkDims("matmul a", m, k);
            checkDims("matmul b", k, n);
            requireLength("a", a.length, m, k);
            requireLength("b", b.length, k, n);
            if ((long) m * n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("matmul: a " + m + "x" + n + " result does not fit a Java array");
            }
            float[] out = new float[m * n];
            admitted(Priority.INTERACTIVE, () -> Bridge.runCopy(ctx, Bridge.OP_MATRIX_MULT, Bridge.DT_F32,
                    Bridge.PRIO_INTERACTIVE, a, b, out, 0, m, k, k, n, m, n));
            return out;
        });
    }

    @Override
    public float[] sum(float[] a, float[] b) {
        return call(() -> {
            requireSameLength(Objects.requireNonNull(a, "a").length, Objects.requireNonNull(b, "b").length);
            float[] out = new float[a.length];
            sumCopy(Bridge.DT_F32, a, b, out, a.length);
            return out;
        });
    }

    @Override
    public int[] sum(int[] a, int[] b) {
        return call(() -> {
            requireSameLength(Objects.requireNonNull(a, "a").length, Objects.requireNonNull(b, "b").length);
            int[] out = new int[a.length];
            sumCopy(Bridge.DT_I32, a, b, out, a.length);
            return out;
        });
    }

    /**
     * An element-wise sum does not care about shape, but a dimension may not exceed MAX_DIM: the bulk runs as
     * rows of MAX_DIM, the rest as one shorter row.
     */
    private void sumCopy(int dtype, Object a, Object b, Object out, int length) {
        int rows = length / Bridge.MAX_DIM;
        if (rows > 0) {
            admitted(Priority.INTERACTIVE, () -> Bridge.runCopy(ctx, Bridge.OP_SUM, dtype, Bridge.PRIO_INTERACTIVE,
                    a, b, out, 0, rows, Bridge.MAX_DIM, rows, Bridge.MAX_DIM, rows, Bridge.MAX_DIM));
        }
        int rest = length % Bridge.MAX_DIM;
        if (rest > 0) {
            admitted(Priority.INTERACTIVE, () -> Bridge.runCopy(ctx, Bridge.OP_SUM, dtype, Bridge.PRIO_INTERACTIVE,
                    a, b, out, rows * Bridge.MAX_DIM, 1, rest, 1, rest, 1, rest));
        }
    }

    @Override
    public MlpNetwork loadNetwork(List<DenseLayer> layers) {
        return call(() -> {
            Objects.requireNonNull(layers, "layers");
            int n = layers.size();
            if (n < 1 || n > Bridge.MAX_LAYERS) {
                throw new IllegalArgumentException("an MLP has 1.." + Bridge.MAX_LAYERS + " layers, got " + n);
            }
            int[] inputs = new int[n];
            int[] outputs = new int[n];
            int[] activations = new int[n];
            for (int i = 0; i < n; i++) {
                DenseLayer layer = Objects.requireNonNull(layers.get(i), "layer " + i);
                checkDims("layer " + i, layer.inputs(), layer.outputs());
                inputs[i] = layer.inputs();
                outputs[i] = layer.outputs();
                activations[i] = layer.activation() == Activation.RELU ? Bridge.ACT_RELU : Bridge.ACT_NONE;
            }
            Bridge.validateMlp(inputs, outputs, activations);
            List<NativeTensor> tensors = new ArrayList<>(2 * n);
            try {
                for (DenseLayer layer : layers) {
                    NativeTensor w = allocateOwned(DType.F32, layer.inputs(), layer.outputs());
                    tensors.add(w);
                    w.buffer().asFloatBuffer().put(layer.weights());
                    NativeTensor bias = allocateOwned(DType.F32, 1, layer.outputs());
                    tensors.add(bias);
                    bias.buffer().asFloatBuffer().put(layer.bias());
                }
            } catch (RuntimeException | Error e) {
                closeAll(tensors, e);
                throw e;
            }
            return new NativeMlpNetwork(this, tensors, inputs, outputs, activations);
        });
    }

    private NativeTensor allocateOwned(DType dtype, int rows, int cols) {
        long bytes = (long) rows * cols * DType.BYTES;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " tensor (" + bytes
                    + " bytes) exceeds what a ByteBuffer addresses (2 GiB)");
        }
        long[] poolOffset = new long[1];
        ByteBuffer memory = Bridge.allocate(ctx, bytes, poolOffset);
        NativeTensor tensor = new NativeTensor(this, dtype, rows, cols, memory, poolOffset[0], true);
        owned.add(tensor);
        return tensor;
    }

    /** Called by {@link NativeMlpNetwork#classify} under the network's read lock. */
    void classify(NativeMlpNetwork network, Priority priority, Tensor input, Tensor probabilities, Tensor classes) {
        call(() -> {
            Objects.requireNonNull(priority, "priority");
            NativeTensor in = operand("", "classify", input, "input", DType.F32);
            NativeTensor out = operand("", "classify", probabilities, "probabilities", DType.F32);
            int mlpFlags = Bridge.MLPF_SOFTMAX;
            NativeTensor cls = null;
            if (classes != null) {
                cls = operand("", "classify", classes, "classes", DType.I32);
                mlpFlags |= Bridge.MLPF_ARGMAX;
            }
            int flags = mlpFlags;
            NativeTensor c = cls;
            // The whole forward pass is one turn in user space, one MLP ioctl (every stage at this priority) in the
            // kernel.
            admitted(priority, () -> Bridge.mlp(ctx, flags, level(priority), network.weights, network.weightsPool,
                    network.biases, network.biasesPool, network.inputs, network.outputs, network.activations,
                    in.memory, in.poolOffset, in.rows(), in.cols(),
                    out.memory, out.poolOffset, out.rows(), out.cols(),
                    memory(c), pool(c), rows(c), cols(c)));
            return null;
        });
    }

    @Override
    public long compute(ComputeOp op, long a, long b) {
        return call(() -> {
            int code = switch (Objects.requireNonNull(op, "op")) {
                case ADD -> Bridge.COMPUTE_ADD;
                case SUBTRACT -> Bridge.COMPUTE_SUBTRACT;
                case MULTIPLY -> Bridge.COMPUTE_MULTIPLY;
                case DIVIDE -> Bridge.COMPUTE_DIVIDE;
            };
            return Bridge.compute(ctx, code, a, b);
        });
    }

    /** Not counted as a call: kmod:status polling would inflate calls/s. */
    @Override
    public TensorEngineStatus status() {
        enter();
        try {
            long[] info = Bridge.info(ctx);
            int features = (int) info[Bridge.INFO_CPU_FEATURES];
            Set<String> cpu = new LinkedHashSet<>();
            if ((features & Bridge.CPU_AVX2) != 0) {
                cpu.add("avx2");
            }
            if ((features & Bridge.CPU_FMA) != 0) {
                cpu.add("fma");
            }
            if ((features & Bridge.CPU_AVX512F) != 0) {
                cpu.add("avx512f");
            }
            return new TensorEngineStatus(backend, device, simdName((int) info[Bridge.INFO_SIMD]), cpu,
                    (int) info[Bridge.INFO_WORKERS], info[Bridge.INFO_POOL_BLOCKS], info[Bridge.INFO_BLOCKS_USED],
                    info[Bridge.INFO_BLOCK_BYTES], calls.sum(), errors.sum(), rate.perSecond());
        } finally {
            lock.readLock().unlock();
        }
    }

    private static String simdName(int level) {
        return switch (level) {
            case Bridge.SIMD_SCALAR -> "scalar";
            case Bridge.SIMD_AVX2 -> "avx2";
            case Bridge.SIMD_AVX512 -> "avx512";
            default -> "unknown(" + level + ")";
        };
    }

    /**
     * Gives back every tensor and network memory still held, then closes the devices. Idempotent. Callers must
     * not touch the buffers of this engine's tensors afterwards (the pool mappings are gone).
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            RuntimeException failure = null;
            for (NativeTensor tensor : new ArrayList<>(owned)) {
                try {
                    freeLocked(tensor);
                } catch (RuntimeException e) {
                    failure = firstOf(failure, e);
                }
            }
            try {
                Bridge.close(ctx);
            } catch (RuntimeException e) {
                failure = firstOf(failure, e);
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** {@link Tensor#close()}: idempotent; after the engine closed there is nothing left to give back. */
    void release(NativeTensor tensor) {
        lock.readLock().lock();
        try {
            if (closed) {
                tensor.closed = true;
                return;
            }
            freeLocked(tensor);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void freeLocked(NativeTensor tensor) {
        if (tensor.closed) {
            return;
        }
        tensor.closed = true;
        if (tensor.owned) {
            owned.remove(tensor);
            Bridge.free(ctx, tensor.memory, tensor.poolOffset);
        }
    }

    /** Closes every tensor, all of them even if one fails; the first failure is thrown with the others suppressed. */
    static void closeAll(List<NativeTensor> tensors) {
        RuntimeException failure = null;
        for (NativeTensor tensor : tensors) {
            try {
                tensor.close();
            } catch (RuntimeException e) {
                failure = firstOf(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The first failure of a cleanup that goes on after failures, with the later ones suppressed into it. */
    private static RuntimeException firstOf(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** Cleanup after {@code cause}: failures of the cleanup travel with the cause instead of replacing it. */
    private static void closeAll(List<NativeTensor> tensors, Throwable cause) {
        try {
            closeAll(tensors);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private <T> T call(Supplier<T> body) {
        enter();
        try {
            T result = body.get();
            calls.increment();
            rate.record();
            return result;
        } catch (RuntimeException | Error e) {
            errors.increment();
            throw e;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Takes the read lock; throws with the lock released if the engine is closed. */
    private void enter() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw new IllegalStateException("the " + backend + " tensor engine is closed");
        }
    }

    /** An op checked on the Java side, as the natives take it; b and bias null when the op has none. */
    private record Prepared(int opcode, int dtype, int flags, NativeTensor a, NativeTensor b, NativeTensor bias,
            NativeTensor out) {
    }

    /**
     * Checks what only Java knows of each operand (this engine's, open, the dtype the op needs); messages start with
     * {@code where} and name the operands as the single-op methods do.
     */
    private Prepared prepare(TensorOp op, String where) {
        return switch (op.kind()) {
            case SUM -> binary(Bridge.OP_SUM, where, "sum", op);
            case MATMUL -> binary(Bridge.OP_MATRIX_MULT, where, "matmul", op);
            case DENSE -> new Prepared(Bridge.OP_DENSE, Bridge.DT_F32,
                    op.activation() == Activation.RELU ? Bridge.OPF_RELU : 0,
                    operand(where, "dense", op.a(), "x", DType.F32), operand(where, "dense", op.b(), "w", DType.F32),
                    operand(where, "dense", op.bias(), "bias", DType.F32),
                    operand(where, "dense", op.out(), "out", DType.F32));
            case RELU -> unary(Bridge.OP_RELU, where, "relu", op, DType.F32);
            case SOFTMAX -> unary(Bridge.OP_SOFTMAX, where, "softmax", op, DType.F32);
            case ARGMAX -> unary(Bridge.OP_ARGMAX, where, "argmax", op, DType.I32);
        };
    }

    /** Two inputs and out of one dtype, that of a. */
    private Prepared binary(int opcode, String where, String name, TensorOp op) {
        NativeTensor a = own(op.a(), where + "a");
        DType dtype = a.dtype();
        return new Prepared(opcode, dtype == DType.F32 ? Bridge.DT_F32 : Bridge.DT_I32, 0, a,
                operand(where, name, op.b(), "b", dtype), null, operand(where, name, op.out(), "out", dtype));
    }

    /** An op of one F32 input; the op's dtype is that of x, out has {@code outType}. */
    private Prepared unary(int opcode, String where, String name, TensorOp op, DType outType) {
        return new Prepared(opcode, Bridge.DT_F32, 0, operand(where, name, op.a(), "x", DType.F32), null, null,
                operand(where, name, op.out(), "out", outType));
    }

    private void run(Priority priority, Prepared op) {
        admitted(priority, () -> runNative(level(priority), op));
    }

    private void runNative(int level, Prepared op) {
        NativeTensor a = op.a();
        NativeTensor out = op.out();
        Bridge.run(ctx, op.opcode(), op.dtype(), op.flags(), level,
                a.memory, a.poolOffset, a.rows(), a.cols(),
                memory(op.b()), pool(op.b()), rows(op.b()), cols(op.b()),
                memory(op.bias()), pool(op.bias()), rows(op.bias()), cols(op.bias()),
                out.memory, out.poolOffset, out.rows(), out.cols());
    }

    /**
     * Runs a native call that computes: on the user-space backend with a turn of the gate at {@code priority}
     * (the kernel backend passes the priority to the module, which orders its own queue).
     */
    private void admitted(Priority priority, Runnable nativeCall) {
        if (gate == null) {
            nativeCall.run();
            return;
        }
        gate.acquire(priority);
        try {
            nativeCall.run();
        } finally {
            gate.release();
        }
    }

    /** The cogos_tensor priority of a class (Priority's javadoc). */
    static int level(Priority priority) {
        return switch (priority) {
            case SAFETY -> Bridge.PRIO_SAFETY;
            case INTERACTIVE -> Bridge.PRIO_INTERACTIVE;
            case BACKGROUND -> Bridge.PRIO_BACKGROUND;
        };
    }

    /** The batch as the natives take it (Bridge#checkBatch): per op, its codes, operands and their shapes. */
    private static final class BatchArrays {
        final int[] codes;
        final ByteBuffer[] buffers;
        final long[] pools;
        final int[] dims;

        BatchArrays(Prepared[] ops) {
            codes = new int[ops.length * Bridge.BATCH_CODES];
            buffers = new ByteBuffer[ops.length * Bridge.BATCH_OPERANDS];
            pools = new long[ops.length * Bridge.BATCH_OPERANDS];
            dims = new int[ops.length * Bridge.BATCH_DIMS];
            for (int i = 0; i < ops.length; i++) {
                Prepared op = ops[i];
                codes[i * Bridge.BATCH_CODES] = op.opcode();
                codes[i * Bridge.BATCH_CODES + 1] = op.dtype();
                codes[i * Bridge.BATCH_CODES + 2] = op.flags();
                NativeTensor[] operands = {op.a(), op.b(), op.bias(), op.out()};
                for (int k = 0; k < Bridge.BATCH_OPERANDS; k++) {
                    int at = i * Bridge.BATCH_OPERANDS + k;
                    buffers[at] = memory(operands[k]);
                    pools[at] = pool(operands[k]);
                    dims[2 * at] = rows(operands[k]);
                    dims[2 * at + 1] = cols(operands[k]);
                }
            }
        }
    }

    /** An operand as the natives take it; null (and zeros) for one the op does not use. */
    private static ByteBuffer memory(NativeTensor t) {
        return t == null ? null : t.memory;
    }

    private static long pool(NativeTensor t) {
        return t == null ? 0 : t.poolOffset;
    }

    private static int rows(NativeTensor t) {
        return t == null ? 0 : t.rows();
    }

    private static int cols(NativeTensor t) {
        return t == null ? 0 : t.cols();
    }

    /** An operand of this engine, open, of the dtype the op needs for it; messages start with {@code where}. */
    private NativeTensor operand(String where, String op, Tensor tensor, String name, DType dtype) {
        NativeTensor nt = own(tensor, where + name);
        requireDtype(where + op, nt, name, dtype);
        return nt;
    }

    private NativeTensor own(Tensor tensor, String name) {
        Objects.requireNonNull(tensor, name);
        if (!(tensor instanceof NativeTensor nt) || nt.engine != this) {
            throw new IllegalArgumentException(name + " (" + tensor + ") belongs to another tensor engine");
        }
        nt.checkOpen(name);
        return nt;
    }

    private static void requireDtype(String op, NativeTensor tensor, String name, DType dtype) {
        if (tensor.dtype() != dtype) {
            throw new IllegalArgumentException(op + ": " + name + " is " + tensor.dtype() + ", " + dtype
                    + " expected (" + name + " " + tensor + ")");
        }
    }

    private static void checkDims(String what, int rows, int cols) {
        if (rows < 1 || cols < 1 || rows > Bridge.MAX_DIM || cols > Bridge.MAX_DIM) {
            throw new IllegalArgumentException(what + ": rows and cols must be within 1.." + Bridge.MAX_DIM
                    + ", got " + rows + "x" + cols);
        }
    }

    private static void requireLength(String name, int length, int rows, int cols) {
        if (length != (long) rows * cols) {
            throw new IllegalArgumentException(name + " has " + length + " values, " + rows + "x" + cols + " needs "
                    + (long) rows * cols);
        }
    }

    private static void requireSameLength(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("sum: a has " + a + " values, b has " + b);
        }
    }

    @Override
    public String toString() {
        return "NativeTensorEngine[" + backend + (BACKEND_KERNEL.equals(backend) ? " " + device : "") + "]";
    }
}
