package org.cogos.rules.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.rules.internal.RulesConfig.*;

import org.cogos.api.config.ParamCheck;

/**
 * The rules engine's parameters, checked against the bounds declared in {@link RulesConfig} (Config Admin does
 * not enforce Metatype bounds).
 */
record RulesOptions(double stopDistanceM, double approachMaxDistanceM, double standoffM,
        double approachMinConfidence, String helpReply, String helpUnseenReply, String resumeReply,
        String greetReply, String unseenReply, String confirmReply, String unknownReply,
        String describeNothingReply, int describeMaxThings, int rememberedRobots) {

    static final int MAX_REPLY_LENGTH = 200;

    RulesOptions {
        within(PID, "stopDistanceM", stopDistanceM, STOP_DISTANCE_M_MIN, STOP_DISTANCE_M_MAX);
        within(PID, "approachMaxDistanceM", approachMaxDistanceM,
                APPROACH_MAX_DISTANCE_M_MIN, APPROACH_MAX_DISTANCE_M_MAX);
        within(PID, "standoffM", standoffM, STANDOFF_M_MIN, STANDOFF_M_MAX);
        within(PID, "approachMinConfidence", approachMinConfidence,
                APPROACH_MIN_CONFIDENCE_MIN, APPROACH_MIN_CONFIDENCE_MAX);
        ParamCheck.text(PID, "helpReply", helpReply, MAX_REPLY_LENGTH);
        ParamCheck.text(PID, "helpUnseenReply", helpUnseenReply, MAX_REPLY_LENGTH);
        ParamCheck.text(PID, "resumeReply", resumeReply, MAX_REPLY_LENGTH);
        ParamCheck.text(PID, "greetReply", greetReply, MAX_REPLY_LENGTH);
        ParamCheck.text(PID, "unseenReply", unseenReply, MAX_REPLY_LENGTH);
        ParamCheck.text(PID, "confirmReply", confirmReply, MAX_REPLY_LENGTH);
        ParamCheck.text(PID, "unknownReply", unknownReply, MAX_REPLY_LENGTH);
        ParamCheck.text(PID, "describeNothingReply", describeNothingReply, MAX_REPLY_LENGTH);
        within(PID, "describeMaxThings", describeMaxThings, DESCRIBE_MAX_THINGS_MIN, DESCRIBE_MAX_THINGS_MAX);
        within(PID, "rememberedRobots", rememberedRobots, REMEMBERED_ROBOTS_MIN, REMEMBERED_ROBOTS_MAX);
    }

    static RulesOptions from(RulesConfig config) {
        return new RulesOptions(config.stopDistanceM(), config.approachMaxDistanceM(), config.standoffM(),
                config.approachMinConfidence(), config.helpReply(), config.helpUnseenReply(), config.resumeReply(),
                config.greetReply(), config.unseenReply(), config.confirmReply(), config.unknownReply(),
                config.describeNothingReply(), config.describeMaxThings(), config.rememberedRobots());
    }
}
