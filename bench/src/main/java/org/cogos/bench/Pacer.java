package org.cogos.bench;

import java.util.concurrent.locks.LockSupport;

/** Calls an action at a fixed rate against deadlines (no drift), as a sensor driver publishes. */
public final class Pacer {

    public interface Step {
        void run(long index) throws Exception;
    }

    /** A step told when it was due, so a latency can be measured from there (no coordinated omission). */
    public interface ScheduledStep {
        void run(long index, long dueNanos) throws Exception;
    }

    private Pacer() {
    }

    /** @return the achieved rate per second: lower than asked when a step takes longer than the period */
    public static double run(long count, double ratePerSecond, Step step) throws Exception {
        return run(count, ratePerSecond, (index, due) -> step.run(index));
    }

    /** As {@link #run(long, double, Step)}, each step given its due time ({@link System#nanoTime()}). */
    public static double run(long count, double ratePerSecond, ScheduledStep step) throws Exception {
        long period = Math.round(1e9 / ratePerSecond);
        long start = System.nanoTime();
        for (long i = 0; i < count && !Thread.currentThread().isInterrupted(); i++) {
            long due = start + i * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            step.run(i, due);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
