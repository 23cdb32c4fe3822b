package org.cogos.audio.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.audio.internal.AudioConfig.*;

/**
 * The audio module's parameters, checked against the bounds declared in {@link AudioConfig}. Config Admin does not
 * enforce Metatype bounds, so a hand-edited {@code etc/org.cogos.audio.cfg} is checked here.
 */
record AudioOptions(double vadThreshold, int minSilenceMs, int minSpeechMs, int speechPadMs,
        int maxUtteranceSeconds, String mode, int recognizers, double minCommandMargin, double minStopMargin,
        boolean preloadRecognizers) {

    static final String GRAMMAR = "grammar";
    static final String LARGE_VOCABULARY = "large-vocabulary";

    AudioOptions {
        within(PID, "vadThreshold", vadThreshold, VAD_THRESHOLD_MIN, VAD_THRESHOLD_MAX);
        within(PID, "minSilenceMs", minSilenceMs, MIN_SILENCE_MS_MIN, MIN_SILENCE_MS_MAX);
        within(PID, "minSpeechMs", minSpeechMs, MIN_SPEECH_MS_MIN, MIN_SPEECH_MS_MAX);
        within(PID, "speechPadMs", speechPadMs, SPEECH_PAD_MS_MIN, SPEECH_PAD_MS_MAX);
        within(PID, "maxUtteranceSeconds", maxUtteranceSeconds, MAX_UTTERANCE_SECONDS_MIN, MAX_UTTERANCE_SECONDS_MAX);
        if (!GRAMMAR.equals(mode) && !LARGE_VOCABULARY.equals(mode)) {
            throw new IllegalArgumentException("org.cogos.audio: mode must be " + GRAMMAR + " or "
                    + LARGE_VOCABULARY + ", got '" + mode + "'");
        }
        within(PID, "recognizers", recognizers, RECOGNIZERS_MIN, RECOGNIZERS_MAX);
        within(PID, "minCommandMargin", minCommandMargin, MARGIN_MIN, MARGIN_MAX);
        within(PID, "minStopMargin", minStopMargin, MARGIN_MIN, MARGIN_MAX);
    }

    static AudioOptions from(AudioConfig config) {
        return new AudioOptions(config.vadThreshold(), config.minSilenceMs(), config.minSpeechMs(),
                config.speechPadMs(), config.maxUtteranceSeconds(), config.mode(), config.recognizers(),
                config.minCommandMargin(), config.minStopMargin(), config.preloadRecognizers());
    }

    /** Whether a change to these options needs new recognisers (they are heavy, so other changes keep them). */
    boolean sameRecognizers(AudioOptions other) {
        return mode.equals(other.mode) && recognizers == other.recognizers;
    }
}
