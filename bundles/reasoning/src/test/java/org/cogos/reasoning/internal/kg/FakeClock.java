package org.cogos.reasoning.internal.kg;

import java.util.function.LongSupplier;

/** A clock the test moves by hand. */
final class FakeClock implements LongSupplier {

    private long now;

    FakeClock(long start) {
        this.now = start;
    }

    void advance(long millis) {
        now += millis;
    }

    @Override
    public long getAsLong() {
        return now;
    }
}
