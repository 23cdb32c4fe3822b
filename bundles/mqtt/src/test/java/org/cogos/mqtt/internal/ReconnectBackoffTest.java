package org.cogos.mqtt.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class ReconnectBackoffTest {

    private static List<Long> delays(ReconnectBackoff backoff, int n) {
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            delays.add(backoff.nextDelayMs());
        }
        return delays;
    }

    @Test
    public void doublesFrom100MsUpToTheCapAtTheTopOfTheJitter() {
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), delays(new ReconnectBackoff(1000, () -> 0.999999),
                6));
    }

    @Test
    public void neverLessThanHalfOfTheStep() {
        assertEquals(List.of(50L, 100L, 200L, 400L, 500L, 500L), delays(new ReconnectBackoff(1000, () -> 0.0), 6));
    }

    @Test
    public void aResetStartsFromTheFirstDelayAgain() {
        ReconnectBackoff backoff = new ReconnectBackoff(30_000, () -> 0.999999);
        delays(backoff, 20);
        assertEquals(30_000L, backoff.nextDelayMs());
        backoff.reset();
        assertEquals(100L, backoff.nextDelayMs());
    }

    /** Issue 16: with the default cap, no wait between first-connection attempts exceeds 1 s. */
    @Test
    public void withTheDefaultCapNoWaitExceedsOneSecond() {
        ReconnectBackoff backoff = new ReconnectBackoff(1000);
        for (long delay : delays(backoff, 10_000)) {
            assertTrue(delay + " ms", delay >= 50 && delay <= 1000);
        }
    }

    @Test(expected = IllegalArgumentException.class)
    public void aCapBelowTheFirstDelayIsRefused() {
        new ReconnectBackoff(50);
    }
}
