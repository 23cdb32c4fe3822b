package org.cogos.runtime.internal;

/** Validated, immutable view of {@link RouterConfig}. */
record RouterOptions(int lanes, int laneQueueCapacity, int heldCapacity, long drainTimeoutMs,
        int quarantineAfterFaults) {

    static final RouterOptions DEFAULTS = new RouterOptions(4, 100_000, 100_000, 5_000, 20);

    RouterOptions {
        check("lanes", lanes, 1, 64);
        check("laneQueueCapacity", laneQueueCapacity, 16, 10_000_000);
        check("heldCapacity", heldCapacity, 0, 10_000_000);
        check("drainTimeoutMs", drainTimeoutMs, 0, 600_000);
        check("quarantineAfterFaults", quarantineAfterFaults, 1, 1_000_000);
    }

    static RouterOptions from(RouterConfig config) {
        return new RouterOptions(config.lanes(), config.laneQueueCapacity(), config.heldCapacity(),
                config.drainTimeoutMs(), config.quarantineAfterFaults());
    }

    private static void check(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("org.cogos.runtime " + key + " must be in [" + min + ", " + max
                    + "]: " + value);
        }
    }
}
