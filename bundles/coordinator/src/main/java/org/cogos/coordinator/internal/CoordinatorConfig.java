package org.cogos.coordinator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the coordinator (PID {@value #PID}); the bounds are enforced by {@link CoordinatorOptions}. */
@ObjectClassDefinition(id = CoordinatorConfig.PID, name = "cogos coordinator",
        description = "Fuses observations into scenes per robot and sends the decision engine's actions.")
public @interface CoordinatorConfig {

    String PID = "org.cogos.coordinator";

    @AttributeDefinition(name = "Window (ms)", min = "1", max = "60000",
            description = "A scene holds the newest observation of each modality received at most this long "
                    + "before the observation that triggers it.")
    long windowMs() default 500;

    @AttributeDefinition(name = "Repeat suppression (ms)", min = "0", max = "3600000",
            description = "An action of the same type and target label as the last one sent to the robot is "
                    + "not sent again within this time; 0 sends every action.")
    long repeatSuppressionMs() default 2000;

    @AttributeDefinition(name = "Robot idle (ms)", min = "1000", max = "86400000",
            description = "The state of a robot not heard of for this long is dropped.")
    long robotIdleMs() default 60000;

    @AttributeDefinition(name = "Maximum robots", min = "1", max = "1000000",
            description = "Robots tracked at once; observations of further robots are refused and counted.")
    int maxRobots() default 10000;

    @AttributeDefinition(name = "Action history", min = "0", max = "1000000",
            description = "The most recently decided actions kept, with their provenance, for cog:explain; "
                    + "0 keeps none.")
    int actionHistory() default 10000;
}
