package org.cogos.runtime.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.cogos.api.Percept;

/**
 * One routing thread of one modality, and the percepts it holds. A robot maps to exactly one lane of each
 * modality, and a lane does one thing at a time, so a robot's percepts of a modality are processed in arrival
 * order even across module swaps: held percepts are always handed over before any later percept.
 *
 * <p>Percepts submitted with a backlog (the serving module's {@code cogos.backlog}) are also tracked per robot
 * while they wait, queued or held: past the backlog, the oldest waiting one is superseded. The one being
 * processed does not wait and is never superseded.
 *
 * <p>Every entry's payload bytes count against its modality's total from {@link #reserve} until the entry is
 * done or superseded (exactly one of the two ends an entry), so the bytes a modality keeps waiting are bounded
 * whatever its percepts weigh: a count alone let a slow modality with large percepts (audio) grow the heap.
 */
final class Lane {

    /** The {@code cogos.backlog} a percept was submitted under, and the module it is counted to. */
    record Backlog(String module, int size) {
    }

    /** A percept on its way through the lane. The percept is let go once superseded, so its bytes are too. */
    static final class Entry {

        final String robotId;
        final int bytes;
        /** Null: untracked, never superseded. */
        final Backlog backlog;
        /** Guarded by the robot's bin in {@link #waiting} when tracked. */
        private Percept percept;
        private boolean running;
        private volatile boolean superseded;

        Entry(Percept percept, Backlog backlog) {
            this.robotId = percept.robotId();
            this.bytes = percept.payload().length;
            this.percept = percept;
            this.backlog = backlog;
        }

        /** The percept; only after {@link #take} said yes, on the lane thread. */
        Percept percept() {
            return percept;
        }

        boolean superseded() {
            return superseded;
        }
    }

    final String modality;
    /** Payload bytes of the modality's entries not yet done, over all its lanes. */
    private final AtomicLong modalityBytes;
    private final ThreadPoolExecutor executor;
    /** Touched only by this lane's thread. */
    private final ArrayDeque<Entry> held = new ArrayDeque<>();
    /** Tracked entries not yet done, per robot, oldest first. */
    private final Map<String, ArrayDeque<Entry>> waiting = new ConcurrentHashMap<>();

    Lane(String modality, int index, int queueCapacity, AtomicLong modalityBytes) {
        this.modality = modality;
        this.modalityBytes = modalityBytes;
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                r -> {
                    Thread t = new Thread(r, "cogos-router-" + modality + "-" + index);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Percepts queued for this lane's thread now. */
    int queued() {
        return executor.getQueue().size();
    }

    /** @throws RejectedExecutionException when the lane's queue is full or it is shut down */
    void execute(Runnable task) {
        executor.execute(task);
    }

    /**
     * Counts a new entry's bytes against the modality's, before it is tracked and queued.
     *
     * @return false, counting nothing, when they would pass {@code budget}; a lone entry always fits, so one
     *         percept larger than the budget is not refused for ever
     */
    boolean reserve(Entry entry, long budget) {
        long before;
        do {
            before = modalityBytes.get();
            if (before > 0 && before + entry.bytes > budget) {
                return false;
            }
        } while (!modalityBytes.compareAndSet(before, before + entry.bytes));
        return true;
    }

    /** Payload bytes the modality's entries hold, waiting or being processed. */
    long modalityBytes() {
        return modalityBytes.get();
    }

    /** Tracks a new entry before it is queued. @return the older entry it superseded, or null */
    Entry track(Entry entry) {
        if (entry.backlog == null) {
            return null;
        }
        Entry[] superseded = new Entry[1];
        waiting.compute(entry.robotId, (robot, entries) -> {
            ArrayDeque<Entry> list = entries == null ? new ArrayDeque<>() : entries;
            list.addLast(entry);
            superseded[0] = trim(list, entry.backlog.size());
            return list;
        });
        return superseded[0];
    }

    /**
     * Supersedes the oldest waiting entry when more than {@code size} wait. The newest is never the oldest
     * waiting while another waits, and size is at least 1, so the newest is never superseded.
     */
    private Entry trim(ArrayDeque<Entry> list, int size) {
        if (list.stream().filter(e -> !e.running).count() <= size) {
            return null;
        }
        for (Entry e : list) {
            if (!e.running) {
                list.remove(e);
                e.percept = null;
                e.superseded = true;
                modalityBytes.addAndGet(-e.bytes);
                return e;
            }
        }
        return null;
    }

    /** Lane thread: claims the entry for processing. @return false when it was superseded meanwhile */
    boolean take(Entry entry) {
        if (entry.backlog == null) {
            return true;
        }
        boolean[] taken = new boolean[1];
        waiting.computeIfPresent(entry.robotId, (robot, entries) -> {
            taken[0] = !entry.superseded;
            entry.running = taken[0];
            return entries;
        });
        return taken[0];
    }

    /**
     * Lane thread: a taken entry waits again (it is held), where a newer one may supersede it; if newer ones
     * came while it was taken, the oldest waiting one, maybe itself, is superseded now.
     *
     * @return the entry superseded, or null
     */
    Entry waitAgain(Entry entry) {
        if (entry.backlog == null) {
            return null;
        }
        Entry[] superseded = new Entry[1];
        waiting.computeIfPresent(entry.robotId, (robot, entries) -> {
            entry.running = false;
            superseded[0] = trim(entries, entry.backlog.size());
            return entries;
        });
        return superseded[0];
    }

    /** Lane thread (or the submitter whose entry the lane refused): the entry waits no more. */
    void done(Entry entry) {
        if (entry.backlog == null) {
            modalityBytes.addAndGet(-entry.bytes);
            return;
        }
        waiting.computeIfPresent(entry.robotId, (robot, entries) -> {
            // Not there: superseded meanwhile, which gave its bytes back.
            if (entries.remove(entry)) {
                modalityBytes.addAndGet(-entry.bytes);
            }
            return entries.isEmpty() ? null : entries;
        });
    }

    /** Lane thread only. */
    ArrayDeque<Entry> held() {
        return held;
    }

    /** Held percepts not superseded; only once the lane has terminated. */
    List<Percept> allHeld() {
        if (!executor.isTerminated()) {
            throw new IllegalStateException("held percepts belong to the lane thread until it has terminated");
        }
        // A submit racing the stop may still supersede one; its percept is then gone.
        return held.stream().map(Entry::percept).filter(Objects::nonNull).toList();
    }

    /** Take no more tasks; finish what is queued. */
    void stop() {
        executor.shutdown();
    }

    /** @return false when what was queued did not finish in time */
    boolean awaitStopped(long timeoutMs) throws InterruptedException {
        return executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    }
}
