package org.cogos.vision.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cogos.api.PerceptException;

/**
 * The camera frame decoders against any bytes (issue 16): the header reader names a format and positive
 * dimensions or refuses; a frame whose header passed is decoded by ImageIO to exactly those dimensions or refused
 * (only small frames are decoded, as the module decodes only frames within maxImagePixels). Seeds:
 * {@code ImageHeaderFuzzTestInputs}. docs/fuzzing.md.
 */
class ImageHeaderFuzzTest {

    /** Frames the fuzz test decodes at most: keeps each execution short, as maxImagePixels keeps the module's. */
    private static final long MAX_DECODED_PIXELS = 1 << 16;
    private static final Set<String> CODES = Set.of(PerceptException.MALFORMED, PerceptException.OUT_OF_RANGE,
            ImageHeader.UNSUPPORTED_FORMAT);

    @FuzzTest(maxDuration = "30s")
    void readAndDecodeNeverFailUnexpectedly(byte[] payload) {
        ImageHeader header;
        try {
            header = ImageHeader.read(payload);
        } catch (PerceptException e) {
            assertTrue(CODES.contains(e.code()), e.code());
            return;
        }
        assertTrue(header.width() > 0 && header.height() > 0, "dimensions");
        assertTrue(ImageHeader.JPEG.equals(header.format()) || ImageHeader.PNG.equals(header.format()), "format");
        if (header.pixels() > MAX_DECODED_PIXELS) {
            return;
        }
        try {
            BufferedImage image = ImageDecoding.decode(payload, header);
            assertTrue(image.getWidth() == header.width() && image.getHeight() == header.height(), "decoded size");
        } catch (PerceptException e) {
            assertTrue(CODES.contains(e.code()), e.code());
        }
    }
}
