package org.cogos.coordinator.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;

/**
 * A counted problem that is logged on its first occurrence and then once per {@value #LOG_EVERY}, so a
 * persistent fault at sensor rate cannot flood the log.
 */
final class CountedWarning {

    static final long LOG_EVERY = 1000;

    private final AtomicLong count = new AtomicLong();
    private final String what;
    private final Logger log;
    private final Consumer<String> events;

    /** @param events receives the same lines as the log, for the module event log ({@code cog:dmesg}) */
    CountedWarning(String what, Logger log, Consumer<String> events) {
        this.what = what;
        this.log = log;
        this.events = events;
    }

    void record(String detail) {
        long n = count.incrementAndGet();
        if (n == 1 || n % LOG_EVERY == 0) {
            String line = what + " (" + n + " so far): " + detail;
            log.warn(line);
            events.accept(line);
        }
    }

    long count() {
        return count.get();
    }
}
