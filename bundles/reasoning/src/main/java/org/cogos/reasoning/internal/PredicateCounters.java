package org.cogos.reasoning.internal;

import java.util.concurrent.atomic.LongAdder;

/** How often a predicate was evaluated and held since the engine started: live state, apart from its metadata. */
final class PredicateCounters {

    final LongAdder evaluations = new LongAdder();
    final LongAdder holds = new LongAdder();

    void record(boolean held) {
        evaluations.increment();
        if (held) {
            holds.increment();
        }
    }
}
