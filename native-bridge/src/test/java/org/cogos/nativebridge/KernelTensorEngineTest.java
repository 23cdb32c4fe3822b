package org.cogos.nativebridge;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.cogos.api.tensor.Activation;
import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.DenseLayer;
import org.cogos.api.tensor.MlpNetwork;
import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.Tensor;
import org.cogos.api.tensor.TensorEngine;
import org.cogos.api.tensor.TensorEngineStatus;
import org.cogos.api.tensor.TensorOp;
import org.cogos.api.tensor.TensorPoolExhaustedException;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.Assume;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The contract on the kernel backend, plus what only the device has: the pool (exhaustion, accounting, no leak
 * after each test) and agreement with the user-space twin. Skipped unless the device exists; the qemu guest runs
 * it with the modules loaded (integration-tests/kmod-it). Devices: system properties {@code cogos.tensor.device}
 * and {@code cogos.compute.device}.
 */
public class KernelTensorEngineTest extends TensorEngineContract {

    static final String DEVICE = System.getProperty("cogos.tensor.device", "/dev/cogos_tensor");
    static final String COMPUTE_DEVICE = System.getProperty("cogos.compute.device", "/dev/cogos_compute");

    private long blocksBefore;

    @BeforeClass
    public static void requireDevice() {
        Assume.assumeTrue(DEVICE + " exists (cogos_tensor loaded)", Files.exists(Path.of(DEVICE)));
    }

    @Override
    protected NativeTensorEngine createEngine() {
        return NativeTensorEngine.kernel(DEVICE, COMPUTE_DEVICE);
    }

    @Before
    public void countBlocks() {
        blocksBefore = engine.status().blocksUsed();
    }

    /** Every test gives back all it took: closing an engine frees even tensors its user forgot. */
    @Override
    protected void afterEnginesClosed() {
        try (NativeTensorEngine fresh = createEngine()) {
            assertEquals("pool blocks in use after the test", blocksBefore, fresh.status().blocksUsed());
        }
    }

    @Test
    public void statusDescribesTheDevice() {
        TensorEngineStatus status = engine.status();
        assertEquals(TensorEngine.BACKEND_KERNEL, status.backend());
        assertEquals(DEVICE, status.device());
        assertTrue(status.workers() >= 1 && status.workers() <= 8);
        assertTrue(status.poolBlocks() > 0);
        assertTrue(status.blockBytes() >= 4096);
        // one byte over a block takes two blocks
        int floats = (int) (status.blockBytes() / 4) + 1;
        int cols = Math.min(floats, 65536);
        try (Tensor t = engine.allocate(DType.F32, (floats + cols - 1) / cols, cols)) {
            assertEquals(status.blocksUsed() + 2, engine.status().blocksUsed());
        }
        assertEquals(status.blocksUsed(), engine.status().blocksUsed());
    }

    @Test
    public void anExhaustedPoolRefusesUntilTensorsAreClosed() {
        TensorEngineStatus status = engine.status();
        int floats = (int) (status.blockBytes() / 4);
        int cols = Math.min(floats, 65536);
        int rows = floats / cols;
        List<Tensor> held = new ArrayList<>();
        TensorPoolExhaustedException exhausted = null;
        try {
            for (long i = 0; i <= status.poolBlocks(); i++) {
                held.add(engine.allocate(DType.F32, rows, cols));
            }
        } catch (TensorPoolExhaustedException e) {
            exhausted = e;
        }
        try {
            assertTrue("allocating more than the pool holds must fail", exhausted != null);
            assertTrue(exhausted.getMessage(), exhausted.getMessage().contains("ENOMEM"));
            assertEquals(status.poolBlocks() - status.blocksUsed(), held.size());
            assertEquals(status.poolBlocks(), engine.status().blocksUsed());
            // the copy path needs pool blocks for its copies too
            assertThrows(TensorPoolExhaustedException.class, () -> engine.sum(new float[4096], new float[4096]));
        } finally {
            for (Tensor t : held) {
                t.close();
            }
        }
        assertEquals(status.blocksUsed(), engine.status().blocksUsed());
        try (Tensor again = engine.allocate(DType.F32, rows, cols)) {
            again.floats().put(0, 1f);
            assertEquals(1f, again.floats().get(0), 0f);
        }
    }

    /** The device refuses to pin its own mapping (pool memory goes by offset); the reason says who refused. */
    @Test
    public void poolMemoryWrappedAsACallerBufferIsRefusedByTheDevice() {
        try (Tensor pool = engine.allocate(DType.F32, 4, 4); Tensor out = engine.allocate(DType.F32, 4, 4)) {
            Tensor alias = engine.wrap(pool.buffer(), DType.F32, 4, 4);
            assertMessage(assertThrows(IllegalArgumentException.class, () -> engine.relu(alias, out)),
                    "cogos_tensor module");
            alias.close();
        }
    }

    /**
     * What only the module can judge (an operand that is the device's own mapping) refuses the whole BATCH before
     * any op ran: the ops before it in the batch wrote nothing, and the message says who refused.
     */
    @Test
    public void aBatchTheModuleRefusesRunsNothing() {
        try (Tensor x = floats(4, 4, Reference.floats(new Random(33), 16, 1));
                Tensor first = engine.allocate(DType.F32, 4, 4); Tensor pool = engine.allocate(DType.F32, 4, 4);
                Tensor out = engine.allocate(DType.F32, 4, 4)) {
            first.floats().put(new float[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5});
            Tensor alias = engine.wrap(pool.buffer(), DType.F32, 4, 4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.batch(
                    Priority.SAFETY, List.of(TensorOp.relu(x, first), TensorOp.relu(alias, out))));
            assertMessage(e, "batch of 2 ops at priority 3: 0 completed");
            assertMessage(e, "refused by the cogos_tensor module");
            assertArrayEquals(new float[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, read(first), 0f);
            alias.close();
        }
    }

    /**
     * The kernel and the user-space twin run the same source: integer ops, element-wise ops, softmax and argmax
     * agree bit for bit; a matrix product too when both chose the same SIMD level, else within the bound.
     */
    @Test
    public void kernelAndUserspaceAgree() {
        try (NativeTensorEngine user = NativeTensorEngine.userspace()) {
            boolean sameSimd = user.status().simd().equals(engine.status().simd());
            Random random = new Random(20);
            for (int[] s : MATMUL_SHAPES) {
                int m = s[0], k = s[1], n = s[2];
                float[] a = Reference.floats(random, m * k, 1);
                float[] b = Reference.floats(random, k * n, 1);
                float[] fromKernel = matmul(engine, m, k, n, a, b);
                float[] fromUser = matmul(user, m, k, n, a, b);
                if (sameSimd) {
                    Reference.assertBitExact("matmul " + m + "x" + k + "x" + n, fromUser, fromKernel);
                } else {
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            Reference.assertWithin("matmul", fromUser[i * n + j], fromKernel[i * n + j],
                                    2 * Reference.matmulBound(a, b, k, n, i, j, 0));
                        }
                    }
                }
                int[] ia = Reference.ints(random, m * k);
                int[] ib = Reference.ints(random, k * n);
                assertArrayEquals(user.sum(ia, ia), engine.sum(ia, ia));
                Tensor ka = ints(m, k, ia);
                Tensor kb = ints(k, n, ib);
                Tensor kout = engine.allocate(DType.I32, m, n);
                engine.matmul(ka, kb, kout);
                assertArrayEquals(Reference.matmul(ia, ib, m, k, n), readInts(kout));
                Reference.assertBitExact("copy sum", user.sum(a, a), engine.sum(a, a));
                Tensor soft = engine.allocate(DType.F32, m, k);
                Tensor x = floats(m, k, a);
                engine.softmax(x, soft);
                Tensor userX = user.allocate(DType.F32, m, k);
                userX.floats().put(a);
                Tensor userSoft = user.allocate(DType.F32, m, k);
                user.softmax(userX, userSoft);
                Reference.assertBitExact("softmax", read(userSoft), read(soft));
                for (Tensor t : List.of(ka, kb, kout, soft, x, userX, userSoft)) {
                    t.close();
                }
            }
            List<DenseLayer> layers = List.of(layer(random, 8, 12, Activation.RELU), layer(random, 12, 4,
                    Activation.NONE));
            float[] input = Reference.floats(random, 10 * 8, 1);
            float[] kernelP = classify(engine, layers, input);
            float[] userP = classify(user, layers, input);
            if (sameSimd) {
                Reference.assertBitExact("mlp", userP, kernelP);
            } else {
                for (int i = 0; i < userP.length; i++) {
                    Reference.assertWithin("mlp", userP[i], kernelP[i], 2 * Reference.MLP_ABSOLUTE);
                }
            }
        }
    }

    private static float[] matmul(TensorEngine e, int m, int k, int n, float[] a, float[] b) {
        try (Tensor ta = e.allocate(DType.F32, m, k); Tensor tb = e.allocate(DType.F32, k, n);
                Tensor out = e.allocate(DType.F32, m, n)) {
            ta.floats().put(a);
            tb.floats().put(b);
            e.matmul(ta, tb, out);
            return read(out);
        }
    }

    private static float[] classify(TensorEngine e, List<DenseLayer> layers, float[] input) {
        int batch = input.length / layers.get(0).inputs();
        try (MlpNetwork network = e.loadNetwork(layers);
                Tensor in = e.allocate(DType.F32, batch, layers.get(0).inputs());
                Tensor out = e.allocate(DType.F32, batch, layers.get(layers.size() - 1).outputs())) {
            in.floats().put(input);
            network.classify(in, out, null);
            return read(out);
        }
    }
}
