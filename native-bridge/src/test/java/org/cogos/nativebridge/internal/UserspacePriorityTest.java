package org.cogos.nativebridge.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.cogos.api.tensor.Activation;
import org.cogos.api.tensor.DType;
import org.cogos.api.tensor.DenseLayer;
import org.cogos.api.tensor.MlpNetwork;
import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.Tensor;
import org.cogos.api.tensor.TensorOp;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The user-space backend's calls take a turn of its {@link PriorityGate} as their class. The test holds every turn,
 * lines calls up behind them (each started once the one before it waits), runs a SAFETY call (which must not wait),
 * frees one turn and reads the order from the data: a more urgent op reads a tensor a less urgent op writes, so it
 * sees zeros only if it ran first.
 */
public class UserspacePriorityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private NativeTensorEngine engine;
    private PriorityGate gate;
    private int held;

    @Before
    public void holdEveryTurn() {
        engine = NativeTensorEngine.userspace();
        gate = engine.gate();
        for (int i = 0; i < gate.turns(); i++) {
            gate.acquire(Priority.INTERACTIVE);
            held++;
        }
    }

    @After
    public void giveBack() throws InterruptedException {
        for (; held > 0; held--) {
            gate.release();
        }
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        engine.close();
    }

    private Future<?> waiting(String what, Runnable call) {
        int before = gate.waiting();
        Future<?> f = threads.submit(call);
        await(what + " waits for a turn").atMost(WAIT).until(() -> gate.waiting() == before + 1);
        return f;
    }

    private void freeOneTurn() {
        gate.release();
        held--;
    }

    private Tensor filled(float... values) {
        Tensor t = engine.allocate(DType.F32, 1, values.length);
        t.floats().put(values);
        return t;
    }

    private static float[] read(Tensor t) {
        float[] v = new float[t.rows() * t.cols()];
        t.floats().get(v);
        return v;
    }

    @Test
    public void safetyRunsAtOnceAndTheOthersMostUrgentFirst() throws Exception {
        Tensor x = filled(1, 2, 3, 4);
        Tensor y = filled(10, 20, 30, 40);
        Tensor t1 = engine.allocate(DType.F32, 1, 4);
        Tensor t2 = engine.allocate(DType.F32, 1, 4);
        Tensor u1 = filled(-1, -1, -1, -1);
        Tensor u2 = filled(-1, -1, -1, -1);
        Tensor v = filled(-1, -1, -1, -1);
        Future<?> background = waiting("the background batch",
                () -> engine.batch(Priority.BACKGROUND, List.of(TensorOp.sum(x, y, t1), TensorOp.sum(x, y, t2))));
        Future<?> interactive = waiting("a single op (interactive)", () -> engine.relu(t2, v));
        // every turn is taken and two ops wait: SAFETY computes anyway
        threads.submit(() -> engine.batch(Priority.SAFETY, List.of(TensorOp.relu(t1, u1), TensorOp.relu(t2, u2))))
                .get(10, TimeUnit.SECONDS);
        assertEquals("the others still wait", 2, gate.waiting());
        freeOneTurn();
        interactive.get(10, TimeUnit.SECONDS);
        background.get(10, TimeUnit.SECONDS);
        float[] zeros = new float[4];
        assertArrayEquals("the safety batch ran before the background batch", zeros, read(u1), 0f);
        assertArrayEquals("both its ops", zeros, read(u2), 0f);
        assertArrayEquals("the interactive op ran before the background batch", zeros, read(v), 0f);
        assertArrayEquals(new float[] {11, 22, 33, 44}, read(t1), 0f);
        assertArrayEquals(new float[] {11, 22, 33, 44}, read(t2), 0f);
        assertEquals(0, gate.waiting());
    }

    @Test
    public void classifyWaitsAsTheClassItIsGiven() throws Exception {
        List<DenseLayer> layers = List.of(new DenseLayer(4, 3, new float[] {1, 0, 2, 0, 1, -1, 3, 1, 0, -2, 0, 1},
                new float[] {0.5f, -0.5f, 0.25f}, Activation.NONE));
        try (MlpNetwork network = engine.loadNetwork(layers)) {
            Tensor input = engine.allocate(DType.F32, 1, 4);
            Tensor atZero = engine.allocate(DType.F32, 1, 3);
            Tensor early = engine.allocate(DType.F32, 1, 3);
            Tensor late = engine.allocate(DType.F32, 1, 3);
            Tensor x = filled(1, 2, 3, 4);
            Future<?> write = waiting("a single op (interactive) writing the input", () -> engine.sum(x, x, input));
            Future<?> background = waiting("classify at BACKGROUND",
                    () -> network.classify(Priority.BACKGROUND, input, late, null));
            threads.submit(() -> network.classify(Priority.SAFETY, input, early, null)).get(10, TimeUnit.SECONDS);
            freeOneTurn();
            write.get(10, TimeUnit.SECONDS);
            background.get(10, TimeUnit.SECONDS);
            // references once the queue is empty: on a zero input, and on the input as written
            network.classify(engine.allocate(DType.F32, 1, 4), atZero, null);
            Tensor written = engine.allocate(DType.F32, 1, 3);
            network.classify(input, written, null);
            assertArrayEquals("SAFETY ran before the interactive op wrote the input", read(atZero), read(early), 0f);
            assertArrayEquals("BACKGROUND ran after it", read(written), read(late), 0f);
            assertArrayEquals(new float[] {2, 4, 6, 8}, read(input), 0f);
        }
    }
}
