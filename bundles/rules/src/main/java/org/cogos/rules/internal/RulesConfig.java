package org.cogos.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the rules engine (PID {@value #PID}); the bounds are enforced by {@link RulesOptions}. */
@ObjectClassDefinition(id = RulesConfig.PID, name = "cogos rules engine",
        description = "R1 stop for anything too near; R2 approach the nearest person, and answer a call for help; "
                + "R3 answer a call for help from a person not seen; otherwise no action.")
public @interface RulesConfig {

    String PID = "org.cogos.rules";

    @AttributeDefinition(name = "Stop distance (m)", min = "0.05", max = "10",
            description = "R1: any detection nearer than this stops the robot.")
    double stopDistanceM() default 0.5;

    @AttributeDefinition(name = "Approach maximum distance (m)", min = "0.1", max = "100",
            description = "R2: a person up to this far away is approached.")
    double approachMaxDistanceM() default 5.0;

    @AttributeDefinition(name = "Standoff (m)", min = "0", max = "10",
            description = "R2: how far short of the person the approach ends.")
    double standoffM() default 1.0;

    @AttributeDefinition(name = "Approach minimum confidence", min = "0", max = "1",
            description = "R2: persons detected with less confidence are not approached.")
    double approachMinConfidence() default 0.5;

    @AttributeDefinition(name = "Help reply",
            description = "R2: what the robot says while it approaches a person who asked for help (1-200 characters).")
    String helpReply() default "I am coming to help you.";

    @AttributeDefinition(name = "Help reply, person not seen",
            description = "R3: what the robot says to a call for help when it sees nobody to approach "
                    + "(1-200 characters).")
    String helpUnseenReply() default "I hear you, but I cannot see you. Where are you?";
}
