package org.cogos.reasoning.internal;

/**
 * The engine's parameters, checked against the bounds declared in {@link ReasoningConfig} (Config Admin does not
 * enforce Metatype bounds).
 */
record ReasoningOptions(int saveIntervalS, int kgMaxEdges, double kgLearningRate, int maxBindings,
        double minReliability, double standoffM, String helpReply, String helpUnseenReply) {

    static final int MAX_REPLY_LENGTH = 200;

    ReasoningOptions {
        requireWithin("saveIntervalS", saveIntervalS, 1, 3600);
        requireWithin("kgMaxEdges", kgMaxEdges, 100, 10_000_000);
        requireWithin("kgLearningRate", kgLearningRate, 0.001, 1);
        requireWithin("maxBindings", maxBindings, 1, 1_000_000);
        requireWithin("minReliability", minReliability, 0, 1);
        requireWithin("standoffM", standoffM, 0, 10);
        requireReply("helpReply", helpReply);
        requireReply("helpUnseenReply", helpUnseenReply);
    }

    static ReasoningOptions from(ReasoningConfig config) {
        return new ReasoningOptions(config.saveIntervalS(), config.kgMaxEdges(), config.kgLearningRate(),
                config.maxBindings(), config.minReliability(), config.standoffM(), config.helpReply(),
                config.helpUnseenReply());
    }

    private static void requireReply(String key, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_REPLY_LENGTH) {
            throw new IllegalArgumentException("org.cogos.reasoning: " + key + " must be 1-" + MAX_REPLY_LENGTH
                    + " characters and not blank, got '" + value + "'");
        }
    }

    private static void requireWithin(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    "org.cogos.reasoning: " + key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }
}
