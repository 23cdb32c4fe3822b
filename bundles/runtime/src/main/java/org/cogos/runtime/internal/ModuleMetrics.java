package org.cogos.runtime.internal;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one module name; survive swaps so lsmod shows the module's history across versions. */
final class ModuleMetrics {

    final LongAdder processed = new LongAdder();
    final LongAdder errors = new LongAdder();
    final RateMeter rate = new RateMeter(System::currentTimeMillis);
    final LatencyWindow latency = new LatencyWindow();

    void recordProcessed(long nanos) {
        processed.increment();
        rate.mark();
        latency.record(nanos);
    }
}
