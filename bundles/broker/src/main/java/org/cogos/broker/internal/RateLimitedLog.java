package org.cogos.broker.internal;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;

/**
 * A warning that may repeat at network speed (a flooding client, a full queue) is logged at most once per
 * interval; the next line says how many were left out. Used from the broker thread only.
 */
final class RateLimitedLog {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Logger log;
    private boolean loggedOnce;
    private long lastLoggedNanos;
    private long suppressed;

    RateLimitedLog(Logger log) {
        this.log = log;
    }

    void warn(String message) {
        long now = System.nanoTime();
        if (loggedOnce && now - lastLoggedNanos < INTERVAL_NANOS) {
            suppressed++;
            return;
        }
        if (suppressed > 0) {
            log.warn("{} ({} similar warnings suppressed)", message, suppressed);
        } else {
            log.warn(message);
        }
        loggedOnce = true;
        lastLoggedNanos = now;
        suppressed = 0;
    }
}
