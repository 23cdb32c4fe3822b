package org.cogos.audio.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts one robot's audio stream into utterances with Silero VAD, across percepts: the VAD state, the samples of a
 * frame not yet complete, and the audio of the speech in progress carry over from one chunk to the next, so a
 * stream sent in chunks of any size gives the same utterances as one file. Not thread-safe: the runtime calls a
 * module from one thread per robot.
 *
 * <p>The rule is Silero's own ({@code get_speech_timestamps}): a frame at or above the threshold starts or
 * continues speech; the first frame below the threshold minus 0.15 marks a possible end, which a frame at or above
 * the threshold cancels; the speech ends there once minSilenceMs have passed. Speech shorter than minSpeechMs is
 * dropped. Memory is bounded: outside speech only the padding is kept, and speech is cut at maxUtteranceSeconds.
 */
final class SpeechSegmenter {

    private static final int FRAME = SileroVad.FRAME;
    private static final double HYSTERESIS = 0.15;

    private final SileroVad vad;
    private final SileroVad.State state = new SileroVad.State();
    private final float[] frame = new float[FRAME];
    private int framed;

    /** The stream's audio from {@link #bufferStart}: the padding before speech, and the speech in progress. */
    private short[] buffer = new short[4 * FRAME];
    private int buffered;
    private long bufferStart;
    /** Samples of the stream consumed so far, including those of the incomplete frame. */
    private long position;

    private boolean speaking;
    private long speechStart;
    /** Where the speech may end (the first quiet frame), or -1. */
    private long possibleEnd = -1;
    private double probabilitySum;
    private int probabilityFrames;
    private double sumAtPossibleEnd;
    private int framesAtPossibleEnd;
    /** End of the audio of the last utterance, so the padding of the next one does not repeat it. */
    private long emittedUpTo;

    SpeechSegmenter(SileroVad vad) {
        this.vad = vad;
    }

    /** Feeds samples of the stream; returns the utterances that ended within them. */
    List<Utterance> accept(short[] samples, AudioOptions options) {
        List<Utterance> done = new ArrayList<>();
        for (short sample : samples) {
            frame[framed++] = sample / 32768f;
            append(sample);
            position++;
            if (framed == FRAME) {
                framed = 0;
                classify(options, done, position - FRAME, position);
            }
        }
        return done;
    }

    /**
     * Ends the speech in progress, if any: the stream or recording is over. The incomplete frame is padded with
     * silence and classified first. What comes next is a new recording: the VAD state starts afresh and no audio
     * from before pads it.
     */
    List<Utterance> finish(AudioOptions options, String ending) {
        List<Utterance> done = new ArrayList<>();
        if (framed > 0) {
            Arrays.fill(frame, framed, FRAME, 0f);
            // The zeros are not part of the stream: the frame is classified, the clock does not move past it.
            classify(options, done, position - framed, position);
            framed = 0;
        }
        if (speaking) {
            emit(options, done, possibleEnd >= 0 ? possibleEnd : position, ending, possibleEnd >= 0);
        }
        state.reset();
        speaking = false;
        possibleEnd = -1;
        bufferStart = position;
        buffered = 0;
        return done;
    }

    private void classify(AudioOptions options, List<Utterance> done, long frameStart, long frameEnd) {
        double p = vad.probability(state, frame);
        if (!speaking) {
            if (p >= options.vadThreshold()) {
                speaking = true;
                speechStart = frameStart;
                possibleEnd = -1;
                probabilitySum = p;
                probabilityFrames = 1;
            } else {
                keepPaddingOnly(options);
            }
            return;
        }
        if (p >= options.vadThreshold()) {
            possibleEnd = -1;
        } else if (p < options.vadThreshold() - HYSTERESIS && possibleEnd < 0) {
            possibleEnd = frameStart;
            sumAtPossibleEnd = probabilitySum;
            framesAtPossibleEnd = probabilityFrames;
        }
        probabilitySum += p;
        probabilityFrames++;
        if (possibleEnd >= 0 && frameEnd - possibleEnd >= samples(options.minSilenceMs())) {
            emit(options, done, possibleEnd, "silence", true);
        } else if (frameEnd - speechStart >= (long) options.maxUtteranceSeconds() * AudioPayload.SAMPLE_RATE) {
            emit(options, done, frameEnd, "max_length", false);
        }
    }

    private void emit(AudioOptions options, List<Utterance> done, long end, String ending, boolean endedQuiet) {
        double sum = endedQuiet ? sumAtPossibleEnd : probabilitySum;
        int frames = endedQuiet ? framesAtPossibleEnd : probabilityFrames;
        speaking = false;
        possibleEnd = -1;
        if (end - speechStart >= samples(options.minSpeechMs())) {
            int pad = samples(options.speechPadMs());
            long from = Math.max(Math.max(speechStart - pad, bufferStart), emittedUpTo);
            long to = Math.min(end + pad, bufferStart + buffered);
            short[] audio = Arrays.copyOfRange(buffer, (int) (from - bufferStart), (int) (to - bufferStart));
            done.add(new Utterance(audio, speechStart, end, frames == 0 ? 0 : sum / frames, ending));
            emittedUpTo = to;
        }
        keepPaddingOnly(options);
    }

    /** Outside speech, only the last speechPadMs of audio is needed (the padding before the next speech). */
    private void keepPaddingOnly(AudioOptions options) {
        long keepFrom = Math.max(bufferStart + buffered - samples(options.speechPadMs()), emittedUpTo);
        if (keepFrom > bufferStart) {
            int drop = (int) Math.min(keepFrom - bufferStart, buffered);
            System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
            buffered -= drop;
            bufferStart += drop;
        }
    }

    private void append(short sample) {
        if (buffered == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        buffer[buffered++] = sample;
    }

    private static int samples(int ms) {
        return ms * (AudioPayload.SAMPLE_RATE / 1000);
    }
}
