package org.cogos.coordinator.internal;

import java.util.concurrent.TimeUnit;

/**
 * The coordinator's parameters, checked against the bounds declared in {@link CoordinatorConfig} (Config Admin
 * does not enforce Metatype bounds).
 */
record CoordinatorOptions(long windowMs, long repeatSuppressionMs, long robotIdleMs, int maxRobots,
        int actionHistory) {

    CoordinatorOptions {
        requireWithin("windowMs", windowMs, 1, 60_000);
        requireWithin("repeatSuppressionMs", repeatSuppressionMs, 0, 3_600_000);
        requireWithin("robotIdleMs", robotIdleMs, 1000, 86_400_000);
        requireWithin("maxRobots", maxRobots, 1, 1_000_000);
        requireWithin("actionHistory", actionHistory, 0, 1_000_000);
    }

    static CoordinatorOptions from(CoordinatorConfig config) {
        return new CoordinatorOptions(config.windowMs(), config.repeatSuppressionMs(), config.robotIdleMs(),
                config.maxRobots(), config.actionHistory());
    }

    long windowNanos() {
        return TimeUnit.MILLISECONDS.toNanos(windowMs);
    }

    long repeatSuppressionNanos() {
        return TimeUnit.MILLISECONDS.toNanos(repeatSuppressionMs);
    }

    long robotIdleNanos() {
        return TimeUnit.MILLISECONDS.toNanos(robotIdleMs);
    }

    private static void requireWithin(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "org.cogos.coordinator: " + key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }
}
