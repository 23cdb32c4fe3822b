package org.cogos.coordinator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cogos.api.DecisionEngine;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.coordinator.internal.Recorders.RecordingActionSink;
import org.cogos.harness.Configs;
import org.cogos.rules.internal.RulesConfig;
import org.cogos.rules.internal.RulesEngine;
import org.junit.Test;
import org.osgi.framework.Constants;

/** The component as SCR drives it: activation, greedy engine swaps, live parameters. */
public class CoordinatorComponentTest {

    private static final Map<String, Object> RULES = Map.of(DecisionEngine.ENGINE, "rules");

    private static Observation obstacleAt1m(long seq) {
        return new Observation("r1", "lidar", "sensor", seq, seq, seq * 1_000_000_000L, 0,
                List.of(new Detection("obstacle", 1.0, 1.0, 0.0, 0.5)));
    }

    @Test
    public void decisionEngineCanBeSwappedWhileObservationsFlow() {
        CoordinatorComponent component = new CoordinatorComponent();
        RecordingActionSink sink = new RecordingActionSink();
        component.actionSink = sink;
        component.activate(Configs.defaults(CoordinatorConfig.class));
        RulesEngine cautious = new RulesEngine(Configs.of(RulesConfig.class, Map.of("stopDistanceM", 2.0)));
        RulesEngine relaxed = new RulesEngine(Configs.defaults(RulesConfig.class));

        component.accept(obstacleAt1m(1));
        assertEquals(1, component.stats().noEngine());

        component.bindEngine(relaxed, RULES);
        component.accept(obstacleAt1m(2));
        assertTrue("1 m is beyond the default 0.5 m stop distance", sink.actions().isEmpty());

        // Greedy swap: SCR binds the better-ranked engine first, then unbinds the old one.
        component.bindEngine(cautious, RULES);
        component.unbindEngine(relaxed);
        component.accept(obstacleAt1m(3));
        assertEquals(List.of("stop"), sink.types());

        component.unbindEngine(cautious);
        component.accept(obstacleAt1m(4));
        assertEquals(2, component.stats().noEngine());
        assertEquals(4, component.stats().scenes());
    }

    @Test
    public void unbindingAnEngineThatIsNoLongerInUseKeepsTheCurrentOne() {
        CoordinatorComponent component = new CoordinatorComponent();
        RecordingActionSink sink = new RecordingActionSink();
        component.actionSink = sink;
        component.activate(Configs.defaults(CoordinatorConfig.class));
        RulesEngine first = new RulesEngine(Configs.of(RulesConfig.class, Map.of("stopDistanceM", 2.0)));
        RulesEngine second = new RulesEngine(Configs.of(RulesConfig.class, Map.of("stopDistanceM", 3.0)));

        component.bindEngine(first, RULES);
        component.bindEngine(second, RULES);
        component.unbindEngine(first);
        component.accept(obstacleAt1m(1));
        assertEquals(List.of("stop"), sink.types());
    }

    @Test
    public void liveParameterUpdateAndRejectedUpdate() {
        CoordinatorComponent component = new CoordinatorComponent();
        component.activate(Configs.defaults(CoordinatorConfig.class));

        component.modified(Configs.of(CoordinatorConfig.class, Map.of("windowMs", 250L)));
        component.modified(Configs.of(CoordinatorConfig.class, Map.of("repeatSuppressionMs", -1L)));

        component.accept(obstacleAt1m(1));
        assertEquals(1, component.stats().scenes());
        assertEquals(1, component.stats().noEngine());
    }

    private static Map<String, Object> engine(String name, int ranking, long serviceId) {
        return Map.of(DecisionEngine.ENGINE, name, Constants.SERVICE_RANKING, ranking, Constants.SERVICE_ID,
                serviceId);
    }

    private static Observation obstacleAt20cm(long seq) {
        return new Observation("r1", "lidar", "sensor", seq, seq, seq * 1_000_000_000L, 0,
                List.of(new Detection("obstacle", 1.0, 0.2, 0.0, 0.5)));
    }

    @Test
    public void whenTheBestRankedEngineThrowsTheNextOneDecidesTheSameScene() {
        CoordinatorComponent component = new CoordinatorComponent();
        RecordingActionSink sink = new RecordingActionSink();
        component.actionSink = sink;
        component.activate(Configs.defaults(CoordinatorConfig.class));
        component.bindEngine(new RulesEngine(Configs.defaults(RulesConfig.class)), engine("rules", 0, 1));
        component.bindEngine(scene -> {
            throw new IllegalStateException("faulty rabab");
        }, engine("rabab", 10, 2));

        component.accept(obstacleAt20cm(1));

        assertEquals(List.of("stop"), sink.types());
        assertEquals("rules", component.latest("r1").orElseThrow().engine());
        assertEquals(1, component.stats().engineFailures());
        assertEquals(1, component.stats().fallbacks());
        component.deactivate();
    }

    @Test
    public void anEngineThatOverrunsIsGivenUpOnAndTheNextOneDecides() throws Exception {
        CoordinatorComponent component = new CoordinatorComponent();
        RecordingActionSink sink = new RecordingActionSink();
        component.actionSink = sink;
        component.activate(Configs.of(CoordinatorConfig.class, Map.of("engineTimeoutMs", 50L)));
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        component.bindEngine(new RulesEngine(Configs.defaults(RulesConfig.class)), engine("rules", 0, 1));
        component.bindEngine(scene -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return List.of();
        }, engine("rabab", 10, 2));

        component.accept(obstacleAt20cm(1));

        assertEquals(List.of("stop"), sink.types());
        assertEquals(1, component.stats().fallbacks());
        assertEquals("rules", component.latest("r1").orElseThrow().engine());
        component.deactivate();
        release.countDown();
    }

    @Test
    public void theBestRankedEngineDecidesWhileItWorksWhateverTheBindOrder() {
        CoordinatorComponent component = new CoordinatorComponent();
        RecordingActionSink sink = new RecordingActionSink();
        component.actionSink = sink;
        component.activate(Configs.defaults(CoordinatorConfig.class));
        component.bindEngine(scene -> List.of(), engine("quiet", 10, 7));
        component.bindEngine(new RulesEngine(Configs.defaults(RulesConfig.class)), engine("rules", 0, 1));

        component.accept(obstacleAt20cm(1));

        assertTrue("the better-ranked engine decided nothing, and that is a decision", sink.actions().isEmpty());
        assertEquals("quiet", component.latest("r1").orElseThrow().engine());
        assertEquals(0, component.stats().fallbacks());
        component.deactivate();
    }
}
