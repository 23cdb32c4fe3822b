package org.cogos.sensor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the lidar module (PID {@value #PID}); the bounds are enforced by {@link SensorOptions}. */
@ObjectClassDefinition(id = SensorConfig.PID, name = "cogos lidar sensor",
        description = "Turns 2D laser scans into obstacle and person detections.")
public @interface SensorConfig {

    String PID = "org.cogos.sensor";

    // Bounds are constants so that the module's Options check the very numbers Metatype shows (the
    // annotation is not visible at run time); cog:param reads them from the Metatype.
    String MAX_POINTS_MIN = "1";
    String MAX_POINTS_MAX = "100000";
    String CLUSTER_GAP_M_MIN = "0.01";
    String CLUSTER_GAP_M_MAX = "10";
    String MIN_CLUSTER_POINTS_MIN = "1";
    String MIN_CLUSTER_POINTS_MAX = "1000";
    String PERSON_THRESHOLD_MIN = "0.05";
    String PERSON_THRESHOLD_MAX = "0.95";

    @AttributeDefinition(name = "Maximum points", min = MAX_POINTS_MIN, max = MAX_POINTS_MAX,
            description = "Largest number of ranges accepted in one scan; larger scans are refused while parsing.")
    int maxPoints() default 4096;

    @AttributeDefinition(name = "Cluster gap (m)", min = CLUSTER_GAP_M_MIN, max = CLUSTER_GAP_M_MAX,
            description = "Consecutive returns farther apart than this start a new cluster.")
    double clusterGapM() default 0.25;

    @AttributeDefinition(name = "Minimum cluster points", min = MIN_CLUSTER_POINTS_MIN, max = MIN_CLUSTER_POINTS_MAX,
            description = "Clusters with fewer returns are dropped as noise.")
    int minClusterPoints() default 3;

    @AttributeDefinition(name = "Person threshold", min = PERSON_THRESHOLD_MIN, max = PERSON_THRESHOLD_MAX,
            description = "A cluster is labelled person when the classifier gives it at least this probability.")
    double personThreshold() default 0.5;
}
