package org.cogos.vision.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.CRC32;

import org.cogos.api.PerceptException;

/**
 * What a frame's bytes declare, read without decoding a pixel: the format (by magic bytes), the width and height,
 * and whether the container is whole. PNG: every chunk's length and CRC up to IEND. JPEG: the marker segments up to
 * EOI, stepping through the entropy-coded data of each scan. So a truncated or bit-flipped file is refused with the
 * byte where it breaks, and a decompression bomb is refused by its declared size before anything is allocated.
 *
 * @param format {@value #JPEG} or {@value #PNG}
 */
record ImageHeader(String format, int width, int height) {

    /** Code of a payload that is no JPEG or PNG (another image format, or not an image at all). */
    static final String UNSUPPORTED_FORMAT = "unsupported_format";
    static final String JPEG = "jpeg";
    static final String PNG = "png";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    long pixels() {
        return (long) width * height;
    }

    static ImageHeader read(byte[] b) throws PerceptException {
        if (b.length == 0) {
            throw new PerceptException(PerceptException.MALFORMED,
                    "the payload is empty; a camera frame is the bytes of one JPEG or PNG image");
        }
        if (b.length >= 3 && u8(b, 0) == 0xff && u8(b, 1) == 0xd8 && u8(b, 2) == 0xff) {
            return readJpeg(b);
        }
        if (startsWith(b, PNG_SIGNATURE)) {
            return readPng(b);
        }
        if (b.length >= 4 && u8(b, 0) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            throw new PerceptException(PerceptException.MALFORMED,
                    "corrupt PNG: the 8-byte signature is damaged (line endings converted in transfer?)");
        }
        String other = otherFormat(b);
        throw new PerceptException(UNSUPPORTED_FORMAT, other != null
                ? "the payload is a " + other + " image; only JPEG and PNG are accepted"
                : "the payload is not a JPEG or PNG image (it starts with "
                        + HexFormat.ofDelimiter(" ").formatHex(b, 0, Math.min(b.length, 8)) + ")");
    }

    /** Formats recognised only to name them in the refusal. */
    private static String otherFormat(byte[] b) {
        if (startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a"))) {
            return "GIF";
        }
        if (startsWith(b, ascii("BM")) && b.length >= 14) {
            return "BMP";
        }
        if (startsWith(b, ascii("RIFF")) && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "WebP";
        }
        if (startsWith(b, new byte[] {'I', 'I', 42, 0}) || startsWith(b, new byte[] {'M', 'M', 0, 42})) {
            return "TIFF";
        }
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return "HEIF/AVIF";
        }
        if (startsWith(b, new byte[] {0, 0, 0, 0x0c, 'j', 'P', ' ', ' '})
                || startsWith(b, new byte[] {(byte) 0xff, 0x4f, (byte) 0xff, 0x51})) {
            return "JPEG 2000";
        }
        if (startsWith(b, new byte[] {(byte) 0xff, 0x0a}) || startsWith(b, new byte[] {0, 0, 0, 0x0c, 'J', 'X', 'L'})) {
            return "JPEG XL";
        }
        return null;
    }

    private static ImageHeader readPng(byte[] b) throws PerceptException {
        int width = -1;
        int height = -1;
        boolean data = false;
        CRC32 crc = new CRC32();
        int at = PNG_SIGNATURE.length;
        while (true) {
            if (at + 8 > b.length) {
                throw corrupt("PNG", "truncated: ends at byte " + b.length + " before the IEND chunk");
            }
            long length = u32(b, at);
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (!type.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                throw corrupt("PNG", "invalid chunk type at byte " + (at + 4));
            }
            if (length > Integer.MAX_VALUE || at + 12 + length > b.length) {
                throw corrupt("PNG", "truncated: chunk " + type + " at byte " + at + " declares " + length
                        + " bytes, the payload ends at byte " + b.length);
            }
            int len = (int) length;
            crc.reset();
            crc.update(b, at + 4, 4 + len);
            if (crc.getValue() != u32(b, at + 8 + len)) {
                throw corrupt("PNG", "CRC mismatch in chunk " + type + " at byte " + at);
            }
            if (width < 0) {
                if (!type.equals("IHDR") || len != 13) {
                    throw corrupt("PNG", "the first chunk must be a 13-byte IHDR, got " + type);
                }
                long w = u32(b, at + 8);
                long h = u32(b, at + 12);
                if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
                    throw corrupt("PNG", "invalid size " + w + "x" + h + " in IHDR");
                }
                width = (int) w;
                height = (int) h;
            } else if (type.equals("IDAT")) {
                data = true;
            } else if (type.equals("IEND")) {
                if (!data) {
                    throw corrupt("PNG", "no IDAT chunk: the file holds no image data");
                }
                return new ImageHeader(PNG, width, height);
            }
            at += 12 + len;
        }
    }

    private static ImageHeader readJpeg(byte[] b) throws PerceptException {
        int width = -1;
        int height = -1;
        int at = 2;
        while (true) {
            // A marker: 0xFF, any fill bytes 0xFF, then the code.
            if (at >= b.length) {
                throw corrupt("JPEG", "truncated: ends at byte " + b.length + " before the end-of-image marker");
            }
            if (u8(b, at) != 0xff) {
                throw corrupt("JPEG", "expected a marker at byte " + at + ", got 0x" + hex(u8(b, at)));
            }
            while (at < b.length && u8(b, at) == 0xff) {
                at++;
            }
            if (at >= b.length) {
                throw corrupt("JPEG", "truncated: ends at byte " + b.length + " inside a marker");
            }
            int marker = u8(b, at++);
            if (marker == 0xd9) {
                if (width < 0) {
                    throw corrupt("JPEG", "no frame header (SOF) before the end-of-image marker");
                }
                return new ImageHeader(JPEG, width, height);
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue;
            }
            if (marker == 0x00 || marker == 0xd8) {
                throw corrupt("JPEG", "unexpected marker 0xFF" + hex(marker) + " at byte " + (at - 2));
            }
            if (at + 2 > b.length) {
                throw corrupt("JPEG", "truncated: ends at byte " + b.length + " inside the 0xFF" + hex(marker)
                        + " segment");
            }
            int length = u16(b, at);
            if (length < 2 || at + length > b.length) {
                throw corrupt("JPEG", "truncated or damaged: the 0xFF" + hex(marker) + " segment at byte " + (at - 2)
                        + " declares " + length + " bytes, the payload ends at byte " + b.length);
            }
            if (isFrameHeader(marker)) {
                if (width >= 0) {
                    throw corrupt("JPEG", "a second frame header at byte " + (at - 2));
                }
                if (length < 8) {
                    throw corrupt("JPEG", "frame header at byte " + (at - 2) + " is too short");
                }
                if (marker != 0xc0 && marker != 0xc1 && marker != 0xc2) {
                    throw new PerceptException(UNSUPPORTED_FORMAT, "the JPEG is " + codingOf(marker)
                            + "; only baseline, extended and progressive Huffman JPEGs are accepted");
                }
                int precision = u8(b, at + 2);
                height = u16(b, at + 3);
                width = u16(b, at + 5);
                int components = u8(b, at + 7);
                if (precision != 8) {
                    throw new PerceptException(UNSUPPORTED_FORMAT,
                            "the JPEG has " + precision + "-bit samples; only 8-bit JPEGs are accepted");
                }
                if (components != 1 && components != 3) {
                    throw new PerceptException(UNSUPPORTED_FORMAT, "the JPEG has " + components
                            + " colour components (CMYK?); only greyscale and colour (3) JPEGs are accepted");
                }
                if (width == 0 || height == 0) {
                    throw corrupt("JPEG", "invalid size " + width + "x" + height + " in the frame header"
                            + (height == 0 ? " (a height defined later by a DNL marker is not supported)" : ""));
                }
            }
            at += length;
            if (marker == 0xda) {
                if (width < 0) {
                    throw corrupt("JPEG", "a scan at byte " + (at - length - 2) + " before any frame header");
                }
                at = skipEntropyCodedData(b, at);
            }
        }
    }

    /** @return the index of the 0xFF of the marker that ends the scan's entropy-coded data */
    private static int skipEntropyCodedData(byte[] b, int at) throws PerceptException {
        while (at < b.length) {
            if (u8(b, at) != 0xff) {
                at++;
                continue;
            }
            int next = at + 1;
            while (next < b.length && u8(b, next) == 0xff) {
                next++;
            }
            if (next >= b.length) {
                break;
            }
            int code = u8(b, next);
            // 0xFF00 is a stuffed 0xFF byte, 0xFFD0-D7 a restart marker: both belong to the scan.
            if (code == 0x00 || (code >= 0xd0 && code <= 0xd7)) {
                at = next + 1;
                continue;
            }
            return next - 1;
        }
        throw corrupt("JPEG", "truncated: the image data ends at byte " + b.length
                + " without an end-of-image marker");
    }

    private static boolean isFrameHeader(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static String codingOf(int marker) {
        return switch (marker) {
            case 0xc3 -> "lossless";
            case 0xc5, 0xc6, 0xc7, 0xcd, 0xce, 0xcf -> "hierarchical (differential)";
            default -> "arithmetic-coded";
        };
    }

    private static PerceptException corrupt(String format, String detail) {
        return new PerceptException(PerceptException.MALFORMED, "corrupt " + format + ": " + detail);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] b, int at) {
        return b[at] & 0xff;
    }

    private static int u16(byte[] b, int at) {
        return (u8(b, at) << 8) | u8(b, at + 1);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    private static String hex(int value) {
        return String.format("%02X", value);
    }
}
