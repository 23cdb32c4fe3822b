package org.cogos.runtime.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/** Events per second over the last few whole seconds, kept in per-second buckets. */
final class RateMeter {

    private static final int SECONDS = 8;
    private static final int WINDOW = 5;

    private final LongSupplier clockMillis;
    private final AtomicLongArray counts = new AtomicLongArray(SECONDS);
    private final AtomicLongArray epochs = new AtomicLongArray(SECONDS);

    RateMeter(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    void mark() {
        long second = clockMillis.getAsLong() / 1000;
        int slot = (int) (second % SECONDS);
        long seen = epochs.get(slot);
        if (seen != second && epochs.compareAndSet(slot, seen, second)) {
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** Average over the {@value #WINDOW} complete seconds before the current one. */
    double perSecond() {
        long now = clockMillis.getAsLong() / 1000;
        long total = 0;
        for (long s = now - WINDOW; s < now; s++) {
            int slot = (int) (s % SECONDS);
            if (epochs.get(slot) == s) {
                total += counts.get(slot);
            }
        }
        return total / (double) WINDOW;
    }
}
