package org.cogos.reasoning.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.reasoning.internal.ReasoningConfig.*;

import org.cogos.api.config.ParamCheck;

/**
 * The engine's parameters, checked against the bounds declared in {@link ReasoningConfig} (Config Admin does not
 * enforce Metatype bounds).
 */
record ReasoningOptions(int saveIntervalS, int kgMaxEdges, double kgLearningRate, int maxBindings,
        double minReliability, double standoffM, String helpReply, String helpUnseenReply) {

    static final int MAX_REPLY_LENGTH = 200;

    ReasoningOptions {
        within(PID, "saveIntervalS", saveIntervalS, SAVE_INTERVAL_S_MIN, SAVE_INTERVAL_S_MAX);
        within(PID, "kgMaxEdges", kgMaxEdges, KG_MAX_EDGES_MIN, KG_MAX_EDGES_MAX);
        within(PID, "kgLearningRate", kgLearningRate, KG_LEARNING_RATE_MIN, KG_LEARNING_RATE_MAX);
        within(PID, "maxBindings", maxBindings, MAX_BINDINGS_MIN, MAX_BINDINGS_MAX);
        within(PID, "minReliability", minReliability, MIN_RELIABILITY_MIN, MIN_RELIABILITY_MAX);
        within(PID, "standoffM", standoffM, STANDOFF_M_MIN, STANDOFF_M_MAX);
        ParamCheck.text(PID, "helpReply", helpReply, MAX_REPLY_LENGTH);
        ParamCheck.text(PID, "helpUnseenReply", helpUnseenReply, MAX_REPLY_LENGTH);
    }

    static ReasoningOptions from(ReasoningConfig config) {
        return new ReasoningOptions(config.saveIntervalS(), config.kgMaxEdges(), config.kgLearningRate(),
                config.maxBindings(), config.minReliability(), config.standoffM(), config.helpReply(),
                config.helpUnseenReply());
    }
}
