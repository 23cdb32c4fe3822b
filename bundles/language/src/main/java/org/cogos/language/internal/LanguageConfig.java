package org.cogos.language.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the language module (PID {@value #PID}); the bounds are enforced by {@link LanguageOptions}. */
@ObjectClassDefinition(id = LanguageConfig.PID, name = "cogos language",
        description = "Turns text percepts into sentences, tokens, POS, lemmas, language and robot command intents.")
public @interface LanguageConfig {

    String PID = "org.cogos.language";

    // Bounds are constants so that the module's Options check the very numbers Metatype shows (the
    // annotation is not visible at run time); cog:param reads them from the Metatype.
    String MAX_TEXT_LENGTH_MIN = "1";
    String MAX_TEXT_LENGTH_MAX = "100000";
    String MAX_SENTENCES_MIN = "1";
    String MAX_SENTENCES_MAX = "1000";
    String MIN_CONFIDENCE_MIN = "0";
    String MIN_CONFIDENCE_MAX = "1";

    @AttributeDefinition(name = "Maximum text length", min = MAX_TEXT_LENGTH_MIN, max = MAX_TEXT_LENGTH_MAX,
            description = "Longest text accepted in one percept, in UTF-16 characters; longer texts are refused.")
    int maxTextLength() default 2000;

    @AttributeDefinition(name = "Maximum sentences", min = MAX_SENTENCES_MIN, max = MAX_SENTENCES_MAX,
            description = "Most sentences analysed in one percept; texts with more sentences are refused.")
    int maxSentences() default 32;

    @AttributeDefinition(name = "Minimum intent confidence", min = MIN_CONFIDENCE_MIN, max = MIN_CONFIDENCE_MAX,
            description = "A sentence whose best intent covers less than this share of its words is labelled unknown.")
    double minConfidence() default 0.6;
}
