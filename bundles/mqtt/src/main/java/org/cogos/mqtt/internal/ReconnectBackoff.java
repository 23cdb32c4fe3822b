package org.cogos.mqtt.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before the link's next connection attempt: from {@link #FIRST_MS} doubling up to a cap, each
 * delay drawn between half of it and all of it. The cap bounds how long cogos stays unconnected after the broker
 * comes (back) up (issue 16 saw 9–13 s: the old steps doubled from 1 s to 30 s, and Paho's own reconnect takes 1 s
 * steps at the least); the doubling keeps a broker that is down from being hammered while the cap is large; the
 * jitter keeps several cogos nodes from arriving in one burst.
 *
 * <p>Thread-safe: attempts are scheduled from Paho's callback threads and the link's own.
 */
final class ReconnectBackoff {

    /** The first delay before jitter; the one after a connection is lost is 50–100 ms. */
    static final long FIRST_MS = 100;

    private final long capMs;
    private final DoubleSupplier random;
    private int attempts;

    ReconnectBackoff(long capMs) {
        this(capMs, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random uniform in [0, 1) */
    ReconnectBackoff(long capMs, DoubleSupplier random) {
        if (capMs < FIRST_MS) {
            throw new IllegalArgumentException("cap " + capMs + " ms is below the first delay " + FIRST_MS + " ms");
        }
        this.capMs = capMs;
        this.random = random;
    }

    /** The delay before the next attempt, in [base / 2, base] with base = min(cap, 100 ms × 2^attempts so far). */
    synchronized long nextDelayMs() {
        long base = Math.min(capMs, FIRST_MS << Math.min(attempts, 30));
        attempts++;
        long half = base / 2;
        return half + (long) (random.getAsDouble() * (base - half + 1));
    }

    /** After a connection: the next loss starts from the first delay again. */
    synchronized void reset() {
        attempts = 0;
    }
}
