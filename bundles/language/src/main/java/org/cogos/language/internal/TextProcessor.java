package org.cogos.language.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import opennlp.tools.langdetect.Language;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;

/**
 * One percept in, one observation out, under one fixed set of options: one detection per sentence, labelled
 * with its intent. Immutable, so thread-safe.
 */
final class TextProcessor {

    static final String MODULE = "language";

    private final LanguageOptions options;
    private final NlpModels models;
    private final IntentParser parser = new IntentParser();

    TextProcessor(LanguageOptions options, NlpModels models) {
        this.options = options;
        this.models = models;
    }

    LanguageOptions options() {
        return options;
    }

    Observation process(Percept percept) throws PerceptException {
        TextPercept text = TextPerceptParser.parse(percept.payload(), options.maxTextLength());
        List<AnalysedSentence> sentences = models.analyse(text.text());
        if (sentences.size() > options.maxSentences()) {
            throw new PerceptException(PerceptException.OUT_OF_RANGE, "text has " + sentences.size()
                    + " sentences, more than maxSentences (" + options.maxSentences() + ")");
        }
        Language language = models.detectLanguage(text.text());
        List<Detection> detections = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            detections.add(detect(i, sentences.get(i), language, text.lang()));
        }
        return new Observation(percept.robotId(), percept.modality(), MODULE, percept.sequence(), text.seq(),
                percept.receivedNanos(), System.currentTimeMillis(), detections);
    }

    /** An utterance has no place in the robot's frame, so its detection is {@link Detection#nonSpatial}. */
    private Detection detect(int index, AnalysedSentence sentence, Language language, String declared) {
        Intent intent = parser.parse(sentence);
        boolean confident = !intent.name().equals(Intent.UNKNOWN) && intent.confidence() >= options.minConfidence();
        Map<String, String> attributes = new LinkedHashMap<>();
        if (confident) {
            attributes.putAll(intent.slots());
        } else if (!intent.name().equals(Intent.UNKNOWN)) {
            attributes.put("best_intent", intent.name());
        }
        attributes.put("sentence", Integer.toString(index));
        attributes.put("text", sentence.text());
        attributes.put("tokens", String.join(" ", sentence.tokens()));
        attributes.put("pos", String.join(" ", sentence.tags()));
        attributes.put("lemmas", String.join(" ", sentence.lemmas()));
        attributes.put("language", language.getLang());
        attributes.put("language_confidence", String.format(Locale.ROOT, "%.4f", language.getConfidence()));
        if (declared != null) {
            attributes.put("declared_language", declared);
        }
        return Detection.nonSpatial(confident ? intent.name() : Intent.UNKNOWN, intent.confidence(), attributes);
    }
}
