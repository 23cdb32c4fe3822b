package org.cogos.language.internal;

import static org.cogos.api.config.ParamCheck.within;
import static org.cogos.language.internal.LanguageConfig.*;

/**
 * The language module's parameters, checked against the bounds declared in {@link LanguageConfig}. Config Admin
 * does not enforce Metatype bounds, so a hand-edited {@code etc/org.cogos.language.cfg} is checked here.
 */
record LanguageOptions(int maxTextLength, int maxSentences, double minConfidence) {

    LanguageOptions {
        within(PID, "maxTextLength", maxTextLength, MAX_TEXT_LENGTH_MIN, MAX_TEXT_LENGTH_MAX);
        within(PID, "maxSentences", maxSentences, MAX_SENTENCES_MIN, MAX_SENTENCES_MAX);
        within(PID, "minConfidence", minConfidence, MIN_CONFIDENCE_MIN, MIN_CONFIDENCE_MAX);
    }

    static LanguageOptions from(LanguageConfig config) {
        return new LanguageOptions(config.maxTextLength(), config.maxSentences(), config.minConfidence());
    }
}
