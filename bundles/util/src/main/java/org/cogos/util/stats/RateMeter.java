package org.cogos.util.stats;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Events per second over the last {@value #SECONDS} seconds: one counter per second in a ring, lock-free because
 * it is marked on hot paths (every routed percept, every tensor engine call). An event counted while its second's
 * slot is being recycled may be lost, which a rate shown to people tolerates.
 *
 * <p>The window is the current second and the {@value #SECONDS}&nbsp;&minus;&nbsp;1 before it, and the events in it
 * are divided by the time it actually covers. That is the native bridge's former {@code CallRate}; the runtime's
 * former {@code RateMeter} averaged the five complete seconds before the current one over a fixed five seconds.
 * This one is kept because it reads right at once: a new meter divides by its age instead of showing a fifth of
 * the rate for its first seconds, a stopped stream shows in the figure within the second instead of one second
 * late, and it runs on {@link System#nanoTime()}, which a wall-clock step cannot move backwards or forwards.
 */
public final class RateMeter {

    /** The seconds the window spans, the current one included. */
    public static final int SECONDS = 5;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final LongSupplier nanoTime;
    private final long start;
    private final AtomicLongArray second = new AtomicLongArray(SECONDS);
    private final AtomicLongArray count = new AtomicLongArray(SECONDS);

    /** A meter on {@link System#nanoTime()}, starting now. */
    public RateMeter() {
        this(System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds ({@link System#nanoTime()} outside tests) */
    public RateMeter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        for (int i = 0; i < SECONDS; i++) {
            second.set(i, -1);
        }
    }

    /** Counts one event now. */
    public void record() {
        long now = (nanoTime.getAsLong() - start) / SECOND;
        int slot = (int) (now % SECONDS);
        long seen = second.get(slot);
        if (seen != now && second.compareAndSet(slot, seen, now)) {
            count.set(slot, 0);
        }
        count.incrementAndGet(slot);
    }

    /** Events in the window divided by the time it covers (less than the window while the meter is young). */
    public double perSecond() {
        long elapsed = nanoTime.getAsLong() - start;
        long now = elapsed / SECOND;
        long events = 0;
        for (int i = 0; i < SECONDS; i++) {
            long s = second.get(i);
            if (s > now - SECONDS && s <= now) {
                events += count.get(i);
            }
        }
        long windowStart = Math.max(0, (now - SECONDS + 1) * SECOND);
        long span = elapsed - windowStart;
        return span <= 0 ? 0 : events * (double) SECOND / span;
    }
}
