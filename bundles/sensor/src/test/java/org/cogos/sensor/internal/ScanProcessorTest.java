package org.cogos.sensor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.harness.Configs;
import org.junit.Test;

public class ScanProcessorTest {

    private static final double DISTANCE_TOLERANCE = 0.03;
    // One ray per degree: a bearing is known to about half a ray.
    private static final double BEARING_TOLERANCE = 0.01;

    private final ScanProcessor processor = new ScanProcessor(SensorOptions.from(Configs.defaults(SensorConfig.class)));

    private Observation process(byte[] payload) throws PerceptException {
        return processor.process(new Percept("r1", "lidar", 42, 123_456L, 1_000L, payload));
    }

    @Test
    public void personSizedClusterAt3mIsAPersonWithItsDistanceAndBearing() throws Exception {
        Observation observation = process(ScanGenerator.fullTurn().circle(3.0, 0.3, 0.2).payload());

        assertEquals(1, observation.detections().size());
        Detection person = observation.detections().get(0);
        assertEquals("person", person.label());
        assertEquals(3.0, person.distanceM(), DISTANCE_TOLERANCE);
        assertEquals(0.3, person.bearingRad(), BEARING_TOLERANCE);
        assertEquals(0.4, person.sizeM(), 0.1);
        assertTrue("confidence " + person.confidence(), person.confidence() > 0.5);
        assertTrue(Integer.parseInt(person.attributes().get("points")) >= 3);
        assertEquals(3.0, Double.parseDouble(person.attributes().get("nearest_m")), DISTANCE_TOLERANCE);
        assertEquals("laser", person.attributes().get("frame"));
    }

    /** The example of docs/lidar-scan.md, verbatim, and what the document says it yields. */
    @Test
    public void documentedExampleYieldsOnePerson() throws Exception {
        String example = """
                {
                  "seq": 812,
                  "stamp": 1732464000123,
                  "frame": "laser",
                  "angle_min": -0.2,
                  "angle_max": 0.2,
                  "angle_increment": 0.05,
                  "range_min": 0.05,
                  "range_max": 10.0,
                  "ranges": [null, 3.02, 3.0, 3.01, 3.05, null, 7.5, 12.0, null],
                  "intensities": [0, 812, 830, 825, 790, 0, 310, 0, 0]
                }
                """;
        Observation observation = process(example.getBytes(StandardCharsets.UTF_8));

        assertEquals(812, observation.sourceSequence());
        assertEquals(1, observation.detections().size());
        Detection person = observation.detections().get(0);
        assertEquals("person", person.label());
        assertEquals(3.0, person.distanceM(), 1e-9);
        assertEquals(-0.075, person.bearingRad(), 0.001);
        assertEquals("4", person.attributes().get("points"));
    }

    @Test
    public void observationCarriesThePerceptAndScanSequences() throws Exception {
        ScanGenerator scan = ScanGenerator.fullTurn().circle(3.0, 0.3, 0.2);
        scan.seq = 9_000_000_001L;
        Observation observation = process(scan.payload());

        assertEquals("r1", observation.robotId());
        assertEquals("lidar", observation.modality());
        assertEquals("sensor", observation.module());
        assertEquals(42, observation.perceptSequence());
        assertEquals(9_000_000_001L, observation.sourceSequence());
        assertEquals(123_456L, observation.receivedNanos());
    }

    @Test
    public void wallAcrossTheFrontIsAnObstacle() throws Exception {
        Observation observation = process(ScanGenerator.fullTurn().segment(2, -3, 2, 3).payload());

        assertEquals(1, observation.detections().size());
        Detection wall = observation.detections().get(0);
        assertEquals("obstacle", wall.label());
        assertEquals(2.0, wall.distanceM(), DISTANCE_TOLERANCE);
        assertEquals(0.0, wall.bearingRad(), BEARING_TOLERANCE);
        assertEquals(6.0, wall.sizeM(), 0.15);
        assertEquals(1.0, wall.confidence(), 0);
    }

    @Test
    public void emptyScanGivesAnObservationWithoutDetections() throws Exception {
        Observation observation = process(ScanGenerator.fullTurn().payload());

        assertTrue(observation.detections().isEmpty());
        assertEquals(812, observation.sourceSequence());
    }

    @Test
    public void returnsOutsideTheRangeLimitsAreNoReturns() throws Exception {
        ScanGenerator beyond = ScanGenerator.fullTurn().segment(2, -3, 2, 3);
        beyond.rangeMax = 1.5;
        assertTrue(process(beyond.payload()).detections().isEmpty());

        ScanGenerator tooNear = ScanGenerator.fullTurn().segment(2, -3, 2, 3);
        tooNear.rangeMin = 8;
        assertTrue(process(tooNear.payload()).detections().isEmpty());
    }

    @Test
    public void twoObjectsGiveTwoDetections() throws Exception {
        Observation observation = process(ScanGenerator.fullTurn()
                .circle(3.0, 0.3, 0.2)
                .segment(-1, -2, 1, -2) // a wall 2 m to the right
                .payload());

        List<Detection> detections = new ArrayList<>(observation.detections());
        detections.sort(Comparator.comparingDouble(Detection::bearingRad));
        assertEquals(2, detections.size());
        assertEquals("obstacle", detections.get(0).label());
        assertEquals(-Math.PI / 2, detections.get(0).bearingRad(), BEARING_TOLERANCE);
        assertEquals(2.0, detections.get(0).distanceM(), DISTANCE_TOLERANCE);
        assertEquals("person", detections.get(1).label());
        assertEquals(0.3, detections.get(1).bearingRad(), BEARING_TOLERANCE);
    }

    @Test
    public void objectBehindTheSensorIsOneClusterAcrossTheEndsOfAFullTurn() throws Exception {
        // angle_min is -π, so the returns of a person right behind are at both ends of the ranges array.
        Observation observation = process(ScanGenerator.fullTurn().circle(2.0, Math.PI, 0.2).payload());

        assertEquals(1, observation.detections().size());
        Detection behind = observation.detections().get(0);
        assertEquals("person", behind.label());
        assertEquals(Math.PI, Math.abs(behind.bearingRad()), BEARING_TOLERANCE);
        assertEquals(2.0, behind.distanceM(), DISTANCE_TOLERANCE);
    }

    @Test
    public void endsOfAPartialScanAreNotJoined() throws Exception {
        // A 270° scan: its first and last rays are 90° apart, so objects at its two ends are two objects.
        ScanGenerator scan = new ScanGenerator();
        scan.angleMin = -3 * Math.PI / 4;
        scan.count = 271;
        scan.circle(1.0, -3 * Math.PI / 4 + 0.05, 0.2).circle(1.0, 3 * Math.PI / 4 - 0.05, 0.2);

        assertEquals(2, process(scan.payload()).detections().size());
    }

    @Test
    public void personSizedClusterBeyondPersonMaxRangeIsAnObstacle() throws Exception {
        Observation observation = process(ScanGenerator.fullTurn().circle(9.0, 0.0, 0.35).payload());

        assertEquals(1, observation.detections().size());
        assertEquals("obstacle", observation.detections().get(0).label());
    }

    @Test
    public void clustersSmallerThanMinClusterPointsAreDropped() throws Exception {
        // A 4 cm post at 2 m is hit by one or two rays.
        byte[] payload = ScanGenerator.fullTurn().circle(2.0, 0.5, 0.02).payload();
        assertTrue(process(payload).detections().isEmpty());

        ScanProcessor keepsSingles = new ScanProcessor(
                SensorOptions.from(Configs.of(SensorConfig.class, Map.of("minClusterPoints", 1))));
        assertEquals(1, keepsSingles.process(new Percept("r1", "lidar", 1, 0, 0, payload)).detections().size());
    }

    @Test
    public void widerGapJoinsWhatANarrowGapSplits() throws Exception {
        // Two posts 0.5 m apart at 2 m: two clusters at the default 0.25 m gap, one at 1 m.
        byte[] payload = ScanGenerator.fullTurn().circle(2.0, 0.2, 0.1).circle(2.0, -0.05, 0.1).payload();
        assertEquals(2, process(payload).detections().size());

        ScanProcessor wideGap = new ScanProcessor(
                SensorOptions.from(Configs.of(SensorConfig.class, Map.of("clusterGapM", 1.0))));
        assertEquals(1, wideGap.process(new Percept("r1", "lidar", 1, 0, 0, payload)).detections().size());
    }

    @Test
    public void personConfidenceIsHighestForATypicalWidth() throws Exception {
        // The person band is 0.25..0.7 m of measured width; the returns of a round body span less than its
        // diameter (the edges are grazing), so a 0.5 m body measures near the middle of the band.
        Detection typical = process(ScanGenerator.fullTurn().circle(2.0, 0, 0.25).payload()).detections().get(0);
        Detection narrow = process(ScanGenerator.fullTurn().circle(2.0, 0, 0.17).payload()).detections().get(0);

        assertEquals("person", typical.label());
        assertEquals("person", narrow.label());
        assertTrue(typical.confidence() + " vs " + narrow.confidence(), typical.confidence() > narrow.confidence());
        assertTrue(typical + "", typical.confidence() > 0.9);
    }

    @Test
    public void concurrentCallsForDifferentRobotsDoNotInterfere() throws Exception {
        byte[][] payloads = new byte[4][];
        Observation[] expected = new Observation[4];
        for (int i = 0; i < 4; i++) {
            payloads[i] = ScanGenerator.fullTurn().circle(1.0 + i, -0.6 + 0.4 * i, 0.2).payload();
            expected[i] = process(payloads[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int robot = i;
                results.add(pool.submit(() -> {
                    for (int n = 0; n < 2000; n++) {
                        Observation o = processor.process(new Percept("r" + robot, "lidar", n, 0, 0, payloads[robot]));
                        if (!o.detections().equals(expected[robot].detections())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
