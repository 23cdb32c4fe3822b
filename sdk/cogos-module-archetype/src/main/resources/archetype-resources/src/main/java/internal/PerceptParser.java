package ${package}.internal;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import org.cogos.api.PerceptException;

/**
 * Reads the ${modality} percept documented in {@code docs/${modality}.md}: {@code {"seq": 7, "stamp":
 * 1732464000123, "range_m": 0.42}}. Every refusal is a {@link PerceptException} whose message names the field, so
 * that the robot's developers read what was wrong on the robot's error topic. Stateless and thread-safe.
 */
final class PerceptParser {

    /** Bounds what a hostile payload can make the parser allocate or nest. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(16).maxNumberLength(32).maxStringLength(4096).build())
            .build();

    private PerceptParser() {
    }

    /**
     * @throws PerceptException {@link PerceptException#MALFORMED} for bad JSON, a missing, repeated or wrongly
     *                          typed field; {@link PerceptException#OUT_OF_RANGE} for a negative or infinite
     *                          range, a negative seq or stamp
     */
    static Reading parse(byte[] payload) throws PerceptException {
        try (JsonParser parser = FACTORY.createParser(payload)) {
            return read(parser);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            throw new PerceptException(PerceptException.MALFORMED, "invalid JSON" + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PerceptException(PerceptException.MALFORMED, "unreadable payload: " + e.getMessage(), e);
        }
    }

    private static Reading read(JsonParser parser) throws IOException, PerceptException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw malformed("the ${modality} percept must be a JSON object, got " + describe(parser.currentToken()));
        }
        Long seq = null;
        Long stamp = null;
        Double range = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            switch (name) {
                case "seq" -> seq = readCount(parser, name, seq);
                case "stamp" -> stamp = readCount(parser, name, stamp);
                case "range_m" -> range = readRange(parser, range);
                default -> {
                    // Fields of a newer robot (a frame id, the sensor's own limits) are skipped, not refused.
                    parser.nextToken();
                    parser.skipChildren();
                }
            }
        }
        if (parser.nextToken() != null) {
            throw malformed("unexpected content after the ${modality} percept object");
        }
        if (range == null) {
            throw malformed("missing field: range_m");
        }
        return new Reading(seq == null ? -1 : seq, stamp == null ? -1 : stamp, range);
    }

    /** seq and stamp: integers of at least 0. */
    private static long readCount(JsonParser parser, String name, Long seen) throws IOException, PerceptException {
        requireFirst(name, seen);
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(name + " must be an integer, got " + describe(token));
        }
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw outOfRange(name + " is " + parser.getText() + ", beyond a 64-bit integer");
        }
        long value = parser.getLongValue();
        if (value < 0) {
            throw outOfRange(name + " must be >= 0, got " + value);
        }
        return value;
    }

    private static double readRange(JsonParser parser, Double seen) throws IOException, PerceptException {
        requireFirst("range_m", seen);
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw malformed("range_m must be a number, got " + describe(token));
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value) || value < 0) {
            throw outOfRange("range_m must be a distance in metres >= 0, got " + parser.getText());
        }
        return value;
    }

    private static void requireFirst(String name, Object seen) throws PerceptException {
        if (seen != null) {
            throw malformed("duplicate field '" + name + "'");
        }
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

    private static PerceptException malformed(String message) {
        return new PerceptException(PerceptException.MALFORMED, message);
    }

    private static PerceptException outOfRange(String message) {
        return new PerceptException(PerceptException.OUT_OF_RANGE, message);
    }
}
