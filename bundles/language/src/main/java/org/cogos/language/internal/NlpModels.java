package org.cogos.language.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.lemmatizer.LemmatizerME;
import opennlp.tools.lemmatizer.LemmatizerModel;
import opennlp.tools.postag.POSModel;
import opennlp.tools.postag.POSTaggerME;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;

/**
 * The five pretrained OpenNLP models (Apache OpenNLP Models 1.3.0, UD English-EWT and the 183-language
 * detector), read from this bundle's own class path where bnd.bnd embeds them. The models are immutable and
 * shared; the OpenNLP "ME" front ends are not thread-safe, so each call makes its own (they only wrap a model).
 */
final class NlpModels implements AutoCloseable {

    static final String SENTENCE = "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    static final String TOKENS = "opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";
    static final String POS = "opennlp-en-ud-ewt-pos-1.3-2.5.4.bin";
    static final String LEMMAS = "opennlp-en-ud-ewt-lemmas-1.3-2.5.4.bin";
    static final String LANGUAGES = "langdetect-183.bin";

    /** Held together so that release is one volatile write and a call sees all models or none. */
    private record Loaded(SentenceModel sentences, TokenizerModel tokens, POSModel pos, LemmatizerModel lemmas,
            LanguageDetectorModel languages) {
    }

    private volatile Loaded loaded;

    private NlpModels(Loaded loaded) {
        this.loaded = loaded;
    }

    /** Loads every model from {@code loader}; fails with the name of the first one missing or unreadable. */
    static NlpModels load(ClassLoader loader) {
        return new NlpModels(new Loaded(
                open(loader, SENTENCE, SentenceModel::new),
                open(loader, TOKENS, TokenizerModel::new),
                open(loader, POS, POSModel::new),
                open(loader, LEMMAS, LemmatizerModel::new),
                open(loader, LANGUAGES, LanguageDetectorModel::new)));
    }

    @FunctionalInterface
    private interface ModelReader<M> {
        M read(InputStream in) throws IOException;
    }

    private static <M> M open(ClassLoader loader, String resource, ModelReader<M> reader) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenNLP model " + resource + " is not on the bundle class path");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new IllegalStateException("OpenNLP model " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Splits into sentences, then tokenises, tags (Universal Dependencies UPOS, the tag set the lemmatizer model
     * was trained on: with Penn tags "turn left 90 degrees" lemmatises "left" to "leave") and lemmatises each sentence.
     */
    List<AnalysedSentence> analyse(String text) {
        Loaded m = current();
        SentenceDetectorME sentences = new SentenceDetectorME(m.sentences());
        TokenizerME tokenizer = new TokenizerME(m.tokens());
        POSTaggerME tagger = new POSTaggerME(m.pos());
        LemmatizerME lemmatizer = new LemmatizerME(m.lemmas());
        List<AnalysedSentence> result = new ArrayList<>();
        for (String sentence : sentences.sentDetect(text)) {
            String[] tokens = tokenizer.tokenize(sentence);
            if (tokens.length == 0) {
                continue;
            }
            String[] tags = tagger.tag(tokens);
            String[] lemmas = lemmatizer.lemmatize(tokens, tags);
            result.add(new AnalysedSentence(sentence, tokens, tags, lemmas));
        }
        return result;
    }

    /** The most likely language as ISO 639-3 ({@code eng}) with the detector's confidence. */
    Language detectLanguage(String text) {
        return new LanguageDetectorME(current().languages()).predictLanguage(text);
    }

    boolean isLoaded() {
        return loaded != null;
    }

    /** Drops the models so the garbage collector can take them (the language detector alone is ~10 MB). */
    @Override
    public void close() {
        loaded = null;
    }

    private Loaded current() {
        Loaded m = loaded;
        if (m == null) {
            throw new IllegalStateException("the language models are released");
        }
        return m;
    }
}
