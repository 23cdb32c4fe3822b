package org.cogos.coordinator.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.cogos.api.Action;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Scene;
import org.cogos.coordinator.internal.Recorders.RecordingActionSink;
import org.cogos.harness.Configs;
import org.cogos.reasoning.internal.RababComponent;
import org.cogos.reasoning.internal.ReasoningConfig;
import org.cogos.rules.internal.RulesConfig;
import org.cogos.rules.internal.RulesEngine;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.Constants;

/**
 * Issue 13: a faulty RaBAB must not cost a robot its stop. The real RaBAB, ranked 10 as it registers, decides until a
 * fault is injected into its calls; then the real rules engine, ranked 0, decides the same scenes.
 */
public class RababFaultTest {

    @Rule
    public TemporaryFolder data = new TemporaryFolder();

    /** The real engine behind a switch: pass its decisions on, throw, or hang as a deadlocked engine would. */
    private static final class FaultInjector implements DecisionEngine {
        enum Fault { NONE, THROW, HANG }

        private final DecisionEngine engine;
        private final CountDownLatch released = new CountDownLatch(1);
        volatile Fault fault = Fault.NONE;

        FaultInjector(DecisionEngine engine) {
            this.engine = engine;
        }

        @Override
        public List<Action> decide(Scene scene) {
            switch (fault) {
                case THROW:
                    throw new IllegalStateException("injected fault in RaBAB");
                case HANG:
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return List.of();
                default:
                    return engine.decide(scene);
            }
        }
    }

    private static Observation obstacleAt20cm(long seq) {
        return new Observation("r1", "lidar", "sensor", seq, seq, seq * 1_000_000_000L, 0,
                List.of(new Detection("obstacle", 1.0, 0.2, 0.0, 0.5)));
    }

    @Test
    public void aFaultyOrHungRababStillLetsTheRulesEngineStopTheRobot() throws Exception {
        CoordinatorComponent coordinator = new CoordinatorComponent();
        RecordingActionSink sink = new RecordingActionSink();
        coordinator.actionSink = sink;
        // 1 s, not less: RaBAB's first decision in a cold JVM took over 100 ms on a loaded CI machine and was
        // (rightly) timed out, so the healthy scene was answered by the rules engine. A hang still ends in 1 s.
        coordinator.activate(Configs.of(CoordinatorConfig.class, Map.of("engineTimeoutMs", 1_000L,
                "repeatSuppressionMs", 0L)));
        RababComponent rabab = new RababComponent(Configs.of(ReasoningConfig.class,
                Map.of("dataDir", data.getRoot().toString())), null);
        FaultInjector faulty = new FaultInjector(rabab);
        coordinator.bindEngine(new RulesEngine(Configs.defaults(RulesConfig.class)), Map.of(DecisionEngine.ENGINE,
                "rules", Constants.SERVICE_RANKING, 0, Constants.SERVICE_ID, 1L));
        coordinator.bindEngine(faulty, Map.of(DecisionEngine.ENGINE, "rabab", Constants.SERVICE_RANKING, 10,
                Constants.SERVICE_ID, 2L));
        try {
            coordinator.accept(obstacleAt20cm(1));
            faulty.fault = FaultInjector.Fault.THROW;
            coordinator.accept(obstacleAt20cm(2));
            faulty.fault = FaultInjector.Fault.HANG;
            coordinator.accept(obstacleAt20cm(3));

            assertEquals(List.of("stop", "stop", "stop"), sink.types());
            assertEquals(List.of("rabab", "rules", "rules"), sink.actions().stream()
                    .map(a -> a.provenance().engine()).toList());
            assertEquals(2, coordinator.stats().fallbacks());
            assertEquals(2, coordinator.stats().engineFailures());
        } finally {
            faulty.released.countDown();
            coordinator.deactivate();
        }
    }
}
