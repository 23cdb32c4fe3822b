package org.cogos.rules.internal;

/**
 * The rules engine's parameters, checked against the bounds declared in {@link RulesConfig} (Config Admin does
 * not enforce Metatype bounds).
 */
record RulesOptions(double stopDistanceM, double approachMaxDistanceM, double standoffM,
        double approachMinConfidence, String helpReply, String helpUnseenReply) {

    static final int MAX_REPLY_LENGTH = 200;

    RulesOptions {
        requireWithin("stopDistanceM", stopDistanceM, 0.05, 10);
        requireWithin("approachMaxDistanceM", approachMaxDistanceM, 0.1, 100);
        requireWithin("standoffM", standoffM, 0, 10);
        requireWithin("approachMinConfidence", approachMinConfidence, 0, 1);
        requireReply("helpReply", helpReply);
        requireReply("helpUnseenReply", helpUnseenReply);
    }

    static RulesOptions from(RulesConfig config) {
        return new RulesOptions(config.stopDistanceM(), config.approachMaxDistanceM(), config.standoffM(),
                config.approachMinConfidence(), config.helpReply(), config.helpUnseenReply());
    }

    private static void requireReply(String key, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_REPLY_LENGTH) {
            throw new IllegalArgumentException("org.cogos.rules: " + key + " must be 1-" + MAX_REPLY_LENGTH
                    + " characters and not blank, got '" + value + "'");
        }
    }

    private static void requireWithin(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    "org.cogos.rules: " + key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }
}
