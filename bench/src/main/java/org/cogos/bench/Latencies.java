package org.cogos.bench;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds and their percentiles. Percentiles are nearest-rank, as the runtime's lsmod window
 * and the ml runtime's model statistics compute theirs, so a figure measured here and one read from Karaf mean the
 * same thing.
 */
public final class Latencies {

    private long[] samples = new long[1024];
    private int count;
    private long total;

    public void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
        total += nanos;
    }

    public int count() {
        return count;
    }

    public long totalNanos() {
        return total;
    }

    public double meanMs() {
        return count == 0 ? Double.NaN : total / 1e6 / count;
    }

    /** @return the nearest-rank percentile in milliseconds, NaN when empty */
    public double percentileMs(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) Math.ceil(fraction * count) - 1)] / 1e6;
    }
}
