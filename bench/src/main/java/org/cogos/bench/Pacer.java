package org.cogos.bench;

import java.util.concurrent.locks.LockSupport;

/** Calls an action at a fixed rate against deadlines (no drift), as a sensor driver publishes. */
public final class Pacer {

    public interface Step {
        void run(long index) throws Exception;
    }

    private Pacer() {
    }

    /** @return the achieved rate per second: lower than asked when a step takes longer than the period */
    public static double run(long count, double ratePerSecond, Step step) throws Exception {
        long period = Math.round(1e9 / ratePerSecond);
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            step.run(i);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
