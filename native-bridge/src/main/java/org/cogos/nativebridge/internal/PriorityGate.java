package org.cogos.nativebridge.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.cogos.api.tensor.Priority;
import org.cogos.api.tensor.TensorEngineException;

/**
 * The user-space backend's counterpart of the kernel module's priority queue: {@code turns} ops compute at once;
 * an {@link Priority#INTERACTIVE} or {@link Priority#BACKGROUND} op that finds every turn taken waits, and a
 * finishing op hands its turn straight to the longest-waiting op of the more urgent class (so a turn is never up
 * for grabs between classes). A running op is not preempted. A batch keeps its turn from its first op to its last
 * and, between two ops, {@linkplain #pass passes} it only to a waiting op of a more urgent class.
 *
 * <p>A {@link Priority#SAFETY} op never waits: with every turn taken it computes at once on one turn too many, and
 * the next turn given back is kept instead of handed on, so the excess lasts until some op ends. Why: a turn frees
 * only when a running op ends, which may be a whole large op, whereas Linux's scheduler gives a thread that just
 * woke a core ahead of threads that have computed for a while, so the SAFETY op shares a core with a running op for
 * its own short while (bench/README.md, "Priorities", measured both ways). The kernel module does the same for
 * small ops: one of at most {@code inline_max_work} runs in the caller's ioctl, queueing for nothing.
 *
 * <p>Why a gate and not an executor of its own threads: the ops keep running on the caller's thread, as before,
 * so an uncontended op costs one lock round trip here, no hand-off between threads.
 */
final class PriorityGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final int turns;
    /**
     * Turns nobody holds, under lock; below zero by the SAFETY ops computing beyond the limit. While a turn is free
     * nobody waits: release() hands turns to waiters.
     */
    private int free;
    /** Waiters per class, indexed by {@link Priority#ordinal()} (most urgent first); under lock. */
    private final ArrayDeque<Waiter>[] waiting;
    private int waiters;

    /** One waiting op; admitted when a finishing op handed it its turn. */
    private final class Waiter {
        final Condition admittedChanged = lock.newCondition();
        boolean admitted;
    }

    @SuppressWarnings("unchecked")
    PriorityGate(int turns) {
        if (turns < 1) {
            throw new IllegalArgumentException("a priority gate needs at least one turn, got " + turns);
        }
        this.turns = turns;
        this.free = turns;
        this.waiting = new ArrayDeque[Priority.values().length];
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = new ArrayDeque<>();
        }
    }

    int turns() {
        return turns;
    }

    /** Ops waiting for a turn now. */
    int waiting() {
        lock.lock();
        try {
            return waiters;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a turn: SAFETY at once, the others behind every op of the same or a more urgent class that waits already.
     *
     * @throws TensorEngineException when interrupted while waiting (the interrupt stays set); no turn is held then
     */
    void acquire(Priority priority) {
        Objects.requireNonNull(priority, "priority");
        lock.lock();
        try {
            if (free > 0 || priority == Priority.SAFETY) {
                free--;
                return;
            }
            await(priority);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Between two ops of a batch that holds a turn at {@code priority}: keeps the turn unless an op of a more
     * urgent class waits; then hands it to that op and waits for a turn again, as {@link #acquire} does.
     *
     * @throws TensorEngineException when interrupted while waiting again; no turn is held then
     */
    void pass(Priority priority) {
        lock.lock();
        try {
            for (int more = 0; more < priority.ordinal(); more++) {
                if (!waiting[more].isEmpty()) {
                    handOn();
                    await(priority);
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under lock, no turn held: waits until a finishing op hands this one a turn. */
    private void await(Priority priority) {
        Waiter me = new Waiter();
        waiting[priority.ordinal()].addLast(me);
        waiters++;
        while (!me.admitted) {
            try {
                me.admittedChanged.await();
            } catch (InterruptedException e) {
                if (me.admitted) {
                    handOn();
                } else {
                    waiting[priority.ordinal()].remove(me);
                    waiters--;
                }
                Thread.currentThread().interrupt();
                throw new TensorEngineException("interrupted while waiting for a turn to compute (" + priority
                        + ", every one of the " + turns + " turns taken)", e);
            }
        }
    }

    /** Gives back a turn taken by {@link #acquire}. */
    void release() {
        lock.lock();
        try {
            handOn();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under lock: the turn makes up for a SAFETY op beyond the limit, or goes to the first waiter of the most urgent
     * class, or back to the free ones.
     */
    private void handOn() {
        if (free < 0) {
            free++;
            return;
        }
        for (ArrayDeque<Waiter> queue : waiting) {
            Waiter next = queue.pollFirst();
            if (next != null) {
                waiters--;
                next.admitted = true;
                next.admittedChanged.signal();
                return;
            }
        }
        free++;
    }
}
