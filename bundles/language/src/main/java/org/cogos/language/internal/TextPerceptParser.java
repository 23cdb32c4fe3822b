package org.cogos.language.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.cogos.api.PerceptException;

/**
 * Reads the text percept JSON documented in {@code docs/language.md}: {@code {"text": "...", "lang": "en",
 * "seq": 7}}, or ROS 2's {@code std_msgs/msg/String} as the ROS 2 ↔ MQTT bridge writes it in JSON mode,
 * {@code {"data": "..."}} (docs/ros2.md). Stateless; safe to call from any number of threads.
 */
final class TextPerceptParser {

    /** Bounds what a hostile payload can make the parser allocate; the text limit proper is a parameter. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32).maxNumberLength(32).maxStringLength(1 << 20).build())
            .build();

    private static final int MAX_LANG_LENGTH = 16;

    private TextPerceptParser() {
    }

    /**
     * @throws PerceptException {@link PerceptException#MALFORMED} for bytes that are not UTF-8, bad JSON or a
     *                          missing, repeated or wrongly typed field; {@link PerceptException#OUT_OF_RANGE}
     *                          for blank text, text over {@code maxTextLength}, or a language other than English
     */
    static TextPercept parse(byte[] payload, int maxTextLength) throws PerceptException {
        requireUtf8(payload);
        try (JsonParser parser = FACTORY.createParser(payload)) {
            return read(parser, maxTextLength);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            throw malformed("invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw malformed("unreadable payload: " + e.getMessage(), e);
        }
    }

    /**
     * Jackson would guess UTF-16 or UTF-32 from the first bytes and report bad UTF-8 by a token position;
     * checking first gives one clear refusal for every non-UTF-8 payload.
     */
    private static void requireUtf8(byte[] payload) throws PerceptException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            decoder.decode(in);
        } catch (CharacterCodingException e) {
            throw malformed("the payload is not valid UTF-8 (bad byte sequence at byte " + in.position() + ")", e);
        }
    }

    private static TextPercept read(JsonParser parser, int maxTextLength) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            throw malformed("the text percept must be a JSON object, got " + describe(token));
        }
        String text = null;
        String textField = null;
        String lang = null;
        long seq = -1;
        boolean seenSeq = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            switch (name) {
                case "text", "data" -> {
                    if (text != null) {
                        throw malformed(name.equals(textField) ? "duplicate field '" + name + "'"
                                : "'text' and 'data' (ROS 2 std_msgs/String) are one field: give one of them");
                    }
                    textField = name;
                    text = readString(parser, name);
                }
                case "lang" -> {
                    if (lang != null) {
                        throw malformed("duplicate field 'lang'");
                    }
                    lang = readString(parser, name);
                }
                case "seq" -> {
                    if (seenSeq) {
                        throw malformed("duplicate field 'seq'");
                    }
                    seenSeq = true;
                    seq = readSeq(parser);
                }
                default -> {
                    // Unknown fields (a recogniser's scores, timestamps, ...) are skipped for forward compatibility.
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
        }
        if (parser.nextToken() != null) {
            throw malformed("unexpected content after the text percept object");
        }
        if (text == null) {
            throw malformed("missing field: text (or data, as in ROS 2 std_msgs/String)");
        }
        if (text.isBlank()) {
            throw outOfRange("text is empty");
        }
        if (text.length() > maxTextLength) {
            throw outOfRange("text has " + text.length() + " characters, more than maxTextLength (" + maxTextLength
                    + ")");
        }
        if (lang != null && !isEnglish(lang)) {
            throw outOfRange("lang is '" + abbreviate(lang) + "' but only English (en) is understood");
        }
        return new TextPercept(seq, text, lang);
    }

    /** BCP 47 {@code en}, {@code en-GB}, ... and ISO 639-3 {@code eng}, as the language detector reports it. */
    private static boolean isEnglish(String lang) {
        String l = lang.toLowerCase(Locale.ROOT);
        return lang.length() <= MAX_LANG_LENGTH && (l.equals("en") || l.equals("eng") || l.startsWith("en-")
                || l.startsWith("en_"));
    }

    private static String readString(JsonParser parser, String name) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING) {
            throw malformed(name + " must be a string, got " + describe(token));
        }
        return parser.getText();
    }

    private static long readSeq(JsonParser parser) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw malformed("seq must be an integer, got " + describe(token));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw outOfRange("seq is " + parser.getText() + ", beyond a 64-bit integer");
        }
        long value = parser.getLongValue();
        if (value < 0) {
            throw outOfRange("seq must be >= 0, got " + value);
        }
        return value;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> token.toString();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "...";
    }

    private static PerceptException malformed(String message) {
        return new PerceptException(PerceptException.MALFORMED, message);
    }

    private static PerceptException malformed(String message, Throwable cause) {
        return new PerceptException(PerceptException.MALFORMED, message, cause);
    }

    private static PerceptException outOfRange(String message) {
        return new PerceptException(PerceptException.OUT_OF_RANGE, message);
    }
}
