package org.cogos.coordinator.internal;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.cogos.util.log.LogThrottle;
import org.slf4j.Logger;

/**
 * A counted problem, logged as cogos logs every repeating warning ({@link LogThrottle}: the first, then at most one
 * line per interval, each with the count so far), so a persistent fault at sensor rate cannot flood the log or the
 * module event log.
 */
final class CountedWarning {

    private final LogThrottle throttle;
    private final String what;
    private final Logger log;
    private final Consumer<String> events;

    /**
     * @param events    receives the same lines as the log, for the module event log ({@code cog:dmesg})
     * @param nanoClock the coordinator's clock ({@link System#nanoTime()} outside tests)
     */
    CountedWarning(String what, Logger log, Consumer<String> events, LongSupplier nanoClock) {
        this.throttle = new LogThrottle(LogThrottle.INTERVAL, nanoClock);
        this.what = what;
        this.log = log;
        this.events = events;
    }

    void record(String detail) {
        if (throttle.occurred()) {
            String line = what + " (" + throttle.count() + " so far): " + detail;
            log.warn(line);
            events.accept(line);
        }
    }

    long count() {
        return throttle.count();
    }
}
