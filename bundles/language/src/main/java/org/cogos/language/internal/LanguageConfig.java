package org.cogos.language.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Parameters of the language module (PID {@value #PID}); the bounds are enforced by {@link LanguageOptions}. */
@ObjectClassDefinition(id = LanguageConfig.PID, name = "cogos language",
        description = "Turns text percepts into sentences, tokens, POS, lemmas, language and robot command intents.")
public @interface LanguageConfig {

    String PID = "org.cogos.language";

    @AttributeDefinition(name = "Maximum text length", min = "1", max = "100000",
            description = "Longest text accepted in one percept, in UTF-16 characters; longer texts are refused.")
    int maxTextLength() default 2000;

    @AttributeDefinition(name = "Maximum sentences", min = "1", max = "1000",
            description = "Most sentences analysed in one percept; texts with more sentences are refused.")
    int maxSentences() default 32;

    @AttributeDefinition(name = "Minimum intent confidence", min = "0", max = "1",
            description = "A sentence whose best intent covers less than this share of its words is labelled unknown.")
    double minConfidence() default 0.6;
}
