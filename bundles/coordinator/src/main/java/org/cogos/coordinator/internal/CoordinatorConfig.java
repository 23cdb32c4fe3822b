package org.cogos.coordinator.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the coordinator (PID {@value #PID}); the bounds are enforced by {@link CoordinatorOptions}. */
@ObjectClassDefinition(id = CoordinatorConfig.PID, name = "cogos coordinator",
        description = "Fuses observations into scenes per robot and sends the decision engine's actions.")
public @interface CoordinatorConfig {

    String PID = "org.cogos.coordinator";

    // Bounds are constants so that the module's Options check the very numbers Metatype shows (the
    // annotation is not visible at run time); cog:param reads them from the Metatype.
    String WINDOW_MS_MIN = "1";
    String WINDOW_MS_MAX = "60000";
    String REPEAT_SUPPRESSION_MS_MIN = "0";
    String REPEAT_SUPPRESSION_MS_MAX = "3600000";
    String ROBOT_IDLE_MS_MIN = "1000";
    String ROBOT_IDLE_MS_MAX = "86400000";
    String MAX_ROBOTS_MIN = "1";
    String MAX_ROBOTS_MAX = "1000000";
    String ACTION_HISTORY_MIN = "0";
    String ACTION_HISTORY_MAX = "1000000";
    String ENGINE_TIMEOUT_MS_MIN = "1";
    String ENGINE_TIMEOUT_MS_MAX = "10000";
    String STOP_LATCH_S_MIN = "0";
    String STOP_LATCH_S_MAX = "3600";
    String COMMAND_HOLD_S_MIN = "0";
    String COMMAND_HOLD_S_MAX = "3600";

    @AttributeDefinition(name = "Window (ms)", min = WINDOW_MS_MIN, max = WINDOW_MS_MAX,
            description = "A scene holds, of each modality, the observation ingested nearest the one that "
                    + "triggers it, at most this long before or after it.")
    long windowMs() default 500;

    @AttributeDefinition(name = "Repeat suppression (ms)",
            min = REPEAT_SUPPRESSION_MS_MIN, max = REPEAT_SUPPRESSION_MS_MAX,
            description = "An action of the same type and target label as the last one sent to the robot is "
                    + "not sent again within this time; 0 sends every action. A commanded stop is always sent.")
    long repeatSuppressionMs() default 2000;

    @AttributeDefinition(name = "Robot idle (ms)", min = ROBOT_IDLE_MS_MIN, max = ROBOT_IDLE_MS_MAX,
            description = "The state of a robot not heard of for this long is dropped.")
    long robotIdleMs() default 60000;

    @AttributeDefinition(name = "Maximum robots", min = MAX_ROBOTS_MIN, max = MAX_ROBOTS_MAX,
            description = "Robots tracked at once; observations of further robots are refused and counted.")
    int maxRobots() default 10000;

    @AttributeDefinition(name = "Action history", min = ACTION_HISTORY_MIN, max = ACTION_HISTORY_MAX,
            description = "The most recently decided actions kept, with their provenance, for cog:explain; "
                    + "0 keeps none.")
    int actionHistory() default 10000;

    @AttributeDefinition(name = "Engine timeout (ms)", min = ENGINE_TIMEOUT_MS_MIN, max = ENGINE_TIMEOUT_MS_MAX,
            description = "An engine that has not decided a scene after this long is given up on for that scene, "
                    + "and the next-ranked engine decides it, as when an engine throws. The lowest-ranked engine "
                    + "has none to fall back to and is always waited for.")
    long engineTimeoutMs() default 100;

    @AttributeDefinition(name = "Stop latch (s)", min = STOP_LATCH_S_MIN, max = STOP_LATCH_S_MAX,
            description = "After a commanded stop (\"stop\", typed or spoken) no motion action is sent to the "
                    + "robot for this long, unless it is told to go on first; 0 = a commanded stop does not latch.")
    int stopLatchS() default 30;

    @AttributeDefinition(name = "Command hold (s)", min = COMMAND_HOLD_S_MIN, max = COMMAND_HOLD_S_MAX,
            description = "While a commanded motion (\"turn left\", \"follow me\") is under way, motion the "
                    + "robot's own behaviours decide (approaching a person seen) is held back until the robot acks "
                    + "the command, at most this long; 0 = the robot's behaviours may cut a command short.")
    int commandHoldS() default 60;
}
