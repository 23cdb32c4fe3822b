package org.cogos.audio.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.cogos.api.PerceptException;
import org.junit.Test;

public class AudioPayloadTest {

    private static final short[] SAMPLES = {0, 1, -1, 32767, -32768, 1234};

    @Test
    public void rawChunksAreLittleEndianSigned16Bit() throws Exception {
        AudioPayload p = AudioPayload.decode(new byte[] {0, 0, 1, 0, -1, -1, -1, 127, 0, -128, -46, 4});
        assertArrayEquals(SAMPLES, p.samples());
        assertFalse(p.recording());
    }

    @Test
    public void wavFilesAreRecordings() throws Exception {
        AudioPayload p = AudioPayload.decode(Fixtures.wav(SAMPLES));
        assertArrayEquals(SAMPLES, p.samples());
        assertTrue(p.recording());
    }

    @Test
    public void otherChunksAndTheExtensibleFormatAreUnderstood() throws Exception {
        byte[] data = Fixtures.raw(SAMPLES);
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 3 + 1 + 8 + 40 + 8 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WAVE"));
        b.put(ascii("LIST")).putInt(3).put(new byte[] {1, 2, 3, 0}); // odd size, padded
        b.put(ascii("fmt ")).putInt(40).putShort((short) 0xFFFE).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(4)
                .putShort((short) 1).put(new byte[14]);
        b.put(ascii("data")).putInt(data.length).put(data);
        assertArrayEquals(SAMPLES, AudioPayload.decode(b.array()).samples());
    }

    @Test
    public void wrongSampleRateChannelsOrBitDepthAreOutOfRange() {
        byte[] data = new byte[64];
        assertRefused(PerceptException.OUT_OF_RANGE, "wrong sample rate 44100 Hz, need 16000",
                Fixtures.wav(1, 1, 44100, 16, data));
        assertRefused(PerceptException.OUT_OF_RANGE, "wrong sample rate 8000 Hz, need 16000",
                Fixtures.wav(1, 1, 8000, 16, data));
        assertRefused(PerceptException.OUT_OF_RANGE, "wrong channel count 2, need 1 (mono)",
                Fixtures.wav(1, 2, 16000, 16, data));
        assertRefused(PerceptException.OUT_OF_RANGE, "wrong bit depth 8, need 16", Fixtures.wav(1, 1, 16000, 8, data));
        assertRefused(PerceptException.OUT_OF_RANGE, "wrong bit depth 24, need 16",
                Fixtures.wav(1, 1, 16000, 24, new byte[66]));
        assertRefused(AudioPayload.UNSUPPORTED_FORMAT, "WAV format 3 (IEEE float) is not supported, need 1 (PCM)",
                Fixtures.wav(3, 1, 16000, 32, data));
        assertRefused(AudioPayload.UNSUPPORTED_FORMAT, "WAV format 7 (mu-law) is not supported, need 1 (PCM)",
                Fixtures.wav(7, 1, 16000, 8, data));
    }

    @Test
    public void emptyOddOrCorruptPayloadsAreMalformed() {
        assertRefused(PerceptException.MALFORMED, "the audio payload is empty", new byte[0]);
        assertRefused(PerceptException.MALFORMED, "raw PCM chunk has an odd byte count (3); samples are 16-bit",
                new byte[] {1, 2, 3});
        byte[] wav = Fixtures.wav(SAMPLES);
        assertRefused(PerceptException.MALFORMED,
                "corrupt WAV file: chunk 'data' at byte 36 declares 12 bytes but 11 follow",
                Arrays.copyOf(wav, wav.length - 1));
        assertRefused(PerceptException.MALFORMED, "corrupt WAV file: no data chunk", Arrays.copyOf(wav, 36));
        assertRefused(PerceptException.MALFORMED, "corrupt WAV file: RIFF file is not of form WAVE",
                Arrays.copyOf(wav, 6));
        byte[] avi = wav.clone();
        System.arraycopy(ascii("AVI "), 0, avi, 8, 4);
        assertRefused(PerceptException.MALFORMED, "corrupt WAV file: RIFF file is not of form WAVE", avi);
        byte[] noFormat = wav.clone();
        System.arraycopy(ascii("junk"), 0, noFormat, 12, 4);
        assertRefused(PerceptException.MALFORMED, "corrupt WAV file: no fmt chunk before the data chunk", noFormat);
        assertRefused(PerceptException.MALFORMED, "the WAV file holds no samples", Fixtures.wav(new short[0]));
        byte[] odd = Fixtures.wav(1, 1, 16000, 16, new byte[5]);
        assertRefused(PerceptException.MALFORMED, "corrupt WAV file: data chunk has an odd byte count (5); samples are "
                + "16-bit", odd);
        byte[] badAlign = wav.clone();
        badAlign[32] = 4;
        assertRefused(PerceptException.MALFORMED, "corrupt WAV file: fmt chunk says block align 4 and byte rate 32000, "
                + "which 16-bit mono at 16000 Hz is not (2 and 32000)", badAlign);
        byte[] huge = wav.clone();
        huge[40] = huge[41] = huge[42] = huge[43] = (byte) 0xFF;
        assertRefused(PerceptException.MALFORMED,
                "corrupt WAV file: chunk 'data' at byte 36 declares 4294967295 bytes but 12 follow", huge);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void assertRefused(String code, String message, byte[] payload) {
        try {
            AudioPayload.decode(payload);
            fail("accepted; expected " + message);
        } catch (PerceptException e) {
            assertEquals(message, e.getMessage());
            assertEquals(message, code, e.code());
        }
    }
}
