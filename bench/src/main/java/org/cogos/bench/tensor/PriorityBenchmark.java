package org.cogos.bench.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.Tensor;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineStatus;
import org.cogos.api.tensor.TensorOp;
import org.cogos.nativebridge.internal.NativeTensorEngine;

/**
 * Does a SAFETY op keep its latency while BACKGROUND batches load the engine (bench/README.md, "Priorities")? A
 * probe (a one-op batch) is sent at a fixed rate and timed call by call: alone, beside one thread of background
 * batches, beside as many such threads as there are processors (every user-space turn, every kernel worker
 * busy), and, as the control, the same probe at BACKGROUND beside that full load. Each loaded figure is divided by
 * the figure alone of the same run. Every probe's answer is checked against the answer alone.
 *
 * <p>Options (system properties): {@code cogos.bench.backends} ({@code userspace}, {@code kernel} or both, comma
 * separated; default userspace), {@code cogos.bench.seconds} per configuration (default 4),
 * {@code cogos.bench.probeHz} (default 200), {@code cogos.bench.emulated=true} in the qemu guest (times are
 * emulated there: only ratios are printed), {@code cogos.tensor.device}, {@code cogos.compute.device}.
 */
public final class PriorityBenchmark {

    /** Background work: batches of this many matmuls of this size, each thread its own tensors. */
    private static final int LOAD_OPS = 8;
    private static final int LOAD_N = 128;
    private static final double WARMUP_SECONDS = 1;

    private record Probe(String name, int n) {
    }

    /** Latencies of one configuration, sorted; load = background batches completed meanwhile. */
    private record Result(long[] nanos, long loadBatches) {

        double micros(double quantile) {
            return nanos[(int) Math.min(nanos.length - 1, Math.ceil(quantile * nanos.length) - 1)] / 1e3;
        }
    }

    private final double seconds;
    private final double probeHz;
    private final boolean emulated;

    private PriorityBenchmark(double seconds, double probeHz, boolean emulated) {
        this.seconds = seconds;
        this.probeHz = probeHz;
        this.emulated = emulated;
    }

    public static void main(String[] args) throws InterruptedException {
        PriorityBenchmark bench = new PriorityBenchmark(
                Double.parseDouble(System.getProperty("cogos.bench.seconds", "4")),
                Double.parseDouble(System.getProperty("cogos.bench.probeHz", "200")),
                Boolean.getBoolean("cogos.bench.emulated"));
        for (String backend : System.getProperty("cogos.bench.backends", "userspace").split(",")) {
            try (NativeTensorEngine engine = switch (backend.strip()) {
                case "userspace" -> NativeTensorEngine.userspace();
                case "kernel" -> NativeTensorEngine.kernel(
                        System.getProperty("cogos.tensor.device", "/dev/cogos_tensor"),
                        System.getProperty("cogos.compute.device", "/dev/cogos_compute"));
                default -> throw new IllegalArgumentException("cogos.bench.backends: userspace or kernel, got "
                        + backend);
            }) {
                bench.run(engine);
            }
        }
    }

    private void run(TensorEngine engine) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        TensorEngineStatus s = engine.status();
        System.out.printf(Locale.ROOT, "Priorities on the %s backend: simd %s, cpu %s, %d processor(s), %s%n",
                s.backend(), s.simd(), String.join(" ", new TreeSet<>(s.cpuFeatures())), threads,
                TensorEngine.BACKEND_KERNEL.equals(s.backend()) ? s.workers() + " kernel worker(s)"
                        : threads + " turn(s) of the priority gate");
        System.out.printf(Locale.ROOT, "  probe at %.0f/s for %.1f s per row; load: threads looping batches of %d"
                + " matmuls %dx%d at BACKGROUND%s%n", probeHz, seconds, LOAD_OPS, LOAD_N, LOAD_N,
                emulated ? "; TIMES ARE EMULATED (qemu TCG): ratios only" : "");
        if (emulated) {
            System.out.printf(Locale.ROOT, "  %-44s %8s %11s %11s %10s%n", "probe, load", "probes", "p50/alone",
                    "p99/alone", "batches");
        } else {
            System.out.printf(Locale.ROOT, "  %-44s %8s %9s %9s %11s %11s %10s%n", "probe, load", "probes", "p50 us",
                    "p99 us", "p50/alone", "p99/alone", "batches");
        }
        // 32^3 multiply-adds stay under the module's default inline_max_work (the caller's thread); 64^3 do not
        for (Probe probe : List.of(new Probe("matmul 32x32", 32), new Probe("matmul 64x64", 64))) {
            measure(engine, probe, Priority.SAFETY, 0);     // warms the JIT for every row after it
            Result alone = measure(engine, probe, Priority.SAFETY, 0);
            print(probe.name() + " SAFETY, alone", alone, alone);
            print(probe.name() + " SAFETY, 1 load thread", measure(engine, probe, Priority.SAFETY, 1), alone);
            print(probe.name() + " SAFETY, " + threads + " load threads",
                    measure(engine, probe, Priority.SAFETY, threads), alone);
            print(probe.name() + " BACKGROUND, " + threads + " load threads",
                    measure(engine, probe, Priority.BACKGROUND, threads), alone);
        }
        System.out.println();
    }

    private void print(String what, Result r, Result alone) {
        double p50 = r.micros(0.50) / alone.micros(0.50);
        double p99 = r.micros(0.99) / alone.micros(0.99);
        if (emulated) {
            System.out.printf(Locale.ROOT, "  %-44s %8d %10.2fx %10.2fx %10d%n", what, r.nanos().length, p50, p99,
                    r.loadBatches());
        } else {
            System.out.printf(Locale.ROOT, "  %-44s %8d %9.1f %9.1f %10.2fx %10.2fx %10d%n", what, r.nanos().length,
                    r.micros(0.50), r.micros(0.99), p50, p99, r.loadBatches());
        }
    }

    /** The probe at its rate beside {@code loadThreads} background threads; warm-up first, not counted. */
    private Result measure(TensorEngine engine, Probe probe, Priority priority, int loadThreads)
            throws InterruptedException {
        SplittableRandom random = new SplittableRandom(probe.n());
        List<Tensor> held = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong batches = new AtomicLong();
        AtomicReference<Throwable> loadFailure = new AtomicReference<>();
        List<Thread> load = new ArrayList<>();
        Result result;
        try {
            Tensor a = filled(engine, held, random, probe.n());
            Tensor b = filled(engine, held, random, probe.n());
            Tensor out = engine.allocate(DType.F32, probe.n(), probe.n());
            held.add(out);
            List<TensorOp> probeOps = List.of(TensorOp.matmul(a, b, out));
            engine.batch(priority, probeOps);
            float[] expected = Floats.of(out);

            CountDownLatch loading = new CountDownLatch(loadThreads);
            for (int t = 0; t < loadThreads; t++) {
                List<TensorOp> ops = new ArrayList<>();
                Tensor la = filled(engine, held, random, LOAD_N);
                Tensor lb = filled(engine, held, random, LOAD_N);
                for (int i = 0; i < LOAD_OPS; i++) {
                    Tensor lo = engine.allocate(DType.F32, LOAD_N, LOAD_N);
                    held.add(lo);
                    ops.add(TensorOp.matmul(la, lb, lo));
                }
                Thread thread = new Thread(() -> {
                    loading.countDown();
                    try {
                        while (!stop.get()) {
                            engine.batch(Priority.BACKGROUND, ops);
                            batches.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        loadFailure.set(e);
                    }
                }, "background-load-" + t);
                load.add(thread);
                thread.start();
            }
            loading.await();

            long period = (long) (1e9 / probeHz);
            long warmupEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
            long[] nanos = new long[(int) (seconds * probeHz) + 1];
            int count = 0;
            long batchesAtStart = -1;
            long next = System.nanoTime();
            long end = warmupEnd + (long) (seconds * 1e9);
            while (count < nanos.length) {
                next += period;
                long now;
                while ((now = System.nanoTime()) < next) {
                    LockSupport.parkNanos(next - now);
                }
                if (now >= end) {
                    break;
                }
                long start = System.nanoTime();
                engine.batch(priority, probeOps);
                long took = System.nanoTime() - start;
                if (start >= warmupEnd) {
                    if (batchesAtStart < 0) {
                        batchesAtStart = batches.get();
                    }
                    nanos[count++] = took;
                }
            }
            long loadBatches = batches.get() - Math.max(0, batchesAtStart);
            Checks.same(probe.name() + " under load", expected, Floats.of(out));
            long[] taken = Arrays.copyOf(nanos, count);
            Arrays.sort(taken);
            result = new Result(taken, loadBatches);
        } finally {
            stop.set(true);
            for (Thread thread : load) {
                thread.join();
            }
            held.forEach(Tensor::close);
        }
        if (loadFailure.get() != null) {
            throw new IllegalStateException("the background load failed", loadFailure.get());
        }
        return result;
    }

    private static Tensor filled(TensorEngine engine, List<Tensor> held, SplittableRandom random, int n) {
        Tensor t = engine.allocate(DType.F32, n, n);
        held.add(t);
        t.floats().put(Floats.random(random, n * n));
        return t;
    }
}
