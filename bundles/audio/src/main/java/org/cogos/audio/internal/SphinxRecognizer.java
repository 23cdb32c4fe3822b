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
import edu.cmu.sphinx.decoder.search.Token;
import edu.cmu.sphinx.frontend.filter.Dither;
import edu.cmu.sphinx.frontend.util.StreamDataSource;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.util.LogMath;

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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SphinxRecognizer.class);

    static {
        SPHINX_LOG.setLevel(Level.WARNING);
    }

    /** Grammar mode: the phone loop each utterance is decoded by a second time; null in large-vocabulary mode. */
    private final PhoneLoopDecoder phoneLoop;

    private SphinxRecognizer(Context context, boolean grammar) throws IOException {
        super(context);
        recognizer.allocate();
        if (grammar) {
            phoneLoop = context.getInstance(PhoneLoopDecoder.class);
            try {
                phoneLoop.allocate();
            } catch (RuntimeException e) {
                recognizer.deallocate();
                throw e;
            }
        } else {
            phoneLoop = null;
        }
    }

    static SphinxRecognizer create(String mode) throws IOException {
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath(MODELS + "en-us");
        configuration.setDictionaryPath(MODELS + "cmudict-en-us.dict");
        configuration.setSampleRate(AudioPayload.SAMPLE_RATE);
        boolean grammar = AudioOptions.GRAMMAR.equals(mode);
        if (grammar) {
            // A directory of its own: Sphinx4 resolves it as a class-path resource, and with tests a package
            // directory would resolve to the test classes.
            configuration.setGrammarPath("resource:/org/cogos/audio/grammar/");
            configuration.setGrammarName("commands");
            configuration.setUseGrammar(true);
        } else {
            configuration.setLanguageModelPath(MODELS + "en-us.lm.bin");
        }
        return new SphinxRecognizer(new Context(CONFIG, configuration), grammar);
    }

    /**
     * Decodes one utterance. In grammar mode it is decoded twice: against the command grammar, and by a free loop
     * of phones that stands for any speech at all (org.cogos.audio.sphinx4.xml); the margin between the two scores
     * is what {@link AudioModule} judges a command by.
     */
    Transcript transcribe(short[] samples) {
        byte[] pcm = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[2 * i] = (byte) samples[i];
            pcm[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        if (phoneLoop == null) {
            restart(pcm);
            StringJoiner words = new StringJoiner(" ");
            SpeechResult result;
            while ((result = getResult()) != null) {
                if (!result.getHypothesis().isEmpty()) {
                    words.add(result.getHypothesis());
                }
            }
            return new Transcript(words.toString(), Double.NaN);
        }
        restart(pcm);
        // Without an endpointer the whole utterance is one result (the next call finds the stream ended).
        Result grammarResult = recognizer.recognize();
        while (recognizer.recognize() != null) {
            LOG.warn("Sphinx4 split an utterance in two; only the first part's words are kept");
        }
        Token best = grammarResult == null ? null : grammarResult.getBestFinalToken();
        if (best == null) {
            return Transcript.NOTHING;
        }
        restart(pcm);
        Result loopResult = phoneLoop.decode(null);
        Token loop = loopResult == null ? null : loopResult.getBestFinalToken();
        String words = best.getWordPathNoFiller();
        if (loop == null) {
            return new Transcript(words, Double.POSITIVE_INFINITY);
        }
        int frames = 0;
        for (Token t = best; t != null; t = t.getPredecessor()) {
            if (t.isEmitting()) {
                frames++;
            }
        }
        // Both searches end on the last frame, so the difference of their total scores (acoustic, grammar and
        // insertion alike) is a log-likelihood ratio of the whole utterance; per frame it does not grow with the
        // utterance's length, so one threshold serves "stop" and a long sentence.
        double nats = LogMath.getLogMath().logToLn(best.getScore() - loop.getScore());
        return new Transcript(words, nats / Math.max(1, frames));
    }

    /**
     * Points the front end at the utterance again. The dither (±1 LSB, so digital silence has a finite log energy)
     * restarts from its fixed seed: the same audio gives the same features, whichever recogniser or search decodes
     * it and whatever it decoded before.
     */
    private void restart(byte[] pcm) {
        context.getInstance(Dither.class).initialize();
        context.getInstance(StreamDataSource.class).setInputStream(new ByteArrayInputStream(pcm));
    }

    void close() {
        try {
            if (phoneLoop != null) {
                phoneLoop.deallocate();
            }
        } finally {
            recognizer.deallocate();
        }
    }
}
