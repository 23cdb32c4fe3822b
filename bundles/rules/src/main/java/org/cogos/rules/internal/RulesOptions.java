package org.cogos.rules.internal;

/**
 * The rules engine's parameters, checked against the bounds declared in {@link RulesConfig} (Config Admin does
 * not enforce Metatype bounds).
 */
record RulesOptions(double stopDistanceM, double approachMaxDistanceM, double standoffM,
        double approachMinConfidence) {

    RulesOptions {
        requireWithin("stopDistanceM", stopDistanceM, 0.05, 10);
        requireWithin("approachMaxDistanceM", approachMaxDistanceM, 0.1, 100);
        requireWithin("standoffM", standoffM, 0, 10);
        requireWithin("approachMinConfidence", approachMinConfidence, 0, 1);
    }

    static RulesOptions from(RulesConfig config) {
        return new RulesOptions(config.stopDistanceM(), config.approachMaxDistanceM(), config.standoffM(),
                config.approachMinConfidence());
    }

    private static void requireWithin(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    "org.cogos.rules: " + key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }
}
