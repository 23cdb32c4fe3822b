package org.cogos.rules.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the rules engine (PID {@value #PID}); the bounds are enforced by {@link RulesOptions}. */
@ObjectClassDefinition(id = RulesConfig.PID, name = "cogos rules engine",
        description = "R1 stop for anything too near; R5-R11 carry out a command heard, once, resolving what it "
                + "refers to against the scene; R2 approach the nearest person, and answer a call for help; "
                + "R3 answer a call for help from a person not seen; otherwise no action.")
public @interface RulesConfig {

    String PID = "org.cogos.rules";

    // Bounds are constants so that the module's Options check the very numbers Metatype shows (the
    // annotation is not visible at run time); cog:param reads them from the Metatype.
    String STOP_DISTANCE_M_MIN = "0.05";
    String STOP_DISTANCE_M_MAX = "10";
    String APPROACH_MAX_DISTANCE_M_MIN = "0.1";
    String APPROACH_MAX_DISTANCE_M_MAX = "100";
    String STANDOFF_M_MIN = "0";
    String STANDOFF_M_MAX = "10";
    String APPROACH_MIN_CONFIDENCE_MIN = "0";
    String APPROACH_MIN_CONFIDENCE_MAX = "1";
    String DESCRIBE_MAX_THINGS_MIN = "1";
    String DESCRIBE_MAX_THINGS_MAX = "20";
    String REMEMBERED_ROBOTS_MIN = "1";
    String REMEMBERED_ROBOTS_MAX = "1000000";

    @AttributeDefinition(name = "Stop distance (m)", min = STOP_DISTANCE_M_MIN, max = STOP_DISTANCE_M_MAX,
            description = "R1: any detection nearer than this stops the robot.")
    double stopDistanceM() default 0.5;

    @AttributeDefinition(name = "Approach maximum distance (m)",
            min = APPROACH_MAX_DISTANCE_M_MIN, max = APPROACH_MAX_DISTANCE_M_MAX,
            description = "R2: a person up to this far away is approached.")
    double approachMaxDistanceM() default 5.0;

    @AttributeDefinition(name = "Standoff (m)", min = STANDOFF_M_MIN, max = STANDOFF_M_MAX,
            description = "R2: how far short of the person the approach ends.")
    double standoffM() default 1.0;

    @AttributeDefinition(name = "Approach minimum confidence",
            min = APPROACH_MIN_CONFIDENCE_MIN, max = APPROACH_MIN_CONFIDENCE_MAX,
            description = "R2: persons detected with less confidence are not approached.")
    double approachMinConfidence() default 0.5;

    @AttributeDefinition(name = "Help reply",
            description = "R2: what the robot says while it approaches a person who asked for help (1-200 characters).")
    String helpReply() default "I am coming to help you.";

    @AttributeDefinition(name = "Help reply, person not seen",
            description = "R3: what the robot says to a call for help when it sees nobody to approach "
                    + "(1-200 characters).")
    String helpUnseenReply() default "I hear you, but I cannot see you. Where are you?";

    @AttributeDefinition(name = "Resume reply",
            description = "R6: what the robot says to \"go on\", \"continue\" or \"resume\" (1-200 characters).")
    String resumeReply() default "Resuming.";

    @AttributeDefinition(name = "Greeting reply", description = "R10: the answer to \"hello\" (1-200 characters).")
    String greetReply() default "Hello.";

    @AttributeDefinition(name = "Not seen reply",
            description = "R8, R9: said when the thing or person a command is about is not seen; {thing} is "
                    + "replaced by what was asked for, e.g. 'a red cup' or 'you' (1-200 characters).")
    String unseenReply() default "I cannot see {thing}.";

    @AttributeDefinition(name = "Confirmation question",
            description = "R7, R8, R11: asked instead of acting on a command the language module is not sure of, or "
                    + "whose words make no action; {text} is replaced by the sentence heard (1-200 characters).")
    String confirmReply() default "Did you say: {text}?";

    @AttributeDefinition(name = "Not understood reply",
            description = "R11: said to a sentence that is no command; {text} is replaced by the sentence heard "
                    + "(1-200 characters).")
    String unknownReply() default "Sorry, I did not understand: {text}.";

    @AttributeDefinition(name = "Nothing seen reply",
            description = "R10: the answer to \"what do you see\" when nothing is seen (1-200 characters).")
    String describeNothingReply() default "I see nothing.";

    @AttributeDefinition(name = "Things described", min = DESCRIBE_MAX_THINGS_MIN, max = DESCRIBE_MAX_THINGS_MAX,
            description = "R10: the answer to \"what do you see\" names at most this many things, nearest first.")
    int describeMaxThings() default 5;

    @AttributeDefinition(name = "Robots remembered", min = REMEMBERED_ROBOTS_MIN, max = REMEMBERED_ROBOTS_MAX,
            description = "R7, R8: \"it\" and \"them\" stand for the object of the robot's previous command; "
                    + "the engine remembers it for at most this many robots, forgetting the least recently "
                    + "commanded first.")
    int rememberedRobots() default 10000;
}
