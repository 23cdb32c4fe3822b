package org.cogos.sensor.internal;

/**
 * The lidar module's parameters, checked against the bounds declared in {@link SensorConfig}. Config Admin
 * does not enforce Metatype bounds, so a hand-edited {@code etc/org.cogos.sensor.cfg} is checked here.
 */
record SensorOptions(int maxPoints, double clusterGapM, int minClusterPoints, double personThreshold) {

    SensorOptions {
        requireWithin("maxPoints", maxPoints, 1, 100_000);
        requireWithin("clusterGapM", clusterGapM, 0.01, 10);
        requireWithin("minClusterPoints", minClusterPoints, 1, 1000);
        requireWithin("personThreshold", personThreshold, 0.05, 0.95);
    }

    static SensorOptions from(SensorConfig config) {
        return new SensorOptions(config.maxPoints(), config.clusterGapM(), config.minClusterPoints(),
                config.personThreshold());
    }

    private static void requireWithin(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "org.cogos.sensor: " + key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }

    private static void requireWithin(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    "org.cogos.sensor: " + key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }
}
