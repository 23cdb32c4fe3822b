package org.cogos.sensor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.Map;

import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.harness.Configs;
import org.junit.Test;

public class LidarModuleTest {

    private static final byte[] SMALL_POST = ScanGenerator.fullTurn().circle(2.0, 0.5, 0.02).payload();

    private static Percept percept(byte[] payload) {
        return new Percept("r1", "lidar", 1, 0, 0, payload);
    }

    @Test
    public void defaultsAreTheDocumentedOnes() {
        assertEquals(new SensorOptions(4096, 0.25, 3, 0.25, 0.7, 8.0),
                SensorOptions.from(Configs.defaults(SensorConfig.class)));
    }

    @Test
    public void refusesParametersOutsideTheirBounds() {
        assertRejected("maxPoints must be within [1, 100000], got 0", Map.of("maxPoints", 0));
        assertRejected("clusterGapM must be within [0.01, 10.0], got 0.0", Map.of("clusterGapM", 0.0));
        assertRejected("minClusterPoints must be within [1, 1000], got 1001", Map.of("minClusterPoints", 1001));
        assertRejected("personMaxRangeM must be within [0.1, 100.0], got NaN", Map.of("personMaxRangeM", Double.NaN));
        assertRejected("personMinWidthM (0.8) must be below personMaxWidthM (0.7)", Map.of("personMinWidthM", 0.8));
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
    public void liveParameterChangeTakesEffectAndABadOneIsIgnored() throws Exception {
        LidarModule module = new LidarModule();
        module.activate(Configs.defaults(SensorConfig.class));
        assertTrue(module.process(percept(SMALL_POST)).detections().isEmpty());

        module.modified(Configs.of(SensorConfig.class, Map.of("minClusterPoints", 1)));
        assertEquals(1, module.process(percept(SMALL_POST)).detections().size());

        module.modified(Configs.of(SensorConfig.class, Map.of("minClusterPoints", 0)));
        assertEquals("the previous parameters stay in force",
                1, module.process(percept(SMALL_POST)).detections().size());
    }

    @Test
    public void keepsServingAfterARefusedPercept() throws Exception {
        LidarModule module = new LidarModule();
        module.activate(Configs.defaults(SensorConfig.class));
        try {
            module.process(percept("{\"seq\":".getBytes()));
            fail("accepted a truncated payload");
        } catch (PerceptException e) {
            assertEquals(PerceptException.MALFORMED, e.code());
        }
        assertEquals(1, module.process(percept(ScanGenerator.fullTurn().circle(3, 0, 0.2).payload()))
                .detections().size());
    }
}
