package org.cogos.nativebridge.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.TensorEngineException;
import org.junit.After;
import org.junit.Test;

/**
 * The user-space backend's admission by priority. Each op records its name while it holds its turn, and each waiter
 * is started only once the one before it waits, so every order checked here is the gate's, not the scheduler's.
 */
public class PriorityGateTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<String> order = new CopyOnWriteArrayList<>();

    @After
    public void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue("test threads did not end", threads.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Starts an op that takes a turn at priority, records name, and gives the turn back; returns once it waits. */
    private Future<?> waitingOp(PriorityGate gate, String name, Priority priority) {
        int before = gate.waiting();
        Future<?> op = threads.submit(() -> {
            gate.acquire(priority);
            try {
                order.add(name);
            } finally {
                gate.release();
            }
        });
        await(name + " waits").atMost(WAIT).until(() -> gate.waiting() == before + 1);
        return op;
    }

    @Test
    public void aFreedTurnGoesToTheMostUrgentWaiterThenInArrivalOrder() throws Exception {
        PriorityGate gate = new PriorityGate(1);
        gate.acquire(Priority.BACKGROUND);
        List<Future<?>> ops = List.of(waitingOp(gate, "background 1", Priority.BACKGROUND),
                waitingOp(gate, "interactive 1", Priority.INTERACTIVE),
                waitingOp(gate, "background 2", Priority.BACKGROUND),
                waitingOp(gate, "interactive 2", Priority.INTERACTIVE));
        gate.release();
        for (Future<?> op : ops) {
            op.get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of("interactive 1", "interactive 2", "background 1", "background 2"), order);
        assertEquals(0, gate.waiting());
    }

    /** SAFETY computes at once even with every turn taken; the turn it took too many is kept back once. */
    @Test
    public void safetyNeverWaitsAndTheExtraTurnIsTakenBack() throws Exception {
        PriorityGate gate = new PriorityGate(1);
        gate.acquire(Priority.BACKGROUND);
        threads.submit(() -> gate.acquire(Priority.SAFETY)).get(10, TimeUnit.SECONDS);
        Future<?> waiter = waitingOp(gate, "interactive", Priority.INTERACTIVE);
        gate.release();     // two ops held turns, one turn exists: this one goes, nobody is admitted
        assertEquals("the interactive op still waits", 1, gate.waiting());
        gate.release();
        waiter.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("interactive"), order);
        assertEquals(0, gate.waiting());
    }

    @Test
    public void freeTurnsAreTakenWithoutWaitingWhateverTheClass() {
        PriorityGate gate = new PriorityGate(3);
        gate.acquire(Priority.BACKGROUND);
        gate.acquire(Priority.BACKGROUND);
        gate.acquire(Priority.SAFETY);
        assertEquals(0, gate.waiting());
        gate.release();
        gate.release();
        gate.release();
    }

    /**
     * Between two ops a batch keeps its turn, unless more urgent work waits: then that goes first, and the batch
     * waits again behind what waited before it in its own class.
     */
    @Test
    public void passHandsTheTurnOnlyToMoreUrgentWork() throws Exception {
        PriorityGate gate = new PriorityGate(1);
        gate.acquire(Priority.BACKGROUND);
        Future<?> background = waitingOp(gate, "background", Priority.BACKGROUND);
        gate.pass(Priority.BACKGROUND);     // only work of its own class waits: the turn stays
        order.add("batch op 1");
        Future<?> interactive = waitingOp(gate, "interactive", Priority.INTERACTIVE);
        Future<?> batch = threads.submit(() -> {
            gate.pass(Priority.BACKGROUND);
            try {
                order.add("batch op 2");
            } finally {
                gate.release();
            }
        });
        batch.get(10, TimeUnit.SECONDS);
        interactive.get(10, TimeUnit.SECONDS);
        background.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("batch op 1", "interactive", "background", "batch op 2"), order);
    }

    @Test
    public void anInterruptedWaiterHoldsNoTurnAndLeavesTheQueue() throws Exception {
        PriorityGate gate = new PriorityGate(1);
        gate.acquire(Priority.SAFETY);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try {
                gate.acquire(Priority.BACKGROUND);
            } catch (TensorEngineException e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        await("the op waits").atMost(WAIT).until(() -> gate.waiting() == 1);
        waiter.interrupt();
        waiter.join(10_000);
        assertTrue(String.valueOf(thrown.get()), thrown.get() instanceof TensorEngineException
                && thrown.get().getMessage().contains("interrupted"));
        assertTrue("the interrupt stays set", stillInterrupted.get());
        assertEquals(0, gate.waiting());
        gate.release();
        // the one turn is free again: taken at once
        threads.submit(() -> gate.acquire(Priority.BACKGROUND)).get(10, TimeUnit.SECONDS);
        assertEquals(0, gate.waiting());
    }

    @Test
    public void aGateNeedsATurn() {
        assertThrows(IllegalArgumentException.class, () -> new PriorityGate(0));
    }
}
