package org.cogos.reasoning.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cogos.api.Action;
import org.cogos.api.Detection;
import org.cogos.api.Observation;
import org.cogos.api.Provenance;
import org.cogos.api.Provenance.FactUse;
import org.cogos.api.Provenance.RuleUse;
import org.cogos.api.Scene;
import org.cogos.reasoning.internal.embedding.WordVectors;
import org.cogos.reasoning.internal.kg.KnowledgeGraph;
import org.cogos.reasoning.internal.logic.PredicateRegistry;
import org.cogos.reasoning.internal.plan.ResourceClaim;
import org.cogos.reasoning.internal.plan.ResourceManager;
import org.junit.Test;

public class RababEngineTest {

    static final ReasoningOptions OPTIONS = new ReasoningOptions(30, 1000, 0.2, 4096, 0.2, 1.0,
            "I am coming to help you.", "I hear you, but I cannot see you. Where are you?");

    private final RababEngine engine = engine();

    static RababEngine engine() {
        return engine(new ResourceManager());
    }

    static RababEngine engine(ResourceManager resources) {
        try {
            PredicateRegistry registry = new PredicateRegistry(Behaviour.goalSignatures());
            for (String definition : RababComponent.shippedDefinitions()) {
                registry.evolvePredicate(definition);
            }
            return new RababEngine(OPTIONS, registry, new KnowledgeGraph(1000, 0.2),
                    new EmbeddingCache(WordVectors.readBundled()), new PlanRunner(resources));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seed scenario's observations: the camera's person, "help me" heard, the LIDAR's person at 3.05 m. */
    static Observation camera(long seq, double distance) {
        return new Observation("r1", "camera", "vision", seq, seq, 0, 0, List.of(new Detection("person", 0.61,
                distance, 0.12, 0.5, Map.of(Detection.DISTANCE_METHOD, "box_height"))));
    }

    static Observation audio(long seq) {
        return new Observation("r1", "audio", "audio", seq, seq, 0, 0,
                List.of(Detection.nonSpatial("speech", 0.97, Map.of("duration_ms", "900"))));
    }

    /** The transcript keeps the recording's percept sequence. */
    static Observation text(long seq, String intent, String sentence) {
        return new Observation("r1", "text", "language", seq, seq, 0, 0,
                List.of(Detection.nonSpatial(intent, 0.95, Map.of("text", sentence))));
    }

    static Observation lidar(long seq, Detection... detections) {
        return new Observation("r1", "lidar", "sensor", seq, seq, 0, 0, List.of(detections));
    }

    static Detection person(double distance) {
        return new Detection("person", 0.9, distance, 0.1, 0.45);
    }

    static Scene scene(long sequence, Observation trigger, Observation... others) {
        List<Observation> all = new java.util.ArrayList<>(List.of(others));
        all.add(0, trigger);
        return new Scene("r1", sequence, 0, all, trigger);
    }

    private static List<String> types(List<Action> actions) {
        return actions.stream().map(Action::type).toList();
    }

    @Test
    public void personThreeMetresAwayAskingForHelpIsApproachedAndAnsweredWithProvenance() {
        List<Action> actions = engine.decide(scene(7, text(20, "help", "help me"), camera(18, 2.7), audio(20),
                lidar(812, person(3.05))));

        assertEquals(List.of("approach", "speak"), types(actions));
        Action approach = actions.get(0);
        assertEquals("the LIDAR's measured range, not the camera's estimate", 3.05,
                (Double) approach.parameters().get("distance_m"), 1e-9);
        assertEquals(2.05, (Double) approach.parameters().get("target_distance_m"), 1e-9);
        assertEquals(0.1, (Double) approach.parameters().get("bearing_rad"), 1e-9);
        assertEquals("I am coming to help you.", actions.get(1).parameters().get("text"));
        assertEquals("help me", actions.get(1).parameters().get("in_reply_to"));

        Provenance provenance = approach.provenance();
        assertEquals(provenance, actions.get(1).provenance());
        assertEquals("rabab", provenance.engine());
        assertEquals(List.of("help_for", "help_requested", "person_in_reach"),
                provenance.rules().stream().map(RuleUse::rule).sorted().toList());
        assertEquals("the goal first", "help_for", provenance.rules().get(0).rule());
        Map<String, String> modules = provenance.facts().stream()
                .collect(Collectors.toMap(FactUse::modality, f -> f.role() + "/" + f.module() + "/" + f.label()));
        assertEquals(Map.of("text", "i/language/help", "lidar", "e/sensor/person", "camera", "support/vision/person",
                "audio", "support/audio/speech"), modules);
        assertTrue(approach.reason(), approach.reason().startsWith("rabab assist: help_for v1 (reliability 0.50) "
                + "holds for i = help \"help me\" (text seq 20), e = person at 3.05 m bearing 0.10 rad (lidar seq 812)"));
    }

    @Test
    public void stopWinsTheBaseButTheCallForHelpIsNotAnsweredAsUnseen() {
        List<Action> actions = engine.decide(scene(1, text(4, "help", "help me"),
                lidar(5, person(3.0), new Detection("obstacle", 1, 0.3, 0, 0.2))));
        assertEquals("assist needs the base stop holds; the person is seen, so no unseen reply",
                List.of("stop"), types(actions));
        assertEquals("too_near", actions.get(0).provenance().rules().get(0).rule());
    }

    @Test
    public void callForHelpFromNobodySeenIsAnsweredAndACupIsNoPerson() {
        List<Action> actions = engine.decide(scene(1, text(4, "help", "help me"),
                lidar(5, new Detection("cup", 0.9, 2.0, 0, 0.1))));
        assertEquals(List.of("speak"), types(actions));
        assertEquals("I hear you, but I cannot see you. Where are you?", actions.get(0).parameters().get("text"));
    }

    @Test
    public void neuralPartDecidesWhatTheCallForHelpIsAbout() {
        engine.registry().evolvePredicate("person_in_reach(e: Entity) := e.confidence >= 0.5 and e.distance <= 5");
        List<Action> toCar = engine.decide(scene(1, text(4, "help", "help me"),
                lidar(5, new Detection("car", 0.9, 2.0, 0, 2))));
        assertEquals("help me ~ car is 0.47, under help_for's 0.55: no assist, so the unseen reply, and the car "
                + "is in reach for approach_person", List.of("speak", "approach"), types(toCar));
        assertEquals(OPTIONS.helpUnseenReply(), toCar.get(0).parameters().get("text"));
        assertEquals(List.of("approach", "speak"), types(engine.decide(scene(2, text(6, "help", "help me"),
                lidar(7, person(2.0))))));
    }

    @Test
    public void drawARedPixelBecomesADisplayAction() {
        Action draw = engine.decide(scene(1, text(3, "unknown", "draw a red pixel at (100, 50)"))).get(0);
        assertEquals("draw_pixel", draw.type());
        assertEquals(Map.of("x", 100, "y", 50, "color", "red", "rgb", "#ff0000"), draw.parameters());
        assertEquals("draw_requested", draw.provenance().rules().get(0).rule());
        assertEquals("d", draw.provenance().facts().get(0).role());
        List<Action> offDisplay = engine.decide(scene(2, text(4, "unknown", "draw a red pixel at (700, 50)")));
        assertEquals("off the 640 x 480 display: not drawn, and answered rather than met with silence",
                List.of("speak"), types(offDisplay));
        assertEquals("unknown", offDisplay.get(0).parameters().get("label"));
    }

    @Test
    public void drawingAndApproachingUseDifferentActuatorsInOneDecision() {
        List<Action> actions = engine.decide(scene(1, text(3, "unknown", "draw a blue pixel at 1, 2"),
                lidar(4, person(2.0))));
        assertEquals(List.of("approach", "draw_pixel"), types(actions));
    }

    @Test
    public void acksMakeARuleMoreOrLessReliableAndAnUnreliableRuleIsNotActedOn() {
        Scene scene = scene(1, lidar(5, person(2.0)));
        Action approach = engine.decide(scene).get(0);
        assertTrue(engine.outcome(approach, true));
        assertEquals(2.0 / 3, engine.reliabilityOf("approach_person").mean(), 1e-9);
        assertEquals("callees learn too", 2.0 / 3, engine.reliabilityOf("person_in_reach").mean(), 1e-9);
        for (int i = 0; i < 12; i++) {
            engine.outcome(approach, false);
        }
        assertTrue(engine.reliabilityOf("approach_person").mean() < OPTIONS.minReliability());
        assertTrue(engine.decide(scene).isEmpty());
        assertEquals(1, engine.unreliableSkipped());
        assertEquals("the graph learnt it too", 1, engine.graph().query("approach_person", "works_for", "r1", 0, 10)
                .size());
    }

    /**
     * ReasoningEndToEndIT under load: a decision that overran engineTimeoutMs still held the robot's actuators when
     * the next scene came, RaBAB returned no actions for it, and the coordinator took that for "nothing to do": the
     * scene went undecided. It fails instead, so the coordinator asks the next-ranked engine.
     */
    @Test
    public void regressionASceneAfterAnOverrunDecisionWentUndecided() {
        ResourceManager resources = new ResourceManager();
        RababEngine shared = engine(resources);
        try (var held = resources.grant("r1", List.of(ResourceClaim.actuator("base")))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> shared.decide(scene(1, lidar(5, person(2.0)))));
            assertTrue(e.getMessage(), e.getMessage().contains("held by an earlier decision still running"));
        }
        assertEquals(List.of("approach"), types(shared.decide(scene(2, lidar(6, person(2.0))))));
    }

    @Test
    public void otherEnginesOutcomesAreIgnored() {
        Action rules = new Action("a", "r1", "stop", Map.of(), 0, "rules R1", 1, 1, Provenance.unrecorded("rules"));
        assertFalse(engine.outcome(rules, false));
    }

    @Test
    public void scenesTeachTheKnowledgeGraph() {
        engine.decide(scene(7, text(20, "help", "help me"), camera(18, 2.7), audio(20), lidar(812, person(3.05))));
        assertFalse(engine.graph().query("r1", "sees", "person", 0, 10).isEmpty());
        assertFalse(engine.graph().query("r1", "hears", "help", 0, 10).isEmpty());
        assertEquals(0.64, engine.graph().get("help", "refers_to", "person").orElseThrow().strength() / 0.2, 0.02);
        assertTrue(engine.takeChanged());
    }
}
