package org.cogos.audio.internal;

import java.util.Arrays;
import java.util.List;

import org.cogos.api.ml.InferenceService;
import org.cogos.api.ml.ModelRegistry;
import org.cogos.api.ml.NamedTensor;

/**
 * Silero VAD v5 with its sample rate fixed to 16 kHz (scripts/models/audio-silero-vad.sh), run by the ml bundle. The
 * model ships in this bundle with its SHA-256 beside it; the registry checks the file against it at load. Each call
 * takes one 512-sample frame (32 ms) plus the last 64 samples of the previous frame as context, as Silero's own
 * wrapper does, and the recurrent state of the stream it belongs to; the model itself holds no state, so robots share
 * it.
 */
final class SileroVad implements AutoCloseable {

    static final int FRAME = 512;
    static final int CONTEXT = 64;
    static final String MODEL = "/models/silero_vad_v5_16k.onnx";
    private static final long[] INPUT_SHAPE = {1, CONTEXT + FRAME};
    private static final long[] STATE_SHAPE = {2, 1, 128};
    private static final int STATE_SIZE = 2 * 128;

    private final InferenceService inference;
    private final ModelRegistry registry;
    private final String name;

    private SileroVad(InferenceService inference, ModelRegistry registry, String name) {
        this.inference = inference;
        this.registry = registry;
        this.name = name;
    }

    /** Loads the model under {@code name}; the caller closes the returned VAD to unload it. */
    static SileroVad load(InferenceService inference, ModelRegistry registry, String name) {
        registry.loadVerified(name, SileroVad.class.getResource(MODEL));
        return new SileroVad(inference, registry, name);
    }

    /** The recurrent state of one audio stream: the model's state tensor and the tail of the last frame. */
    static final class State {
        private final float[] rnn = new float[STATE_SIZE];
        private final float[] context = new float[CONTEXT];

        void reset() {
            Arrays.fill(rnn, 0f);
            Arrays.fill(context, 0f);
        }
    }

    /**
     * @param frame {@value #FRAME} samples scaled to [-1, 1]
     * @return the probability that the frame is speech; the state moves on by one frame
     */
    float probability(State state, float[] frame) {
        float[] input = new float[CONTEXT + FRAME];
        System.arraycopy(state.context, 0, input, 0, CONTEXT);
        System.arraycopy(frame, 0, input, CONTEXT, FRAME);
        List<NamedTensor> out = inference.run(name, List.of(new NamedTensor("input", INPUT_SHAPE, input),
                new NamedTensor("state", STATE_SHAPE, state.rnn)));
        // Outputs in the model's order: output [1,1], stateN [2,1,128].
        System.arraycopy(out.get(1).data(), 0, state.rnn, 0, STATE_SIZE);
        System.arraycopy(frame, FRAME - CONTEXT, state.context, 0, CONTEXT);
        return out.get(0).data()[0];
    }

    @Override
    public void close() {
        registry.unload(name);
    }
}
