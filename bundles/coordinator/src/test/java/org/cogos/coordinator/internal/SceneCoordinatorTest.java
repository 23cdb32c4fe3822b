package org.cogos.coordinator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.cogos.api.Action;
import org.cogos.api.ActionSink;
import org.cogos.api.DecisionEngine;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Provenance;
import org.cogos.api.Scene;
import org.cogos.api.admin.DecidedScene;
import org.cogos.coordinator.internal.Recorders.RecordingActionSink;
import org.cogos.coordinator.internal.Recorders.RecordingEngine;
import org.cogos.harness.Configs;
import org.cogos.rules.internal.RulesConfig;
import org.cogos.rules.internal.RulesEngine;
import org.junit.Test;

public class SceneCoordinatorTest {

    private final RulesEngine rules = new RulesEngine(Configs.defaults(RulesConfig.class));
    private final RecordingEngine engine = new RecordingEngine(rules);
    private final RecordingActionSink sink = new RecordingActionSink();
    private final AtomicReference<DecisionEngine> boundEngine = new AtomicReference<>(engine);
    private final AtomicReference<ActionSink> boundSink = new AtomicReference<>(sink);
    private final AtomicLong clock = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    private final List<String> events = new ArrayList<>();

    private SceneCoordinator coordinator(Map<String, Object> config) {
        return new SceneCoordinator(CoordinatorOptions.from(Configs.of(CoordinatorConfig.class, config)),
                () -> boundEngine.get() == null ? List.of() : List.of(new BoundEngine(boundEngine.get(), "test")),
                boundSink::get,
                events::add, clock::get);
    }

    private final SceneCoordinator coordinator = coordinator(Map.of());

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private static Observation observe(String robot, String modality, long seq, long atMs, Detection... detections) {
        return new Observation(robot, modality, "m", seq, seq, ms(atMs), 0, Arrays.asList(detections));
    }

    private static Observation lidar(long seq, long atMs, Detection... detections) {
        return observe("r1", "lidar", seq, atMs, detections);
    }

    private static Detection person(double distance) {
        return new Detection("person", 0.9, distance, 0.3, 0.4);
    }

    private static Detection obstacle(double distance) {
        return new Detection("obstacle", 1.0, distance, 0.0, 1.0);
    }

    @Test
    public void scriptedApproachThenStopGivesACleanSequence() {
        coordinator.accept(lidar(1, 0, person(3.0)));
        coordinator.accept(lidar(2, 100, person(2.8)));
        coordinator.accept(lidar(3, 200, person(2.0)));
        coordinator.accept(lidar(4, 300, person(1.2), obstacle(0.4)));
        coordinator.accept(lidar(5, 400, obstacle(0.3)));
        coordinator.accept(lidar(6, 500, obstacle(0.35)));

        assertEquals(List.of("approach", "stop"), sink.types());
        Action approach = sink.actions().get(0);
        assertEquals(1, approach.sceneSequence());
        assertEquals(1, approach.sourceSequence());
        assertEquals(2.0, (Double) approach.parameters().get("target_distance_m"), 1e-9);
        Action stop = sink.actions().get(1);
        assertEquals(4, stop.sourceSequence());
        assertEquals("rules R1 stop: obstacle at 0.40 m bearing 0.00 rad (lidar seq 4)", stop.reason());
        CoordinatorStats stats = coordinator.stats();
        assertEquals(6, stats.scenes());
        assertEquals(2, stats.actionsSent());
        assertEquals(4, stats.suppressed());
    }

    @Test
    public void decidedActionsAreFoundByIdWithTheirProvenanceUntilTheHistoryForgetsThem() {
        SceneCoordinator small = coordinator(Map.of("actionHistory", 2, "repeatSuppressionMs", 0L));
        small.accept(lidar(1, 0, person(3.0)));
        small.accept(lidar(2, 100, obstacle(0.3)));
        small.accept(lidar(3, 200, obstacle(0.3)));
        List<Action> sent = sink.actions();
        assertEquals(3, sent.size());

        assertNull("the oldest is forgotten beyond actionHistory", small.action(sent.get(0).actionId()));
        Action stop = small.action(sent.get(2).actionId());
        assertEquals(sent.get(2), stop);
        assertEquals("rules", stop.provenance().engine());
        assertEquals("R1", stop.provenance().rules().get(0).rule());
        assertEquals("lidar", stop.provenance().facts().get(0).modality());
        assertEquals(3, stop.provenance().facts().get(0).sourceSequence());
        assertNull(small.action("no-such-id"));
    }

    @Test
    public void aRobotsRecentActionsAreListedOldestFirstAndBoundedByMax() {
        SceneCoordinator wide = coordinator(Map.of("actionHistory", 10, "repeatSuppressionMs", 0L));
        wide.accept(lidar(1, 0, person(3.0)));
        wide.accept(lidar(2, 100, obstacle(0.3)));
        wide.accept(lidar(3, 200, obstacle(0.3)));
        List<Action> sent = sink.actions();

        assertEquals(sent, wide.recentActions("r1", 10));
        assertEquals("the newest two", sent.subList(1, 3), wide.recentActions("r1", 2));
        assertEquals(List.of(), wide.recentActions("r1", 0));
        assertEquals(List.of(), wide.recentActions("another-robot", 10));
    }

    @Test
    public void aRepeatSuppressedIsExplainedButNotListedAmongTheSentActions() {
        SceneCoordinator suppressing = coordinator(Map.of("actionHistory", 10, "repeatSuppressionMs", 2000L));
        suppressing.accept(lidar(1, 0, obstacle(0.3)));
        suppressing.accept(lidar(2, 100, obstacle(0.3)));
        List<Action> sent = sink.actions();
        assertEquals(1, sent.size());
        assertEquals(sent, suppressing.recentActions("r1", 10));
        assertEquals("the repeat was decided (robot:scene shows it)", 2,
                suppressing.latest("r1").actions().get(0).sourceSequence());
        assertEquals(2, suppressing.action(suppressing.latest("r1").actions().get(0).actionId()).sourceSequence());
    }

    @Test
    public void repeatIsSentAgainOnceTheSuppressionTimeHasPassed() {
        coordinator.accept(lidar(1, 0, person(3.0)));
        coordinator.accept(lidar(2, 1999, person(3.0)));
        coordinator.accept(lidar(3, 2000, person(3.0)));
        coordinator.accept(lidar(4, 3999, person(3.0)));
        coordinator.accept(lidar(5, 4000, person(3.0)));

        assertEquals(List.of(1L, 3L, 5L), sink.actions().stream().map(Action::sourceSequence).toList());
    }

    @Test
    public void changeOfTypeOrLabelIsSentAtOnce() {
        coordinator.accept(lidar(1, 0, person(3.0)));
        coordinator.accept(lidar(2, 10, obstacle(0.2)));
        coordinator.accept(lidar(3, 20, person(3.0)));
        coordinator.accept(lidar(4, 30, person(0.2)));

        assertEquals(List.of("approach", "stop", "approach", "stop"), sink.types());
        assertEquals("person", sink.actions().get(3).parameters().get("label"));
    }

    /**
     * Regression: suppression compared each action with the one sent just before, so an [approach, speak]
     * decision went out whole on every scene.
     */
    @Test
    public void decisionOfTwoActionsIsSuppressedAsOne() {
        Observation help = observe("r1", "text", 1, 0, Detection.nonSpatial("help", 1.0, Map.of("text", "help me")));
        coordinator.accept(help);
        coordinator.accept(lidar(2, 100, person(3.0)));
        coordinator.accept(lidar(3, 200, person(2.9)));
        coordinator.accept(lidar(4, 300, person(2.8)));

        assertEquals(List.of("speak", "approach", "speak"), sink.types());
        assertEquals("I hear you, but I cannot see you. Where are you?",
                sink.actions().get(0).parameters().get("text"));
        assertEquals("two scenes of two actions each", 4, coordinator.stats().suppressed());
    }

    @Test
    public void latestSceneIsKeptPerRobotWithItsDecisionBeforeSuppression() {
        assertEquals(null, coordinator.latest("r1"));
        coordinator.accept(lidar(1, 0, person(3.0)));
        Observation help = observe("r1", "text", 2, 100, Detection.nonSpatial("help", 1.0, Map.of("text", "help me")));
        coordinator.accept(help);
        coordinator.accept(lidar(3, 200, person(2.9)));

        DecidedScene latest = coordinator.latest("r1");
        assertEquals(3, latest.scene().sequence());
        assertEquals(List.of("lidar", "text"), latest.scene().observations().stream().map(Observation::modality)
                .toList());
        assertEquals("test", latest.engine());
        assertEquals("suppressed, but shown", List.of("approach", "speak"),
                latest.actions().stream().map(Action::type).toList());
        assertEquals(null, coordinator.latest("r2"));

        boundEngine.set(null);
        coordinator.accept(lidar(4, 300));
        assertEquals(null, coordinator.latest("r1").engine());
        assertEquals(List.of(), coordinator.latest("r1").actions());
    }

    @Test
    public void zeroSuppressionSendsEveryAction() {
        SceneCoordinator unsuppressed = coordinator(Map.of("repeatSuppressionMs", 0L));
        for (int i = 0; i < 5; i++) {
            unsuppressed.accept(lidar(i, i, person(3.0)));
        }
        assertEquals(5, sink.actions().size());
    }

    @Test
    public void sceneHoldsTheNearestObservationPerModalityInsideTheWindow() {
        Observation lidar1 = lidar(1, 0, person(3.0));
        Observation lidar2 = lidar(2, 100);
        Observation vision = observe("r1", "vision", 7, 300, obstacle(0.45));
        Observation lidar3 = lidar(3, 801);

        coordinator.accept(lidar1);
        coordinator.accept(lidar2);
        coordinator.accept(vision);
        coordinator.accept(lidar3);

        List<Scene> scenes = engine.scenes();
        assertEquals(List.of(1L, 2L, 3L, 4L), scenes.stream().map(Scene::sequence).toList());
        assertEquals(List.of(lidar2), scenes.get(1).observations());
        assertEquals(List.of(lidar2, vision), scenes.get(2).observations());
        assertSame(vision, scenes.get(2).trigger());
        // 801 ms: lidar2 (701 ms old) has been replaced; vision is 501 ms old, outside the 500 ms window.
        assertEquals(List.of(lidar3), scenes.get(3).observations());
        // The vision obstacle at 0.45 m stopped the robot while it was in the scene.
        assertEquals(List.of("approach", "stop"), sink.types());
        assertEquals(7, sink.actions().get(1).sourceSequence());
    }

    /**
     * Regression: a transcript (a text percept derived from audio, with the audio's ingest time) arrived after a
     * LIDAR scan ingested over a window later, which had dropped the camera's person for good; the call for help was
     * then answered with "I cannot see you" although the camera saw the person next to the microphone.
     */
    @Test
    public void derivedObservationOlderThanTheLatestStillSeesWhatWasAroundIt() {
        Observation camera = observe("r1", "camera", 1, 0, new Detection("person", 0.6, 1.5, 0.15, 0.6,
                Map.of(Detection.DISTANCE_METHOD, "box_height")));
        Observation audio = observe("r1", "audio", 2, 5);
        Observation lateScan = lidar(3, 900, obstacle(8.0));
        Observation transcript = observe("r1", "text", 2, 5,
                Detection.nonSpatial("help", 1.0, Map.of("text", "help me")));

        coordinator.accept(camera);
        coordinator.accept(audio);
        coordinator.accept(lateScan);
        coordinator.accept(transcript);

        Scene scene = engine.scenes().get(3);
        assertEquals(List.of(audio, camera, transcript), scene.observations());
        assertEquals(List.of("approach", "approach", "speak"), sink.types());
        assertEquals("I am coming to help you.", sink.actions().get(2).parameters().get("text"));
    }

    /**
     * Regression (ReasoningEndToEndIT, fresh clone): the robot's camera streamed on while the words were being
     * transcribed, in parallel on the audio lane; only the newest frame of each modality was kept, and by the time
     * the transcript arrived it was outside the window, so RaBAB decided the call for help without the camera fact.
     */
    @Test
    public void regressionTranscriptAfterAStreamingCameraKeepsTheFrameTakenWithTheWords() {
        Detection seen = new Detection("person", 0.6, 1.5, 0.15, 0.6, Map.of(Detection.DISTANCE_METHOD, "box_height"));
        List<Observation> frames = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            frames.add(observe("r1", "camera", 10 + i, i * 200, seen));
        }
        Observation audio = observe("r1", "audio", 2, 90);
        Observation transcript = observe("r1", "text", 2, 90,
                Detection.nonSpatial("help", 1.0, Map.of("text", "help me")));

        coordinator.accept(frames.get(0));
        coordinator.accept(audio);
        for (Observation frame : frames.subList(1, 6)) {
            coordinator.accept(frame);
        }
        coordinator.accept(transcript);

        Scene scene = engine.scenes().get(engine.scenes().size() - 1);
        assertSame(transcript, scene.trigger());
        // The frames at 0 and 200 ms are 90 and 110 ms from the words; the newest, at 1000 ms, is out of the window.
        assertEquals(List.of(audio, frames.get(0), transcript), scene.observations());
        Action last = sink.actions().get(sink.actions().size() - 1);
        assertEquals("I am coming to help you.", last.parameters().get("text"));
    }

    /** Only the last {@value RobotState#RECENT} of a modality are kept: memory does not grow with the stream. */
    @Test
    public void aModalityKeepsOnlyItsRecentObservations() {
        for (int i = 0; i <= RobotState.RECENT; i++) {
            coordinator.accept(lidar(i + 1, i));
        }
        Observation late = observe("r1", "text", 99, 0, Detection.nonSpatial("unknown", 1.0, Map.of("text", "hm")));
        coordinator.accept(late);
        // Scan 1 at 0 ms was dropped from the window's memory; scan 2 at 1 ms is the nearest kept.
        Scene scene = engine.scenes().get(engine.scenes().size() - 1);
        assertEquals(List.of(2L, 99L), scene.observations().stream().map(Observation::perceptSequence).toList());
    }

    @Test
    public void everyRobotHasItsOwnScenesAndSuppression() {
        coordinator.accept(lidar(1, 0, person(3.0)));
        coordinator.accept(observe("r2", "lidar", 1, 0, person(3.0)));
        coordinator.accept(lidar(2, 10, person(3.0)));

        assertEquals(List.of("r1", "r2"), sink.actions().stream().map(Action::robotId).toList());
        assertEquals(List.of(1L, 1L, 2L), engine.scenes().stream().map(Scene::sequence).toList());
    }

    @Test
    public void withoutAnEngineScenesAreCountedAndSkippedUntilOneIsBound() {
        boundEngine.set(null);
        coordinator.accept(lidar(1, 0, obstacle(0.2)));
        coordinator.accept(lidar(2, 10, obstacle(0.2)));
        assertTrue(sink.actions().isEmpty());
        assertEquals(2, coordinator.stats().noEngine());
        assertEquals("logged once, not per scene", 1, events.size());

        boundEngine.set(engine);
        coordinator.accept(lidar(3, 20, obstacle(0.2)));
        assertEquals(List.of("stop"), sink.types());
        assertEquals(3, sink.actions().get(0).sceneSequence());
    }

    @Test
    public void engineFailureIsCountedAndTheNextSceneIsDecided() {
        boundEngine.set(scene -> {
            throw new IllegalStateException("boom");
        });
        coordinator.accept(lidar(1, 0, obstacle(0.2)));
        boundEngine.set(scene -> null);
        coordinator.accept(lidar(2, 10, obstacle(0.2)));
        assertEquals(2, coordinator.stats().engineFailures());

        boundEngine.set(engine);
        coordinator.accept(lidar(3, 20, obstacle(0.2)));
        assertEquals(List.of("stop"), sink.types());
    }

    @Test
    public void undeliverableActionIsCountedAndNotTakenAsSent() {
        boundSink.set(null);
        coordinator.accept(lidar(1, 0, obstacle(0.2)));
        boundSink.set(action -> {
            throw new IllegalStateException("outbox full");
        });
        coordinator.accept(lidar(2, 10, obstacle(0.2)));
        assertEquals(2, coordinator.stats().undeliverable());
        assertEquals("logged once, not per action", 1, events.size());
        assertTrue(events.get(0), events.get(0).startsWith("undeliverable actions (1 so far): no action sink for stop"));

        boundSink.set(sink);
        coordinator.accept(lidar(3, 20, obstacle(0.2)));
        assertEquals("not suppressed: the earlier stops never left", List.of("stop"), sink.types());
        assertEquals(3, sink.actions().get(0).sourceSequence());
    }

    @Test
    public void idleRobotsAreEvicted() {
        coordinator.accept(lidar(1, 0, person(3.0)));
        coordinator.accept(observe("r2", "lidar", 1, 0));
        assertEquals(2, coordinator.stats().robots());

        clock.addAndGet(ms(30_000));
        coordinator.accept(observe("r2", "lidar", 2, 30_000));
        clock.addAndGet(ms(31_000));
        coordinator.accept(observe("r2", "lidar", 3, 61_000));
        assertEquals(1, coordinator.stats().robotsEvicted());
        assertEquals(1, coordinator.stats().robots());

        // r1 starts afresh: scene numbering and suppression begin again.
        coordinator.accept(lidar(2, 61_000, person(3.0)));
        Scene last = engine.scenes().get(engine.scenes().size() - 1);
        assertEquals("r1", last.robotId());
        assertEquals(1, last.sequence());
        assertEquals(2, sink.actions().size());
    }

    @Test
    public void robotsBeyondMaxRobotsAreRefusedUntilOneIsEvicted() {
        SceneCoordinator two = coordinator(Map.of("maxRobots", 2));
        two.accept(observe("r1", "lidar", 1, 0));
        two.accept(observe("r2", "lidar", 1, 0));
        two.accept(observe("r3", "lidar", 1, 0));
        assertEquals(1, two.stats().robotsRefused());
        assertEquals(2, two.stats().robots());

        clock.addAndGet(ms(60_001));
        two.accept(observe("r3", "lidar", 2, 60_001));
        assertEquals(2, two.stats().robotsEvicted());
        assertEquals(1, two.stats().robots());
        assertEquals(1, two.stats().robotsRefused());
    }

    @Test
    public void liveParameterChangeAppliesToTheNextObservation() {
        coordinator.accept(lidar(1, 0, person(3.0)));
        coordinator.update(new CoordinatorOptions(500, 0, 60_000, 10_000, 10_000, 100, 30, 60));
        coordinator.accept(lidar(2, 10, person(3.0)));
        assertEquals(2, sink.actions().size());
    }

    @Test
    public void robotsOnConcurrentThreadsKeepTheirOwnOrder() throws Exception {
        int robots = 8;
        int perRobot = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(robots);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < robots; r++) {
                String robot = "r" + r;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perRobot; i++) {
                        // Alternating stop and approach: every action is a change of type, so all are sent.
                        coordinator.accept(observe(robot, "lidar", i, i, i % 2 == 0 ? obstacle(0.2) : person(3.0)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(robots * perRobot, sink.actions().size());
        for (int r = 0; r < robots; r++) {
            String robot = "r" + r;
            List<Action> mine = sink.actions().stream().filter(a -> a.robotId().equals(robot)).toList();
            for (int i = 0; i < perRobot; i++) {
                assertEquals(i + 1, mine.get(i).sceneSequence());
                assertEquals(i, mine.get(i).sourceSequence());
                assertEquals(i % 2 == 0 ? "stop" : "approach", mine.get(i).type());
            }
        }
    }

    @Test
    public void defaultsAndBounds() {
        assertEquals(new CoordinatorOptions(500, 2000, 60_000, 10_000, 10_000, 100, 30, 60),
                CoordinatorOptions.from(Configs.defaults(CoordinatorConfig.class)));
        try {
            CoordinatorOptions.from(Configs.of(CoordinatorConfig.class, Map.of("windowMs", 0L)));
            fail("accepted windowMs 0");
        } catch (IllegalArgumentException e) {
            assertEquals("org.cogos.coordinator.windowMs = 0 is outside [1, 60000]", e.getMessage());
        }
    }

    /** An engine standing in for any engine's command rules: acts on the trigger's first utterance. */
    private static final DecisionEngine COMMANDS = scene -> {
        Observation trigger = scene.trigger();
        if (trigger.detections().isEmpty() || trigger.detections().get(0).spatial()) {
            return List.of();
        }
        Detection said = trigger.detections().get(0);
        String role = said.label();
        Map<String, Object> params = switch (said.label()) {
            case "stop" -> Map.of("cause", "command");
            case "resume" -> Map.of("text", "Resuming.", "label", "confirm");
            default -> Map.of("direction", "forward", "distance_m", 1.0);
        };
        String type = switch (said.label()) {
            case "stop" -> "stop";
            case "resume", "greet" -> "speak";
            default -> said.label();
        };
        return List.of(new Action(UUID.randomUUID().toString(), scene.robotId(), type, params, 0, type,
                scene.sequence(), trigger.sourceSequence(), new Provenance("test", List.of(),
                        List.of(Provenance.FactUse.of(role, trigger, said)))));
    };

    private static Observation said(long seq, long atMs, String intent) {
        return observe("r1", "text", seq, atMs, Detection.nonSpatial(intent, 1.0, Map.of("text", intent)));
    }

    @Test
    public void commandedStopLatchesMotionUntilResume() {
        boundEngine.set(COMMANDS);
        SceneCoordinator latching = coordinator(Map.of("stopLatchS", 30));
        latching.accept(said(1, 0, "move"));
        latching.accept(said(2, 100, "stop"));
        latching.accept(said(3, 200, "move"));
        latching.accept(said(4, 300, "turn"));
        assertEquals("the scene shows what the engine decided", List.of("turn"), latching.latest("r1").actions()
                .stream().map(Action::type).toList());
        latching.accept(said(5, 400, "greet"));
        assertEquals("motion held back while latched, speech goes out", List.of("move", "stop", "speak"),
                sink.types());
        assertEquals(2, latching.stats().latched());

        latching.accept(said(6, 500, "resume"));
        latching.accept(said(7, 600, "move"));
        assertEquals(List.of("move", "stop", "speak", "speak", "move"), sink.types());
    }

    @Test
    public void stopLatchEndsAfterStopLatchS() {
        boundEngine.set(COMMANDS);
        SceneCoordinator latching = coordinator(Map.of("stopLatchS", 5));
        latching.accept(said(1, 0, "stop"));
        clock.addAndGet(ms(4_999));
        latching.accept(said(2, 100, "move"));
        clock.addAndGet(ms(1));
        latching.accept(said(3, 200, "move"));
        assertEquals(List.of("stop", "move"), sink.types());
        assertEquals(1, latching.stats().latched());
    }

    @Test
    public void zeroStopLatchSLatchesNothing() {
        boundEngine.set(COMMANDS);
        SceneCoordinator unlatched = coordinator(Map.of("stopLatchS", 0));
        unlatched.accept(said(1, 0, "stop"));
        unlatched.accept(said(2, 100, "move"));
        assertEquals(List.of("stop", "move"), sink.types());
    }

    @Test
    public void commandedStopIsNeverSuppressedAsARepeat() {
        boundEngine.set(COMMANDS);
        coordinator.accept(said(1, 0, "stop"));
        coordinator.accept(said(2, 100, "stop"));
        coordinator.accept(said(3, 200, "stop"));
        assertEquals(List.of("stop", "stop", "stop"), sink.types());
        assertEquals(0, coordinator.stats().suppressed());
    }

    @Test
    public void obstacleStopDoesNotLatch() {
        boundEngine.set(scene -> scene.trigger().modality().equals("lidar") ? rules.decide(scene)
                : COMMANDS.decide(scene));
        coordinator.accept(lidar(1, 0, obstacle(0.2)));
        coordinator.accept(said(2, 100, "move"));
        assertEquals(List.of("stop", "move"), sink.types());
    }

    @Test
    public void anObstacleStopDecidedOnASpokenStopLatchesToo() {
        boundEngine.set(scene -> {
            Observation trigger = scene.trigger();
            Detection said = trigger.detections().get(0);
            if (!said.label().equals("stop")) {
                return COMMANDS.decide(scene);
            }
            // What the rules engine's R1 sends when "stop" is said beside an obstacle: the obstacle decides, the
            // sentence is a second fact.
            return List.of(new Action("o1", "r1", "stop", Map.of("cause", "obstacle"), 0, "R1", scene.sequence(),
                    trigger.sourceSequence(), new Provenance("test", List.of(), List.of(
                            Provenance.FactUse.of("obstacle", trigger, said),
                            Provenance.FactUse.of("stop", trigger, said)))));
        });
        coordinator.accept(said(1, 0, "stop"));
        coordinator.accept(said(2, 100, "move"));
        assertEquals(List.of("stop"), sink.types());
        assertEquals(1, coordinator.stats().latched());
    }

    @Test
    public void aCommandSaidTwiceIsCarriedOutTwice() {
        boundEngine.set(COMMANDS);
        coordinator.accept(said(1, 0, "turn"));
        coordinator.accept(said(2, 100, "turn"));
        assertEquals(List.of("turn", "turn"), sink.types());
    }

    @Test
    public void theRobotsOwnBehavioursWaitWhileACommandedMotionIsUnderWay() {
        SceneCoordinator holding = coordinator(Map.of("commandHoldS", 10, "repeatSuppressionMs", 0L));
        boundEngine.set(scene -> scene.trigger().modality().equals("lidar") ? rules.decide(scene)
                : COMMANDS.decide(scene));
        holding.accept(said(1, 0, "turn"));
        holding.accept(lidar(2, 100, person(3.0)));
        assertEquals("the approach waits for the turn", List.of("turn"), sink.types());
        assertEquals(1, holding.stats().heldForCommand());

        holding.acknowledged("r1", sink.actions().get(0).actionId());
        holding.accept(lidar(3, 200, person(3.0)));
        assertEquals("the turn is done: the robot's behaviours go on", List.of("turn", "approach"), sink.types());

        holding.accept(said(4, 300, "move"));
        holding.accept(lidar(5, 400, obstacle(0.2)));
        assertEquals("a safety stop is never held back", List.of("turn", "approach", "move", "stop"),
                sink.types());
        clock.addAndGet(ms(10_000));
        holding.accept(lidar(6, 500, person(3.0)));
        assertEquals("no ack within commandHoldS: the hold ends", "approach", sink.types().get(4));
    }
}
