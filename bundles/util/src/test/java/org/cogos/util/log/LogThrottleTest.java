package org.cogos.util.log;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class LogThrottleTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(-7 * SECOND);
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), now::get);

    @Test
    public void theFirstIsLoggedThenAtMostOnePerInterval() {
        assertTrue("the first", throttle.occurred());
        for (int i = 0; i < 1000; i++) {
            assertFalse(throttle.occurred());
        }
        now.addAndGet(10 * SECOND - 1);
        assertFalse("one nanosecond early", throttle.occurred());
        now.addAndGet(1);
        assertTrue("an interval after the last one logged", throttle.occurred());
        assertFalse(throttle.occurred());
        assertEquals("every occurrence counted", 1004, throttle.count());
    }

    @Test
    public void aSlowProblemIsLoggedEveryTime() {
        for (int i = 0; i < 5; i++) {
            assertTrue(throttle.occurred());
            now.addAndGet(11 * SECOND);
        }
        assertEquals(5, throttle.count());
    }

    @Test
    public void theIntervalRunsFromTheLastLineLoggedNotTheLastOccurrence() {
        assertTrue(throttle.occurred());
        for (int s = 1; s < 10; s++) {
            now.addAndGet(SECOND);
            assertFalse(throttle.occurred());
        }
        now.addAndGet(SECOND);
        assertTrue(throttle.occurred());
    }
}
