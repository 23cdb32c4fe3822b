package org.cogos.bench.tensor;

import java.util.concurrent.TimeUnit;

import org.cogos.api.tensor.ComputeOp;
import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.Tensor;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one call through JNI costs on the user-space backend: {@code compute(ADD)} beside the same add in plain Java
 * (checked like the engine's: {@link Math#addExact}), and a 1x1 sum on zero-copy tensors and through the
 * {@code float[]} copy path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JniOverheadBenchmark {

    // Fields, not constants, so the JIT cannot fold the Java add away.
    private long x = 40_000_000_000L;
    private long y = 2;
    private final float[] left = {1.5f};
    private final float[] right = {2.25f};

    private NativeTensorEngine engine;
    private Tensor a;
    private Tensor b;
    private Tensor out;

    @Setup
    public void setUp() {
        engine = NativeTensorEngine.userspace();
        a = engine.allocate(DType.F32, 1, 1);
        b = engine.allocate(DType.F32, 1, 1);
        out = engine.allocate(DType.F32, 1, 1);
        a.floats().put(0, left[0]);
        b.floats().put(0, right[0]);
        Checks.same("compute(ADD)", x + y, engine.compute(ComputeOp.ADD, x, y));
        engine.sum(a, b, out);
        Checks.same("sum 1x1", left[0] + right[0], out.floats().get(0));
    }

    @TearDown
    public void tearDown() {
        out.close();
        b.close();
        a.close();
        engine.close();
    }

    @Benchmark
    public long computeAddEngine() {
        return engine.compute(ComputeOp.ADD, x, y);
    }

    @Benchmark
    public long computeAddJava() {
        return Math.addExact(x, y);
    }

    @Benchmark
    public void sum1x1ZeroCopy() {
        engine.sum(a, b, out);
    }

    @Benchmark
    public float[] sum1x1Copy() {
        return engine.sum(left, right);
    }
}
