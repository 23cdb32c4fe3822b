package org.cogos.sensor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cogos.api.Percept;
import org.cogos.api.admin.ScanPoints;
import org.cogos.api.PerceptException;
import org.cogos.harness.Configs;
import org.cogos.nativebridge.internal.NativeTensorEngine;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LidarModuleTest {

    private static final byte[] SMALL_POST = ScanGenerator.fullTurn().circle(2.0, 0.5, 0.02).payload();

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final NativeTensorEngine engine = NativeTensorEngine.userspace();

    @After
    public void closeEngine() {
        engine.close();
    }

    private static Percept percept(byte[] payload) {
        return new Percept("r1", "lidar", 1, 0, 0, payload);
    }

    @Test
    public void defaultsAreTheDocumentedOnes() {
        assertEquals(new SensorOptions(4096, 0.25, 3, 0.5), SensorOptions.from(Configs.defaults(SensorConfig.class)));
    }

    @Test
    public void refusesParametersOutsideTheirBounds() {
        assertRejected("org.cogos.sensor.maxPoints = 0 is outside [1, 100000]", Map.of("maxPoints", 0));
        assertRejected("org.cogos.sensor.clusterGapM = 0.0 is outside [0.01, 10]", Map.of("clusterGapM", 0.0));
        assertRejected("org.cogos.sensor.minClusterPoints = 1001 is outside [1, 1000]",
                Map.of("minClusterPoints", 1001));
        assertRejected("org.cogos.sensor.personThreshold = 0.99 is outside [0.05, 0.95]",
                Map.of("personThreshold", 0.99));
        assertRejected("org.cogos.sensor.personThreshold = NaN is outside [0.05, 0.95]",
                Map.of("personThreshold", Double.NaN));
    }

    private static void assertRejected(String message, Map<String, Object> values) {
        try {
            SensorOptions.from(Configs.of(SensorConfig.class, values));
            fail("accepted " + values);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().endsWith(message));
        }
    }

    @Test
    public void eachRobotsNewestScanIsKeptForTheDashboard() throws Exception {
        LidarModule module = new LidarModule(engine, Configs.defaults(SensorConfig.class));
        assertTrue(module.latest("r1").isEmpty());
        module.process(percept(SMALL_POST));
        byte[] empty = ScanGenerator.fullTurn().payload();
        module.process(new Percept("r2", "lidar", 7, 0, 0, empty));

        ScanPoints r1 = module.latest("r1").orElseThrow();
        assertEquals("r1", r1.robotId());
        assertTrue("the post is a few returns near 2 m",
                r1.ranges().stream().anyMatch(range -> Math.abs(range - 2.0) < 0.03));
        assertTrue("the rest is no return",
                r1.ranges().stream().filter(range -> range.isNaN()).count() > r1.ranges().size() / 2);
        assertTrue(module.latest("r2").orElseThrow().ranges().stream().allMatch(range -> range.isNaN()));
        module.deactivate();
    }

    @Test
    public void theNewestScansForgetTheRobotThatScannedLeastRecently() {
        NewestScans newest = new NewestScans(2);
        LaserScan scan = new LaserScan(1, "laser", 0, 0.1, 0.1, 10, new double[] {1, 2}, false);
        newest.put("a", scan);
        newest.put("b", scan);
        newest.put("a", scan);
        newest.put("c", scan);
        assertTrue(newest.get("a").isPresent());
        assertTrue("b scanned least recently", newest.get("b").isEmpty());
        assertEquals(List.of(1.0, 2.0), newest.get("c").orElseThrow().ranges());
    }

    @Test
    public void liveParameterChangeTakesEffectAndABadOneIsIgnored() throws Exception {
        LidarModule module = new LidarModule(engine, Configs.defaults(SensorConfig.class));
        assertTrue(module.process(percept(SMALL_POST)).detections().isEmpty());

        module.modified(Configs.of(SensorConfig.class, Map.of("minClusterPoints", 1)));
        assertEquals(1, module.process(percept(SMALL_POST)).detections().size());

        module.modified(Configs.of(SensorConfig.class, Map.of("minClusterPoints", 0)));
        assertEquals("the previous parameters stay in force",
                1, module.process(percept(SMALL_POST)).detections().size());
        module.deactivate();
    }

    @Test
    public void keepsServingAfterARefusedPercept() throws Exception {
        LidarModule module = new LidarModule(engine, Configs.defaults(SensorConfig.class));
        try {
            module.process(percept("{\"seq\":".getBytes()));
            fail("accepted a truncated payload");
        } catch (PerceptException e) {
            assertEquals(PerceptException.MALFORMED, e.code());
        }
        assertEquals(1, module.process(percept(ScanGenerator.fullTurn().circle(3, 0, 0.2).payload()))
                .detections().size());
        module.deactivate();
    }

    @Test
    public void deactivationFreesTheNetworkAndLaterCallsFailClearly() throws Exception {
        LidarModule module = new LidarModule(engine, Configs.defaults(SensorConfig.class));
        byte[] person = ScanGenerator.fullTurn().circle(3, 0, 0.2).payload();
        assertEquals("person", module.process(percept(person)).detections().get(0).label());
        module.deactivate();
        try {
            module.process(percept(person));
            fail("classified after deactivation");
        } catch (IllegalStateException e) {
            assertEquals("the lidar classifier is closed", e.getMessage());
        }
    }

    @Test
    public void weightsThatDoNotMatchTheirChecksumStopActivation() throws Exception {
        byte[] shipped = shippedWeights();
        byte[] corrupt = shipped.clone();
        // One digit of one weight: the file still parses, only the checksum tells.
        int digit = indexOfFirstDigitAfter(corrupt, "\nbias ");
        corrupt[digit] = (byte) (corrupt[digit] == '7' ? '8' : '7');
        URL weights = copyWithShippedChecksum(corrupt);

        try {
            new LidarModule(engine, Configs.defaults(SensorConfig.class), weights);
            fail("activated with corrupt weights");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("cluster-mlp.txt is corrupt: its SHA-256 is "));
            assertTrue(e.getMessage(), e.getMessage().endsWith(" but cluster-mlp.txt.sha256 says "
                    + new String(shippedChecksum()).substring(0, 64)));
        }
    }

    @Test
    public void missingChecksumStopsActivation() throws Exception {
        Path weights = folder.newFolder().toPath().resolve(ClusterClassifier.WEIGHTS);
        Files.write(weights, shippedWeights());
        try {
            new LidarModule(engine, Configs.defaults(SensorConfig.class), weights.toUri().toURL());
            fail("activated without a checksum");
        } catch (RuntimeException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("cannot read classifier file file:"));
            assertTrue(e.getMessage(), e.getMessage().endsWith("cluster-mlp.txt.sha256"));
        }
    }

    @Test
    public void weightsCopiedWithTheirChecksumLoad() throws Exception {
        LidarModule module = new LidarModule(engine, Configs.defaults(SensorConfig.class),
                copyWithShippedChecksum(shippedWeights()));
        assertEquals(1, module.process(percept(ScanGenerator.fullTurn().circle(3, 0, 0.2).payload()))
                .detections().size());
        module.deactivate();
    }

    private URL copyWithShippedChecksum(byte[] weights) throws IOException {
        Path dir = folder.newFolder().toPath();
        Files.write(dir.resolve(ClusterClassifier.WEIGHTS), weights);
        Files.write(dir.resolve(ClusterClassifier.WEIGHTS + ".sha256"), shippedChecksum());
        return dir.resolve(ClusterClassifier.WEIGHTS).toUri().toURL();
    }

    static byte[] shippedWeights() throws IOException {
        try (var in = LidarModule.class.getResourceAsStream(ClusterClassifier.WEIGHTS)) {
            return in.readAllBytes();
        }
    }

    static byte[] shippedChecksum() throws IOException {
        try (var in = LidarModule.class.getResourceAsStream(ClusterClassifier.WEIGHTS + ".sha256")) {
            return in.readAllBytes();
        }
    }

    private static int indexOfFirstDigitAfter(byte[] text, String marker) {
        int at = new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(marker) + marker.length();
        while (!Character.isDigit(text[at])) {
            at++;
        }
        return at;
    }
}
