package org.cogos.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds and their percentiles. */
final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    int count() {
        return count;
    }

    /** @return the percentile in milliseconds */
    double percentileMs(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) Math.ceil(fraction * count) - 1)] / 1e6;
    }
}
