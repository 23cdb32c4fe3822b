package org.cogos.sensor.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the lidar module (PID {@value #PID}); the bounds are enforced by {@link SensorOptions}. */
@ObjectClassDefinition(id = SensorConfig.PID, name = "cogos lidar sensor",
        description = "Turns 2D laser scans into obstacle and person detections.")
public @interface SensorConfig {

    String PID = "org.cogos.sensor";

    @AttributeDefinition(name = "Maximum points", min = "1", max = "100000",
            description = "Largest number of ranges accepted in one scan; larger scans are refused while parsing.")
    int maxPoints() default 4096;

    @AttributeDefinition(name = "Cluster gap (m)", min = "0.01", max = "10",
            description = "Consecutive returns farther apart than this start a new cluster.")
    double clusterGapM() default 0.25;

    @AttributeDefinition(name = "Minimum cluster points", min = "1", max = "1000",
            description = "Clusters with fewer returns are dropped as noise.")
    int minClusterPoints() default 3;

    @AttributeDefinition(name = "Person threshold", min = "0.05", max = "0.95",
            description = "A cluster is labelled person when the classifier gives it at least this probability.")
    double personThreshold() default 0.5;
}
