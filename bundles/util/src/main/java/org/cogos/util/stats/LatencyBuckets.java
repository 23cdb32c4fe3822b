package org.cogos.util.stats;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies counted by fixed upper bounds since creation: what a Prometheus histogram exposes, and what
 * {@link Latencies} cannot give (its percentiles are over a recent window, and a monitoring system adds up
 * counts over its own windows). The bounds never change, so counts taken at two moments can be subtracted.
 *
 * <p>Lock-free: a {@link LongAdder} per bucket, so the processing path pays an increment. A snapshot reads the
 * buckets one after the other, so it may hold a call in its bucket and not yet in the sum, or the reverse; a
 * scrape's figures are consistent to within the calls made while it read them.
 */
public final class LatencyBuckets {

    /** Upper bounds in nanoseconds, 50 µs to 10 s about 2.5x apart: lsmod's p99s here span 100 µs to seconds. */
    private static final long[] BOUNDS_NANOS = {50_000L, 100_000L, 250_000L, 500_000L, 1_000_000L, 2_500_000L,
        5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L, 100_000_000L, 250_000_000L, 500_000_000L,
        1_000_000_000L, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L};

    private final LongAdder[] counts = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();

    public LatencyBuckets() {
        Arrays.setAll(counts, i -> new LongAdder());
    }

    /** @return the upper bounds in nanoseconds, ascending; a last bucket takes what is above the last */
    public static long[] boundsNanos() {
        return BOUNDS_NANOS.clone();
    }

    /** Counts one latency in the first bucket whose bound it does not exceed. */
    public void record(long nanos) {
        int index = Arrays.binarySearch(BOUNDS_NANOS, nanos);
        counts[index >= 0 ? index : -index - 1].increment();
        sumNanos.add(nanos);
    }

    /** @return the count per bucket (not cumulative), one more than the bounds */
    public long[] counts() {
        long[] snapshot = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            snapshot[i] = counts[i].sum();
        }
        return snapshot;
    }

    /** @return the sum of the latencies counted, in nanoseconds */
    public long sumNanos() {
        return sumNanos.sum();
    }
}
