package org.cogos.runtime.internal;

import java.util.concurrent.atomic.LongAdder;

import org.cogos.util.stats.Latencies;
import org.cogos.util.stats.RateMeter;

/** Counters of one module name; survive swaps so lsmod shows the module's history across versions. */
final class ModuleMetrics {

    /** How many of the most recent processing latencies lsmod's p99 is taken over. */
    static final int LATENCY_WINDOW = 2048;

    final LongAdder processed = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** Percepts dropped unprocessed for newer ones of the same robot (the module's backlog). */
    final LongAdder superseded = new LongAdder();
    final RateMeter rate = new RateMeter();
    final Latencies latency = new Latencies(LATENCY_WINDOW);

    void recordProcessed(long nanos) {
        processed.increment();
        rate.record();
        latency.record(nanos);
    }
}
