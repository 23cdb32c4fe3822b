package org.cogos.runtime.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.cogos.api.Percept;

/**
 * One routing thread and the percepts it holds. Every robot maps to exactly one lane, and a lane does one
 * thing at a time, so a robot's percepts are processed in arrival order even across module swaps: held
 * percepts of a modality are always handed over before any later percept of it.
 */
final class Lane {

    private final ThreadPoolExecutor executor;
    /** Touched only by this lane's thread. */
    private final Map<String, ArrayDeque<Percept>> held = new HashMap<>();

    Lane(int index, int queueCapacity) {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "cogos-router-lane-" + index);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** @throws RejectedExecutionException when the lane's queue is full or it is shut down */
    void execute(Runnable task) {
        executor.execute(task);
    }

    /** Lane thread only. */
    ArrayDeque<Percept> held(String modality) {
        return held.computeIfAbsent(modality, m -> new ArrayDeque<>());
    }

    /** Every held percept, of every modality; only once the lane has terminated. */
    List<Percept> allHeld() {
        if (!executor.isTerminated()) {
            throw new IllegalStateException("held percepts belong to the lane thread until it has terminated");
        }
        List<Percept> all = new ArrayList<>();
        held.values().forEach(all::addAll);
        return all;
    }

    /** Finish what is queued, then stop. @return false when it did not finish in time */
    boolean shutdown(long timeoutMs) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
