package org.cogos.mqtt.internal;

import static org.junit.Assert.fail;

import java.util.function.BooleanSupplier;

/** Polls a condition that becomes true asynchronously; fails the test with a message if it does not. */
final class Await {

    private Await() {
    }

    static void until(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out after " + timeoutMs + " ms waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
