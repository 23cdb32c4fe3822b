package org.cogos.nativebridge.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Calls per second over the last {@value #SECONDS} seconds: one counter per second in a ring. Lock-free because
 * every engine call records here; a call counted while its second's slot is being recycled may be lost, which a
 * rate shown to people tolerates.
 */
final class CallRate {

    static final int SECONDS = 5;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoTime;
    private final long start;
    private final AtomicLongArray second = new AtomicLongArray(SECONDS);
    private final AtomicLongArray count = new AtomicLongArray(SECONDS);

    CallRate(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        for (int i = 0; i < SECONDS; i++) {
            second.set(i, -1);
        }
    }

    void record() {
        long now = (nanoTime.getAsLong() - start) / SECOND;
        int slot = (int) (now % SECONDS);
        long seen = second.get(slot);
        if (seen != now && second.compareAndSet(slot, seen, now)) {
            count.set(slot, 0);
        }
        count.incrementAndGet(slot);
    }

    /** Calls in the window divided by the time it covers (less than the window while the engine is young). */
    double perSecond() {
        long elapsed = nanoTime.getAsLong() - start;
        long now = elapsed / SECOND;
        long calls = 0;
        for (int i = 0; i < SECONDS; i++) {
            long s = second.get(i);
            if (s > now - SECONDS && s <= now) {
                calls += count.get(i);
            }
        }
        long windowStart = Math.max(0, (now - SECONDS + 1) * SECOND);
        long span = elapsed - windowStart;
        return span <= 0 ? 0 : calls * (double) SECOND / span;
    }
}
