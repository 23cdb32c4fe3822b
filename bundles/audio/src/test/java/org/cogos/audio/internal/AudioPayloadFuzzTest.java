package org.cogos.audio.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cogos.api.PerceptException;

/**
 * The audio decoder (WAV or raw 16-bit PCM) against any bytes (issue 16): samples no more than the payload holds,
 * or a refusal with one of its codes; nothing else, and no allocation a RIFF chunk length asks for beyond the
 * payload. Seeds: {@code AudioPayloadFuzzTestInputs}. docs/fuzzing.md.
 */
class AudioPayloadFuzzTest {

    private static final Set<String> CODES = Set.of(PerceptException.MALFORMED, PerceptException.OUT_OF_RANGE,
            AudioPayload.UNSUPPORTED_FORMAT);

    @FuzzTest(maxDuration = "30s")
    void decodeNeverFailsUnexpectedly(byte[] payload) {
        AudioPayload audio;
        try {
            audio = AudioPayload.decode(payload);
        } catch (PerceptException e) {
            assertTrue(CODES.contains(e.code()), e.code());
            return;
        }
        assertTrue(audio.samples().length * 2L <= payload.length, "samples beyond the payload");
    }
}
