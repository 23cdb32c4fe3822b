package org.cogos.bench.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;

import org.cogos.api.tensor.Activation;
import org.cogos.api.tensor.ComputeOp;
import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.DenseLayer;
import org.cogos.api.tensor.MlpNetwork;
import org.cogos.api.tensor.Tensor;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineStatus;
import org.cogos.nativebridge.internal.NativeTensorEngine;

/**
 * Kernel backend against user-space backend for the same calls, in one JVM inside the qemu guest where the cogos
 * modules are loaded (kmod/qemu/guest/bench.sh). qemu emulates the CPU (TCG), so every time printed is EMULATED:
 * only the ratio kernel/userspace of one run means something, and even that is skewed where emulation costs differ
 * (SIMD instructions, system calls, page-table work).
 *
 * <p>A plain main rather than JMH: a JMH run under TCG would take hours. Each call is warmed up, then repeated
 * until {@code -Dcogos.bench.seconds} (default 2) have passed; the answers of the two backends are compared
 * before any figure is printed. Options (system properties): {@code cogos.bench.seconds},
 * {@code cogos.tensor.device}, {@code cogos.compute.device}.
 */
public final class GuestTensorBenchmark {

    private static final long WARMUP_CALLS = 2_000;
    private static final long WARMUP_NANOS = 1_000_000_000L;
    private static final int MIN_CALLS = 3;

    /** One call on one engine, ready to repeat; closing it gives its memory back. */
    private interface Call extends AutoCloseable {

        void run();

        /** The answer of the last run: a Long or a float[], compared between the backends. */
        Object answer();

        @Override
        void close();
    }

    private record Case(String name, Function<TensorEngine, Call> prepare) {
    }

    /** {@code calls} repetitions took {@code nanos}; answer is that of the last. */
    private record Timing(long calls, long nanos, Object answer) {

        double microsPerCall() {
            return nanos / 1e3 / calls;
        }
    }

    private final long measureNanos;

    private GuestTensorBenchmark(double seconds) {
        this.measureNanos = (long) (seconds * 1e9);
    }

    public static void main(String[] args) {
        double seconds = Double.parseDouble(System.getProperty("cogos.bench.seconds", "2"));
        String device = System.getProperty("cogos.tensor.device", "/dev/cogos_tensor");
        String computeDevice = System.getProperty("cogos.compute.device", "/dev/cogos_compute");
        try (NativeTensorEngine kernel = NativeTensorEngine.kernel(device, computeDevice);
                NativeTensorEngine user = NativeTensorEngine.userspace()) {
            new GuestTensorBenchmark(seconds).run(kernel, user);
        }
    }

    private void run(TensorEngine kernel, TensorEngine user) {
        System.out.println("Tensor engine in the qemu guest: TIMES ARE EMULATED (qemu TCG, not real time);"
                + " compare the ratio within this run only");
        System.out.printf(Locale.ROOT, "  %d vCPUs, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        describe(kernel.status());
        describe(user.status());
        System.out.printf(Locale.ROOT, "  %-36s %9s %9s %15s %15s %17s%n", "call (zero-copy tensors)",
                "calls k", "calls u", "kernel us/call", "user us/call", "kernel/userspace");
        for (Case c : cases()) {
            Timing k = time(c, kernel);
            Timing u = time(c, user);
            compare(c.name(), u.answer(), k.answer());
            System.out.printf(Locale.ROOT, "  %-36s %9d %9d %15.2f %15.2f %16.2fx%n", c.name(), k.calls(),
                    u.calls(), k.microsPerCall(), u.microsPerCall(), k.microsPerCall() / u.microsPerCall());
        }
        System.out.println("  (us/call are EMULATED times; kernel/userspace > 1 means the kernel backend is slower)");
    }

    private static void describe(TensorEngineStatus s) {
        String pool = s.poolBlocks() == 0 ? "no pool"
                : String.format(Locale.ROOT, "pool %d x %d KiB", s.poolBlocks(), s.blockBytes() >> 10);
        System.out.printf(Locale.ROOT, "  %s backend: device %s, simd %s, cpu %s, %d worker thread(s), %s%n",
                s.backend(), s.device(), s.simd(), String.join(" ", new TreeSet<>(s.cpuFeatures())), s.workers(),
                pool);
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("compute(ADD)", GuestTensorBenchmark::computeAdd));
        cases.add(new Case("sum 1x1 F32", e -> sum(e, 1, 1)));
        for (int n : new int[] {64, 128, 256}) {
            cases.add(new Case("matmul F32 " + n + "x" + n, e -> matmul(e, n)));
        }
        for (int bytes : new int[] {4096, 16384, 65536, 262144, 1048576}) {
            int rows = bytes / 4 / SumBenchmark.COLS;
            cases.add(new Case("sum F32 " + HostTensorBenchmark.size(bytes) + " per operand",
                    e -> sum(e, rows, SumBenchmark.COLS)));
        }
        cases.add(new Case("MLP forward 64x16->32->32->2", GuestTensorBenchmark::mlp));
        return cases;
    }

    /** Warm-up (the JIT, the engine's first touches of its memory), then repeats until the time is up. */
    private Timing time(Case c, TensorEngine engine) {
        try (Call call = c.prepare().apply(engine)) {
            long start = System.nanoTime();
            for (long i = 0; i < WARMUP_CALLS && System.nanoTime() - start < WARMUP_NANOS; i++) {
                call.run();
            }
            // Batches that double while short, so that reading the clock costs little beside fast calls.
            long calls = 0;
            long batch = 1;
            long elapsed;
            start = System.nanoTime();
            do {
                long batchStart = System.nanoTime();
                for (long i = 0; i < batch; i++) {
                    call.run();
                }
                calls += batch;
                long now = System.nanoTime();
                if (now - batchStart < 10_000_000L) {
                    batch *= 2;
                }
                elapsed = now - start;
            } while (elapsed < measureNanos || calls < MIN_CALLS);
            return new Timing(calls, elapsed, call.answer());
        }
    }

    private static void compare(String what, Object expected, Object actual) {
        String message = what + ": kernel and user-space answers differ";
        if (expected instanceof Long e) {
            Checks.same(message, e, (Long) actual);
        } else {
            Checks.same(message, (float[]) expected, (float[]) actual);
        }
    }

    private static Call computeAdd(TensorEngine engine) {
        return new Call() {
            private long result;

            @Override
            public void run() {
                result = engine.compute(ComputeOp.ADD, 40_000_000_000L, 2);
            }

            @Override
            public Object answer() {
                return result;
            }

            @Override
            public void close() {
                // Nothing held.
            }
        };
    }

    private static Call sum(TensorEngine engine, int rows, int cols) {
        return binary(engine, rows, cols, engine::sum);
    }

    private static Call matmul(TensorEngine engine, int n) {
        return binary(engine, n, n, engine::matmul);
    }

    private interface BinaryOp {
        void apply(Tensor a, Tensor b, Tensor out);
    }

    /** {@code op(a, b, out)} on engine memory, all three {@code rows x cols} (square for matmul). */
    private static Call binary(TensorEngine engine, int rows, int cols, BinaryOp op) {
        SplittableRandom random = new SplittableRandom(rows * 31L + cols);
        List<Tensor> held = new ArrayList<>();
        try {
            Tensor a = filled(engine, held, random, rows, cols);
            Tensor b = filled(engine, held, random, rows, cols);
            Tensor out = engine.allocate(DType.F32, rows, cols);
            held.add(out);
            return new Call() {
                @Override
                public void run() {
                    op.apply(a, b, out);
                }

                @Override
                public Object answer() {
                    return Floats.of(out);
                }

                @Override
                public void close() {
                    held.forEach(Tensor::close);
                }
            };
        } catch (RuntimeException e) {
            held.forEach(Tensor::close);
            throw e;
        }
    }

    private static Tensor filled(TensorEngine engine, List<Tensor> held, SplittableRandom random, int rows,
            int cols) {
        Tensor t = engine.allocate(DType.F32, rows, cols);
        held.add(t);
        t.floats().put(Floats.random(random, rows * cols));
        return t;
    }

    /** A 64-row batch through 16 -> 32 (ReLU) -> 32 (ReLU) -> 2 and a softmax, with the class of each row. */
    private static Call mlp(TensorEngine engine) {
        SplittableRandom random = new SplittableRandom(16);
        int[] widths = {16, 32, 32, 2};
        List<DenseLayer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            layers.add(new DenseLayer(widths[i], widths[i + 1], Floats.random(random, widths[i] * widths[i + 1]),
                    Floats.random(random, widths[i + 1]), i + 2 < widths.length ? Activation.RELU : Activation.NONE));
        }
        List<Tensor> held = new ArrayList<>();
        MlpNetwork network = engine.loadNetwork(layers);
        try {
            Tensor input = filled(engine, held, random, 64, widths[0]);
            Tensor probabilities = engine.allocate(DType.F32, 64, widths[widths.length - 1]);
            held.add(probabilities);
            Tensor classes = engine.allocate(DType.I32, 64, 1);
            held.add(classes);
            return new Call() {
                @Override
                public void run() {
                    network.classify(input, probabilities, classes);
                }

                @Override
                public Object answer() {
                    return Floats.of(probabilities);
                }

                @Override
                public void close() {
                    held.forEach(Tensor::close);
                    network.close();
                }
            };
        } catch (RuntimeException e) {
            held.forEach(Tensor::close);
            network.close();
            throw e;
        }
    }
}
