package org.cogos.sensor.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cogos.api.PerceptException;

/**
 * The LaserScan decoder against any bytes (issue 16): it returns a scan that keeps its own invariants, or refuses
 * with one of its two codes; nothing else (no other exception, no hang, no allocation past the point limit).
 * Seeds: {@code LaserScanFuzzTestInputs/parseNeverFailsUnexpectedly}. docs/fuzzing.md.
 */
class LaserScanFuzzTest {

    private static final int MAX_POINTS = 4096;
    private static final Set<String> CODES = Set.of(PerceptException.MALFORMED, PerceptException.OUT_OF_RANGE);

    @FuzzTest(maxDuration = "30s")
    void parseNeverFailsUnexpectedly(byte[] payload) {
        LaserScan scan;
        try {
            scan = LaserScanParser.parse(payload, MAX_POINTS);
        } catch (PerceptException e) {
            assertTrue(CODES.contains(e.code()), e.code());
            return;
        }
        assertTrue(scan.ranges().length >= 1 && scan.ranges().length <= MAX_POINTS, "points");
        assertTrue(Double.isFinite(scan.angleMin()) && Double.isFinite(scan.angleIncrement()), "angles");
        assertTrue(scan.rangeMin() >= 0 && scan.rangeMin() <= scan.rangeMax(), "range limits");
        assertTrue(scan.frame() != null, "frame");
    }
}
