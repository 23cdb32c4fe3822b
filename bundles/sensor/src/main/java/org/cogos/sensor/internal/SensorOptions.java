package org.cogos.sensor.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.sensor.internal.SensorConfig.*;

/**
 * The lidar module's parameters, checked against the bounds declared in {@link SensorConfig}. Config Admin
 * does not enforce Metatype bounds, so a hand-edited {@code etc/org.cogos.sensor.cfg} is checked here.
 */
record SensorOptions(int maxPoints, double clusterGapM, int minClusterPoints, double personThreshold) {

    SensorOptions {
        within(PID, "maxPoints", maxPoints, MAX_POINTS_MIN, MAX_POINTS_MAX);
        within(PID, "clusterGapM", clusterGapM, CLUSTER_GAP_M_MIN, CLUSTER_GAP_M_MAX);
        within(PID, "minClusterPoints", minClusterPoints, MIN_CLUSTER_POINTS_MIN, MIN_CLUSTER_POINTS_MAX);
        within(PID, "personThreshold", personThreshold, PERSON_THRESHOLD_MIN, PERSON_THRESHOLD_MAX);
    }

    static SensorOptions from(SensorConfig config) {
        return new SensorOptions(config.maxPoints(), config.clusterGapM(), config.minClusterPoints(),
                config.personThreshold());
    }
}
