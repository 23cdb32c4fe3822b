package org.cogos.bench.tensor;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.Tensor;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Element-wise F32 sum of two operands of {@code bytes} each on the user-space backend, the three ways the engine
 * takes data: the {@code float[]} copy path (in and out through JNI, a new result array per call), tensors the
 * engine allocated (zero copy), and the caller's own direct buffers wrapped (zero copy on this backend; pinned per
 * call on the kernel's). GB/s = 3 x bytes / time: a and b read, out written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SumBenchmark {

    /** Elements per row: tensors are {@code bytes / 4096} rows of 1024 (a row may not exceed 65536 elements). */
    static final int COLS = 1024;

    @Param({"4096", "16384", "65536", "262144", "1048576", "4194304"})
    public int bytes;

    private NativeTensorEngine engine;
    private float[] left;
    private float[] right;
    private Tensor a;
    private Tensor b;
    private Tensor out;
    private Tensor wrappedA;
    private Tensor wrappedB;
    private Tensor wrappedOut;

    @Setup
    public void setUp() {
        int rows = bytes / 4 / COLS;
        SplittableRandom random = new SplittableRandom(bytes);
        left = Floats.random(random, rows * COLS);
        right = Floats.random(random, rows * COLS);
        float[] expected = new float[left.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = left[i] + right[i];
        }

        engine = NativeTensorEngine.userspace();
        a = engine.allocate(DType.F32, rows, COLS);
        b = engine.allocate(DType.F32, rows, COLS);
        out = engine.allocate(DType.F32, rows, COLS);
        a.floats().put(left);
        b.floats().put(right);
        wrappedA = engine.wrap(Floats.direct(left), DType.F32, rows, COLS);
        wrappedB = engine.wrap(Floats.direct(right), DType.F32, rows, COLS);
        wrappedOut = engine.wrap(Floats.direct(new float[left.length]), DType.F32, rows, COLS);

        Checks.same("copy sum of " + bytes + " bytes", expected, copy());
        zeroCopy();
        Checks.same("zero-copy sum of " + bytes + " bytes", expected, Floats.of(out));
        wrapped();
        Checks.same("wrapped sum of " + bytes + " bytes", expected, Floats.of(wrappedOut));
    }

    @TearDown
    public void tearDown() {
        for (Tensor t : new Tensor[] {wrappedOut, wrappedB, wrappedA, out, b, a}) {
            t.close();
        }
        engine.close();
    }

    @Benchmark
    public float[] copy() {
        return engine.sum(left, right);
    }

    @Benchmark
    public void zeroCopy() {
        engine.sum(a, b, out);
    }

    @Benchmark
    public void wrapped() {
        engine.sum(wrappedA, wrappedB, wrappedOut);
    }
}
