package org.cogos.audio.internal;

/**
 * The audio module's parameters, checked against the bounds declared in {@link AudioConfig}. Config Admin does not
 * enforce Metatype bounds, so a hand-edited {@code etc/org.cogos.audio.cfg} is checked here.
 */
record AudioOptions(double vadThreshold, int minSilenceMs, int minSpeechMs, int speechPadMs,
        int maxUtteranceSeconds, String mode, int recognizers) {

    static final String GRAMMAR = "grammar";
    static final String LARGE_VOCABULARY = "large-vocabulary";

    AudioOptions {
        if (!(vadThreshold >= 0.05 && vadThreshold <= 0.95)) {
            throw new IllegalArgumentException(
                    "org.cogos.audio: vadThreshold must be within [0.05, 0.95], got " + vadThreshold);
        }
        requireWithin("minSilenceMs", minSilenceMs, 32, 5000);
        requireWithin("minSpeechMs", minSpeechMs, 0, 5000);
        requireWithin("speechPadMs", speechPadMs, 0, 1000);
        requireWithin("maxUtteranceSeconds", maxUtteranceSeconds, 1, 60);
        if (!GRAMMAR.equals(mode) && !LARGE_VOCABULARY.equals(mode)) {
            throw new IllegalArgumentException("org.cogos.audio: mode must be " + GRAMMAR + " or "
                    + LARGE_VOCABULARY + ", got '" + mode + "'");
        }
        requireWithin("recognizers", recognizers, 1, 8);
    }

    static AudioOptions from(AudioConfig config) {
        return new AudioOptions(config.vadThreshold(), config.minSilenceMs(), config.minSpeechMs(),
                config.speechPadMs(), config.maxUtteranceSeconds(), config.mode(), config.recognizers());
    }

    /** Whether a change to these options needs new recognisers (they are heavy, so other changes keep them). */
    boolean sameRecognizers(AudioOptions other) {
        return mode.equals(other.mode) && recognizers == other.recognizers;
    }

    private static void requireWithin(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "org.cogos.audio: " + key + " must be within [" + min + ", " + max + "], got " + value);
        }
    }
}
