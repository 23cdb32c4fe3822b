package org.cogos.ml.internal;

import java.util.Arrays;

/** Calls, errors and latencies of one model; p99 over the last {@value #WINDOW} calls. Thread-safe. */
final class LatencyStats {

    static final int WINDOW = 1024;

    private final long[] recent = new long[WINDOW];
    private long calls;
    private long errors;
    private long totalMicros;

    synchronized void record(long micros) {
        recent[(int) (calls % WINDOW)] = micros;
        calls++;
        totalMicros += micros;
    }

    synchronized void error() {
        errors++;
    }

    synchronized long calls() {
        return calls;
    }

    synchronized long errors() {
        return errors;
    }

    /** -1 before the first call. */
    synchronized long meanMicros() {
        return calls == 0 ? -1 : totalMicros / calls;
    }

    /** The nearest-rank 99th percentile of the window; -1 before the first call. */
    synchronized long p99Micros() {
        int n = (int) Math.min(calls, WINDOW);
        if (n == 0) {
            return -1;
        }
        long[] sorted = Arrays.copyOf(recent, n);
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.99 * n) - 1];
    }
}
