package org.cogos.mqtt.internal;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Named event counters of the MQTT link, shared by its components and shown by {@code MqttStatistics}. */
final class Counters {

    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    /** @return the new value, so callers can log the first and every n-th occurrence */
    long increment(String name) {
        LongAdder adder = counters.computeIfAbsent(name, n -> new LongAdder());
        adder.increment();
        return adder.sum();
    }

    void add(String name, long delta) {
        counters.computeIfAbsent(name, n -> new LongAdder()).add(delta);
    }

    SortedMap<String, Long> snapshot() {
        SortedMap<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, adder) -> snapshot.put(name, adder.sum()));
        return snapshot;
    }
}
