package org.cogos.language.internal;

/**
 * The language module's parameters, checked against the bounds declared in {@link LanguageConfig}. Config Admin
 * does not enforce Metatype bounds, so a hand-edited {@code etc/org.cogos.language.cfg} is checked here.
 */
record LanguageOptions(int maxTextLength, int maxSentences, double minConfidence) {

    LanguageOptions {
        requireWithin("maxTextLength", maxTextLength, 1, 100_000);
        requireWithin("maxSentences", maxSentences, 1, 1000);
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            throw new IllegalArgumentException(
                    "org.cogos.language: minConfidence must be within [0.0, 1.0], got " + minConfidence);
        }
    }

    static LanguageOptions from(LanguageConfig config) {
        return new LanguageOptions(config.maxTextLength(), config.maxSentences(), config.minConfidence());
    }

    private static void requireWithin(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "org.cogos.language: " + key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }
}
