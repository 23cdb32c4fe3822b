package org.cogos.audio.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.StringJoiner;
import java.util.logging.Level;
import java.util.logging.Logger;

import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.frontend.filter.Dither;
import edu.cmu.sphinx.frontend.util.StreamDataSource;

/**
 * One Sphinx4 recogniser with the CMU US English acoustic model and dictionary from this bundle, in one of the two
 * modes, allocated once (loading the models takes seconds) and then used for one utterance at a time. Sphinx4's
 * StreamSpeechRecognizer allocates and frees the whole decoder around every stream, so this drives the recogniser
 * directly instead. Not thread-safe: {@link Recognizers} lends it to one caller at a time.
 */
final class SphinxRecognizer extends AbstractSpeechRecognizer {

    private static final String MODELS = "resource:/edu/cmu/sphinx/models/en-us/";
    /** Sphinx4 names its java.util.logging loggers after this file: org.cogos.audio.sphinx4.*. */
    private static final String CONFIG = "resource:/org/cogos/audio/internal/org.cogos.audio.sphinx4.xml";
    /**
     * Sphinx4 logs its model loading and every utterance's cepstral mean at INFO; in Karaf (where it leaves
     * java.util.logging alone) that would reach the log. Held here so the level stays with the logger.
     */
    private static final Logger SPHINX_LOG = Logger.getLogger("org.cogos.audio.sphinx4");
    /** Words of the out-of-grammar branch, which stand for speech the grammar does not cover. */
    private static final String UNKNOWN = "<unk>";

    static {
        SPHINX_LOG.setLevel(Level.WARNING);
    }

    private SphinxRecognizer(Context context) throws IOException {
        super(context);
        recognizer.allocate();
    }

    static SphinxRecognizer create(String mode) throws IOException {
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath(MODELS + "en-us");
        configuration.setDictionaryPath(MODELS + "cmudict-en-us.dict");
        configuration.setSampleRate(AudioPayload.SAMPLE_RATE);
        if (AudioOptions.GRAMMAR.equals(mode)) {
            // A directory of its own: Sphinx4 resolves it as a class-path resource, and with tests a package
            // directory would resolve to the test classes.
            configuration.setGrammarPath("resource:/org/cogos/audio/grammar/");
            configuration.setGrammarName("commands");
            configuration.setUseGrammar(true);
        } else {
            configuration.setLanguageModelPath(MODELS + "en-us.lm.bin");
        }
        return new SphinxRecognizer(new Context(CONFIG, configuration));
    }

    /** @return the words recognised in the samples, lower case, separated by single spaces; empty if none */
    String transcribe(short[] samples) {
        byte[] pcm = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        // The dither (±1 LSB, so digital silence has a finite log energy) restarts from its fixed seed: the same
        // audio gives the same words whichever recogniser decodes it and whatever it decoded before.
        context.getInstance(Dither.class).initialize();
        context.getInstance(StreamDataSource.class).setInputStream(new ByteArrayInputStream(pcm));
        StringJoiner words = new StringJoiner(" ");
        SpeechResult result;
        while ((result = getResult()) != null) {
            for (String word : result.getHypothesis().split(" ")) {
                if (!word.isEmpty() && !UNKNOWN.equals(word)) {
                    words.add(word);
                }
            }
        }
        return words.toString();
    }

    void close() {
        recognizer.deallocate();
    }
}
