package org.cogos.audio.internal;

import java.nio.charset.StandardCharsets;

import org.cogos.api.PerceptException;

/**
 * The samples of one audio percept: a WAV file (RIFF/WAVE, PCM, 16-bit, mono, 16 kHz), which is a complete
 * recording, or a raw chunk of a robot's stream (16 kHz signed 16-bit little-endian mono PCM, no header). A payload
 * that starts with {@code RIFF} is taken for a WAV file.
 *
 * @param samples   the PCM samples
 * @param recording whether the payload was a WAV file, whose end ends any utterance in it
 */
record AudioPayload(short[] samples, boolean recording) {

    static final int SAMPLE_RATE = 16_000;
    /** A WAV encoding other than PCM (float, A-law, ...), which the module does not convert. */
    static final String UNSUPPORTED_FORMAT = "unsupported_format";

    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xFFFE;

    static AudioPayload decode(byte[] payload) throws PerceptException {
        if (payload.length == 0) {
            throw new PerceptException(PerceptException.MALFORMED, "the audio payload is empty");
        }
        if (payload.length >= 4 && "RIFF".equals(ascii(payload, 0, 4))) {
            return new AudioPayload(wavSamples(payload), true);
        }
        if (payload.length % 2 != 0) {
            throw new PerceptException(PerceptException.MALFORMED, "raw PCM chunk has an odd byte count ("
                    + payload.length + "); samples are 16-bit");
        }
        return new AudioPayload(samples(payload, 0, payload.length), false);
    }

    private static short[] wavSamples(byte[] b) throws PerceptException {
        if (b.length < 12 || !"WAVE".equals(ascii(b, 8, 4))) {
            throw corrupt("RIFF file is not of form WAVE");
        }
        boolean haveFormat = false;
        int at = 12;
        while (at + 8 <= b.length) {
            String id = ascii(b, at, 4);
            long size = u32(b, at + 4);
            int body = at + 8;
            if (size > b.length - body) {
                throw corrupt("chunk '" + printable(id) + "' at byte " + at + " declares " + size + " bytes but "
                        + (b.length - body) + " follow");
            }
            if ("fmt ".equals(id)) {
                checkFormat(b, body, (int) size);
                haveFormat = true;
            } else if ("data".equals(id)) {
                if (!haveFormat) {
                    throw corrupt("no fmt chunk before the data chunk");
                }
                if (size == 0) {
                    throw new PerceptException(PerceptException.MALFORMED, "the WAV file holds no samples");
                }
                if (size % 2 != 0) {
                    throw corrupt("data chunk has an odd byte count (" + size + "); samples are 16-bit");
                }
                return samples(b, body, (int) size);
            }
            // RIFF chunks are padded to an even size.
            at = body + (int) size + (int) (size & 1);
        }
        throw corrupt(haveFormat ? "no data chunk" : "no fmt chunk");
    }

    private static void checkFormat(byte[] b, int at, int size) throws PerceptException {
        if (size < 16) {
            throw corrupt("fmt chunk of " + size + " bytes, need at least 16");
        }
        int format = u16(b, at);
        if (format == EXTENSIBLE) {
            // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
            if (size < 40) {
                throw corrupt("extensible fmt chunk of " + size + " bytes, need 40");
            }
            format = u16(b, at + 24);
        }
        if (format != PCM) {
            throw new PerceptException(UNSUPPORTED_FORMAT, "WAV format " + format + " (" + formatName(format)
                    + ") is not supported, need 1 (PCM)");
        }
        int channels = u16(b, at + 2);
        long rate = u32(b, at + 4);
        long byteRate = u32(b, at + 8);
        int blockAlign = u16(b, at + 12);
        int bits = u16(b, at + 14);
        if (channels != 1) {
            throw new PerceptException(PerceptException.OUT_OF_RANGE, "wrong channel count " + channels
                    + ", need 1 (mono)");
        }
        if (rate != SAMPLE_RATE) {
            throw new PerceptException(PerceptException.OUT_OF_RANGE, "wrong sample rate " + rate + " Hz, need "
                    + SAMPLE_RATE);
        }
        if (bits != 16) {
            throw new PerceptException(PerceptException.OUT_OF_RANGE, "wrong bit depth " + bits + ", need 16");
        }
        if (blockAlign != 2 || byteRate != 2L * SAMPLE_RATE) {
            throw corrupt("fmt chunk says block align " + blockAlign + " and byte rate " + byteRate
                    + ", which 16-bit mono at 16000 Hz is not (2 and 32000)");
        }
    }

    private static String formatName(int format) {
        return switch (format) {
            case 2 -> "ADPCM";
            case 3 -> "IEEE float";
            case 6 -> "A-law";
            case 7 -> "mu-law";
            default -> "unknown";
        };
    }

    private static PerceptException corrupt(String why) {
        return new PerceptException(PerceptException.MALFORMED, "corrupt WAV file: " + why);
    }

    private static short[] samples(byte[] b, int from, int length) {
        short[] s = new short[length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((b[from + 2 * i] & 0xFF) | (b[from + 2 * i + 1] << 8));
        }
        return s;
    }

    private static String ascii(byte[] b, int at, int length) {
        return new String(b, at, length, StandardCharsets.ISO_8859_1);
    }

    /** A chunk id as readable text, for messages about garbage. */
    private static String printable(String id) {
        return id.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? id : "?";
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
