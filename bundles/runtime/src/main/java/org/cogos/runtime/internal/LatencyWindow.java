package org.cogos.runtime.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The most recent processing latencies of a module, for percentiles on demand. Writers never block: a slot is
 * claimed with one atomic increment, so a reader may see a mix of old and new samples, which is fine for a
 * monitoring figure.
 */
final class LatencyWindow {

    private static final int SIZE = 2048;

    private final AtomicLongArray samples = new AtomicLongArray(SIZE);
    private final AtomicLong written = new AtomicLong();

    void record(long nanos) {
        samples.set((int) (written.getAndIncrement() & (SIZE - 1)), nanos);
    }

    /** @return the percentile in nanoseconds over the window, or -1 before the first sample */
    long percentile(double fraction) {
        int n = (int) Math.min(written.get(), SIZE);
        if (n == 0) {
            return -1;
        }
        long[] copy = new long[n];
        for (int i = 0; i < n; i++) {
            copy[i] = samples.get(i);
        }
        Arrays.sort(copy);
        return copy[Math.min(n - 1, (int) Math.ceil(fraction * n) - 1)];
    }
}
