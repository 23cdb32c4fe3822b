package org.cogos.util.stats;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds: the count and total of all of them, and percentiles over the most recent
 * {@code window} (all of them when unbounded). Percentiles are nearest-rank: the smallest sample that at least that
 * fraction of the samples does not exceed, so a p99 is a latency some call really had. The runtime's lsmod column,
 * the ml bundle's model statistics and the benchmarks all compute theirs here, so a figure read from Karaf and one
 * a benchmark prints mean the same thing.
 *
 * <p>Thread-safe with one monitor, held for a few stores per sample; a percentile is computed on a copy taken under
 * it, so it never mixes samples of two moments.
 */
public final class Latencies {

    private final int window;
    private long[] samples;
    private long count;
    private long total;

    /** Keeps every sample (a bounded run: a benchmark, a test). */
    public Latencies() {
        this.window = Integer.MAX_VALUE;
        this.samples = new long[1024];
    }

    /** Keeps the last {@code window} samples for percentiles (a long-running monitor). */
    public Latencies(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, got " + window);
        }
        this.window = window;
        this.samples = new long[window];
    }

    public synchronized void record(long nanos) {
        int slot = (int) (count % window);
        if (slot == samples.length) {
            samples = Arrays.copyOf(samples, (int) Math.min(window, 2L * samples.length));
        }
        samples[slot] = nanos;
        count++;
        total += nanos;
    }

    /** Samples recorded, all of them. */
    public synchronized long count() {
        return count;
    }

    /** The sum of all samples recorded. */
    public synchronized long totalNanos() {
        return total;
    }

    /** The mean of all samples, or -1 before the first. */
    public synchronized long meanNanos() {
        return count == 0 ? -1 : total / count;
    }

    /** The mean of all samples in milliseconds, or NaN before the first. */
    public synchronized double meanMs() {
        return count == 0 ? Double.NaN : total / 1e6 / count;
    }

    /** The nearest-rank percentile of the window, {@code fraction} in (0, 1], or -1 before the first sample. */
    public long percentileNanos(double fraction) {
        long[] sorted;
        synchronized (this) {
            if (count == 0) {
                return -1;
            }
            sorted = Arrays.copyOf(samples, (int) Math.min(count, window));
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        return sorted[Math.max(0, Math.min(n - 1, (int) Math.ceil(fraction * n) - 1))];
    }

    /** {@link #percentileNanos} in milliseconds, or NaN before the first sample. */
    public double percentileMs(double fraction) {
        long nanos = percentileNanos(fraction);
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }
}
