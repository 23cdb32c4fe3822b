package org.cogos.util.stats;

import static org.junit.Assert.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

public class RateMeterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final RateMeter rate = new RateMeter(now::get);

    private void events(int n) {
        for (int i = 0; i < n; i++) {
            rate.record();
        }
    }

    @Test
    public void aYoungMeterDividesByItsAge() {
        assertEquals(0, rate.perSecond(), 0);
        now.addAndGet(SECOND / 2);
        events(10);
        assertEquals(20, rate.perSecond(), 1e-9);
    }

    @Test
    public void theWindowSlidesAndForgetsOldSeconds() {
        for (int s = 0; s < 10; s++) {
            events(s < 5 ? 100 : 10);
            now.addAndGet(SECOND);
        }
        // seconds 5..9 hold 10 events each; now is the start of second 10, which has none yet
        now.addAndGet(-1);
        assertEquals(10, rate.perSecond(), 1e-6);
        now.addAndGet(1 + RateMeter.SECONDS * SECOND);
        assertEquals("nothing in the last window", 0, rate.perSecond(), 0);
    }

    @Test
    public void aSlotIsReusedForItsNewSecond() {
        events(50);
        now.addAndGet(RateMeter.SECONDS * SECOND);   // same slot, 5 s later
        events(5);
        now.addAndGet(SECOND - 1);
        assertEquals(5.0 * SECOND / (RateMeter.SECONDS * SECOND - 1), rate.perSecond(), 1e-9);
    }
}
