package org.cogos.mqtt.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per robot for ingest: a robot may send {@code ratePerSecond} percepts a second, in bursts of up to
 * one second's worth, so a runaway robot's excess is refused at the door instead of queueing in front of the other
 * robots' percepts on the router's lanes. Written here rather than taken from a library: Guava's RateLimiter makes
 * a caller wait instead of refusing, and Bucket4j would be a bundle for twenty lines. The robots seen longest ago are
 * forgotten beyond {@link #ROBOTS} (one that comes back starts with a full bucket), so the map stays bounded.
 *
 * <p>Thread-safe; in practice called from the link's single delivery thread, so the lock is uncontended.
 */
final class RobotRateLimit {

    static final int ROBOTS = 100_000;

    private final int ratePerSecond;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > ROBOTS;
        }
    };

    /** @param ratePerSecond 0: no limit */
    RobotRateLimit(int ratePerSecond) {
        this(ratePerSecond, System::nanoTime);
    }

    RobotRateLimit(int ratePerSecond, LongSupplier nanoClock) {
        if (ratePerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0: " + ratePerSecond);
        }
        this.ratePerSecond = ratePerSecond;
        this.nanoClock = nanoClock;
    }

    /** @return whether the robot may send one more percept now; if so, it is counted */
    synchronized boolean tryAcquire(String robot) {
        if (ratePerSecond == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(robot, r -> new Bucket(ratePerSecond, now));
        bucket.tokens = Math.min(ratePerSecond, bucket.tokens + (now - bucket.refilledNanos) * ratePerSecond / 1e9);
        bucket.refilledNanos = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens--;
        return true;
    }

    int ratePerSecond() {
        return ratePerSecond;
    }

    private static final class Bucket {
        double tokens;
        long refilledNanos;

        Bucket(double tokens, long refilledNanos) {
            this.tokens = tokens;
            this.refilledNanos = refilledNanos;
        }
    }
}
