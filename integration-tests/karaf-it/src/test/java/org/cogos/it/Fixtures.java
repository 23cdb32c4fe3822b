package org.cogos.it;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/** The modules' committed test fixtures, by absolute path, for the container and for robots to send. */
final class Fixtures {

    /** A camera frame with a person (scikit-image's astronaut, public domain), as the vision module's tests use it. */
    static final Path CAMERA_FRAME = fixture("bundles/vision/src/test/resources/org/cogos/vision/internal/astronaut.jpg");
    /** "help me" spoken by espeak-ng, 16 kHz WAV, as the audio module's tests use it. */
    static final Path SPEECH = fixture("bundles/audio/src/test/resources/fixtures/commands/c01-en-us-150.wav");
    /** "stop" spoken by espeak-ng, likewise. */
    static final Path SPOKEN_STOP = fixture("bundles/audio/src/test/resources/fixtures/commands/c00-en-us-150.wav");

    private Fixtures() {
    }

    private static Path fixture(String pathInRepo) {
        return Path.of("../..", pathInRepo).toAbsolutePath().normalize();
    }

    /** A canonical 44-byte RIFF/WAVE PCM header followed by the samples. */
    static byte[] wavHeader(int sampleRate, int channels, int bitsPerSample, byte[] samples) {
        int blockAlign = channels * bitsPerSample / 8;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + samples.length)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(sampleRate).putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bitsPerSample)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(samples.length).put(samples);
        return wav.array();
    }
}
