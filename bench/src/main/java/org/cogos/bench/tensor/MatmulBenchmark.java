package org.cogos.bench.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
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
 * F32 {@code n x n} matrix multiply three ways on the same data: the engine's user-space backend on zero-copy
 * tensors, OpenBLAS {@code cblas_sgemm} on direct buffers, and a plain Java triple loop (i-k-j, the order the JIT
 * vectorises). GFLOP/s = 2n^3 / time. The engine runs on the caller's thread, so OpenBLAS gets one thread too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatmulBenchmark {

    @Param({"64", "256", "512", "1024"})
    public int n;

    private NativeTensorEngine engine;
    private Tensor a;
    private Tensor b;
    private Tensor out;
    private ByteBuffer blasA;
    private ByteBuffer blasB;
    private ByteBuffer blasOut;
    private float[] javaA;
    private float[] javaB;
    private float[] javaOut;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(n);
        javaA = Floats.random(random, n * n);
        javaB = Floats.random(random, n * n);
        javaOut = new float[n * n];

        engine = NativeTensorEngine.userspace();
        a = engine.allocate(DType.F32, n, n);
        b = engine.allocate(DType.F32, n, n);
        out = engine.allocate(DType.F32, n, n);
        a.floats().put(javaA);
        b.floats().put(javaB);

        OpenBlas.setThreads(1);
        blasA = Floats.direct(javaA);
        blasB = Floats.direct(javaB);
        blasOut = ByteBuffer.allocateDirect(n * n * 4).order(ByteOrder.nativeOrder());

        engine();
        openblas();
        java();
        float[] reference = Floats.of(blasOut);
        Checks.same("engine matmul " + n + "x" + n + " against OpenBLAS", reference, Floats.of(out));
        Checks.same("Java matmul " + n + "x" + n + " against OpenBLAS", reference, javaOut);
    }

    @TearDown
    public void tearDown() {
        out.close();
        b.close();
        a.close();
        engine.close();
    }

    @Benchmark
    public void engine() {
        engine.matmul(a, b, out);
    }

    @Benchmark
    public void openblas() {
        OpenBlas.sgemm(blasA, blasB, blasOut, n, n, n);
    }

    @Benchmark
    public float[] java() {
        float[] x = javaA;
        float[] y = javaB;
        float[] z = javaOut;
        int size = n;
        Arrays.fill(z, 0f);
        for (int i = 0; i < size; i++) {
            int row = i * size;
            for (int k = 0; k < size; k++) {
                float xik = x[row + k];
                int yRow = k * size;
                for (int j = 0; j < size; j++) {
                    z[row + j] += xik * y[yRow + j];
                }
            }
        }
        return z;
    }
}
