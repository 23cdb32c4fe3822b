package org.cogos.sensor.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.cogos.api.PerceptException;

/**
 * Reads the LaserScan JSON documented in {@code docs/lidar-scan.md} with Jackson's streaming parser, so every
 * type is checked by hand and the ranges go straight into a {@code double[]} without boxing.
 *
 * <p>Two shapes of one scan: cogos's own ({@code seq}, {@code stamp} in ms, {@code frame}) and ROS 2's
 * {@code sensor_msgs/msg/LaserScan} as the ROS 2 ↔ MQTT bridge writes it in JSON mode (a {@code header} with
 * {@code stamp {sec, nanosec}} and {@code frame_id}, no sequence number; docs/ros2.md). Ranges follow REP 117 in
 * both: {@code Infinity} no return beyond range, {@code -Infinity} something nearer than {@code range_min},
 * {@code NaN} an invalid measurement — the bridge writes them as those bare tokens.
 * Stateless; safe to call from any number of threads.
 */
final class LaserScanParser {

    /**
     * Non-numeric tokens are let through the tokenizer: ranges take them (REP 117), and elsewhere the refusal
     * names the field ("angle_min must be finite, got NaN") instead of a tokenizer position. The constraints
     * bound what a hostile payload can make the parser allocate or recurse into.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32).maxNumberLength(64).maxStringLength(1 << 16).build())
            .build();

    private static final double FULL_TURN = 2 * Math.PI;
    private static final int MAX_FRAME_LENGTH = 128;
    private static final int INITIAL_CAPACITY = 512;

    private static final int SEQ = 1;
    private static final int STAMP = 1 << 1;
    private static final int FRAME = 1 << 2;
    private static final int ANGLE_MIN = 1 << 3;
    private static final int ANGLE_MAX = 1 << 4;
    private static final int ANGLE_INCREMENT = 1 << 5;
    private static final int RANGE_MIN = 1 << 6;
    private static final int RANGE_MAX = 1 << 7;
    private static final int RANGES = 1 << 8;
    /** ROS 2's {@code header}: stands for stamp and frame, and makes seq optional. */
    private static final int HEADER = 1 << 9;
    private static final int REQUIRED = (1 << 9) - 1;
    /** The names of the required fields, by bit. */
    private static final String[] FIELD_NAMES = {"seq", "stamp", "frame", "angle_min", "angle_max",
        "angle_increment", "range_min", "range_max", "ranges"};
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private LaserScanParser() {
    }

    /**
     * @param maxPoints most ranges accepted; the array is refused as soon as it grows past this
     * @throws PerceptException {@link PerceptException#MALFORMED} for bad JSON, a missing, repeated or wrongly
     *                          typed field or ranges that do not match the angles;
     *                          {@link PerceptException#OUT_OF_RANGE} for a value outside its domain
     */
    static LaserScan parse(byte[] payload, int maxPoints) throws PerceptException {
        try (JsonParser parser = FACTORY.createParser(payload)) {
            return read(parser, maxPoints);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            throw new PerceptException(PerceptException.MALFORMED,
                    "invalid JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PerceptException(PerceptException.MALFORMED, "unreadable payload: " + e.getMessage(), e);
        }
    }

    private static LaserScan read(JsonParser parser, int maxPoints) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            throw malformed("the scan must be a JSON object, got " + describe(token, parser));
        }
        long seq = 0;
        long headerMicros = 0;
        String frame = null;
        double angleMin = 0;
        double angleMax = 0;
        double angleIncrement = 0;
        double rangeMin = 0;
        double rangeMax = 0;
        double[] ranges = null;
        int seen = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int field = fieldBit(name);
            if (field == 0) {
                // Unknown fields (ROS's intensities, scan_time, ...) are skipped for forward compatibility.
                parser.nextToken();
                parser.skipChildren();
                continue;
            }
            if ((seen & field) != 0) {
                throw malformed("duplicate field '" + name + "'");
            }
            if ((field == HEADER && (seen & (STAMP | FRAME)) != 0)
                    || ((field == STAMP || field == FRAME) && (seen & HEADER) != 0)) {
                throw malformed("'header' (ROS 2) and 'stamp'/'frame' (cogos) are two shapes of one thing:"
                        + " give one of them");
            }
            seen |= field;
            switch (field) {
                case SEQ -> seq = readNonNegativeLong(parser, name);
                case HEADER -> {
                    Header header = readHeader(parser);
                    headerMicros = header.micros();
                    frame = header.frameId();
                }
                case STAMP -> readNonNegativeLong(parser, name);
                case FRAME -> frame = readFrame(parser, name);
                case ANGLE_MIN -> angleMin = readFinite(parser, name);
                case ANGLE_MAX -> angleMax = readFinite(parser, name);
                case ANGLE_INCREMENT -> angleIncrement = readFinite(parser, name);
                case RANGE_MIN -> rangeMin = readNonNegative(parser, name);
                case RANGE_MAX -> rangeMax = readNonNegative(parser, name);
                default -> ranges = readRanges(parser, maxPoints);
            }
        }
        if (parser.nextToken() != null) {
            throw malformed("unexpected content after the scan object");
        }
        if ((seen & HEADER) != 0) {
            if ((seen & SEQ) == 0) {
                // ROS 2 headers carry no sequence number; the stamp tells scans apart and a robot can match an
                // action's source_seq to the scan it came from. Microseconds stay exact in a JavaScript number.
                seq = headerMicros;
            }
            seen |= SEQ | STAMP | FRAME | HEADER;
        }
        if ((seen & REQUIRED) != REQUIRED) {
            throw malformed("missing field(s): " + String.join(", ", missing(seen))
                    + ((seen & (STAMP | FRAME)) == 0 ? " (or a ROS 2 header)" : ""));
        }
        if (!(angleIncrement > 0)) {
            throw outOfRange("angle_increment must be > 0, got " + angleIncrement);
        }
        if (angleMax < angleMin) {
            throw outOfRange("angle_max (" + angleMax + ") is below angle_min (" + angleMin + ")");
        }
        double span = angleMax - angleMin;
        if (span > FULL_TURN + angleIncrement) {
            throw outOfRange("angle_min..angle_max spans " + span + " rad, more than a full turn");
        }
        if (!(rangeMax > rangeMin)) {
            throw outOfRange("range_max (" + rangeMax + ") must be above range_min (" + rangeMin + ")");
        }
        int count = ranges.length;
        if (count == 0) {
            // Within the ±1 below when the angles give one ray; a scan of no rays is no scan (found by fuzzing).
            throw malformed("ranges is empty: a scan has at least one ray");
        }
        double expected = Math.rint(span / angleIncrement) + 1;
        if (Math.abs(count - expected) > 1) {
            throw malformed("ranges has " + count + " values but angle_min..angle_max at angle_increment gives "
                    + (long) expected + " (±1 allowed)");
        }
        for (int i = 0; i < count; i++) {
            if (ranges[i] == Double.NEGATIVE_INFINITY) {
                // REP 117: something nearer than the sensor can measure. The nearest it can tell, so it is never
                // mistaken for free space: an obstacle there stops the robot.
                ranges[i] = rangeMin;
            }
        }
        boolean fullCircle = count * angleIncrement >= FULL_TURN - angleIncrement / 2;
        return new LaserScan(seq, frame, angleMin, angleIncrement, rangeMin, rangeMax, ranges, fullCircle);
    }

    private record Header(long micros, String frameId) {
    }

    /** ROS 2's {@code std_msgs/Header}: {@code {"stamp": {"sec", "nanosec"}, "frame_id"}}, both required. */
    private static Header readHeader(JsonParser parser) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            throw malformed("header must be an object, got " + describe(token, parser));
        }
        long micros = -1;
        String frameId = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if ("stamp".equals(name)) {
                if (micros >= 0) {
                    throw malformed("duplicate field 'header.stamp'");
                }
                micros = readRosTime(parser);
            } else if ("frame_id".equals(name)) {
                if (frameId != null) {
                    throw malformed("duplicate field 'header.frame_id'");
                }
                frameId = readFrame(parser, "header.frame_id");
            } else {
                parser.nextToken();
                parser.skipChildren();
            }
        }
        if (micros < 0 || frameId == null) {
            throw malformed("header needs stamp and frame_id");
        }
        return new Header(micros, frameId);
    }

    /** {@code builtin_interfaces/Time}: @return it in microseconds since the epoch */
    private static long readRosTime(JsonParser parser) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_OBJECT) {
            throw malformed("header.stamp must be an object {sec, nanosec}, got " + describe(token, parser));
        }
        long sec = -1;
        long nanosec = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if ("sec".equals(name) && sec < 0) {
                sec = readNonNegativeLong(parser, "header.stamp.sec");
            } else if ("nanosec".equals(name) && nanosec < 0) {
                nanosec = readNonNegativeLong(parser, "header.stamp.nanosec");
            } else if ("sec".equals(name) || "nanosec".equals(name)) {
                throw malformed("duplicate field 'header.stamp." + name + "'");
            } else {
                parser.nextToken();
                parser.skipChildren();
            }
        }
        if (sec < 0 || nanosec < 0) {
            throw malformed("header.stamp needs sec and nanosec");
        }
        // builtin_interfaces/Time: int32 sec, uint32 nanosec below a second.
        if (sec > Integer.MAX_VALUE || nanosec >= NANOS_PER_SECOND) {
            throw outOfRange("header.stamp must have sec <= " + Integer.MAX_VALUE + " and nanosec < "
                    + NANOS_PER_SECOND + ", got " + sec + "." + nanosec);
        }
        return sec * 1_000_000 + nanosec / 1000;
    }

    /** Reads the array a value at a time, refusing it as soon as it outgrows {@code maxPoints}. */
    private static double[] readRanges(JsonParser parser, int maxPoints) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.START_ARRAY) {
            throw malformed("ranges must be an array, got " + describe(token, parser));
        }
        double[] values = new double[Math.min(maxPoints, INITIAL_CAPACITY)];
        int count = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            double value;
            if (token == JsonToken.VALUE_NULL) {
                value = Double.NaN;
            } else if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
                value = parser.getDoubleValue();
                if (value == Double.POSITIVE_INFINITY) {
                    value = Double.NaN; // REP 117: no return within range_max
                } else if (value < 0 && value != Double.NEGATIVE_INFINITY) {
                    throw outOfRange("ranges[" + count + "] is " + parser.getText() + ": a range must be >= 0,"
                            + " Infinity (nothing in range), -Infinity (nearer than range_min), NaN or null");
                }
                // NaN stays NaN: an invalid measurement is no return. -Infinity is placed once range_min is known.
            } else {
                throw malformed("ranges[" + count + "] must be a number or null, got " + describe(token, parser));
            }
            if (count == values.length) {
                if (count == maxPoints) {
                    throw outOfRange("ranges has more than " + maxPoints + " values (maxPoints)");
                }
                values = Arrays.copyOf(values, (int) Math.min(maxPoints, 2L * count));
            }
            values[count++] = value;
        }
        return count == values.length ? values : Arrays.copyOf(values, count);
    }

    private static long readNonNegativeLong(JsonParser parser, String name) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(name + " must be an integer, got " + describe(token, parser));
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

    private static double readFinite(JsonParser parser, String name) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_NUMBER_FLOAT && token != JsonToken.VALUE_NUMBER_INT) {
            throw malformed(name + " must be a number, got " + describe(token, parser));
        }
        double value = parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            throw outOfRange(name + " must be finite, got " + parser.getText());
        }
        return value;
    }

    private static double readNonNegative(JsonParser parser, String name) throws IOException, PerceptException {
        double value = readFinite(parser, name);
        if (value < 0) {
            throw outOfRange(name + " must be >= 0, got " + value);
        }
        return value;
    }

    private static String readFrame(JsonParser parser, String name) throws IOException, PerceptException {
        JsonToken token = parser.nextToken();
        if (token != JsonToken.VALUE_STRING) {
            throw malformed(name + " must be a string, got " + describe(token, parser));
        }
        String frame = parser.getText();
        if (frame.isBlank() || frame.length() > MAX_FRAME_LENGTH) {
            throw outOfRange(name + " must be 1.." + MAX_FRAME_LENGTH + " characters and not blank");
        }
        return frame;
    }

    private static int fieldBit(String name) {
        return switch (name) {
            case "seq" -> SEQ;
            case "stamp" -> STAMP;
            case "frame" -> FRAME;
            case "angle_min" -> ANGLE_MIN;
            case "angle_max" -> ANGLE_MAX;
            case "angle_increment" -> ANGLE_INCREMENT;
            case "range_min" -> RANGE_MIN;
            case "range_max" -> RANGE_MAX;
            case "ranges" -> RANGES;
            case "header" -> HEADER;
            default -> 0;
        };
    }

    private static List<String> missing(int seen) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FIELD_NAMES.length; i++) {
            if ((seen & (1 << i)) == 0) {
                names.add(FIELD_NAMES[i]);
            }
        }
        return names;
    }

    /** Names a token the way a payload author would recognise it. */
    private static String describe(JsonToken token, JsonParser parser) throws IOException {
        if (token == null) {
            return "end of input";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + abbreviate(parser.getText()) + "\"";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            default -> token.toString();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 32 ? text : text.substring(0, 32) + "...";
    }

    private static PerceptException malformed(String message) {
        return new PerceptException(PerceptException.MALFORMED, message);
    }

    private static PerceptException outOfRange(String message) {
        return new PerceptException(PerceptException.OUT_OF_RANGE, message);
    }
}
