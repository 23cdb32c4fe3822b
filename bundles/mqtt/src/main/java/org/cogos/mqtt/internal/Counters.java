package org.cogos.mqtt.internal;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.cogos.api.admin.MqttCounter;

/**
 * The event counters of the MQTT link ({@link MqttCounter}, and refused percepts per error code), shared by its
 * components and shown by {@code MqttStatistics}.
 */
final class Counters {

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    /** @return the new value, so callers can log the first and every n-th occurrence */
    long increment(MqttCounter counter) {
        return increment(counter.key());
    }

    /** Counts a refused percept under its error code; @return the new value of that code's counter */
    long incrementError(String code) {
        return increment(MqttCounter.ERRORS_PREFIX + code);
    }

    void add(MqttCounter counter, long delta) {
        counters.computeIfAbsent(counter.key(), n -> new LongAdder()).add(delta);
    }

    private long increment(String name) {
        LongAdder adder = counters.computeIfAbsent(name, n -> new LongAdder());
        adder.increment();
        return adder.sum();
    }

    SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, adder) -> snapshot.put(name, adder.sum()));
        return snapshot;
    }
}
