package org.cogos.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Latencies as a percentile spectrum, in an HdrHistogram (3 significant digits, up to a minute), so p99.9 and the
 * maximum are exact to the histogram's precision however many samples a run takes. Thread-safe.
 */
final class Spectrum {

    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);

    /** @param nanos from the percept's scheduled send time to its answer; clamped to a minute */
    synchronized void record(long nanos) {
        histogram.recordValue(Math.max(0, Math.min(nanos, HIGHEST_NANOS)));
    }

    synchronized long count() {
        return histogram.getTotalCount();
    }

    synchronized double percentileMs(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    synchronized double maxMs() {
        return histogram.getMaxValue() / 1e6;
    }

    static String header() {
        return String.format(Locale.ROOT, "  %-36s %8s %8s %8s %8s %8s %8s", "", "n", "p50 ms", "p90 ms", "p99 ms",
                "p99.9 ms", "max ms");
    }

    String row(String label) {
        return String.format(Locale.ROOT, "  %-36s %8d %8.2f %8.2f %8.2f %8.2f %8.2f", label, count(),
                percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(99.9), maxMs());
    }
}
