package org.cogos.sensor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

import org.cogos.api.PerceptException;
import org.cogos.sensor.internal.ScanGenerator.Raw;
import org.junit.Test;

public class LaserScanParserTest {

    private static final int MAX_POINTS = 4096;

    /** A valid full-turn scan with an edit applied to its fields. */
    private static byte[] scanWith(Consumer<Map<String, Object>> edit) {
        Map<String, Object> fields = ScanGenerator.fullTurn().circle(3, 0.3, 0.2).fields();
        edit.accept(fields);
        return ScanGenerator.payload(fields);
    }

    private static double[] rangesWith(int index, double value) {
        double[] ranges = ScanGenerator.fullTurn().ranges();
        ranges[index] = value;
        return ranges;
    }

    /** 360 ranges of 1 m with {@code token} written verbatim at {@code index}. */
    private static Raw rangesWithToken(int index, String token) {
        StringBuilder ranges = new StringBuilder("[");
        for (int i = 0; i < 360; i++) {
            ranges.append(i == 0 ? "" : ",").append(i == index ? token : "1.0");
        }
        return new Raw(ranges.append(']').toString());
    }

    private static void assertRefused(String code, String messagePart, byte[] payload) {
        try {
            LaserScanParser.parse(payload, MAX_POINTS);
            fail("accepted: " + new String(payload, StandardCharsets.UTF_8));
        } catch (PerceptException e) {
            assertEquals(e.getMessage(), code, e.code());
            assertTrue("'" + e.getMessage() + "' should mention '" + messagePart + "'",
                    e.getMessage().contains(messagePart));
        }
    }

    private static void assertRefused(String code, String messagePart, String payload) {
        assertRefused(code, messagePart, payload.getBytes(StandardCharsets.UTF_8));
    }

    private static final String MALFORMED = PerceptException.MALFORMED;
    private static final String OUT_OF_RANGE = PerceptException.OUT_OF_RANGE;

    @Test
    public void readsAValidScan() throws Exception {
        LaserScan scan = LaserScanParser.parse(ScanGenerator.fullTurn().circle(3, 0.3, 0.2).payload(), MAX_POINTS);

        assertEquals(812, scan.seq());
        assertEquals("laser", scan.frame());
        assertEquals(-Math.PI, scan.angleMin(), 0);
        assertEquals(360, scan.ranges().length);
        assertTrue(scan.fullCircle());
        assertTrue(Double.isNaN(scan.ranges()[0]));
        assertEquals(3.0, Arrays.stream(scan.ranges()).filter(r -> !Double.isNaN(r)).min().getAsDouble(), 0.01);
    }

    @Test
    public void skipsUnknownFieldsAndAcceptsIntegersForReals() throws Exception {
        byte[] payload = scanWith(f -> {
            f.put("intensities", new Raw("[1, 2, {\"nested\": [3]}]"));
            f.put("scan_time", 0.1);
            f.put("range_min", 0);
            f.put("range_max", 20);
        });
        LaserScan scan = LaserScanParser.parse(payload, MAX_POINTS);
        assertEquals(0.0, scan.rangeMin(), 0);
        assertEquals(20.0, scan.rangeMax(), 0);
    }

    /**
     * Found by LaserScanFuzzTest: angles that give one ray allowed one fewer, so an empty ranges array passed as a
     * scan of no points (the input is kept as regression-empty-ranges.json among the fuzz test's inputs).
     */
    @Test
    public void regressionAnEmptyRangesArrayPassedAsAScanOfNoPoints() {
        assertRefused(MALFORMED, "ranges is empty", "{\"seq\":2,\"stamp\":5,\"frame\":\"f\",\"angle_min\":0,"
                + "\"angle_max\":1.51,\"angle_increment\":6,\"range_min\":0,\"range_max\":5,\"ranges\":[]}");
    }

    @Test
    public void acceptsOneRangeMoreOrLessThanTheAnglesGive() throws Exception {
        for (int count : new int[] {359, 360, 361}) {
            byte[] payload = scanWith(f -> f.put("ranges", Arrays.copyOf(ScanGenerator.fullTurn().ranges(), count)));
            assertEquals(count, LaserScanParser.parse(payload, MAX_POINTS).ranges().length);
        }
    }

    @Test
    public void partialScanIsNotAFullTurn() throws Exception {
        ScanGenerator scan = new ScanGenerator();
        scan.angleMin = -3 * Math.PI / 4;
        scan.count = 271;
        assertFalse(LaserScanParser.parse(scan.payload(), MAX_POINTS).fullCircle());
    }

    @Test
    public void refusesInvalidJson() {
        byte[] valid = ScanGenerator.fullTurn().payload();
        assertRefused(MALFORMED, "invalid JSON", Arrays.copyOf(valid, valid.length / 2));
        assertRefused(MALFORMED, "invalid JSON", "{\"seq\": 1,,}");
        assertRefused(MALFORMED, "invalid JSON", "hello");
        assertRefused(MALFORMED, "end of input", "");
        assertRefused(MALFORMED, "must be a JSON object, got an array", "[1, 2]");
        assertRefused(MALFORMED, "after the scan object", new String(valid, StandardCharsets.UTF_8) + " {}");
        assertRefused(MALFORMED, "invalid JSON", scanWith(f -> f.put("deep", new Raw("[".repeat(100) + "]".repeat(100)))));
    }

    @Test
    public void refusesMissingRepeatedAndWronglyTypedFields() {
        assertRefused(MALFORMED, "missing field(s): seq", scanWith(f -> f.remove("seq")));
        assertRefused(MALFORMED, "missing field(s): angle_increment, ranges",
                scanWith(f -> {
                    f.remove("ranges");
                    f.remove("angle_increment");
                }));
        assertRefused(MALFORMED, "duplicate field 'seq'",
                new String(scanWith(f -> { }), StandardCharsets.UTF_8).replace("{\"seq\"", "{\"seq\":1,\"seq\""));
        assertRefused(MALFORMED, "seq must be an integer, got the string \"12\"", scanWith(f -> f.put("seq", "12")));
        assertRefused(MALFORMED, "seq must be an integer, got 1.5", scanWith(f -> f.put("seq", 1.5)));
        assertRefused(MALFORMED, "stamp must be an integer, got null", scanWith(f -> f.put("stamp", null)));
        assertRefused(MALFORMED, "frame must be a string, got 7", scanWith(f -> f.put("frame", 7)));
        assertRefused(MALFORMED, "angle_min must be a number, got a boolean", scanWith(f -> f.put("angle_min", true)));
        assertRefused(MALFORMED, "range_max must be a number, got an array", scanWith(f -> f.put("range_max", new Raw("[]"))));
        assertRefused(MALFORMED, "ranges must be an array, got an object", scanWith(f -> f.put("ranges", new Raw("{}"))));
        assertRefused(MALFORMED, "ranges[2] must be a number or null, got the string \"1\"",
                scanWith(f -> f.put("ranges", new Raw("[1, 1, \"1\"]"))));
    }

    /** REP 117, as ROS 2 drivers report and the ROS 2 ↔ MQTT bridge writes them: bare tokens in ranges. */
    @Test
    public void readsRep117TokensInRanges() throws Exception {
        StringBuilder ranges = new StringBuilder("[");
        for (int i = 0; i < 360; i++) {
            ranges.append(i == 0 ? "" : ",").append(switch (i) {
                case 3 -> "Infinity";
                case 4 -> "-Infinity";
                case 5 -> "NaN";
                case 6 -> "null";
                default -> "1.0";
            });
        }
        LaserScan scan = LaserScanParser.parse(scanWith(f -> f.put("ranges", new Raw(ranges + "]"))), MAX_POINTS);

        assertTrue("+Inf: nothing within range_max, no return", Double.isNaN(scan.ranges()[3]));
        assertEquals("-Inf: nearer than range_min, a return at the nearest the sensor tells", scan.rangeMin(),
                scan.ranges()[4], 0);
        assertTrue("NaN: an invalid measurement, no return", Double.isNaN(scan.ranges()[5]));
        assertTrue(Double.isNaN(scan.ranges()[6]));
        assertEquals(1.0, scan.ranges()[7], 0);
    }

    @Test
    public void refusesNonFiniteValuesOutsideRanges() {
        assertRefused(OUT_OF_RANGE, "ranges[5] is -1.0E-3: a range must be >= 0, Infinity (nothing in range),"
                + " -Infinity (nearer than range_min), NaN or null", scanWith(f -> f.put("ranges",
                        rangesWithToken(5, "-1.0E-3"))));
        assertRefused(OUT_OF_RANGE, "angle_min must be finite, got NaN", scanWith(f -> f.put("angle_min", new Raw("NaN"))));
        assertRefused(OUT_OF_RANGE, "range_max must be finite, got Infinity",
                scanWith(f -> f.put("range_max", new Raw("Infinity"))));
        assertRefused(OUT_OF_RANGE, "angle_increment must be finite",
                scanWith(f -> f.put("angle_increment", new Raw("1e400"))));
    }

    /** The bridge's JSON mode, byte for byte as it writes a LaserScan (test resource, docs/ros2.md). */
    @Test
    public void readsTheRos2BridgeShape() throws Exception {
        LaserScan scan = LaserScanParser.parse(Ros2Fixtures.bytes("laserscan.json"), MAX_POINTS);

        assertEquals("the stamp in microseconds stands for the missing seq", 1_765_000_000_123_456L, scan.seq());
        assertEquals("base_scan", scan.frame());
        assertEquals(-0.2617993950843811, scan.angleMin(), 0);
        assertEquals(11, scan.ranges().length);
        assertEquals(scan.rangeMin(), scan.ranges()[5], 0);
        assertTrue(Double.isNaN(scan.ranges()[0]));
        assertTrue(Double.isNaN(scan.ranges()[10]));
        assertFalse(scan.fullCircle());
    }

    @Test
    public void refusesABrokenRos2Header() {
        String rest = ",\"angle_min\":-0.1,\"angle_max\":0.1,\"angle_increment\":0.1,\"range_min\":0.1,"
                + "\"range_max\":10.0,\"ranges\":[1.0,1.0,1.0]}";
        assertRefused(MALFORMED, "header needs stamp and frame_id", "{\"header\":{\"frame_id\":\"l\"}" + rest);
        assertRefused(MALFORMED, "header.stamp needs sec and nanosec",
                "{\"header\":{\"stamp\":{\"sec\":1},\"frame_id\":\"l\"}" + rest);
        assertRefused(OUT_OF_RANGE, "header.stamp must have sec <= 2147483647 and nanosec < 1000000000",
                "{\"header\":{\"stamp\":{\"sec\":1,\"nanosec\":1000000000},\"frame_id\":\"l\"}" + rest);
        assertRefused(OUT_OF_RANGE, "header.stamp.sec must be >= 0",
                "{\"header\":{\"stamp\":{\"sec\":-1,\"nanosec\":0},\"frame_id\":\"l\"}" + rest);
        assertRefused(MALFORMED, "header.frame_id must be a string, got 3",
                "{\"header\":{\"stamp\":{\"sec\":1,\"nanosec\":0},\"frame_id\":3}" + rest);
        assertRefused(MALFORMED, "'header' (ROS 2) and 'stamp'/'frame' (cogos) are two shapes of one thing",
                "{\"stamp\":5,\"header\":{\"stamp\":{\"sec\":1,\"nanosec\":0},\"frame_id\":\"l\"}" + rest);
        assertRefused(MALFORMED, "missing field(s): seq, stamp, frame (or a ROS 2 header)", "{" + rest.substring(1));
    }

    @Test
    public void refusesValuesOutsideTheirDomain() {
        assertRefused(OUT_OF_RANGE, "ranges[5] is -0.5", scanWith(f -> f.put("ranges", rangesWith(5, -0.5))));
        assertRefused(OUT_OF_RANGE, "seq must be >= 0, got -1", scanWith(f -> f.put("seq", -1)));
        assertRefused(OUT_OF_RANGE, "seq is 123456789012345678901234567890, beyond a 64-bit integer",
                scanWith(f -> f.put("seq", new Raw("123456789012345678901234567890"))));
        assertRefused(OUT_OF_RANGE, "stamp must be >= 0", scanWith(f -> f.put("stamp", -5)));
        assertRefused(OUT_OF_RANGE, "range_min must be >= 0", scanWith(f -> f.put("range_min", -0.1)));
        assertRefused(OUT_OF_RANGE, "range_max (0.05) must be above range_min (0.05)",
                scanWith(f -> f.put("range_max", 0.05)));
        assertRefused(OUT_OF_RANGE, "angle_increment must be > 0, got 0.0", scanWith(f -> f.put("angle_increment", 0)));
        assertRefused(OUT_OF_RANGE, "angle_increment must be > 0, got -0.01",
                scanWith(f -> f.put("angle_increment", -0.01)));
        assertRefused(OUT_OF_RANGE, "is below angle_min", scanWith(f -> f.put("angle_max", -4.0)));
        assertRefused(OUT_OF_RANGE, "more than a full turn", scanWith(f -> {
            f.put("angle_min", -4.0);
            f.put("angle_max", 4.0);
        }));
        assertRefused(OUT_OF_RANGE, "frame must be 1..128 characters", scanWith(f -> f.put("frame", " ")));
    }

    @Test
    public void refusesRangesThatDoNotMatchTheAngles() {
        for (int count : new int[] {358, 362, 720}) {
            assertRefused(MALFORMED, "ranges has " + count + " values but angle_min..angle_max at angle_increment gives 360",
                    scanWith(f -> f.put("ranges", Arrays.copyOf(ScanGenerator.fullTurn().ranges(), count))));
        }
    }

    @Test
    public void refusesMorePointsThanMaxPointsBeforeReadingTheRest() throws Exception {
        ScanGenerator scan = new ScanGenerator();
        scan.angleIncrement = 2 * Math.PI / 5000;
        scan.angleMin = -Math.PI;
        scan.count = 5000;
        assertRefused(OUT_OF_RANGE, "ranges has more than 4096 values (maxPoints)", scan.payload());
        assertEquals(5000, LaserScanParser.parse(scan.payload(), 5000).ranges().length);

        // The refusal comes while streaming: a payload that only breaks after a million values is refused
        // for its size, not for its syntax, so the parser never read (or stored) its tail.
        StringBuilder huge = new StringBuilder("{\"ranges\": [");
        for (int i = 0; i < 1_000_000; i++) {
            huge.append("1.0,");
        }
        huge.append("oops");
        try {
            LaserScanParser.parse(huge.toString().getBytes(StandardCharsets.UTF_8), 100);
            fail("accepted");
        } catch (PerceptException e) {
            assertEquals(OUT_OF_RANGE, e.code());
            assertEquals("ranges has more than 100 values (maxPoints)", e.getMessage());
        }
    }
}
