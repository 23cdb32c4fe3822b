package org.cogos.mqtt.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class RobotRateLimitTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RobotRateLimit limit = new RobotRateLimit(100, now::get);

    private int acquired(String robot, int tries) {
        int granted = 0;
        for (int i = 0; i < tries; i++) {
            if (limit.tryAcquire(robot)) {
                granted++;
            }
        }
        return granted;
    }

    @Test
    public void aBurstOfOneSecondThenTheRate() {
        assertEquals("a second's worth at once", 100, acquired("r1", 500));
        assertFalse(limit.tryAcquire("r1"));
        now.addAndGet(250_000_000L);
        assertEquals("a quarter second refills 25", 25, acquired("r1", 500));
        now.addAndGet(10_000_000_000L);
        assertEquals("a long pause refills no more than the burst", 100, acquired("r1", 500));
    }

    @Test
    public void eachRobotHasItsOwnBucket() {
        assertEquals(100, acquired("flooder", 1000));
        assertEquals("another robot is not charged for it", 100, acquired("calm", 100));
    }

    @Test
    public void zeroMeansNoLimit() {
        RobotRateLimit off = new RobotRateLimit(0, now::get);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(off.tryAcquire("r1"));
        }
    }

    @Test(expected = IllegalArgumentException.class)
    public void refusesANegativeRate() {
        new RobotRateLimit(-1, now::get);
    }
}
