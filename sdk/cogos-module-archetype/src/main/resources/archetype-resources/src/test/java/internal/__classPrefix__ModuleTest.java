package ${package}.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Percept;
import org.cogos.api.PerceptException;
import org.cogos.harness.Configs;
import org.junit.Test;

/** The component as Declarative Services runs it: configured, processing percepts, reconfigured. */
public class ${classPrefix}ModuleTest {

    private static final double EPS = 1e-9;

    private static Percept percept(long sequence, String json) {
        return new Percept("r1", ${classPrefix}Module.MODALITY, sequence, System.nanoTime(), System.currentTimeMillis(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static ${classPrefix}Module module(Map<String, Object> config) {
        return new ${classPrefix}Module(Configs.of(${classPrefix}Config.class, config));
    }

    /** The defaults docs/${modality}.md documents. */
    @Test
    public void defaultsAreTheDocumentedOnes() {
        assertEquals(new ${classPrefix}Options(4.0, 0.0, 0.26, 0.9), module(Map.of()).options());
    }

    @Test
    public void anEchoInRangeIsAnObstacleAtThatDistanceAlongTheSensorsBearing() throws Exception {
        ${classPrefix}Module module = module(Map.of("bearingRad", 0.5));
        Observation observation = module.process(percept(12, "{\"seq\":7,\"stamp\":1732464000123,\"range_m\":0.42}"));

        assertEquals("r1", observation.robotId());
        assertEquals(${classPrefix}Module.MODALITY, observation.modality());
        assertEquals(${classPrefix}Module.MODULE, observation.module());
        assertEquals(12, observation.perceptSequence());
        assertEquals(7, observation.sourceSequence());
        assertEquals(1, observation.detections().size());
        Detection obstacle = observation.detections().get(0);
        assertEquals("obstacle", obstacle.label());
        assertEquals(0.42, obstacle.distanceM(), EPS);
        assertEquals(0.5, obstacle.bearingRad(), EPS);
        assertEquals(0.9, obstacle.confidence(), EPS);
        assertEquals(2 * 0.42 * Math.tan(0.13), obstacle.sizeM(), EPS);
        assertEquals(Map.of("stamp", "1732464000123"), obstacle.attributes());
        assertFalse("a measured range", obstacle.distanceEstimated());
    }

    /** No echo: still exactly one observation, with nothing in it, so that loss stays detectable. */
    @Test
    public void aReadingAtMaximumRangeIsAnObservationWithoutDetections() throws Exception {
        Observation observation = module(Map.of()).process(percept(1, "{\"range_m\":4.0}"));
        assertEquals(List.of(), observation.detections());
        assertEquals(-1, observation.sourceSequence());
    }

    @Test
    public void refusesParametersOutsideTheirBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> module(Map.of("maxRangeM", 0.0)));
        assertEquals("${package}.maxRangeM = 0.0 is outside [0.1, 100]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> module(Map.of("confidence", 1.5)));
        assertThrows(IllegalArgumentException.class, () -> module(Map.of("fieldOfViewRad", Double.NaN)));
    }

    @Test
    public void aRefusedChangeKeepsThePreviousParameters() throws Exception {
        ${classPrefix}Module module = module(Map.of());
        module.modified(Configs.of(${classPrefix}Config.class, Map.of("maxRangeM", 1.0)));
        assertEquals(List.of(), module.process(percept(1, "{\"range_m\":2.0}")).detections());

        module.modified(Configs.of(${classPrefix}Config.class, Map.of("maxRangeM", -3.0)));
        assertEquals(1.0, module.options().maxRangeM(), EPS);
    }

    /** A refused percept is the robot's problem, not the module's: the next one is served as usual. */
    @Test
    public void servesOnAfterARefusedPercept() throws Exception {
        ${classPrefix}Module module = module(Map.of());
        PerceptException refused = assertThrows(PerceptException.class, () -> module.process(percept(1, "{}")));
        assertEquals(PerceptException.MALFORMED, refused.code());
        assertEquals(1, module.process(percept(2, "{\"range_m\":0.3}")).detections().size());
    }
}
