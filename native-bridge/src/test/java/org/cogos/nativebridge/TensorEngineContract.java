package org.cogos.nativebridge;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cogos.api.tensor.Activation;
import org.cogos.api.tensor.ComputeOp;
import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.DenseLayer;
import org.cogos.api.tensor.MlpNetwork;
import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.Tensor;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineStatus;
import org.cogos.api.tensor.TensorOp;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What every {@link TensorEngine} backend must do, checked against the plain Java {@link Reference} (tolerances
 * documented there) on random shapes from a fixed seed, edge shapes (1x1, sizes around the SIMD widths 8 and 16
 * and the matmul blocks 128 and 256, 512x512 and one 1024x1024), the three data paths (pool tensors, wrapped
 * caller buffers, the array copy path) and every bad input. Subclasses supply the engine. Runs with plain JUnit 4
 * (no Maven needed), e.g. inside the qemu guest.
 */
public abstract class TensorEngineContract {

    /** Shapes (m, k, n) around vector widths (8, 16) and the matmul blocks (128 rows of b, 256 columns). */
    static final int[][] MATMUL_SHAPES = {
        {1, 1, 1}, {1, 7, 1}, {2, 3, 5}, {7, 9, 8}, {8, 16, 17}, {5, 15, 31}, {4, 33, 16}, {9, 128, 129},
        {3, 129, 257}, {17, 255, 33}, {6, 300, 260}, {33, 64, 513},
    };

    protected TensorEngine engine;
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    /** A new engine of the backend under test; closed after each test. */
    protected abstract NativeTensorEngine createEngine();

    @Before
    public void openEngine() {
        engine = createEngine();
        closeAfter.add((NativeTensorEngine) engine);
    }

    @After
    public void closeEngines() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) {
            closeAfter.get(i).close();
        }
        closeAfter.clear();
        afterEnginesClosed();
    }

    /** Runs after every engine of a test has closed, e.g. to check that nothing leaked. */
    protected void afterEnginesClosed() {
    }

    protected Tensor floats(int rows, int cols, float[] values) {
        Tensor t = engine.allocate(DType.F32, rows, cols);
        t.floats().put(values);
        return t;
    }

    protected Tensor ints(int rows, int cols, int[] values) {
        Tensor t = engine.allocate(DType.I32, rows, cols);
        t.ints().put(values);
        return t;
    }

    protected static float[] read(Tensor t) {
        float[] v = new float[t.rows() * t.cols()];
        t.floats().get(v);
        return v;
    }

    protected static int[] readInts(Tensor t) {
        int[] v = new int[t.rows() * t.cols()];
        t.ints().get(v);
        return v;
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    // ---------------------------------------------------------------------------------------------- results

    @Test
    public void newTensorsAreZeroedAndDescribeThemselves() {
        Tensor t = engine.allocate(DType.F32, 3, 5);
        assertEquals(DType.F32, t.dtype());
        assertEquals(3, t.rows());
        assertEquals(5, t.cols());
        assertEquals(60, t.buffer().capacity());
        assertEquals(ByteOrder.nativeOrder(), t.buffer().order());
        assertArrayEquals(new float[15], read(t), 0f);
        t.close();
    }

    @Test
    public void sumF32IsBitExactWithJavaFloats() {
        Random random = new Random(1);
        int[][] shapes = {{1, 1}, {1, 7}, {1, 8}, {1, 9}, {3, 5}, {2, 16}, {17, 33}, {64, 64}, {129, 257},
            {512, 512}};
        for (int[] s : shapes) {
            int n = s[0] * s[1];
            float[] a = Reference.floats(random, n, 1000);
            float[] b = Reference.floats(random, n, 1000);
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                expected[i] = a[i] + b[i];
            }
            try (Tensor ta = floats(s[0], s[1], a); Tensor tb = floats(s[0], s[1], b);
                    Tensor out = engine.allocate(DType.F32, s[0], s[1])) {
                engine.sum(ta, tb, out);
                Reference.assertBitExact("sum " + s[0] + "x" + s[1], expected, read(out));
                engine.sum(ta, tb, ta);
                Reference.assertBitExact("sum in place " + s[0] + "x" + s[1], expected, read(ta));
            }
        }
    }

    @Test
    public void sumI32WrapsLikeJavaInt() {
        Random random = new Random(2);
        for (int[] s : new int[][] {{1, 1}, {3, 7}, {19, 21}, {256, 256}}) {
            int n = s[0] * s[1];
            int[] a = Reference.ints(random, n);
            int[] b = Reference.ints(random, n);
            a[0] = Integer.MAX_VALUE;
            b[0] = 1;
            int[] expected = new int[n];
            for (int i = 0; i < n; i++) {
                expected[i] = a[i] + b[i];
            }
            try (Tensor ta = ints(s[0], s[1], a); Tensor tb = ints(s[0], s[1], b);
                    Tensor out = engine.allocate(DType.I32, s[0], s[1])) {
                engine.sum(ta, tb, out);
                int[] got = readInts(out);
                assertEquals(Integer.MIN_VALUE, got[0]);
                assertArrayEquals("sum " + s[0] + "x" + s[1], expected, got);
            }
        }
    }

    @Test
    public void matmulF32IsWithinTheRoundingBoundOnRandomShapes() {
        Random random = new Random(3);
        List<int[]> shapes = new ArrayList<>(List.of(MATMUL_SHAPES));
        for (int i = 0; i < 8; i++) {
            shapes.add(new int[] {1 + random.nextInt(40), 1 + random.nextInt(300), 1 + random.nextInt(300)});
        }
        for (int[] s : shapes) {
            checkMatmul(random, s[0], s[1], s[2]);
        }
    }

    @Test
    public void matmulF32At512() {
        checkMatmul(new Random(4), 512, 512, 512);
    }

    /** 1024x1024 checked on every row and column block boundary and 4096 random elements (the reference is slow). */
    @Test
    public void matmulF32At1024() {
        Random random = new Random(5);
        int n = 1024;
        float[] a = Reference.floats(random, n * n, 1);
        float[] b = Reference.floats(random, n * n, 1);
        try (Tensor ta = floats(n, n, a); Tensor tb = floats(n, n, b); Tensor out = engine.allocate(DType.F32, n, n)) {
            engine.matmul(ta, tb, out);
            float[] got = read(out);
            List<int[]> points = new ArrayList<>();
            for (int edge : new int[] {0, 127, 128, 255, 256, 1023}) {
                points.add(new int[] {edge, edge});
                points.add(new int[] {random.nextInt(n), edge});
                points.add(new int[] {edge, random.nextInt(n)});
            }
            for (int i = 0; i < 4096; i++) {
                points.add(new int[] {random.nextInt(n), random.nextInt(n)});
            }
            for (int[] p : points) {
                Reference.assertWithin("matmul 1024 [" + p[0] + "," + p[1] + "]",
                        Reference.matmulAt(a, b, n, n, p[0], p[1]), got[p[0] * n + p[1]],
                        Reference.matmulBound(a, b, n, n, p[0], p[1], 0));
            }
        }
    }

    private void checkMatmul(Random random, int m, int k, int n) {
        float[] a = Reference.floats(random, m * k, 2);
        float[] b = Reference.floats(random, k * n, 2);
        double[] expected = Reference.matmul(a, b, m, k, n);
        try (Tensor ta = floats(m, k, a); Tensor tb = floats(k, n, b); Tensor out = engine.allocate(DType.F32, m, n)) {
            engine.matmul(ta, tb, out);
            float[] got = read(out);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    Reference.assertWithin("matmul " + m + "x" + k + "x" + n + " [" + i + "," + j + "]",
                            expected[i * n + j], got[i * n + j], Reference.matmulBound(a, b, k, n, i, j, 0));
                }
            }
        }
    }

    @Test
    public void matmulI32IsBitExactAndWraps() {
        Random random = new Random(6);
        for (int[] s : MATMUL_SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            int[] a = Reference.ints(random, m * k);
            int[] b = Reference.ints(random, k * n);
            try (Tensor ta = ints(m, k, a); Tensor tb = ints(k, n, b); Tensor out = engine.allocate(DType.I32, m, n)) {
                engine.matmul(ta, tb, out);
                assertArrayEquals("matmul I32 " + m + "x" + k + "x" + n, Reference.matmul(a, b, m, k, n),
                        readInts(out));
            }
        }
    }

    @Test
    public void denseAddsTheBiasAndAppliesTheActivation() {
        Random random = new Random(7);
        for (int[] s : new int[][] {{1, 1, 1}, {3, 4, 5}, {16, 31, 9}, {7, 130, 260}}) {
            int m = s[0], k = s[1], n = s[2];
            float[] x = Reference.floats(random, m * k, 1);
            float[] w = Reference.floats(random, k * n, 1);
            float[] bias = Reference.floats(random, n, 1);
            double[] product = Reference.matmul(x, w, m, k, n);
            for (Activation activation : Activation.values()) {
                try (Tensor tx = floats(m, k, x); Tensor tw = floats(k, n, w); Tensor tb = floats(1, n, bias);
                        Tensor out = engine.allocate(DType.F32, m, n)) {
                    engine.dense(tx, tw, tb, activation, out);
                    float[] got = read(out);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double e = product[i * n + j] + bias[j];
                            if (activation == Activation.RELU) {
                                e = Math.max(e, 0);
                                assertTrue("relu output is never negative", got[i * n + j] >= 0);
                            }
                            Reference.assertWithin("dense " + activation + " [" + i + "," + j + "]", e,
                                    got[i * n + j], Reference.matmulBound(x, w, k, n, i, j, bias[j]));
                        }
                    }
                }
            }
        }
    }

    @Test
    public void reluIsBitExactIncludingSpecialValues() {
        Random random = new Random(8);
        float[] x = Reference.floats(random, 37 * 19, 10);
        float[] special = {-0.0f, 0.0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY,
            Float.MIN_VALUE, -Float.MIN_VALUE, -Float.MAX_VALUE};
        System.arraycopy(special, 0, x, 3, special.length);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Reference.relu(x[i]);
        }
        try (Tensor tx = floats(37, 19, x); Tensor out = engine.allocate(DType.F32, 37, 19)) {
            engine.relu(tx, out);
            Reference.assertBitExact("relu", expected, read(out));
        }
    }

    @Test
    public void softmaxRowsMatchAndSumToOne() {
        Random random = new Random(9);
        for (int[] s : new int[][] {{1, 1}, {1, 2}, {4, 10}, {33, 17}, {3, 1000}}) {
            int rows = s[0], cols = s[1];
            float[] x = Reference.floats(random, rows * cols, 20);
            double[] expected = Reference.softmax(x, rows, cols);
            try (Tensor tx = floats(rows, cols, x); Tensor out = engine.allocate(DType.F32, rows, cols)) {
                engine.softmax(tx, out);
                float[] got = read(out);
                for (int i = 0; i < rows; i++) {
                    double sum = 0;
                    for (int j = 0; j < cols; j++) {
                        double e = expected[i * cols + j];
                        Reference.assertWithin("softmax " + rows + "x" + cols + " [" + i + "," + j + "]", e,
                                got[i * cols + j], Reference.SOFTMAX_RELATIVE * e + 1e-44);
                        sum += got[i * cols + j];
                    }
                    assertEquals("row " + i + " sums to 1", 1.0, sum, cols * 1e-6);
                }
            }
        }
    }

    @Test
    public void argmaxTakesTheFirstMaximum() {
        Random random = new Random(10);
        int rows = 41, cols = 23;
        float[] x = Reference.floats(random, rows * cols, 5);
        x[0] = 9;
        x[5] = 9;
        x[cols + 7] = 7;
        x[cols + 8] = 7;
        try (Tensor tx = floats(rows, cols, x); Tensor out = engine.allocate(DType.I32, rows, 1)) {
            engine.argmax(tx, out);
            int[] got = readInts(out);
            assertEquals(0, got[0]);
            assertEquals(7, got[1]);
            assertArrayEquals(Reference.argmax(x, rows, cols), got);
        }
    }

    @Test
    public void mlpClassifiesLikeTheReference() {
        Random random = new Random(11);
        List<DenseLayer> layers = List.of(layer(random, 6, 16, Activation.RELU),
                layer(random, 16, 9, Activation.RELU), layer(random, 9, 3, Activation.NONE));
        int batch = 37;
        float[] input = Reference.floats(random, batch * 6, 1);
        double[] expected = Reference.mlp(layers, input, batch);
        try (MlpNetwork network = engine.loadNetwork(layers); Tensor in = floats(batch, 6, input);
                Tensor probabilities = engine.allocate(DType.F32, batch, 3);
                Tensor classes = engine.allocate(DType.I32, batch, 1)) {
            assertEquals(6, network.inputs());
            assertEquals(3, network.outputs());
            network.classify(in, probabilities, classes);
            float[] p = read(probabilities);
            int[] c = readInts(classes);
            assertArrayEquals("classes are the argmax of the probabilities", Reference.argmax(p, batch, 3), c);
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < 3; j++) {
                    Reference.assertWithin("mlp [" + r + "," + j + "]", expected[r * 3 + j], p[r * 3 + j],
                            Reference.MLP_ABSOLUTE);
                }
                int best = Reference.argmax(expected, r, 3);
                assertTrue("row " + r + ": class " + c[r] + " is as probable as the reference's " + best,
                        expected[r * 3 + c[r]] >= expected[r * 3 + best] - 2 * Reference.MLP_ABSOLUTE);
            }
            // without classes: probabilities only
            Tensor again = engine.allocate(DType.F32, batch, 3);
            network.classify(in, again, null);
            Reference.assertBitExact("same network, same input", p, read(again));
            again.close();
        }
    }

    @Test
    public void oneLayerNetworkWithAWideBatch() {
        Random random = new Random(12);
        List<DenseLayer> layers = List.of(layer(random, 33, 5, Activation.NONE));
        int batch = 300;
        float[] input = Reference.floats(random, batch * 33, 1);
        double[] expected = Reference.mlp(layers, input, batch);
        try (MlpNetwork network = engine.loadNetwork(layers); Tensor in = floats(batch, 33, input);
                Tensor probabilities = engine.allocate(DType.F32, batch, 5)) {
            network.classify(in, probabilities, null);
            float[] p = read(probabilities);
            for (int i = 0; i < p.length; i++) {
                Reference.assertWithin("mlp [" + i + "]", expected[i], p[i], Reference.MLP_ABSOLUTE);
            }
        }
    }

    static DenseLayer layer(Random random, int inputs, int outputs, Activation activation) {
        return new DenseLayer(inputs, outputs, Reference.floats(random, inputs * outputs,
                (float) (1 / Math.sqrt(inputs))), Reference.floats(random, outputs, 0.1f), activation);
    }

    @Test
    public void copyPathMatchesTheReference() {
        Random random = new Random(13);
        for (int[] s : new int[][] {{1, 1, 1}, {3, 5, 2}, {17, 129, 31}, {128, 256, 130}}) {
            int m = s[0], k = s[1], n = s[2];
            float[] a = Reference.floats(random, m * k, 1);
            float[] b = Reference.floats(random, k * n, 1);
            double[] expected = Reference.matmul(a, b, m, k, n);
            float[] got = engine.matmul(a, b, m, k, n);
            assertEquals(m * n, got.length);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    Reference.assertWithin("copy matmul [" + i + "," + j + "]", expected[i * n + j],
                            got[i * n + j], Reference.matmulBound(a, b, k, n, i, j, 0));
                }
            }
        }
        // element-wise sums longer than one row of 65536 run in two parts
        for (int n : new int[] {0, 1, 9, 65536, 2 * 65536 + 5}) {
            float[] a = Reference.floats(random, n, 100);
            float[] b = Reference.floats(random, n, 100);
            float[] expected = new float[n];
            int[] ia = Reference.ints(random, n);
            int[] ib = Reference.ints(random, n);
            int[] iexpected = new int[n];
            for (int i = 0; i < n; i++) {
                expected[i] = a[i] + b[i];
                iexpected[i] = ia[i] + ib[i];
            }
            Reference.assertBitExact("copy sum of " + n, expected, engine.sum(a, b));
            assertArrayEquals("copy int sum of " + n, iexpected, engine.sum(ia, ib));
        }
    }

    @Test
    public void copyPathLeavesItsInputsAlone() {
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        assertArrayEquals(new float[] {19, 22, 43, 50}, engine.matmul(a, b, 2, 2, 2), 0f);
        assertArrayEquals(new float[] {1, 2, 3, 4}, a, 0f);
        assertArrayEquals(new float[] {5, 6, 7, 8}, b, 0f);
    }

    /**
     * Many threads on the copy path at once, each with its own sizes and values, and MLP forward passes beside
     * them: the engine keeps its scratch memory between calls and hands it to whichever thread calls next, so a
     * buffer given to two calls at once, or grown while another call used it, would mix their numbers here.
     */
    @Test
    public void copyPathFromManyThreadsAtOnce() throws Exception {
        int threads = 8, rounds = 24;
        // sizes around the SIMD widths, the 64-byte rounding of the copies and the 65536-value rows
        int[] sizes = {1, 3, 15, 16, 17, 255, 1000, 4099, 16384, 65535, 65536, 65537, 100_003};
        Random random = new Random(15);
        List<DenseLayer> layers = List.of(layer(random, 6, 24, Activation.RELU),
                layer(random, 24, 9, Activation.RELU), layer(random, 9, 3, Activation.NONE));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (MlpNetwork network = engine.loadNetwork(layers)) {
            // an engine's MLP output is fixed bit for bit: one thread's answers are the reference
            float[][] inputs = new float[threads][];
            float[][] expected = new float[threads][];
            for (int t = 0; t < threads; t++) {
                int batch = 1 + 13 * t;
                inputs[t] = Reference.floats(random, batch * 6, 1);
                expected[t] = classify(network, inputs[t], batch);
            }
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    Random r = new Random(200 + id);
                    start.await(60, TimeUnit.SECONDS);
                    for (int i = 0; i < rounds; i++) {
                        int n = sizes[r.nextInt(sizes.length)];
                        switch ((id + i) % 4) {
                        case 0: {
                            float[] a = Reference.floats(r, n, 100);
                            float[] b = Reference.floats(r, n, 100);
                            float[] want = new float[n];
                            for (int j = 0; j < n; j++) {
                                want[j] = a[j] + b[j];
                            }
                            Reference.assertBitExact("thread " + id + " round " + i + ": sum of " + n, want,
                                    engine.sum(a, b));
                            break;
                        }
                        case 1: {
                            int[] a = Reference.ints(r, n);
                            int[] b = Reference.ints(r, n);
                            int[] want = new int[n];
                            for (int j = 0; j < n; j++) {
                                want[j] = a[j] + b[j];
                            }
                            assertArrayEquals("thread " + id + " round " + i + ": int sum of " + n, want,
                                    engine.sum(a, b));
                            break;
                        }
                        case 2: {
                            int m = 1 + r.nextInt(40), k = 1 + r.nextInt(300), c = 1 + r.nextInt(40);
                            float[] a = Reference.floats(r, m * k, 1);
                            float[] b = Reference.floats(r, k * c, 1);
                            double[] want = Reference.matmul(a, b, m, k, c);
                            float[] got = engine.matmul(a, b, m, k, c);
                            for (int j = 0; j < m * c; j++) {
                                Reference.assertWithin("thread " + id + " round " + i + ": " + m + "x" + k + "x" + c
                                        + " matmul [" + j + "]", want[j], got[j],
                                        Reference.matmulBound(a, b, k, c, j / c, j % c, 0));
                            }
                            break;
                        }
                        default:
                            Reference.assertBitExact("thread " + id + " round " + i + ": MLP", expected[id],
                                    classify(network, inputs[id], inputs[id].length / 6));
                            break;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private float[] classify(MlpNetwork network, float[] input, int batch) {
        try (Tensor in = floats(batch, network.inputs(), input);
                Tensor out = engine.allocate(DType.F32, batch, network.outputs())) {
            network.classify(in, out, null);
            return read(out);
        }
    }

    @Test
    public void wrappedBuffersAreUsedInPlace() {
        Random random = new Random(14);
        int m = 19, k = 70, n = 23;
        float[] a = Reference.floats(random, m * k, 1);
        float[] b = Reference.floats(random, k * n, 1);
        ByteBuffer ba = direct(m * k * 4);
        ba.asFloatBuffer().put(a);
        ByteBuffer bb = direct(k * n * 4 + 64);   // larger than needed is fine
        bb.asFloatBuffer().put(b);
        ByteBuffer bout = direct(m * n * 4);
        Tensor ta = engine.wrap(ba, DType.F32, m, k);
        Tensor tb = engine.wrap(bb, DType.F32, k, n);
        Tensor tout = engine.wrap(bout, DType.F32, m, n);
        engine.matmul(ta, tb, tout);
        double[] expected = Reference.matmul(a, b, m, k, n);
        float[] got = new float[m * n];
        bout.asFloatBuffer().get(got);   // the caller's own buffer holds the result
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                Reference.assertWithin("wrapped matmul", expected[i * n + j], got[i * n + j],
                        Reference.matmulBound(a, b, k, n, i, j, 0));
            }
        }
        // wrapped and pool operands mix in one call
        try (Tensor pool = engine.allocate(DType.F32, m, n)) {
            engine.sum(tout, tout, pool);
            float[] doubled = read(pool);
            for (int i = 0; i < got.length; i++) {
                assertEquals(got[i] + got[i], doubled[i], 0f);
            }
        }
        // a wrapped I32 tensor, and a slice that starts inside a larger buffer
        ByteBuffer big = direct(4 * 40);
        ByteBuffer slice = big.position(8).slice().order(ByteOrder.nativeOrder());
        slice.asIntBuffer().put(new int[] {1, 2, 3, Integer.MAX_VALUE});
        Tensor ti = engine.wrap(slice, DType.I32, 2, 2);
        try (Tensor one = ints(2, 2, new int[] {1, 1, 1, 1})) {
            engine.sum(ti, one, ti);
        }
        assertArrayEquals(new int[] {2, 3, 4, Integer.MIN_VALUE}, readInts(ti));
        assertEquals("the slice's base is used: the bytes before it are untouched", 0, big.getLong(0));
        ta.close();
        tb.close();
        tout.close();
        ti.close();
        assertEquals("closing a wrapped tensor leaves the caller's buffer", got[0], bout.getFloat(0), 0f);
    }

    @Test
    public void computeDoesTheFourOperations() {
        assertEquals(5, engine.compute(ComputeOp.ADD, 2, 3));
        assertEquals(-1, engine.compute(ComputeOp.SUBTRACT, 2, 3));
        assertEquals(-6, engine.compute(ComputeOp.MULTIPLY, 2, -3));
        assertEquals(-3, engine.compute(ComputeOp.DIVIDE, -7, 2));   // truncates toward zero
        assertEquals(Long.MIN_VALUE, engine.compute(ComputeOp.SUBTRACT, Long.MIN_VALUE + 1, 1));
        assertEquals(Long.MAX_VALUE, engine.compute(ComputeOp.DIVIDE, Long.MAX_VALUE, 1));
    }

    @Test
    public void concurrentCallersShareOneEngine() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = 100 + t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 25; i++) {
                        int[] a = Reference.ints(random, 6 * 7);
                        int[] b = Reference.ints(random, 7 * 5);
                        try (Tensor ta = ints(6, 7, a); Tensor tb = ints(7, 5, b);
                                Tensor out = engine.allocate(DType.I32, 6, 5)) {
                            engine.matmul(ta, tb, out);
                            assertArrayEquals(Reference.matmul(a, b, 6, 7, 5), readInts(out));
                        }
                        assertEquals(seed + i, engine.compute(ComputeOp.ADD, seed, i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void statusCountsCallsAndErrors() {
        TensorEngineStatus before = engine.status();
        assertEquals(engine.backend(), before.backend());
        try (Tensor a = engine.allocate(DType.F32, 2, 2)) {
            for (int i = 0; i < 10; i++) {
                engine.relu(a, a);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> engine.compute(ComputeOp.DIVIDE, 1, 0));
        TensorEngineStatus after = engine.status();
        assertTrue("calls " + before.calls() + " -> " + after.calls(), after.calls() >= before.calls() + 11);
        assertEquals(before.errors() + 1, after.errors());
        assertTrue("calls/s " + after.callsPerSecond(), after.callsPerSecond() > 0);
        assertTrue(after.workers() >= 1);
        assertTrue(List.of("scalar", "avx2", "avx512").contains(after.simd()));
    }

    // ---------------------------------------------------------------------------------------------- bad input

    @Test
    public void innerDimensionsThatDifferAreRefusedNamingBothShapes() {
        try (Tensor a = engine.allocate(DType.F32, 3, 4); Tensor b = engine.allocate(DType.F32, 5, 2);
                Tensor out = engine.allocate(DType.F32, 3, 2)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.matmul(a, b, out));
            assertTrue(e.getMessage(), e.getMessage().contains("inner dimensions differ"));
            assertTrue(e.getMessage(), e.getMessage().contains("a 3x4") && e.getMessage().contains("b 5x2"));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> engine.matmul(new float[12], new float[10], 3, 4, 2));
        assertTrue(e.getMessage(), e.getMessage().contains("b has 10 values"));
    }

    @Test
    public void shapesThatDoNotFitTheOpAreRefused() {
        try (Tensor a = engine.allocate(DType.F32, 3, 4); Tensor b = engine.allocate(DType.F32, 4, 3);
                Tensor wrongOut = engine.allocate(DType.F32, 3, 4); Tensor bias = engine.allocate(DType.F32, 1, 4);
                Tensor classes = engine.allocate(DType.I32, 2, 1)) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.sum(a, b, wrongOut)), "one shape");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.matmul(a, b, wrongOut)),
                    "out must be");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> engine.dense(a, b, bias, Activation.RELU, wrongOut)), "out must be");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.relu(a, b)), "shape of a");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.argmax(a, classes)),
                    "a.rows x 1");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.sum(new float[3], new float[4])),
                    "a has 3 values, b has 4");
        }
    }

    @Test
    public void aMatmulWritingOverItsInputIsRefused() {
        try (Tensor a = engine.allocate(DType.F32, 4, 4); Tensor b = engine.allocate(DType.F32, 4, 4)) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.matmul(a, b, a)), "overlaps");
        }
    }

    @Test
    public void wrongDtypesAreRefused() {
        try (Tensor f = engine.allocate(DType.F32, 2, 2); Tensor i = engine.allocate(DType.I32, 2, 2);
                Tensor bias = engine.allocate(DType.I32, 1, 2); Tensor iout = engine.allocate(DType.I32, 2, 1)) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.matmul(f, i, f)), "b is I32");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.sum(i, i, f)), "out is F32");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> engine.dense(i, i, bias, Activation.NONE, i)), "x is I32");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.softmax(i, i)), "x is I32");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.relu(f, i)), "out is I32");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.argmax(i, iout)), "x is I32");
        }
    }

    @Test
    public void zeroNegativeAndHugeDimensionsAreRefused() {
        for (int[] d : new int[][] {{0, 1}, {1, 0}, {-1, 4}, {4, -3}, {65537, 1}, {1, Integer.MAX_VALUE}}) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> engine.allocate(DType.F32, d[0], d[1])), "1..65536");
            assertThrows(IllegalArgumentException.class, () -> engine.wrap(direct(64), DType.F32, d[0], d[1]));
        }
        assertThrows(IllegalArgumentException.class, () -> engine.matmul(new float[0], new float[0], 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> engine.matmul(new float[4], new float[4], -2, -2, -1));
        // 65536 x 65536 floats is 16 GiB: more than a ByteBuffer addresses
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> engine.allocate(DType.F32, 65536, 65536)), "2 GiB");
    }

    @Test
    public void closedTensorsAreRefusedAndCloseIsIdempotent() {
        Tensor a = engine.allocate(DType.F32, 2, 2);
        Tensor out = engine.allocate(DType.F32, 2, 2);
        a.close();
        a.close();
        assertMessage(assertThrows(IllegalStateException.class, () -> engine.relu(a, out)), "closed");
        assertMessage(assertThrows(IllegalStateException.class, () -> engine.relu(out, a)), "closed");
        assertThrows(IllegalStateException.class, a::buffer);
        Tensor wrapped = engine.wrap(direct(16), DType.F32, 2, 2);
        wrapped.close();
        assertThrows(IllegalStateException.class, () -> engine.sum(wrapped, out, out));
        out.close();
    }

    @Test
    public void tensorsOfAnotherEngineAreRefused() {
        NativeTensorEngine other = createEngine();
        closeAfter.add(other);
        try (Tensor mine = engine.allocate(DType.F32, 2, 2); Tensor theirs = other.allocate(DType.F32, 2, 2)) {
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.relu(theirs, mine)),
                    "another tensor engine");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.sum(mine, mine, theirs)),
                    "another tensor engine");
            Tensor foreign = new ForeignTensor();
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.relu(foreign, mine)),
                    "another tensor engine");
        }
    }

    @Test
    public void badWrappedBuffersAreRefused() {
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> engine.wrap(ByteBuffer.allocate(64), DType.F32, 2, 2)), "direct");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> engine.wrap(direct(15), DType.F32, 2, 2)), "needs 16");
        ByteBuffer misaligned = direct(64).position(1).slice();
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> engine.wrap(misaligned, DType.F32, 2, 2)), "aligned");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> engine.wrap(direct(64).asReadOnlyBuffer(), DType.F32, 2, 2)), "writable");
        assertThrows(NullPointerException.class, () -> engine.wrap(null, DType.F32, 2, 2));
    }

    @Test
    public void mlpChainMismatchesAreRefused() {
        Random random = new Random(15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.loadNetwork(
                List.of(layer(random, 4, 5, Activation.RELU), layer(random, 6, 2, Activation.NONE))));
        assertMessage(e, "layer 1");
        assertMessage(e, "4x5");
        assertMessage(e, "6x2");
        assertThrows(IllegalArgumentException.class, () -> engine.loadNetwork(List.of()));
        List<DenseLayer> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(layer(random, 2, 2, Activation.RELU));
        }
        assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.loadNetwork(nine)), "1..8 layers");
        try (MlpNetwork network = engine.loadNetwork(List.of(layer(random, 4, 3, Activation.NONE)));
                Tensor wrongInput = engine.allocate(DType.F32, 2, 5); Tensor input = engine.allocate(DType.F32, 2, 4);
                Tensor out = engine.allocate(DType.F32, 2, 3); Tensor wrongOut = engine.allocate(DType.F32, 2, 2);
                Tensor classes = engine.allocate(DType.I32, 3, 1)) {
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> network.classify(wrongInput, out, null)), "layer 0");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> network.classify(input, wrongOut, null)), "output must be");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> network.classify(input, out, classes)), "classes must be");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> network.classify(input, classes, null)), "probabilities is I32");
        }
    }

    @Test
    public void closedNetworksAndEnginesAreRefused() {
        Random random = new Random(16);
        MlpNetwork network = engine.loadNetwork(List.of(layer(random, 2, 2, Activation.NONE)));
        Tensor in = engine.allocate(DType.F32, 1, 2);
        Tensor out = engine.allocate(DType.F32, 1, 2);
        network.close();
        network.close();
        assertMessage(assertThrows(IllegalStateException.class, () -> network.classify(in, out, null)), "closed");
        ((NativeTensorEngine) engine).close();
        ((NativeTensorEngine) engine).close();
        assertMessage(assertThrows(IllegalStateException.class, () -> engine.relu(in, out)), "engine is closed");
        assertThrows(IllegalStateException.class, () -> engine.allocate(DType.F32, 1, 1));
        assertThrows(IllegalStateException.class, engine::status);
        in.close();   // after the engine closed: nothing left to give back, and no error
        assertThrows(IllegalStateException.class, in::buffer);
        assertThrows(IllegalStateException.class, out::buffer);
    }

    @Test
    public void divisionByZeroAndOverflowAreRefused() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.compute(ComputeOp.DIVIDE, 1, 0)),
                "division by zero");
        assertThrows(ArithmeticException.class, () -> engine.compute(ComputeOp.ADD, Long.MAX_VALUE, 1));
        assertThrows(ArithmeticException.class, () -> engine.compute(ComputeOp.SUBTRACT, Long.MIN_VALUE, 1));
        assertThrows(ArithmeticException.class, () -> engine.compute(ComputeOp.MULTIPLY, Long.MAX_VALUE, 2));
        assertMessage(assertThrows(ArithmeticException.class,
                () -> engine.compute(ComputeOp.DIVIDE, Long.MIN_VALUE, -1)), "64 bits");
    }

    @Test
    public void nullArgumentsAreRefused() {
        try (Tensor a = engine.allocate(DType.F32, 1, 1)) {
            assertThrows(NullPointerException.class, () -> engine.sum(a, null, a));
            assertThrows(NullPointerException.class, () -> engine.dense(a, a, a, null, a));
            assertThrows(NullPointerException.class, () -> engine.compute(null, 1, 1));
            assertThrows(NullPointerException.class, () -> engine.allocate(null, 1, 1));
        }
    }

    // ---------------------------------------------------------------------------------------------- batches

    /**
     * Every kind of op in one batch, at each priority, gives the bits of the same single calls: sizes above the
     * kernel's default inline_max_work (matmul 64^3, a sum and a relu of 90000 elements) go to its workers, the
     * others run in the calling thread's ioctl; one operand is a wrapped caller buffer (pinned on the kernel).
     */
    @Test
    public void aBatchGivesWhatTheSingleCallsGiveAtEveryPriority() {
        Random random = new Random(30);
        Tensor a = floats(64, 64, Reference.floats(random, 64 * 64, 1));
        Tensor b = floats(64, 64, Reference.floats(random, 64 * 64, 1));
        Tensor ia = ints(17, 33, Reference.ints(random, 17 * 33));
        Tensor ib = ints(17, 33, Reference.ints(random, 17 * 33));
        Tensor x = floats(8, 64, Reference.floats(random, 8 * 64, 4));
        Tensor w = floats(64, 16, Reference.floats(random, 64 * 16, 1));
        Tensor bias = floats(1, 16, Reference.floats(random, 16, 1));
        Tensor big = engine.wrap(direct(300 * 300 * 4), DType.F32, 300, 300);
        big.floats().put(Reference.floats(random, 300 * 300, 10));
        for (Priority priority : Priority.values()) {
            List<Tensor> batched = List.of(engine.allocate(DType.F32, 64, 64), engine.allocate(DType.I32, 17, 33),
                    engine.allocate(DType.F32, 8, 16), engine.allocate(DType.F32, 300, 300),
                    engine.allocate(DType.F32, 8, 64), engine.allocate(DType.I32, 8, 1),
                    engine.allocate(DType.F32, 300, 300));
            engine.batch(priority, List.of(TensorOp.matmul(a, b, batched.get(0)), TensorOp.sum(ia, ib, batched.get(1)),
                    TensorOp.dense(x, w, bias, Activation.RELU, batched.get(2)), TensorOp.relu(big, batched.get(3)),
                    TensorOp.softmax(x, batched.get(4)), TensorOp.argmax(x, batched.get(5)),
                    TensorOp.sum(big, big, batched.get(6))));
            List<Tensor> single = List.of(engine.allocate(DType.F32, 64, 64), engine.allocate(DType.I32, 17, 33),
                    engine.allocate(DType.F32, 8, 16), engine.allocate(DType.F32, 300, 300),
                    engine.allocate(DType.F32, 8, 64), engine.allocate(DType.I32, 8, 1),
                    engine.allocate(DType.F32, 300, 300));
            engine.matmul(a, b, single.get(0));
            engine.sum(ia, ib, single.get(1));
            engine.dense(x, w, bias, Activation.RELU, single.get(2));
            engine.relu(big, single.get(3));
            engine.softmax(x, single.get(4));
            engine.argmax(x, single.get(5));
            engine.sum(big, big, single.get(6));
            for (int i = 0; i < batched.size(); i++) {
                Tensor got = batched.get(i);
                String what = priority + " batch op " + i;
                if (got.dtype() == DType.I32) {
                    assertArrayEquals(what, readInts(single.get(i)), readInts(got));
                } else {
                    Reference.assertBitExact(what, read(single.get(i)), read(got));
                }
                got.close();
                single.get(i).close();
            }
        }
        big.close();
    }

    @Test
    public void aBatchOfTheMostOpsRunsEveryOne() {
        float[] values = Reference.floats(new Random(31), 32, 3);
        Tensor x = floats(4, 8, values);
        float[] expected = new float[32];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Reference.relu(values[i]);
        }
        List<Tensor> outs = new ArrayList<>();
        List<TensorOp> ops = new ArrayList<>();
        for (int i = 0; i < TensorEngine.MAX_BATCH_OPS; i++) {
            Tensor out = engine.allocate(DType.F32, 4, 8);
            outs.add(out);
            ops.add(TensorOp.relu(x, out));   // inputs may be shared; outputs not
        }
        engine.batch(Priority.BACKGROUND, ops);
        for (int i = 0; i < outs.size(); i++) {
            Reference.assertBitExact("op " + i, expected, read(outs.get(i)));
            outs.get(i).close();
        }
        ops.add(TensorOp.relu(x, x));
        assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.batch(Priority.SAFETY, ops)),
                "1..64 ops, got 65");
        x.close();
    }

    @Test
    public void classifyGivesTheSameAtEveryPriority() {
        Random random = new Random(32);
        try (MlpNetwork network = engine.loadNetwork(List.of(layer(random, 6, 16, Activation.RELU),
                layer(random, 16, 3, Activation.NONE)));
                Tensor in = floats(37, 6, Reference.floats(random, 37 * 6, 2));
                Tensor expected = engine.allocate(DType.F32, 37, 3);
                Tensor got = engine.allocate(DType.F32, 37, 3); Tensor classes = engine.allocate(DType.I32, 37, 1)) {
            network.classify(in, expected, null);
            for (Priority priority : Priority.values()) {
                network.classify(priority, in, got, classes);
                Reference.assertBitExact("classify at " + priority, read(expected), read(got));
            }
            assertThrows(NullPointerException.class, () -> network.classify(null, in, got, null));
        }
    }

    /** A refused batch names the op and the reason, and nothing of it ran: every check comes before any op. */
    @Test
    public void aBadOpRefusesTheWholeBatchNamingIt() {
        try (Tensor x = floats(2, 2, new float[] {1, -2, 3, -4}); Tensor o0 = engine.allocate(DType.F32, 2, 2);
                Tensor o1 = engine.allocate(DType.F32, 2, 2); Tensor a = engine.allocate(DType.F32, 3, 4);
                Tensor b = engine.allocate(DType.F32, 5, 2); Tensor out = engine.allocate(DType.F32, 3, 2);
                Tensor i = engine.allocate(DType.I32, 2, 2)) {
            o0.floats().put(new float[] {7, 7, 7, 7});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.batch(
                    Priority.SAFETY, List.of(TensorOp.relu(x, o0), TensorOp.relu(x, o1), TensorOp.matmul(a, b, out))));
            assertMessage(e, "batch op 2: matmul: inner dimensions differ");
            assertMessage(e, "a 3x4, b 5x2, out 3x2");
            assertArrayEquals("op 0 did not run", new float[] {7, 7, 7, 7}, read(o0), 0f);
            assertArrayEquals("op 1 did not run", new float[4], read(o1), 0f);
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.batch(Priority.BACKGROUND,
                    List.of(TensorOp.relu(x, o1), TensorOp.matmul(x, i, o0)))), "batch op 1: matmul: b is I32");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.batch(Priority.INTERACTIVE,
                    List.of(TensorOp.sum(x, x, o1), TensorOp.relu(o1, o0)))), "batch op 1 reads the out of op 0");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.batch(Priority.INTERACTIVE,
                    List.of(TensorOp.relu(x, o1), TensorOp.softmax(x, o1)))), "batch ops 0 and 1 both write");
            assertArrayEquals(new float[4], read(o1), 0f);
            engine.batch(Priority.INTERACTIVE, List.of(TensorOp.relu(o0, o0)));   // in place within one op is fine
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.batch(Priority.SAFETY, List.of())),
                    "1..64 ops, got 0");
        }
    }

    @Test
    public void batchesOfClosedForeignOrMissingOperandsAreRefused() {
        NativeTensorEngine other = createEngine();
        closeAfter.add(other);
        Tensor closed = engine.allocate(DType.F32, 2, 2);
        closed.close();
        try (Tensor x = engine.allocate(DType.F32, 2, 2); Tensor out = engine.allocate(DType.F32, 2, 2);
                Tensor theirs = other.allocate(DType.F32, 2, 2)) {
            assertMessage(assertThrows(IllegalStateException.class, () -> engine.batch(Priority.SAFETY,
                    List.of(TensorOp.relu(x, out), TensorOp.relu(closed, x)))), "batch op 1: x");
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.batch(Priority.SAFETY,
                    List.of(TensorOp.sum(x, theirs, out)))), "another tensor engine");
            assertThrows(NullPointerException.class, () -> engine.batch(null, List.of(TensorOp.relu(x, out))));
            assertThrows(NullPointerException.class, () -> engine.batch(Priority.SAFETY, null));
            List<TensorOp> withNull = new ArrayList<>();
            withNull.add(null);
            assertMessage(assertThrows(NullPointerException.class, () -> engine.batch(Priority.SAFETY, withNull)),
                    "op 0");
            assertThrows(NullPointerException.class, () -> TensorOp.dense(x, x, x, null, out));
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> new TensorOp(TensorOp.Kind.RELU, x, x, null, null, out)), "one input");
            assertMessage(assertThrows(IllegalArgumentException.class,
                    () -> new TensorOp(TensorOp.Kind.SUM, x, x, x, null, out)), "only DENSE");
        }
    }

    static void assertMessage(Throwable e, String part) {
        assertNotNull(e.getMessage());
        assertTrue("'" + part + "' in: " + e.getMessage(), e.getMessage().contains(part));
    }

    /** A Tensor the engine did not make. */
    private static final class ForeignTensor implements Tensor {
        private final ByteBuffer buffer = direct(16);

        @Override
        public DType dtype() {
            return DType.F32;
        }

        @Override
        public int rows() {
            return 2;
        }

        @Override
        public int cols() {
            return 2;
        }

        @Override
        public ByteBuffer buffer() {
            return buffer;
        }

        @Override
        public void close() {
        }
    }
}
