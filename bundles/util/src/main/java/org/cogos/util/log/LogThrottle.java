package org.cogos.util.log;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * One warning that can repeat at input rate (a flooding client, a full queue, a robot sending garbage): every
 * occurrence is counted, the first is logged, and after that at most one per interval, each line saying how many
 * there were so far. The exact figure stays in the caller's counters; the log shows that the problem goes on and
 * how fast.
 *
 * <p>This is the one policy cogos logs repeating warnings by. It replaced three: the broker's (at most one line per
 * 10 s, the next one saying how many were left out), the coordinator's and the MQTT client's (the first, then every
 * 1000th), and a line for every occurrence (audio transcripts the router refused, malformed robot statuses and acks).
 * Time wins over a count because it bounds what the log takes whatever the rate: every 1000th is ten lines a second
 * at 10,000 bad messages a second, and a problem that comes back twice a minute would show its second line after
 * eight hours; one line per interval is six a minute at most and never hides a slow problem for longer than the
 * interval. The running total in each line keeps what the left-out lines would have said.
 *
 * <p>Thread-safe and lock-free.
 */
public final class LogThrottle {

    /** How often a repeating warning is logged at most, unless a throttle is given another interval. */
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastLogged;

    /** At most one line per {@link #INTERVAL}, on {@link System#nanoTime()}. */
    public LogThrottle() {
        this(INTERVAL, System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds ({@link System#nanoTime()} outside tests) */
    public LogThrottle(Duration interval, LongSupplier nanoTime) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("negative interval " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.lastLogged = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
    }

    /**
     * Counts one occurrence.
     *
     * @return whether to log it: the first, then the first at least an interval after the last one logged
     */
    public boolean occurred() {
        count.incrementAndGet();
        long now = nanoTime.getAsLong();
        long last = lastLogged.get();
        return now - last >= intervalNanos && lastLogged.compareAndSet(last, now);
    }

    /** Occurrences counted so far. */
    public long count() {
        return count.get();
    }

    /** Counts one occurrence and, if it is to be logged, logs {@code message (N so far)} at WARN. */
    public void warn(Logger log, String message) {
        if (occurred()) {
            log.warn("{} ({} so far)", message, count());
        }
    }
}
