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
import org.cogos.api.tensor.TensorEngine;
import org.cogos.harness.Configs;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** Scans through the whole module path: parser, clusterer, the shipped network on the real (user-space) engine. */
public class ScanProcessorTest {

    private static final double DISTANCE_TOLERANCE = 0.03;
    // One ray per degree: a bearing is known to about half a ray.
    private static final double BEARING_TOLERANCE = 0.01;

    private static NativeTensorEngine engine;
    private static ClusterClassifier classifier;

    @BeforeClass
    public static void loadClassifier() {
        engine = NativeTensorEngine.userspace();
        classifier = ClusterClassifier.load(engine, LidarModule.class.getResource(ClusterClassifier.WEIGHTS));
    }

    @AfterClass
    public static void closeClassifier() {
        classifier.close();
        engine.close();
    }

    private final ScanProcessor processor = processor(Map.of());

    private static ScanProcessor processor(Map<String, Object> parameters) {
        return new ScanProcessor(SensorOptions.from(Configs.of(SensorConfig.class, parameters)), classifier);
    }

    private Observation process(byte[] payload) throws PerceptException {
        return processor.process(new Percept("r1", "lidar", 42, 123_456L, 1_000L, payload)).observation();
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

    /**
     * The example of docs/lidar-scan.md, verbatim, and what the document says it yields. Its ranges bulge towards
     * the sensor as a body does; the flat front of the width rule's example (3.02, 3.0, 3.01, 3.05) reads to the
     * network as the side of a box.
     */
    /**
     * REP 117: rays reporting -Infinity saw something nearer than range_min. That is the nearest thing there is,
     * never free space; the rest of the scan reports +Infinity, nothing in range.
     */
    @Test
    public void raysNearerThanRangeMinAreSomethingThereNotNothing() throws Exception {
        String scan = "{\"header\":{\"stamp\":{\"sec\":1765000000,\"nanosec\":0},\"frame_id\":\"base_scan\"},"
                + "\"angle_min\":-0.2,\"angle_max\":0.2,\"angle_increment\":0.05,\"range_min\":0.12,"
                + "\"range_max\":3.5,\"ranges\":[Infinity,Infinity,-Infinity,-Infinity,-Infinity,-Infinity,"
                + "-Infinity,Infinity,Infinity]}";
        Observation observation = process(scan.getBytes(StandardCharsets.UTF_8));

        assertEquals(1, observation.detections().size());
        Detection near = observation.detections().get(0);
        assertEquals(0.12, near.distanceM(), 0.005);
        assertEquals(0.0, near.bearingRad(), 1e-9);
        assertEquals("2-6", near.attributes().get("rays"));
    }

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
                  "ranges": [null, 3.1, 3.02, 3.0, 3.08, null, 7.5, 12.0, null],
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
        assertEquals("1-4", person.attributes().get("rays"));
        assertTrue(person + "", person.confidence() > 0.75);
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
        // The network's probability, no longer the 1 the width rule gave every obstacle.
        assertTrue("confidence " + wall.confidence(), wall.confidence() > 0.95);
        assertEquals(TensorEngine.BACKEND_USERSPACE, wall.attributes().get("classifier"));
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
    public void clustersSmallerThanMinClusterPointsAreDropped() throws Exception {
        // A 4 cm post at 2 m is hit by one or two rays.
        byte[] payload = ScanGenerator.fullTurn().circle(2.0, 0.5, 0.02).payload();
        assertTrue(process(payload).detections().isEmpty());

        ScanProcessor keepsSingles = processor(Map.of("minClusterPoints", 1));
        assertEquals(1, keepsSingles.process(new Percept("r1", "lidar", 1, 0, 0, payload)).observation().detections().size());
    }

    @Test
    public void widerGapJoinsWhatANarrowGapSplits() throws Exception {
        // Two posts 0.5 m apart at 2 m: two clusters at the default 0.25 m gap, one at 1 m.
        byte[] payload = ScanGenerator.fullTurn().circle(2.0, 0.2, 0.1).circle(2.0, -0.05, 0.1).payload();
        assertEquals(2, process(payload).detections().size());

        ScanProcessor wideGap = processor(Map.of("clusterGapM", 1.0));
        assertEquals(1, wideGap.process(new Percept("r1", "lidar", 1, 0, 0, payload)).observation().detections().size());
    }

    @Test
    public void roundBodiesOfAdultWidthArePeople() throws Exception {
        // 0.34 to 0.5 m wide, at 1 to 7 m: torsos as the simulator draws them, inside the trained range.
        for (double radius : new double[] {0.17, 0.2, 0.225, 0.25}) {
            for (double distance = 1; distance <= 7; distance += 1.5) {
                Detection body = process(ScanGenerator.fullTurn().circle(distance, 0.4, radius).payload())
                        .detections().get(0);
                assertEquals(radius + " m at " + distance + " m: " + body, "person", body.label());
            }
        }
    }

    @Test
    public void confidenceIsTheProbabilityOfTheLabelAndTheThresholdMovesTheLabel() throws Exception {
        // A 0.45 m flat board face-on at 6 m, five returns: person-wide but flat, a case the network is unsure
        // of. The label follows the threshold and the confidence is the probability of the label given.
        byte[] board = ScanGenerator.fullTurn().segment(6, -0.225, 6, 0.225).payload();
        Detection detection = process(board).detections().get(0);
        double person = detection.label().equals("person") ? detection.confidence() : 1 - detection.confidence();
        assertTrue(detection + "", detection.confidence() >= 0.5);
        assertTrue("the network is sure of this board (" + person + "): pick a more ambiguous shape",
                person > 0.06 && person < 0.94);

        Detection strict = processor(Map.of("personThreshold", Math.min(0.95, person + 0.01)))
                .process(new Percept("r1", "lidar", 1, 0, 0, board)).observation().detections().get(0);
        Detection lenient = processor(Map.of("personThreshold", Math.max(0.05, person - 0.01)))
                .process(new Percept("r1", "lidar", 1, 0, 0, board)).observation().detections().get(0);
        assertEquals("obstacle", strict.label());
        assertEquals(1 - person, strict.confidence(), 1e-9);
        assertEquals("person", lenient.label());
        assertEquals(person, lenient.confidence(), 1e-9);
    }

    /**
     * The encounter of the robot simulator (integration-tests/robot-sim LidarScenario) and the decisions the
     * end-to-end tests expect from it: a 0.45 m round body walking from 6 m to 1.5 m in front of a wall 8 m ahead
     * must be a person in every scan (so that rule R2 approaches it at 5 m or nearer), then a 1.2 m board at
     * 0.3 m and the wall are obstacles.
     */
    @Test
    public void theSimulatorsEncounterIsAPersonThenAnObstacle() throws Exception {
        for (int frame = 0; frame <= 30; frame++) {
            double distance = 6.0 - 4.5 * frame / 30;
            ScanGenerator scan = ScanGenerator.simulatorLidar().circle(distance, 0, 0.225).segment(8, -20, 8, 20);
            scan.noiseSigmaM = 0.01;
            scan.noiseSeed = frame;
            List<Detection> detections = process(scan.payload()).detections();
            Detection nearest = detections.stream().min(Comparator.comparingDouble(Detection::distanceM)).get();
            assertEquals("at " + distance + " m: " + detections, "person", nearest.label());
            assertEquals(distance, nearest.distanceM(), 0.05);
            assertTrue("at " + distance + " m: " + nearest, nearest.confidence() >= 0.5);
            for (Detection other : detections) {
                if (other != nearest) {
                    assertEquals("the wall, at " + distance + " m: " + detections, "obstacle", other.label());
                }
            }
        }
        // MqttHotSwapIT's scan: frame 1 of a 3-frame walk, exact ranges: the person at 3.75 m.
        Detection still = process(ScanGenerator.simulatorLidar().circle(3.75, 0, 0.225).segment(8, -20, 8, 20)
                .payload()).detections().stream().min(Comparator.comparingDouble(Detection::distanceM)).get();
        assertEquals("person", still.label());
        assertTrue(still + "", still.confidence() >= 0.5);

        ScanGenerator obstacle = ScanGenerator.simulatorLidar().segment(0.3, -0.6, 0.3, 0.6).segment(8, -20, 8, 20);
        obstacle.noiseSigmaM = 0.01;
        List<Detection> detections = process(obstacle.payload()).detections();
        assertEquals(detections + "", List.of("obstacle"), detections.stream().map(Detection::label).distinct().toList());
        assertEquals(0.3, detections.stream().mapToDouble(Detection::distanceM).min().getAsDouble(), 0.05);
    }

    @Test
    public void aScanOfManyClustersIsClassifiedInOneEngineCallAsEachAloneWouldBe() throws Exception {
        // A person ahead and 18 posts of 0.2 m around it (0.6 m apart): more clusters than 16 rows, so the
        // 32-row batch is used, and its rows must not leak into each other.
        ScanGenerator many = ScanGenerator.fullTurn().circle(2.5, 0, 0.2);
        for (int i = 0; i < 18; i++) {
            many.circle(2, postBearing(i), 0.1);
        }
        process(many.payload()); // allocates the 32-row batch tensors: engine calls of their own
        long callsBefore = engine.status().calls();
        List<Detection> together = process(many.payload()).detections();
        assertEquals("engine calls for one scan", 1, engine.status().calls() - callsBefore);
        assertEquals(19, together.size());

        for (Detection detection : together) {
            boolean person = Math.abs(detection.bearingRad()) < 0.1;
            double turned = detection.bearingRad() - postBearing(0);
            int post = (int) Math.round((turned < 0 ? turned + 2 * Math.PI : turned) / 0.3);
            byte[] alone = person ? ScanGenerator.fullTurn().circle(2.5, 0, 0.2).payload()
                    : ScanGenerator.fullTurn().circle(2, postBearing(post), 0.1).payload();
            Detection single = process(alone).detections().get(0);
            assertEquals(single.label(), detection.label());
            assertEquals(single.confidence(), detection.confidence(), 1e-6);
        }
        assertEquals("person", together.stream().filter(d -> Math.abs(d.bearingRad()) < 0.1).findFirst().get().label());
    }

    private static double postBearing(int i) {
        return 0.6 + 0.3 * i;
    }

    @Test
    public void aScanWithoutClustersDoesNotCallTheEngine() throws Exception {
        long callsBefore = engine.status().calls();
        assertTrue(process(ScanGenerator.fullTurn().payload()).detections().isEmpty());
        assertEquals(0, engine.status().calls() - callsBefore);
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
                        Observation o = processor.process(new Percept("r" + robot, "lidar", n, 0, 0, payloads[robot]))
                                .observation();
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
