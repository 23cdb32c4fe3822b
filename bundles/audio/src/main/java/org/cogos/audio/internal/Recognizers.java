package org.cogos.audio.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed pool of Sphinx4 recognisers shared by all robots. A recogniser is not thread-safe and heavy (its own
 * acoustic model, dictionary and search graph: about 120 MB of heap and 1.5 s to load; 145 MB and 2.5 s with the
 * large-vocabulary language model), so there is neither one per robot nor one per call: a robot borrows one for
 * each utterance and waits while all are busy. Decoding is CPU-bound and fast in grammar mode (an utterance takes
 * under a tenth of its duration, so one recogniser keeps up with about ten robots talking at once), and more
 * recognisers than cores buys nothing; the {@code recognizers} parameter sets the size.
 */
final class Recognizers implements AutoCloseable {

    private final String mode;
    private final List<SphinxRecognizer> all;
    private final BlockingQueue<SphinxRecognizer> idle;

    private Recognizers(String mode, List<SphinxRecognizer> all) {
        this.mode = mode;
        this.all = List.copyOf(all);
        this.idle = new ArrayBlockingQueue<>(all.size(), false, all);
    }

    static Recognizers create(String mode, int count) throws IOException {
        List<SphinxRecognizer> made = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                made.add(SphinxRecognizer.create(mode));
            }
        } catch (IOException | RuntimeException e) {
            made.forEach(SphinxRecognizer::close);
            throw e;
        }
        return new Recognizers(mode, made);
    }

    String mode() {
        return mode;
    }

    /** Transcribes one utterance on the next free recogniser, waiting for one if all are busy. */
    Transcript transcribe(short[] samples) throws InterruptedException {
        SphinxRecognizer recognizer = idle.take();
        try {
            return recognizer.transcribe(samples);
        } finally {
            idle.add(recognizer);
        }
    }

    /** Waits for every recogniser to come back from its caller, then frees them all. */
    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < all.size(); i++) {
            idle.take();
        }
        all.forEach(SphinxRecognizer::close);
    }
}
